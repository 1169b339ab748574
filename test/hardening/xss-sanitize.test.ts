/**
 * XSS, static half: every corpus payload through the webview's markdown renderer (jsdom) — no
 * element or attribute that could run script, load something or restyle the panel survives,
 * and the words still read. Also the CSP of the chat shell, checked as a string.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMarkdownRenderer } from '../../webview/markdown';
import { renderChatHtml } from '../../src/ui/chatHtml';
import { EXPECTED_CSP, XSS_CORPUS } from './xssCorpus';

// The DOM this file touches, typed structurally: the main tsconfig has no DOM lib and jsdom
// ships no types (the webview's own jsdom tests are type-checked by webview/tsconfig.test.json).
interface Node0 {
  tagName: string;
  innerHTML: string;
  textContent: string | null;
  attributes: Iterable<{ name: string; value: string }>;
  querySelectorAll(selector: string): Iterable<Node0> & { length: number };
  getAttribute(name: string): string | null;
}
interface Doc0 {
  createElement(tag: string): Node0;
  querySelectorAll(selector: string): Iterable<Node0> & { length: number } & ArrayLike<Node0>;
  getElementById(id: string): Node0 | null;
}
type JsdomCtor = new (html: string) => { window: { document: Doc0 } };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { JSDOM } = require('jsdom') as { JSDOM: JsdomCtor };

const dom = new JSDOM('<!DOCTYPE html><body></body>');
const render = createMarkdownRenderer(dom.window as unknown as Parameters<typeof createMarkdownRenderer>[0]);

const FORBIDDEN_TAGS = new Set([
  'script',
  'style',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'img',
  'form',
  'input',
  'button',
  'link',
  'meta',
  'base',
  'video',
  'audio',
  'source',
  'details',
  'marquee',
  'body',
]);

function box(html: string): Node0 {
  const b = dom.window.document.createElement('div');
  b.innerHTML = html;
  return b;
}

/** Everything in rendered HTML that could run script, load a resource or restyle the page. */
function dangers(html: string): string[] {
  const found: string[] = [];
  for (const node of box(html).querySelectorAll('*')) {
    const tag = node.tagName.toLowerCase();
    if (FORBIDDEN_TAGS.has(tag)) found.push(`<${tag}>`);
    for (const attr of node.attributes) {
      const name = attr.name.toLowerCase();
      if (
        name.startsWith('on') ||
        ['style', 'src', 'srcset', 'srcdoc', 'formaction', 'action', 'data', 'xlink:href'].includes(name)
      )
        found.push(`${tag}[${name}]`);
      if (name === 'href' && !/^(https?:|mailto:)/i.test(attr.value.trim())) found.push(`${tag}[href=${attr.value}]`);
    }
  }
  return found;
}

for (const p of XSS_CORPUS) {
  test(
    `[xss-sanitize] ${p.name}: nothing dangerous survives the markdown renderer, "${p.reads}" still reads`,
    { timeout: 120_000 },
    () => {
      const html = render(p.text);
      assert.deepEqual(dangers(html), [], html);
      assert.ok(
        (box(html).textContent ?? '').includes(p.reads),
        `"${p.reads}" missing from ${JSON.stringify(box(html).textContent)}`,
      );
    },
  );
}

test(
  '[xss-sanitize] the corpus has at least 50 payloads, each trying the canary or an unsafe load',
  { timeout: 120_000 },
  () => {
    assert.ok(XSS_CORPUS.length >= 50, `${XSS_CORPUS.length} payloads`);
    assert.equal(new Set(XSS_CORPUS.map((p) => p.name)).size, XSS_CORPUS.length, 'names are unique');
  },
);

test(
  '[xss-sanitize] CSP: exactly the expected policy — default-src none, script by nonce only, no unsafe-inline/unsafe-eval, no remote origins',
  { timeout: 120_000 },
  () => {
    const html = renderChatHtml({
      cspSource: 'vscode-webview://abc',
      nonce: 'N0nce',
      scriptUri: 's.js',
      styleUri: 's.css',
      codiconUri: 'c.css',
      lang: 'en',
    });
    const doc = new JSDOM(html).window.document;
    const metas = doc.querySelectorAll('meta[http-equiv="Content-Security-Policy"]');
    assert.equal(metas.length, 1);
    const csp = metas[0].getAttribute('content') ?? '';
    assert.equal(csp, EXPECTED_CSP('vscode-webview://abc', 'N0nce'));
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https?:|\*/);
    // Every script in the shell carries the nonce; no inline handlers anywhere in the shell.
    for (const s of doc.querySelectorAll('script')) assert.equal(s.getAttribute('nonce'), 'N0nce');
    assert.equal(
      [...doc.querySelectorAll('*')].flatMap((n) => [...n.attributes].filter((a) => a.name.startsWith('on'))).length,
      0,
    );
  },
);

test(
  '[xss-sanitize] the shell escapes hostile host values (language, strings) instead of injecting them',
  { timeout: 120_000 },
  () => {
    const html = renderChatHtml({
      cspSource: 'vscode-webview://abc',
      nonce: 'N',
      scriptUri: 's.js',
      styleUri: 's.css',
      codiconUri: 'c.css',
      lang: '"><script>__xss()</script>',
      strings: { send: '<img src=x onerror=__xss()>' },
    });
    const doc = new JSDOM(html).window.document;
    assert.equal(doc.querySelectorAll('script').length, 1, 'only the nonce script');
    assert.equal(doc.querySelectorAll('img').length, 0);
    assert.match(doc.getElementById('send')?.textContent ?? '', /<img src=x onerror=__xss\(\)>/);
  },
);
