/**
 * The chat webview in a real browser (Debian's Chromium via playwright-core): the real bundle
 * under the real CSP from chatHtml.ts, with real layout — so CSP violations, auto-scroll and
 * per-frame batching are measured, not assumed. A stub `acquireVsCodeApi` records what the
 * webview posts. Needs /usr/bin/chromium (scripts/setup-vscode.mjs installs it).
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

const CHROMIUM = '/usr/bin/chromium';
const skip = existsSync(CHROMIUM) ? false : `needs ${CHROMIUM} (node scripts/setup-vscode.mjs)`;

// Defines the VS Code API stub, then loads the bundle with the same nonce (CSP allows only that).
const BOOT = `(() => {
  const posted = []; window.__posted = posted; window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
  let state; window.acquireVsCodeApi = () => ({ postMessage: (m) => posted.push(m), getState: () => state, setState: (s) => { state = s; } });
  const s = document.createElement('script'); s.nonce = document.currentScript.nonce; s.src = '/main.js'; document.body.append(s);
})();`;

let dir = '';
let server: Server;
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];

before(async () => {
  if (skip) return;
  dir = mkdtempSync(join(tmpdir(), 'vg-webview-'));
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
    '/codicon.css': ['text/css', readFileSync('node_modules/@vscode/codicons/dist/codicon.css')],
    '/codicon.ttf': ['font/ttf', readFileSync('node_modules/@vscode/codicons/dist/codicon.ttf')],
  };
  server = createServer((req, res) => {
    const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    if (req.url === '/') {
      res.setHeader('content-type', 'text/html');
      return res.end(
        renderChatHtml({
          cspSource: origin,
          nonce: 'n0nce',
          scriptUri: '/boot.js',
          styleUri: '/chat.css',
          codiconUri: '/codicon.css',
          lang: 'en',
        }),
      );
    }
    const f = files[(req.url ?? '').split('?')[0]!];
    if (!f) {
      res.statusCode = 404;
      return res.end();
    }
    res.setHeader('content-type', f[0]);
    res.end(f[1]);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  context = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 420, height: 500 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  await page.goto(`http://127.0.0.1:${(server.address() as { port: number }).port}/`);
  await page.waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted?.length > 0);
});

after(async () => {
  await context?.close();
  server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const host = (m: unknown) => page.evaluate((msg) => window.postMessage(msg, '*'), m);
const posted = () => page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted);

test('loads under the strict CSP without violations and says ready', { skip }, async () => {
  assert.deepEqual(await posted(), [{ type: 'ready' }]);
  await host({ type: 'init', busy: false, status: { phase: 'ready', text: 'Ready' }, messages: [] });
  await page.locator('#status-text', { hasText: 'Ready' }).waitFor();
  const fontOk = await page.evaluate(async () => (await document.fonts.load('16px codicon')).length > 0);
  assert.equal(fontOk, true, 'codicon font loads from the allowed source');
  assert.deepEqual(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations), []);
  assert.deepEqual(
    consoleErrors.filter((e) => /Content Security Policy|Refused/i.test(e)),
    [],
  );
  // Control: the CSP really refuses a script without the nonce, and the detector sees it.
  const control = await page.evaluate(async () => {
    const w = window as unknown as { __violations: string[]; __ran?: number };
    const s = document.createElement('script');
    s.textContent = 'window.__ran = 1';
    document.body.append(s);
    await new Promise((r) => setTimeout(r, 50));
    return { ran: w.__ran === 1, reported: w.__violations.length };
  });
  assert.deepEqual(control, { ran: false, reported: 1 });
});

test('streaming: 300 chunks become a few frame updates and the final text replaces them', { skip }, async () => {
  await host({ type: 'message-start', id: 'r1', role: 'assistant' });
  await page.locator('[data-id="r1"]').waitFor({ state: 'attached' }); // no words yet: hidden until its text comes
  const result = await page.evaluate(async () => {
    const body = document.querySelector('[data-id="r1"] .body')!;
    let writes = 0;
    new MutationObserver(() => {
      writes++;
    }).observe(body, { childList: true });
    for (let i = 0; i < 300; i++) window.postMessage({ type: 'chunk', id: 'r1', text: `w${i} ` }, '*');
    window.postMessage({ type: 'message-final', id: 'r1', text: 'The **final** reply.' }, '*');
    await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return { writes, text: body.textContent!.trim(), announced: document.getElementById('announcer')!.textContent };
  });
  assert.equal(result.text, 'The final reply.');
  assert.ok(
    result.writes >= 1 && result.writes <= 10,
    `DOM writes batched per frame (${result.writes} for 301 messages)`,
  );
  assert.equal(result.announced, 'Assistant: The final reply.');
});

test('auto-scroll follows, pauses when the user scrolls up, resumes at the bottom', { skip }, async () => {
  const long = Array.from({ length: 40 }, (_, i) => ({
    id: `m${i}`,
    role: i % 2 ? 'assistant' : 'user',
    text: `Message ${i}\n\nwith a second paragraph`,
  }));
  await host({ type: 'init', busy: false, status: { phase: 'ready', text: 'Ready' }, messages: long });
  const gap = () =>
    page.evaluate(() => {
      const l = document.getElementById('log')!;
      return l.scrollHeight - l.clientHeight - l.scrollTop;
    });
  await page.waitForFunction(() => document.querySelectorAll('#log article').length === 40);
  assert.ok((await gap()) < 5, 'starts at the bottom');
  await page.locator('#log').hover();
  await page.mouse.wheel(0, -100_000);
  await page.waitForFunction(() => document.getElementById('log')!.scrollTop === 0);
  const before = await page.evaluate(() => document.getElementById('log')!.scrollTop);
  await host({ type: 'message-final', id: 'new1', text: 'Arrives while the user reads above.\n\nLine\n\nLine' });
  await page.locator('[data-id="new1"]').waitFor();
  assert.equal(
    await page.evaluate(() => document.getElementById('log')!.scrollTop),
    before,
    'does not yank the user down',
  );
  await page.mouse.wheel(0, 100_000);
  await page.waitForFunction(() => {
    const l = document.getElementById('log')!;
    return l.scrollHeight - l.clientHeight - l.scrollTop < 5;
  });
  await host({ type: 'message-final', id: 'new2', text: 'Follows again.\n\nLine\n\nLine' });
  await page.locator('[data-id="new2"]').waitFor();
  await page.waitForFunction(() => {
    const l = document.getElementById('log')!;
    return l.scrollHeight - l.clientHeight - l.scrollTop < 5;
  });
});

test('typing and Enter posts send; Shift+Enter adds a line', { skip }, async () => {
  await page.locator('#input').fill('');
  await page.locator('#input').pressSequentially('first line');
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.type('second');
  await page.keyboard.press('Enter');
  const last = (await posted()).at(-1);
  assert.deepEqual(last, { type: 'send', text: 'first line\nsecond' });
  assert.equal(await page.locator('#input').inputValue(), '');
});

test(
  'the log stays pinned to the bottom when the error banner or a taller message box takes its space',
  { skip },
  async () => {
    const long = Array.from({ length: 30 }, (_, i) => ({
      id: `p${i}`,
      role: i % 2 ? 'assistant' : 'user',
      text: `Pinned ${i}\n\nsecond paragraph`,
    }));
    await host({ type: 'init', busy: false, status: { phase: 'ready', text: 'Ready' }, messages: long });
    await page.waitForFunction(() => document.querySelectorAll('#log article').length === 30);
    const gap = () =>
      page.evaluate(() => {
        const l = document.getElementById('log')!;
        return l.scrollHeight - l.clientHeight - l.scrollTop;
      });
    assert.ok((await gap()) < 5, 'starts at the bottom');
    // The last message must stay visible when the banner appears (it shrinks the log).
    await host({
      type: 'error',
      text: 'You are out of free credits. Register to keep your work and get more credits, or switch to the free local engine.',
      url: 'https://example.com/register',
      linkLabel: 'Register',
    });
    await page.locator('#error:not([hidden])').waitFor();
    await page.waitForFunction(
      () => {
        const l = document.getElementById('log')!;
        return l.scrollHeight - l.clientHeight - l.scrollTop < 5;
      },
      undefined,
      { timeout: 2_000 },
    );
    await page.locator('#error-dismiss').click();
    // A multi-line draft makes the message box taller: still pinned.
    await page.locator('#input').fill('one\ntwo\nthree\nfour\nfive\nsix');
    await page.waitForFunction(
      () => {
        const l = document.getElementById('log')!;
        return l.scrollHeight - l.clientHeight - l.scrollTop < 5;
      },
      undefined,
      { timeout: 2_000 },
    );
    await page.locator('#input').fill('');
  },
);

test(
  'after an error mid-reply the "Reply interrupted / Retry" row is in view, even when the user had scrolled up',
  { skip },
  async () => {
    const long = Array.from({ length: 30 }, (_, i) => ({
      id: `q${i}`,
      role: i % 2 ? 'assistant' : 'user',
      text: `Earlier ${i}\n\nsecond paragraph`,
    }));
    await host({ type: 'init', busy: true, status: { phase: 'ready', text: 'Ready' }, messages: long });
    await page.waitForFunction(() => document.querySelectorAll('#log article').length === 30);
    await host({ type: 'message-start', id: 'cut', role: 'assistant' });
    await host({ type: 'chunk', id: 'cut', text: 'Here is the plan for your video: first the beach photos, then' });
    await page.locator('#log').hover();
    await page.mouse.wheel(0, -100_000);
    await page.waitForFunction(() => document.getElementById('log')!.scrollTop === 0);
    const text =
      'The video agent stopped with an error: the model is overloaded. Your message is kept — try sending it again. '.repeat(
        6,
      );
    await host({ type: 'error', text });
    await host({ type: 'message-interrupted', id: 'cut' });
    await host({ type: 'busy', busy: false });
    await page.locator('#error:not([hidden])').waitFor();
    await page.waitForFunction(
      () => {
        const log = document.getElementById('log')!.getBoundingClientRect();
        const row = document.querySelector('[data-id="cut"] [data-retry]')!.getBoundingClientRect();
        return row.top >= log.top && row.bottom <= log.bottom;
      },
      undefined,
      { timeout: 2_000 },
    );
    const sizes = await page.evaluate(() => ({
      banner: document.getElementById('error')!.getBoundingClientRect().height,
      page: window.innerHeight,
    }));
    assert.ok(
      sizes.banner <= sizes.page * 0.31,
      `the banner keeps to a third of the panel (${sizes.banner} of ${sizes.page} px)`,
    );
    await page.locator('#error-dismiss').click();
  },
);
