import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseToHost, parseToWebview, type ToHostMessage, type ToWebviewMessage } from '../../src/protocol';

test('every webview → host message parses to itself', () => {
  const valid: ToHostMessage[] = [
    { type: 'ready' },
    { type: 'send', text: 'make a 30 s promo' },
    { type: 'stop' },
    { type: 'action', action: 'export' },
    { type: 'action', action: 'show-timeline' },
    { type: 'action', action: 'upload' },
    { type: 'action', action: 'credits' },
    { type: 'action', action: 'open-external', url: 'https://nemovideo.ai/register?x=1' },
    { type: 'copy', text: 'hello' },
    { type: 'retry' },
  ];
  for (const m of valid) assert.deepEqual(parseToHost(m), m, JSON.stringify(m));
});

test('every host → webview message parses to itself', () => {
  const valid: ToWebviewMessage[] = [
    {
      type: 'init',
      busy: false,
      status: { phase: 'ready', text: 'Ready' },
      messages: [
        { id: 'u1', role: 'user', text: 'hi' },
        {
          id: 'a1',
          role: 'assistant',
          text: 'part',
          interrupted: true,
          suggestions: [{ action: 'export', label: 'Export' }],
        },
        { id: 's1', role: 'system', text: 'Session renewed' },
      ],
    },
    { type: 'status', phase: 'connecting', text: 'Connecting…' },
    { type: 'message-start', id: 'a2', role: 'assistant' },
    { type: 'chunk', id: 'a2', text: 'Hel' },
    { type: 'chunk', id: 'a2', text: '' },
    { type: 'message-final', id: 'a2', text: 'Hello' },
    { type: 'tool', id: 'a2', name: 'plan_timeline' },
    { type: 'notice', text: '⏳ Still working...' },
    { type: 'notice', id: 'a2', text: '⏳ Still working...' },
    { type: 'suggestions', id: 'a2', actions: [{ action: 'show-timeline', label: 'Show timeline' }] },
    { type: 'busy', busy: true },
    { type: 'error', text: 'Out of credits' },
    { type: 'error', text: 'Out of credits', url: 'https://nemovideo.ai/upgrade', linkLabel: 'Upgrade' },
    { type: 'message-interrupted', id: 'a2' },
    { type: 'message-remove', id: 'a3' },
  ];
  for (const m of valid) assert.deepEqual(parseToWebview(m), m, JSON.stringify(m));
});

test('invalid messages give undefined and never throw', () => {
  const junk: unknown[] = [
    undefined,
    null,
    0,
    'ready',
    [],
    {},
    { type: 'nope' },
    { type: 'send' },
    { type: 'send', text: '' },
    { type: 'send', text: 42 },
    { type: 'action', action: 'delete-everything' },
    { type: 'action', action: 'open-external' },
    { type: 'action', action: 'open-external', url: 'javascript:alert(1)' },
    { type: 'action', action: 'open-external', url: 'file:///etc/passwd' },
    { type: 'action', action: 'open-external', url: 'command:workbench.action.quit' },
    { type: 'copy', text: null },
    // host-only messages are not webview messages
    { type: 'busy', busy: true },
  ];
  for (const m of junk) assert.equal(parseToHost(m), undefined, JSON.stringify(m));

  const junkToWebview: unknown[] = [
    undefined,
    null,
    { type: 'ready' },
    { type: 'chunk', text: 'x' },
    { type: 'chunk', id: '', text: 'x' },
    { type: 'message-start', id: 'a', role: 'robot' },
    { type: 'init', messages: [{ id: 'x', role: 'user' }], status: { phase: 'ready', text: '' }, busy: false },
    { type: 'init', messages: [], status: { phase: 'warp', text: '' }, busy: false },
    { type: 'status', phase: 'ready' },
    { type: 'suggestions', id: 'a', actions: [{ action: 'rm -rf', label: 'x' }] },
    { type: 'error', text: 'x', url: 'javascript:alert(1)' },
    { type: 'busy', busy: 'yes' },
  ];
  for (const m of junkToWebview) assert.equal(parseToWebview(m), undefined, JSON.stringify(m));
});

test('unknown extra fields are dropped, so a message carries only what the contract says', () => {
  const m = parseToWebview({ type: 'chunk', id: 'a', text: 'x', html: '<script>' });
  assert.deepEqual(m, { type: 'chunk', id: 'a', text: 'x' });
  const h = parseToHost({ type: 'stop', extra: { deep: true } });
  assert.deepEqual(h, { type: 'stop' });
});

test('JSON round trip: what one side posts the other side reads', () => {
  const m: ToWebviewMessage = { type: 'suggestions', id: 'a', actions: [{ action: 'upload', label: 'Upload' }] };
  assert.deepEqual(parseToWebview(JSON.parse(JSON.stringify(m))), m);
});
