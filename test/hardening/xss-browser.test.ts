/**
 * XSS, live half: the real webview bundle in real Chromium under the real CSP (as in
 * test/unit/webview-browser.test.ts). Each payload is posted as agent text (markdown), as a
 * file name in a system line, as an error and as a notice. A canary `window.__xss()` counts
 * calls; it must stay at 0, the log must hold no script/handler/javascript: link, and the words
 * still read.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { renderChatHtml } from '../../src/ui/chatHtml';
import { EXPECTED_CSP, XSS_CORPUS } from './xssCorpus';

const CHROMIUM = '/usr/bin/chromium';
const skip = existsSync(CHROMIUM) ? false : `needs ${CHROMIUM}`;

const BOOT = `(() => {
  window.__xssCalls = 0; window.__xss = () => { window.__xssCalls++; }; window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective));
  window.acquireVsCodeApi = () => ({ postMessage: () => {}, getState: () => undefined, setState: () => {} });
  const s = document.createElement('script'); s.nonce = document.currentScript.nonce; s.src = '/main.js'; document.body.append(s);
})();`;

interface InPageResult {
  calls: number;
  violations: number;
  bad: string[];
  assistant: string;
  system: string;
  error: string;
  notice: string;
}

/**
 * Runs in the page (a string, so the test compiler's helpers never leak into it): posts one
 * payload through four channels, waits for frames, images and queued tasks, then reports.
 */
const IN_PAGE = `async ({ id, text }) => {
  const post = (m) => window.postMessage(m, '*');
  post({ type: 'message-start', id, role: 'assistant' });
  post({ type: 'message-final', id, text });
  post({ type: 'message-start', id: id + 's', role: 'system' });
  post({ type: 'message-final', id: id + 's', text: 'Added 1 file: ' + text });
  post({ type: 'error', text: text + ': the file is empty' });
  post({ type: 'notice', text: 'Uploading ' + text });
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  await Promise.all([...document.images].map((img) => (img.complete ? undefined : new Promise((r) => { img.onload = img.onerror = r; }))));
  await new Promise((r) => setTimeout(r, 30));
  const log = document.getElementById('log');
  const bad = [...document.body.querySelectorAll('*')].flatMap((n) => {
    const out = [];
    if (['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'IMG', 'SVG', 'STYLE', 'LINK', 'META', 'BASE', 'FORM'].includes(n.tagName.toUpperCase()) && n.closest('#log, #error, #activity')) out.push(n.tagName);
    for (const a of n.attributes) {
      if (a.name.startsWith('on')) out.push(n.tagName + '[' + a.name + ']');
      if (a.name === 'href' && !/^(https?:|mailto:)/i.test(a.value.trim())) out.push(n.tagName + '[href=' + a.value + ']');
    }
    return out;
  });
  return {
    calls: window.__xssCalls, violations: window.__violations.length, bad,
    assistant: log.querySelector('[data-id="' + id + '"] .body')?.textContent ?? '',
    system: log.querySelector('[data-id="' + id + 's"] .body')?.textContent ?? '',
    error: document.getElementById('error-text')?.textContent ?? '',
    notice: document.getElementById('activity')?.textContent ?? '',
  };
}`;

let dir = '';
let server: Server;
let context: BrowserContext;
let page: Page;
let origin = '';

before(async () => {
  if (skip) return;
  dir = mkdtempSync(join(tmpdir(), 'vg-xss-'));
  await build({
    entryPoints: ['webview/main.ts'],
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    outfile: join(dir, 'main.js'),
    logLevel: 'error',
  });
  const files: Record<string, [string, string | Buffer]> = {
    '/boot.js': ['text/javascript', BOOT],
    '/main.js': ['text/javascript', readFileSync(join(dir, 'main.js'))],
    '/chat.css': ['text/css', readFileSync('webview/chat.css')],
  };
  server = createServer((req, res) => {
    if (req.url === '/') {
      res.setHeader('content-type', 'text/html');
      return res.end(
        renderChatHtml({
          cspSource: origin,
          nonce: 'n0nce',
          scriptUri: '/boot.js',
          styleUri: '/chat.css',
          codiconUri: '/chat.css',
          lang: 'en',
        }),
      );
    }
    const f = files[(req.url ?? '').split('?')[0]!];
    res.statusCode = f ? 200 : 404;
    if (f) res.setHeader('content-type', f[0]);
    res.end(f?.[1]);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  await openPage();
});

/** (Re)launches Chromium with a fresh profile and loads the panel. */
async function openPage(): Promise<void> {
  await context?.close().catch(() => undefined);
  context = await chromium.launchPersistentContext(mkdtempSync(join(dir, 'profile-')), {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${origin}/`);
  // Strings, not functions: this file is compiled without DOM types and tsx's helpers must not leak in.
  await page.waitForFunction("!!document.getElementById('log') && window.__xssCalls === 0");
  await page.evaluate(
    "window.postMessage({ type: 'init', busy: false, status: { phase: 'ready', text: 'Ready' }, messages: [] }, '*')",
  );
  await page.locator('#status-text', { hasText: 'Ready' }).waitFor();
}

function runPayload(id: string, text: string): Promise<InPageResult> {
  return page.evaluate(`(${IN_PAGE})(${JSON.stringify({ id, text })})`) as Promise<InPageResult>;
}

after(async () => {
  await context?.close();
  server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('[xss-sanitize] the live page carries exactly the expected CSP', { timeout: 300_000, skip }, async () => {
  const csp = await page.evaluate(
    `document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content')`,
  );
  assert.equal(csp, EXPECTED_CSP(origin, 'n0nce'));
});

XSS_CORPUS.forEach((p, i) => {
  test(
    `[xss] ${p.name}: never executes as agent text, file name, error or notice; the words still read`,
    { timeout: 300_000, skip },
    async (t) => {
      const id = `x${i}`;
      let result: InPageResult;
      try {
        result = await runPayload(id, p.text);
      } catch (e) {
        // Headless Chromium on a loaded 2-core machine occasionally dies (crashpad); a dead browser
        // executes nothing, so relaunch and run this payload again rather than fail every later one.
        if (!/has been closed|crashed/i.test(String(e))) throw e;
        t.diagnostic('chromium went away; relaunched it and ran this payload again');
        await openPage();
        result = await runPayload(id, p.text);
      }
      t.diagnostic(`xss-executed=${result.calls}`);
      assert.equal(result.calls, 0, 'the canary was never called');
      assert.deepEqual(result.bad, [], 'nothing executable in the DOM');
      assert.equal(result.violations, 0, 'the sanitiser stopped it before the CSP had to');
      assert.ok(
        result.assistant.includes(p.reads),
        `assistant text reads "${p.reads}": ${JSON.stringify(result.assistant)}`,
      );
      assert.equal(result.system, `Added 1 file: ${p.text}`, 'a file name is shown literally');
      assert.equal(result.error, `${p.text}: the file is empty`);
      assert.equal(result.notice, `Uploading ${p.text}`);
    },
  );
});

test(
  '[xss] control: the canary works — a script the CSP allowed would be counted',
  { timeout: 300_000, skip },
  async () => {
    assert.equal(await page.evaluate('window.__xss(), window.__xssCalls'), 1);
    await page.evaluate('window.__xssCalls = 0');
  },
);
