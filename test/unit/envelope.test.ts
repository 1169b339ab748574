/** Both envelopes unwrap; every failure becomes the typed error. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unwrapEnvelope } from '../../src/core/api/envelope';
import { ApiError } from '../../src/core/api/errors';
import { parseRenderStatus, parseState, parseCredits } from '../../src/core/api/schemas';
import { ApiClient } from '../../src/core/api/client';

const kindOf = (fn: () => unknown) => {
  try {
    fn();
    return 'none';
  } catch (e) {
    return (e as ApiError).kind;
  }
};

test('code/data and success/data envelopes unwrap to data', () => {
  assert.deepEqual(unwrapEnvelope(200, { code: 0, message: 'ok', data: { a: 1 } }), { a: 1 });
  assert.deepEqual(unwrapEnvelope(200, { success: true, data: { b: 2 } }), { b: 2 });
  assert.deepEqual(unwrapEnvelope(200, { taskId: 't', status: 'completed' }), { taskId: 't', status: 'completed' });
});

test('codes and statuses map to kinds; precise codes win over the HTTP status', () => {
  assert.equal(
    kindOf(() => unwrapEnvelope(200, { code: 1001 })),
    'auth',
  );
  assert.equal(
    kindOf(() => unwrapEnvelope(401, { code: 1001 })),
    'auth',
  );
  assert.equal(
    kindOf(() => unwrapEnvelope(200, { code: 1002 })),
    'session',
  );
  assert.equal(
    kindOf(() => unwrapEnvelope(404, { detail: 'Session not found: 12' })),
    'session',
  );
  assert.equal(
    kindOf(() => unwrapEnvelope(200, { code: 2001 })),
    'credits',
  );
  assert.equal(
    kindOf(() => unwrapEnvelope(200, { code: 4001 })),
    'unsupported-file',
  );
  assert.equal(
    kindOf(() => unwrapEnvelope(200, { code: 4002 })),
    'file-too-large',
  );
  assert.equal(
    kindOf(() => unwrapEnvelope(400, { code: 400, message: 'Missing X-Client-Id' })),
    'client-id',
  );
  assert.equal(
    kindOf(() => unwrapEnvelope(402, { success: false, error: 'free plan' })),
    'plan',
  );
  assert.equal(
    kindOf(() => unwrapEnvelope(429, {})),
    'rate-limit',
  );
  assert.equal(
    kindOf(() => unwrapEnvelope(502, { message: 'bad gateway' })),
    'server',
  );
  assert.equal(
    kindOf(() => unwrapEnvelope(200, { code: 5555, message: 'odd' })),
    'server',
  );
  assert.equal(
    kindOf(() => unwrapEnvelope(200, { success: false, error: 'duplicate render id' })),
    'server',
  );
});

test('2001 gives the register link with ?bind= for anonymous users only', () => {
  try {
    unwrapEnvelope(200, { code: 2001 }, { anonymousUserId: 'anon_7' });
  } catch (e) {
    assert.equal((e as ApiError).url, 'https://nemovideo.com/register?bind=anon_7');
  }
  try {
    unwrapEnvelope(200, { code: 2001 }, { registered: true });
  } catch (e) {
    assert.equal((e as ApiError).url, undefined);
  }
});

test('render status: shapes A and B, progress clamped, unknown fields tolerated', () => {
  const a = parseRenderStatus(
    { id: 'render_1', status: 'processing', progress: 40, outputUrl: null, extra: { x: 1 } },
    'render_1',
  );
  assert.deepEqual([a.status, a.progress, a.outputUrl], ['processing', 40, undefined]);
  const b = parseRenderStatus(
    { taskId: 'render_2', status: 'completed', progress: 100, output: { url: 'https://cdn/x.mp4', duration: 30 } },
    'x',
  );
  assert.deepEqual([b.id, b.status, b.outputUrl], ['render_2', 'completed', 'https://cdn/x.mp4']);
  assert.equal(parseRenderStatus({ status: 'failed', error: { message: 'boom' } }, 'y').error, 'boom');
  assert.equal(parseRenderStatus({ status: 'running', progress: 140 }, 'z').progress, 100);
});

test('state: nested and flat shapes; drafts pass through untouched', () => {
  const draft = { t: [{ tt: 0, sg: [{ d: 1000, unknownKey: [1, 2] }] }], weird: { keep: true } };
  assert.deepEqual(parseState({ state: { draft, video_infos: [] } }).draft, draft);
  assert.deepEqual(parseState({ draft, video_infos: [{ filename: 'a.png' }] }).draft, draft);
  assert.equal(parseState({ state: null }).draft, undefined);
});

test('credits: total derived when missing; a bad answer is a clear error', () => {
  assert.deepEqual(parseCredits({ available: 87, frozen: 5 }), {
    available: 87,
    frozen: 5,
    total: 92,
    unlimited: undefined,
  });
  assert.throws(
    () => parseCredits({ balance: 'lots' }),
    (e: unknown) => e instanceof ApiError && e.kind === 'bad-response',
  );
});

test('an HTTP 400 is a client-id problem only when it says so', () => {
  assert.equal(
    kindOf(() => unwrapEnvelope(400, { message: 'bad draft: missing t' })),
    'server',
  );
  assert.equal(
    kindOf(() => unwrapEnvelope(400, { detail: 'X-Client-Id header required' })),
    'client-id',
  );
});

test('a malformed API base URL is a clear input error naming the setting', () => {
  assert.throws(
    () => new ApiClient({ baseUrl: 'mega-api nemovideo', version: '1', platform: 'unknown', token: () => undefined }),
    (e: unknown) => e instanceof ApiError && e.kind === 'input' && /videoGenerator\.apiBaseUrl/.test(e.message),
  );
  assert.throws(
    () => new ApiClient({ baseUrl: 'ftp://example.com', version: '1', platform: 'unknown', token: () => undefined }),
    /not a valid http\(s\) URL/,
  );
});
