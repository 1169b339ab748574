import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { makeNonce, renderChatHtml } from '../../src/ui/chatHtml';

const base = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'abc123==',
  scriptUri: 'https://x/dist/webview/main.js',
  styleUri: 'https://x/dist/webview/chat.css',
  codiconUri: 'https://x/dist/webview/codicon.css',
  lang: 'en',
};

test('the CSP allows only our own script by nonce, our styles/fonts, and no inline anything', () => {
  const html = renderChatHtml(base);
  const doc = new JSDOM(html).window.document;
  const csp = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content');
  assert.equal(
    csp,
    `default-src 'none'; img-src ${base.cspSource} data:; style-src ${base.cspSource}; font-src ${base.cspSource}; script-src 'nonce-abc123==';`,
  );
  const scripts = doc.querySelectorAll('script');
  assert.equal(scripts.length, 1);
  assert.equal(scripts[0]!.getAttribute('nonce'), 'abc123==');
  assert.equal(scripts[0]!.getAttribute('src'), base.scriptUri);
  assert.equal(scripts[0]!.textContent, '', 'no inline script');
  assert.equal(doc.querySelectorAll('style, [style]').length, 0, 'no inline styles');
  for (const node of doc.querySelectorAll('*')) {
    for (const a of node.attributes) assert.ok(!a.name.startsWith('on'), `inline handler ${a.name}`);
  }
  assert.deepEqual(
    [...doc.querySelectorAll('link[rel=stylesheet]')].map((l) => l.getAttribute('href')),
    [base.codiconUri, base.styleUri],
  );
});

test('the shell has what the webview script needs and an aria-live region', () => {
  const doc = new JSDOM(renderChatHtml(base)).window.document;
  for (const id of [
    'status',
    'status-text',
    'log',
    'activity',
    'error',
    'error-text',
    'error-link',
    'error-dismiss',
    'announcer',
    'input',
    'send',
    'stop',
  ]) {
    assert.ok(doc.getElementById(id), `#${id}`);
  }
  assert.equal(doc.getElementById('announcer')!.getAttribute('aria-live'), 'polite');
  assert.equal(doc.getElementById('stop')!.hidden, true);
});

test('localised strings and the language are escaped into the page, English fills gaps', () => {
  const html = renderChatHtml({ ...base, lang: 'zh-CN"><script>', strings: { send: '发送', stop: '<b>停止</b>' } });
  const doc = new JSDOM(html).window.document;
  assert.equal(doc.querySelectorAll('script').length, 1);
  assert.equal(doc.documentElement.getAttribute('lang'), 'zh-CN"><script>');
  assert.equal(doc.querySelector('#send .label')!.textContent, '发送');
  assert.equal(doc.querySelector('#stop .label')!.textContent, '<b>停止</b>');
  assert.equal(doc.querySelector('#stop b'), null);
  const strings = JSON.parse(doc.body.dataset.strings!);
  assert.equal(strings.send, '发送');
  assert.equal(strings.copy, 'Copy');
});

test('nonces are random, base64 and 128 bits', () => {
  const a = makeNonce();
  const b = makeNonce();
  assert.notEqual(a, b);
  assert.equal(Buffer.from(a, 'base64').length, 16);
});
