import { test, after, before, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { startStandIn, type StandIn } from '../../src/engine/standin';
import type { FaultEndpoint } from '../../src/engine/standin/faults';
import { anonSession, call, chat, media, uploadFiles, waitFor } from './engine-helpers';

let e: StandIn;
let u: { token: string; sid: string };
before(async () => {
  e = await startStandIn();
  u = await anonSession(e.url);
});
after(async () => {
  await e.close();
});
beforeEach(() => e.faults.reset());

const DRAFT = { t: [{ tt: 7, sg: [{ s: 0, d: 1000, m: { text: 'x' } }] }] };
/** One call per endpoint, so each fault switch can be shown to hit exactly its endpoint. */
const calls: Record<FaultEndpoint, () => Promise<{ status: number; body: any }>> = {
  token: () => call(e.url, 'POST', '/api/auth/anonymous-token', { headers: { 'X-Client-Id': 'faults' } }),
  session: () =>
    call(e.url, 'POST', '/api/tasks/me/with-session/nemo_agent', {
      token: u.token,
      body: { task_name: 'project', language: 'en' },
    }),
  sse: () => chat(e.url, u.token, u.sid, 'hi'),
  upload: () => uploadFiles(e.url, u.token, u.sid, [{ name: 'a.png', data: media('png') }]),
  credits: () => call(e.url, 'GET', '/api/credits/balance/simple', { token: u.token }),
  state: () => call(e.url, 'GET', `/api/state/nemo_agent/me/${u.sid}/latest`, { token: u.token }),
  render: () =>
    call(e.url, 'POST', '/api/render/proxy/lambda', {
      token: u.token,
      body: { id: `render_${Date.now()}_${Math.random().toString(36).slice(2)}`, sessionId: u.sid, draft: DRAFT },
    }),
  renderStatus: () => call(e.url, 'GET', '/api/render/proxy/lambda/render_x', { token: u.token }),
  cancel: () => call(e.url, 'POST', '/api/render/proxy/lambda/render_x/cancel', { token: u.token }),
  download: () => call(e.url, 'GET', '/api/render/proxy/render_x/download', { token: u.token }),
};
const SUCCESS_ENVELOPE = new Set<FaultEndpoint>(['render', 'renderStatus', 'cancel', 'download']);

for (const endpoint of Object.keys(calls) as FaultEndpoint[]) {
  test(`failNext('${endpoint}') answers the code, then the status, then normal`, async () => {
    e.faults.failNext(endpoint, { code: 1001 });
    const a = await calls[endpoint]();
    assert.equal(a.status, 200);
    if (SUCCESS_ENVELOPE.has(endpoint))
      assert.deepEqual(a.body, { success: false, code: 1001, error: 'token invalid or expired' });
    else assert.deepEqual(a.body, { code: 1001, message: 'token invalid or expired' });
    e.faults.failNext(endpoint, { status: 503, times: 2 });
    for (let i = 0; i < 2; i += 1) {
      const b = await calls[endpoint]();
      assert.equal(b.status, 503);
      assert.equal(
        SUCCESS_ENVELOPE.has(endpoint) ? b.body.success : b.body.code,
        SUCCESS_ENVELOPE.has(endpoint) ? false : 503,
      );
    }
    const c = await calls[endpoint]();
    assert.notEqual(c.status, 503);
  });
}

test('failNext codes 1002/2001/4001/4002 and statuses 400/402/429/500/502 keep their meaning', async () => {
  for (const code of [1002, 2001, 4001, 4002]) {
    e.faults.failNext('upload', { code });
    const r = await calls.upload();
    assert.equal(r.body.code, code);
    assert.ok(r.body.message.length > 5);
  }
  for (const status of [400, 402, 429, 500, 502]) {
    e.faults.failNext('render', { status, message: `boom ${status}` });
    const r = await calls.render();
    assert.equal(r.status, status);
    assert.deepEqual(r.body, { success: false, code: status, error: `boom ${status}` });
  }
});

test('tokenRateLimit: a second token for the same client id is HTTP 429', async () => {
  const first = await call(e.url, 'POST', '/api/auth/anonymous-token', { headers: { 'X-Client-Id': 'rl' } });
  assert.equal(first.body.code, 0);
  e.faults.tokenRateLimit = true;
  const second = await call(e.url, 'POST', '/api/auth/anonymous-token', { headers: { 'X-Client-Id': 'rl' } });
  assert.equal(second.status, 429);
  assert.equal(second.body.code, 429);
  const other = await call(e.url, 'POST', '/api/auth/anonymous-token', { headers: { 'X-Client-Id': 'rl-other' } });
  assert.equal(other.body.code, 0, 'a new client id is not limited');
});

test('stateShape flat puts draft/video_infos/generated_media directly in data', async () => {
  e.faults.stateShape = 'flat';
  const r = await calls.state();
  assert.equal(r.body.data.state, undefined);
  assert.ok(Array.isArray(r.body.data.video_infos));
  assert.deepEqual(r.body.data.generated_media, []);
  assert.ok('draft' in r.body.data);
  assert.equal(r.body.data.session_id, u.sid);
});

test('slowMs delays every answer (measured)', async () => {
  e.faults.slowMs = 150;
  const t0 = Date.now();
  await calls.credits();
  assert.ok(Date.now() - t0 >= 140);
  e.faults.slowMs = undefined;
  const t1 = Date.now();
  await calls.credits();
  assert.ok(Date.now() - t1 < 140);
});

test('expired token → 1001 (small ttl)', async () => {
  const short = await startStandIn({ tokenTtlMs: 50 });
  try {
    const t = await call(short.url, 'POST', '/api/auth/anonymous-token', { headers: { 'X-Client-Id': 'ttl' } });
    const token = t.body.data.token;
    const r = await waitFor(async () => {
      const b = (await call(short.url, 'GET', '/api/credits/balance/simple', { token })).body;
      return b.code === 1001 ? b : undefined;
    }, 'token expiry');
    assert.deepEqual(r, { code: 1001, message: 'token invalid or expired' });
    assert.ok(Date.now() >= Date.parse(t.body.data.expires_at));
  } finally {
    await short.close();
  }
});
