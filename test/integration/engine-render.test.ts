import { test, after, before, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { startStandIn, type StandIn } from '../../src/engine/standin';
import { FixtureRenderer } from '../../src/engine/standin/fixtureRenderer';
import { anonSession, call, once, waitFor } from './engine-helpers';

const DRAFT = {
  t: [{ tt: 7, sg: [{ s: 0, d: 2000, m: { text: 'Hi', role: 'title' } }] }],
  d: 2000,
  extra: { keep: true },
};
let e: StandIn;
let renderer: FixtureRenderer;
let u: { token: string; sid: string };
let n = 0;
const newId = () => `render_${Date.now()}_${n++}`;

before(async () => {
  renderer = new FixtureRenderer({ stepMs: 15 });
  e = await startStandIn({ renderer, renderStepMs: 15 });
  u = await anonSession(e.url);
});
after(async () => {
  await e.close();
});
beforeEach(() => e.faults.reset());

const start = (id: string, extra: { headers?: Record<string, string>; draft?: unknown; token?: string } = {}) =>
  call(e.url, 'POST', '/api/render/proxy/lambda', {
    token: extra.token ?? u.token,
    headers: extra.headers,
    body: { id, sessionId: u.sid, draft: extra.draft ?? DRAFT, output: { format: 'mp4', quality: 'high' } },
  });
const status = async (id: string) =>
  (await call(e.url, 'GET', `/api/render/proxy/lambda/${id}`, { token: u.token })).body;

test('lifecycle pending → processing → completed; the submitted draft is rendered; download is h264', async () => {
  const id = newId();
  const seen = new Set<string>();
  const r = await start(id);
  assert.deepEqual(r.body, { success: true, data: { id, status: 'pending', progress: 5 } });
  const credits = await call(e.url, 'GET', '/api/credits/balance/simple', { token: u.token });
  assert.equal(credits.body.data.frozen, 5);
  const done = await waitFor(async () => {
    const s = await status(id);
    seen.add(s.data.status);
    return s.data.status === 'completed' ? s.data : undefined;
  }, 'completed');
  assert.ok(seen.has('processing'));
  assert.equal(done.progress, 100);
  assert.ok(Date.parse(done.createdAt) <= Date.parse(done.completedAt));
  assert.equal(done.outputUrl, `${e.cdnUrl}/renders/${id}.mp4`);
  assert.deepEqual(renderer.rendered.at(-1), DRAFT);
  const after = await call(e.url, 'GET', '/api/credits/balance/simple', { token: u.token });
  assert.equal(after.body.data.frozen, 0);
  assert.equal(after.body.data.available, credits.body.data.available);

  const dl = await request(`${e.url}/api/render/proxy/${id}/download`, {
    headers: { authorization: `Bearer ${u.token}` },
  });
  assert.equal(dl.statusCode, 200);
  assert.equal(dl.headers['content-type'], 'video/mp4');
  const bytes = Buffer.from(await dl.body.arrayBuffer());
  assert.equal(Number(dl.headers['content-length']), bytes.length);
  const dir = mkdtempSync(join(tmpdir(), 'vg-dl-'));
  try {
    writeFileSync(join(dir, 'o.mp4'), bytes);
    const codec = execFileSync('ffprobe', [
      '-v',
      'error',
      '-select_streams',
      'v:0',
      '-show_entries',
      'stream=codec_name',
      '-of',
      'csv=p=0',
      join(dir, 'o.mp4'),
    ])
      .toString()
      .trim();
    assert.equal(codec, 'h264');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const range = await request(`${e.url}/api/render/proxy/${id}/download`, {
    headers: { authorization: `Bearer ${u.token}`, range: 'bytes=0-9' },
  });
  assert.equal(range.statusCode, 206);
  assert.deepEqual(Buffer.from(await range.body.arrayBuffer()), bytes.subarray(0, 10));
  const noAuth = await call(e.url, 'GET', `/api/render/proxy/${id}/download`);
  assert.equal(noAuth.body.code, 1001);
  // The CDN copy needs no token, and the test's fetch sent none.
  const cdn = await fetch(done.outputUrl);
  assert.equal(Buffer.from(await cdn.arrayBuffer()).length, bytes.length);
  assert.ok(e.cdnRequests.length > 0 && e.cdnRequests.every((x) => !x.hadAuthorization));
});

test('status shape B', async () => {
  const id = newId();
  await start(id);
  e.faults.renderStatusShape = 'B';
  const s = await waitFor(async () => {
    const b = await status(id);
    return b.status === 'completed' ? b : undefined;
  }, 'completed');
  assert.equal(s.taskId, id);
  assert.equal(s.progress, 100);
  assert.equal(s.output.url, `${e.cdnUrl}/renders/${id}.mp4`);
  assert.ok(s.output.size > 1000);
  assert.ok(s.output.duration > 1.5);
  assert.equal(s.success, undefined);
});

test('cancel: status cancelled, render-cancelled emitted, partial files removed, credits back', async () => {
  e.faults.renderStuck = true;
  const before = (await call(e.url, 'GET', '/api/credits/balance/simple', { token: u.token })).body.data;
  const id = newId();
  await start(id);
  await waitFor(async () => (await status(id)).data.status === 'processing', 'processing');
  writeFileSync(join(e.dataDir, 'renders', `${id}.mp4.partial`), 'half');
  const cancelled = once(e.events, 'render-cancelled');
  const c = await call(e.url, 'POST', `/api/render/proxy/lambda/${id}/cancel`, { token: u.token });
  assert.equal(c.body.success, true);
  assert.equal(c.body.data.status, 'cancelled');
  assert.deepEqual(await cancelled, [id]);
  assert.equal((await status(id)).data.status, 'cancelled');
  assert.deepEqual(
    readdirSync(join(e.dataDir, 'renders')).filter((f) => f.startsWith(id)),
    [`${id}.json`],
  );
  const after = (await call(e.url, 'GET', '/api/credits/balance/simple', { token: u.token })).body.data;
  assert.deepEqual(after, before);
  const again = await call(e.url, 'POST', `/api/render/proxy/lambda/${id}/cancel`, { token: u.token });
  assert.equal(again.status, 409);
  assert.equal(again.body.success, false);
});

test('cancel of a real fixture render mid-way stops the renderer', async () => {
  const slow = await startStandIn({ renderStepMs: 200 });
  try {
    const v = await anonSession(slow.url);
    const id = newId();
    await call(slow.url, 'POST', '/api/render/proxy/lambda', {
      token: v.token,
      body: { id, sessionId: v.sid, draft: DRAFT, output: { format: 'mp4' } },
    });
    await waitFor(
      async () =>
        (await call(slow.url, 'GET', `/api/render/proxy/lambda/${id}`, { token: v.token })).body.data.status ===
        'processing',
      'processing',
    );
    await call(slow.url, 'POST', `/api/render/proxy/lambda/${id}/cancel`, { token: v.token });
    assert.equal(existsSync(join(slow.dataDir, 'renders', `${id}.mp4`)), false);
    const s = await call(slow.url, 'GET', `/api/render/proxy/lambda/${id}`, { token: v.token });
    assert.equal(s.body.data.status, 'cancelled');
    assert.equal(s.body.data.outputUrl, null);
  } finally {
    await slow.close();
  }
});

test('duplicate id → 409; missing X-Skill headers → 402; empty draft → 400; unknown id → 404', async () => {
  const id = newId();
  await start(id);
  const dup = await start(id);
  assert.equal(dup.status, 409);
  assert.deepEqual(dup.body, { success: false, code: 409, error: 'duplicate render id' });
  const noSkill = await call(e.url, 'POST', '/api/render/proxy/lambda', {
    token: u.token,
    headers: { 'X-Skill-Source': '' },
    body: { id: newId(), sessionId: u.sid, draft: DRAFT },
  });
  assert.equal(noSkill.status, 402);
  assert.equal(noSkill.body.success, false);
  assert.match(noSkill.body.error, /x-skill-source/);
  const empty = await start(newId(), { draft: { t: [{ tt: 0, sg: [] }] } });
  assert.equal(empty.status, 400);
  assert.equal(empty.body.error, 'draft has no segments');
  const unknown = await call(e.url, 'GET', '/api/render/proxy/lambda/render_nope', { token: u.token });
  assert.equal(unknown.status, 404);
  assert.equal(unknown.body.success, false);
});

test('renderFail ends failed with the error, credits refunded', async () => {
  e.faults.renderFail = 'GPU node lost';
  const id = newId();
  await start(id);
  const s = await waitFor(async () => {
    const b = await status(id);
    return b.data.status === 'failed' ? b.data : undefined;
  }, 'failed');
  assert.equal(s.error, 'GPU node lost');
  assert.equal(s.outputUrl, null);
  const dl = await call(e.url, 'GET', `/api/render/proxy/${id}/download`, { token: u.token });
  assert.equal(dl.status, 409);
  // Renders of earlier tests (same user) may still hold credits on a loaded machine: wait for all to settle.
  await waitFor(
    async () =>
      (await call(e.url, 'GET', '/api/credits/balance/simple', { token: u.token })).body.data.frozen === 0 || undefined,
    'no frozen credits',
  );
});

test('no credits for a render → 2001; body over 10 MB → 413', async () => {
  const poor = await startStandIn({ initialCredits: 4 });
  try {
    const v = await anonSession(poor.url);
    const r = await call(poor.url, 'POST', '/api/render/proxy/lambda', {
      token: v.token,
      body: { id: newId(), sessionId: v.sid, draft: DRAFT },
    });
    assert.deepEqual(r.body, { success: false, code: 2001, error: 'insufficient credits' });
  } finally {
    await poor.close();
  }
  const huge = await call(e.url, 'POST', '/api/render/proxy/lambda', {
    token: u.token,
    body: { id: newId(), sessionId: u.sid, draft: DRAFT, pad: 'x'.repeat(11 * 1024 * 1024) },
  });
  assert.equal(huge.status, 413);
  assert.match(huge.body.error, /10 MB/);
});

test('preview renders (output.preview): free, marked, and a newer preview replaces the older one', async () => {
  const preview = (id: string) =>
    call(e.url, 'POST', '/api/render/proxy/lambda', {
      token: u.token,
      body: { id, sessionId: u.sid, draft: DRAFT, output: { format: 'mp4', quality: 'preview', preview: true } },
    });
  const credits = async () => (await call(e.url, 'GET', '/api/credits/balance/simple', { token: u.token })).body.data;
  const before = await credits();
  const first = newId();
  assert.equal((await preview(first)).body.success, true);
  assert.equal((await credits()).frozen, 0, 'a preview freezes no credits');
  await waitFor(async () => ((await status(first)).data.status === 'completed' ? true : undefined), 'first preview');
  const exportId = newId();
  await start(exportId);
  await waitFor(async () => ((await status(exportId)).data.status === 'completed' ? true : undefined), 'export');
  const second = newId();
  await preview(second);
  await waitFor(async () => ((await status(second)).data.status === 'completed' ? true : undefined), 'second preview');
  assert.equal((await credits()).available, before.available - 5, 'only the export was charged');
  const gone = await call(e.url, 'GET', `/api/render/proxy/lambda/${first}`, { token: u.token });
  assert.equal(gone.status, 404, 'the older preview is forgotten');
  assert.ok(!existsSync(join(e.dataDir, 'renders', `${first}.mp4`)), 'and its video removed');
  assert.ok(existsSync(join(e.dataDir, 'renders', `${exportId}.mp4`)), 'an export is never dropped for a preview');
  assert.ok(existsSync(join(e.dataDir, 'renders', `${second}.mp4`)));
});
