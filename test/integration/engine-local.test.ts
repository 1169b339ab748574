import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { request as httpRequest } from 'node:http';
import { startEngine, type Engine } from '../../src/engine/server';
import { ScriptedAgent } from '../../src/engine/standin/scriptedAgent';
import { FixtureRenderer } from '../../src/engine/standin/fixtureRenderer';
import { call, chat, media, sseEvents, uploadFiles, waitFor } from './engine-helpers';

let e: Engine;
let dir: string;
const lines: string[] = [];
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vg-local-'));
  e = await startEngine({
    dataDir: dir,
    agent: new ScriptedAgent(),
    renderer: new FixtureRenderer({ stepMs: 5 }),
    log: (l) => lines.push(l),
  });
});
after(async () => {
  await e.close();
  rmSync(dir, { recursive: true, force: true });
});

test('local mode: a random 32-byte token; none or a wrong one → HTTP 401 + code 1001', async () => {
  assert.match(e.token!, /^[a-f0-9]{64}$/);
  assert.equal(e.url, `http://127.0.0.1:${e.port}`);
  const none = await call(e.url, 'GET', '/api/credits/balance/simple');
  assert.equal(none.status, 401);
  assert.equal(none.body.code, 1001);
  assert.match(none.body.message, /token printed by the local engine/);
  const wrong = await call(e.url, 'GET', '/api/credits/balance/simple', { token: 'a'.repeat(64) });
  assert.equal(wrong.status, 401);
  assert.equal(wrong.body.code, 1001);
  const right = await call(e.url, 'GET', '/api/credits/balance/simple', { token: e.token });
  assert.deepEqual(right.body, {
    code: 0,
    message: 'success',
    data: { available: 999999, frozen: 0, total: 999999, unlimited: true },
  });
  // Every endpoint is guarded, including render status and downloads.
  for (const [m, p] of [
    ['POST', '/api/tasks/me/with-session/nemo_agent'],
    ['POST', '/run_sse'],
    ['GET', '/api/render/proxy/lambda/render_1'],
    ['GET', '/api/render/proxy/render_1/download'],
  ] as const) {
    assert.equal((await call(e.url, m, p)).status, 401, p);
  }
});

test('local mode: the token endpoint never hands out tokens, and says so without 1001 (which makes skill clients loop)', async () => {
  const r = await call(e.url, 'POST', '/api/auth/anonymous-token', { headers: { 'X-Client-Id': 'x' } });
  assert.equal(r.status, 403);
  assert.equal(r.body.code, 403);
  assert.match(r.body.message, /does not issue tokens, so do not retry.*engine-token/s);
});

test('local mode: a foreign Host header is refused (DNS rebinding)', async () => {
  const r = await request(`${e.url}/api/credits/balance/simple`, {
    headers: { host: 'evil.example', authorization: `Bearer ${e.token}` },
  });
  assert.equal(r.statusCode, 403);
  await r.body.dump();
});

test('local mode: session → upload → chat → render; outputUrl and cdn_url are signed same-origin links', async () => {
  const s = await call(e.url, 'POST', '/api/tasks/me/with-session/nemo_agent', {
    token: e.token,
    body: { task_name: 'project', language: 'en' },
  });
  const sid = s.body.data.session_id;
  assert.match(sid, /^\d+$/);
  assert.match(s.body.data.task_id, /^task_/);
  const up = await uploadFiles(e.url, e.token!, sid, [{ name: 'a.jpg', data: media('jpg') }]);
  assert.equal(up.body.code, 0, up.text);
  assert.match(
    up.body.data.files[0].cdn_url,
    new RegExp(`^${e.url}/cdn/media/[a-f0-9]{32}\\.jpg\\?exp=\\d+&sig=[a-f0-9]{64}$`),
  );
  const m = await request(up.body.data.files[0].cdn_url, { headers: { authorization: `Bearer ${e.token}` } });
  assert.equal(m.headers['content-type'], 'image/jpeg');
  await m.body.dump();
  const r = await chat(e.url, e.token!, sid, 'make a 10 second video');
  assert.ok(sseEvents(r.text).length > 3);
  const st = await call(e.url, 'GET', `/api/state/nemo_agent/me/${sid}/latest`, { token: e.token });
  const id = `render_${Date.now()}`;
  const start = await call(e.url, 'POST', '/api/render/proxy/lambda', {
    token: e.token,
    body: { id, sessionId: sid, draft: st.body.data.state.draft, output: { format: 'mp4', quality: 'high' } },
  });
  assert.equal(start.body.success, true);
  const done = await waitFor(async () => {
    const b = (await call(e.url, 'GET', `/api/render/proxy/lambda/${id}`, { token: e.token })).body;
    return b.data.status === 'completed' ? b.data : undefined;
  }, 'completed');
  assert.match(done.outputUrl, new RegExp(`^${e.url}/cdn/renders/${id}\\.mp4\\?exp=\\d+&sig=[a-f0-9]{64}$`));
  assert.ok(!('cdnUrl' in e), 'the local engine serves its outputs itself: no second origin');
});

test('request log: method path status ms, never the token; recorded headers redacted', async () => {
  assert.ok(lines.some((l) => /^GET \/api\/credits\/balance\/simple 200 \d+ms$/.test(l)));
  assert.ok(lines.every((l) => !l.includes(e.token!)));
  const rec = e.requests.find((r) => r.path === '/api/credits/balance/simple' && r.headers.authorization);
  assert.equal(rec?.headers.authorization, 'Bearer <present>');
  assert.equal(rec?.headers['x-skill-source'], 'video-generator-free-app');
  assert.ok(JSON.stringify(e.requests).indexOf(e.token!) === -1);
});

test('ids in paths are validated: traversal and odd characters → 400', async () => {
  for (const p of [
    '/api/state/nemo_agent/me/..%2F..%2Fauth/latest',
    '/api/render/proxy/lambda/a.b',
    `/api/render/proxy/lambda/${'x'.repeat(81)}`,
    '/api/render/proxy/..%2Frenders%2Fx/download',
  ]) {
    const r = await call(e.url, 'GET', p, { token: e.token });
    assert.equal(r.status, 400, p);
    assert.match(r.text, /Invalid id/);
  }
  // undici normalises `..` and `%2e%2e` away; node:http sends the path exactly as written.
  for (const [p, want] of [
    ['/api/state/nemo_agent/me/%2e%2e/latest', 400],
    ['/api/state/nemo_agent/me/../latest', 400],
    ['/api/../auth.json', 404],
  ] as const) {
    const raw = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port: e.port, path: p, headers: { authorization: `Bearer ${e.token}` } },
        (res) => {
          let text = '';
          res.on('data', (c) => {
            text += c;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.end();
    });
    assert.equal(raw.status, want, p);
    assert.equal(typeof JSON.parse(raw.text).message, 'string', 'still a JSON envelope');
  }
});

test('chat body over 1 MB → 413 with a clear message', async () => {
  const r = await call(e.url, 'POST', '/run_sse', {
    token: e.token,
    body: { session_id: '1', new_message: { role: 'user', parts: [{ text: 'x'.repeat(1024 * 1024 + 10) }] } },
  });
  assert.equal(r.status, 413);
  assert.equal(r.body.code, 413);
  assert.match(r.body.message, /1 MB/);
});
