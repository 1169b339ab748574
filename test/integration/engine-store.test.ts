import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStandIn } from '../../src/engine/standin';
import { refusalMessage } from '../../src/engine/refusalText';
import { anonSession, call, chat, media, uploadFiles, waitFor } from './engine-helpers';

const DRAFT = { t: [{ tt: 7, sg: [{ s: 0, d: 1000, m: { text: 'x' } }] }] };

test('a restarted engine with the same data dir knows its tokens, sessions, media and renders', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vg-store-'));
  try {
    let e = await startStandIn({ dataDir: dir });
    const u = await anonSession(e.url);
    await uploadFiles(e.url, u.token, u.sid, [{ name: 'a.png', data: media('png') }]);
    await chat(e.url, u.token, u.sid, 'make a 9s video');
    const done = `render_done_${Date.now()}`;
    await call(e.url, 'POST', '/api/render/proxy/lambda', {
      token: u.token,
      body: { id: done, sessionId: u.sid, draft: DRAFT },
    });
    await waitFor(
      async () =>
        (await call(e.url, 'GET', `/api/render/proxy/lambda/${done}`, { token: u.token })).body.data.status ===
        'completed',
      'completed',
    );
    e.faults.renderStuck = true;
    const stuck = `render_stuck_${Date.now()}`;
    await call(e.url, 'POST', '/api/render/proxy/lambda', {
      token: u.token,
      body: { id: stuck, sessionId: u.sid, draft: DRAFT },
    });
    await waitFor(
      async () =>
        (await call(e.url, 'GET', `/api/render/proxy/lambda/${stuck}`, { token: u.token })).body.data.status ===
        'processing',
      'processing',
    );
    const creditsBefore = (await call(e.url, 'GET', '/api/credits/balance/simple', { token: u.token })).body.data;
    assert.equal(creditsBefore.frozen, 5);
    await e.close();

    e = await startStandIn({ dataDir: dir });
    try {
      const st = await call(e.url, 'GET', `/api/state/nemo_agent/me/${u.sid}/latest`, { token: u.token });
      assert.equal(st.body.code, 0, 'token and session survived');
      assert.equal(st.body.data.state.draft.d, 9000);
      assert.equal(st.body.data.state.video_infos[0].filename, 'a.png');
      const d = (await call(e.url, 'GET', `/api/render/proxy/lambda/${done}`, { token: u.token })).body.data;
      assert.equal(d.status, 'completed');
      const file = await fetch(d.outputUrl);
      assert.equal(file.status, 200);
      await file.arrayBuffer();
      const s = (await call(e.url, 'GET', `/api/render/proxy/lambda/${stuck}`, { token: u.token })).body.data;
      assert.equal(s.status, 'failed');
      // Said in English for any client, and as data for the ones that word it themselves.
      assert.equal(s.error, refusalMessage({ reason: 'interrupted' }));
      assert.deepEqual(s.refusal, { reason: 'interrupted' });
      const creditsAfter = (await call(e.url, 'GET', '/api/credits/balance/simple', { token: u.token })).body.data;
      assert.deepEqual(creditsAfter, { available: creditsBefore.available + 5, frozen: 0, total: creditsBefore.total });
      // Atomic writes leave no temp files behind.
      for (const sub of ['', 'sessions', 'renders', 'tmp']) {
        assert.deepEqual(
          readdirSync(join(dir, sub)).filter((f) => f.endsWith('.tmp') || f.endsWith('.part')),
          [],
          sub,
        );
      }
    } finally {
      await e.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a stand-in without a data dir uses a temp dir and removes it on close', async () => {
  const e = await startStandIn();
  const dir = e.dataDir;
  assert.ok(readdirSync(dir).includes('sessions'));
  await e.close();
  assert.throws(() => readdirSync(dir));
});
