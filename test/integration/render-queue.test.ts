/**
 * The local engine's render queue and deadline over real HTTP with real ffmpeg: renders take
 * turns (one ffmpeg at a time at concurrency 1), the waiting ones say their place in line, all
 * finish; a render past the deadline fails with a message and leaves no file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startLocalEngine } from '../../src/engine/local';
import { call, chat, media, uploadFiles, waitFor } from './engine-helpers';
import { tempDir } from '../hardening/helpers';
import { childrenNamed } from '../support/processes';

/** ffmpeg processes whose parent is this test process (the in-process engine spawned them). */
const ourFfmpegs = () => childrenNamed(process.pid, 'ffmpeg').length;

async function session(url: string, token: string, seconds: number): Promise<{ sid: string; draft: unknown }> {
  const sid = (await call(url, 'POST', '/api/tasks/me/with-session/nemo_agent', { token, body: { language: 'en' } }))
    .body.data.session_id;
  await uploadFiles(
    url,
    token,
    sid,
    ['a.png', 'b.png'].map((name) => ({ name, data: media('png'), type: 'image/png' })),
  );
  await chat(url, token, sid, `make a ${seconds} second video`);
  return {
    sid,
    draft: (await call(url, 'GET', `/api/state/nemo_agent/me/${sid}/latest`, { token })).body.data.state.draft,
  };
}

test(
  'render queue: three exports at concurrency 1 run one at a time, the waiting ones report their place in line, all complete',
  { timeout: 240_000 },
  async () => {
    const e = await startLocalEngine({ dataDir: tempDir('vg-queue-'), renderConcurrency: 1 });
    try {
      const { sid, draft } = await session(e.url, e.token!, 4);
      const ids = [1, 2, 3].map((i) => `render_q${i}_${Date.now()}`);
      for (const id of ids) {
        const r = await call(e.url, 'POST', '/api/render/proxy/lambda', {
          token: e.token,
          body: { id, sessionId: sid, draft, output: { format: 'mp4' } },
        });
        assert.equal(r.body.success, true, r.text);
      }
      const status = async (id: string) =>
        (await call(e.url, 'GET', `/api/render/proxy/lambda/${id}`, { token: e.token })).body.data;
      const [s2, s3] = [await status(ids[1]), await status(ids[2])];
      assert.deepEqual([s2.status, s2.queuePosition, s3.status, s3.queuePosition], ['pending', 1, 'pending', 2]);
      let most = 0;
      const done = await waitFor(
        async () => {
          most = Math.max(most, ourFfmpegs());
          const all = await Promise.all(ids.map(status));
          return all.every((s) => s.status === 'completed') ? all : undefined;
        },
        'all three completed',
        220_000,
      );
      assert.equal(done?.length, 3);
      assert.ok(most <= 1, `at most one ffmpeg at a time (saw ${most})`);
    } finally {
      await e.close();
    }
  },
);

test(
  'render deadline: a render still running at the deadline fails with a message that says so, and leaves no partial file',
  { timeout: 120_000 },
  async () => {
    const dir = tempDir('vg-deadline-');
    const e = await startLocalEngine({ dataDir: dir, renderDeadlineMs: 1_500 });
    try {
      const { sid, draft } = await session(e.url, e.token!, 60);
      const id = `render_dl_${Date.now()}`;
      await call(e.url, 'POST', '/api/render/proxy/lambda', {
        token: e.token,
        body: { id, sessionId: sid, draft, output: { format: 'mp4' } },
      });
      const failed = await waitFor(
        async () => {
          const s = (await call(e.url, 'GET', `/api/render/proxy/lambda/${id}`, { token: e.token })).body.data;
          return s.status === 'failed' ? s : undefined;
        },
        'the render failed at its deadline',
        60_000,
      );
      assert.match(failed.error, /took longer than 2 s and was stopped; shorten the video or export again/);
      await waitFor(
        () => readdirSync(join(dir, 'renders')).every((f) => !f.endsWith('.mp4')) || undefined,
        'no video file left',
        10_000,
      );
    } finally {
      await e.close();
    }
  },
);
