/** normalizeEvent: every wire variant of one `data:` JSON → the normalized StreamEvent union. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeEvent } from '../../src/core/api/sse';
import type { Logger } from '../../src/core/ports';

function recordingLogger(): Logger & { debugs: string[] } {
  const debugs: string[] = [];
  return {
    debugs,
    trace() {},
    debug: (m) => {
      debugs.push(m);
    },
    info() {},
    warn() {},
    error() {},
  };
}

test('ADK partial text → text-chunk with the author', () => {
  assert.deepEqual(
    normalizeEvent({ author: 'nemo_agent', partial: true, content: { role: 'model', parts: [{ text: 'Hel' }] } }),
    [{ type: 'text-chunk', text: 'Hel', author: 'nemo_agent' }],
  );
});

test('ADK non-partial text → text-final; several text parts are concatenated', () => {
  assert.deepEqual(
    normalizeEvent({ content: { role: 'model', parts: [{ text: 'Hello ' }, { text: 'world' }] }, turnComplete: true }),
    [{ type: 'text-final', text: 'Hello world' }],
  );
  // `partial: false` is the same as absent.
  assert.equal(normalizeEvent({ partial: false, content: { parts: [{ text: 'x' }] } })[0].type, 'text-final');
});

test('thought parts are hidden, other text in the same event is kept', () => {
  assert.deepEqual(normalizeEvent({ content: { parts: [{ text: 'secret plan', thought: true }] } }), []);
  assert.deepEqual(
    normalizeEvent({ partial: true, content: { parts: [{ text: 'hmm', thought: true }, { text: 'Done.' }] } }),
    [{ type: 'text-chunk', text: 'Done.' }],
  );
});

test('functionCall → tool-call (camelCase and snake_case)', () => {
  const args = { prompt: 'city at night', duration: 10 };
  assert.deepEqual(
    normalizeEvent({
      content: { role: 'model', parts: [{ functionCall: { id: 'c1', name: 'generate_video', args } }] },
    }),
    [{ type: 'tool-call', id: 'c1', name: 'generate_video', args }],
  );
  assert.deepEqual(
    normalizeEvent({ content: { parts: [{ function_call: { id: 'c2', name: 'add_bgm', args: {} } }] } }),
    [{ type: 'tool-call', id: 'c2', name: 'add_bgm', args: {} }],
  );
});

test('functionResponse with role user → tool-result; the echoed user text is dropped', () => {
  assert.deepEqual(
    normalizeEvent({
      author: 'user',
      content: {
        role: 'user',
        parts: [
          { text: 'make a promo' },
          { functionResponse: { id: 'c1', name: 'generate_video', response: { ok: true } } },
        ],
      },
    }),
    [{ type: 'tool-result', id: 'c1', name: 'generate_video', response: { ok: true } }],
  );
  assert.deepEqual(
    normalizeEvent({ content: { role: 'user', parts: [{ function_response: { name: 'add_bgm', response: 1 } }] } }),
    [{ type: 'tool-result', id: undefined, name: 'add_bgm', response: 1 }],
  );
  assert.deepEqual(normalizeEvent({ author: 'user', content: { parts: [{ text: 'echo' }] } }), []);
});

test('text comes before tool calls of the same event; inlineData is ignored', () => {
  assert.deepEqual(
    normalizeEvent({
      content: {
        parts: [
          { inlineData: { mimeType: 'image/png', data: 'AAAA' } },
          { inline_data: {} },
          { text: 'Adding music.' },
          { functionCall: { name: 'add_bgm' } },
        ],
      },
    }),
    [
      { type: 'text-final', text: 'Adding music.' },
      { type: 'tool-call', id: undefined, name: 'add_bgm', args: undefined },
    ],
  );
});

test('{"error": …} as a string or an object → error', () => {
  assert.deepEqual(normalizeEvent({ error: 'Model overloaded' }), [{ type: 'error', message: 'Model overloaded' }]);
  assert.deepEqual(normalizeEvent({ error: { message: 'Quota', code: 429 } }), [
    { type: 'error', message: 'Quota', code: '429' },
  ]);
  const [e] = normalizeEvent({ error: {} });
  assert.equal(e.type, 'error');
  assert.match((e as { message: string }).message, /try again/i);
});

test('errorCode / errorMessage (and snake_case) → error with the code', () => {
  assert.deepEqual(
    normalizeEvent({ author: 'nemo_agent', errorCode: 'MAX_TOKENS', errorMessage: 'The reply was too long.' }),
    [{ type: 'error', message: 'The reply was too long.', code: 'MAX_TOKENS' }],
  );
  assert.deepEqual(normalizeEvent({ error_code: 'SAFETY' }), [{ type: 'error', message: 'SAFETY', code: 'SAFETY' }]);
  assert.deepEqual(normalizeEvent({ error_message: 'bad' }), [{ type: 'error', message: 'bad' }]);
});

test('legacy flat events', () => {
  assert.deepEqual(normalizeEvent({ type: 'text', content: 'chunk' }), [{ type: 'text-chunk', text: 'chunk' }]);
  assert.deepEqual(normalizeEvent({ type: 'done' }), []);
  assert.deepEqual(normalizeEvent({ type: 'end' }), []);
  assert.deepEqual(normalizeEvent({ type: 'tool_call', tool: 'trim', args: { to: 5 } }), [
    { type: 'tool-call', id: undefined, name: 'trim', args: { to: 5 } },
  ]);
  assert.deepEqual(normalizeEvent({ type: 'tool_call', name: 'crop', id: 't9' }), [
    { type: 'tool-call', id: 't9', name: 'crop', args: undefined },
  ]);
  assert.deepEqual(normalizeEvent({ type: 'tool_result', name: 'trim', result: 'ok' }), [
    { type: 'tool-result', id: undefined, name: 'trim', response: 'ok' },
  ]);
  assert.deepEqual(normalizeEvent({ type: 'heartbeat' }), [{ type: 'keep-alive' }]);
  assert.deepEqual(normalizeEvent({ type: 'ping' }), [{ type: 'keep-alive' }]);
  assert.deepEqual(normalizeEvent({ type: 'error', message: 'nope' }), [{ type: 'error', message: 'nope' }]);
  assert.deepEqual(normalizeEvent({ type: 'error', content: 'nope2' }), [{ type: 'error', message: 'nope2' }]);
});

test('unknown fields are ignored; unknown kinds and non-objects are logged and skipped', () => {
  assert.deepEqual(
    normalizeEvent({
      id: 'e1',
      invocationId: 'i',
      timestamp: 1.5,
      actions: { stateDelta: { a: 1 } },
      futureField: [1],
      content: { parts: [{ text: 'ok', extra: 1 }] },
    }),
    [{ type: 'text-final', text: 'ok' }],
  );
  assert.deepEqual(normalizeEvent({ actions: { stateDelta: {} } }), []); // state-only event: nothing to show
  const log = recordingLogger();
  assert.deepEqual(normalizeEvent({ type: 'video_frame' }, log), []);
  assert.deepEqual(normalizeEvent([1, 2], log), []);
  assert.deepEqual(normalizeEvent('text', log), []);
  assert.deepEqual(normalizeEvent(null, log), []);
  assert.equal(log.debugs.length, 4);
  assert.match(log.debugs[0], /unknown type "video_frame"/);
});

test('empty texts produce nothing (an empty final must not erase the shown chunks)', () => {
  assert.deepEqual(normalizeEvent({ content: { parts: [{ text: '' }] } }), []);
  assert.deepEqual(normalizeEvent({ type: 'text', content: '' }), []);
});
