import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startStandIn, type StandIn } from '../../src/engine/standin';
import { anonSession, call, chat, media, sseEvents, uploadFiles, waitFor } from './engine-helpers';

let e: StandIn;
before(async () => {
  e = await startStandIn();
});
after(async () => {
  await e.close();
});

test('anonymous token: needs X-Client-Id; same client id → same user', async () => {
  const none = await call(e.url, 'POST', '/api/auth/anonymous-token');
  assert.equal(none.status, 400);
  assert.deepEqual(none.body, { code: 400, message: 'Missing X-Client-Id' });
  const a = await call(e.url, 'POST', '/api/auth/anonymous-token', { headers: { 'X-Client-Id': 'c1' } });
  assert.equal(a.status, 200);
  assert.equal(a.body.code, 0);
  assert.match(a.body.data.token, /^nmv_usr_/);
  assert.match(a.body.data.user_id, /^anon_/);
  assert.equal(a.body.data.credits, 100);
  assert.ok(Date.parse(a.body.data.expires_at) > Date.now() + 6 * 24 * 3600 * 1000);
  const b = await call(e.url, 'POST', '/api/auth/anonymous-token', { headers: { 'X-Client-Id': 'c1' } });
  assert.equal(b.body.data.user_id, a.body.data.user_id);
});

test('unknown token answers code 1001 in the envelope (HTTP 200)', async () => {
  const r = await call(e.url, 'GET', '/api/credits/balance/simple', { token: 'nmv_usr_nope' });
  assert.equal(r.status, 200);
  assert.deepEqual(r.body, { code: 1001, message: 'token invalid or expired' });
  const none = await call(e.url, 'GET', '/api/credits/balance/simple');
  assert.equal(none.body.code, 1001);
});

test('upload → chat builds a draft → state → render → CDN download', async () => {
  const { token, sid } = await anonSession(e.url);
  const up = await uploadFiles(e.url, token, sid, [
    { name: 'a.png', data: media('png') },
    { name: 'b.mp4', data: media('mp4') },
  ]);
  assert.equal(up.body.code, 0, up.text);
  assert.equal(up.body.data.files.length, 2);
  assert.equal(up.body.data.files[0].width, 64);
  const r = await chat(e.url, token, sid, 'make a 15s promo with "Hello"');
  assert.equal(r.status, 200);
  assert.match(String(r.headers['content-type']), /text\/event-stream/);
  const evs = sseEvents(r.text);
  const finals = evs.filter((x) => x.content?.parts?.[0]?.text && !x.partial && !x.content.parts[0].thought);
  assert.equal(finals.length, 1);
  assert.match(finals[0].content.parts[0].text, /Click Export/);
  const st = await call(e.url, 'GET', `/api/state/nemo_agent/me/${sid}/latest`, { token });
  const draft = st.body.data.state.draft;
  assert.equal(draft.d, 15000);
  assert.equal(draft.t[0].sg.length, 2);
  const id = `render_${Date.now()}`;
  const start = await call(e.url, 'POST', '/api/render/proxy/lambda', {
    token,
    body: { id, sessionId: sid, draft, output: { format: 'mp4', quality: 'high' } },
  });
  assert.deepEqual(start.body, { success: true, data: { id, status: 'pending', progress: 5 } });
  const done = await waitFor(async () => {
    const s = await call(e.url, 'GET', `/api/render/proxy/lambda/${id}`, { token });
    return s.body.data.status === 'completed' ? s.body.data : undefined;
  }, 'render completed');
  assert.ok(done.outputUrl.startsWith(e.cdnUrl!));
  const file = await fetch(done.outputUrl);
  assert.equal(file.headers.get('content-type'), 'video/mp4');
  assert.ok((await file.arrayBuffer()).byteLength > 1000);
  assert.equal(e.cdnRequests.at(-1)?.hadAuthorization, false);
});
