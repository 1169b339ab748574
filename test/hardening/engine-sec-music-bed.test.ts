/**
 * The music-bed cache is trusted only when it is intact: another local user (or a crash, or a
 * disk error) once put a tone at the bed's path and it became the soundtrack. Now the cache is
 * per-user (0700, under the data dir) and each bed is checked against the sha-256 recorded when
 * it was made; a planted or corrupted bed is made again before the render uses it. Real engine,
 * real ffmpeg renders on a small canvas.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLocalEngine } from '../../src/engine/local';
import { call, chat, media, uploadFiles, waitFor } from '../integration/engine-helpers';
import { tempDir } from './helpers';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

test(
  '[engine-sec] a planted or corrupted music bed in the cache is made again, never used as the soundtrack',
  { timeout: 180_000 },
  async () => {
    const dir = tempDir('vg-bed-');
    const data = join(dir, 'engine');
    const e = await startLocalEngine({ dataDir: data, renderConcurrency: 1 });
    try {
      const token = e.token!;
      const sid = (
        await call(e.url, 'POST', '/api/tasks/me/with-session/nemo_agent', { token, body: { language: 'en' } })
      ).body.data.session_id;
      await uploadFiles(
        e.url,
        token,
        sid,
        ['a.png', 'b.png'].map((name) => ({ name, data: media('png'), type: 'image/png' })),
      );
      await chat(e.url, token, sid, 'make a 4 second video with music');
      const draft = (await call(e.url, 'GET', `/api/state/nemo_agent/me/${sid}/latest`, { token })).body.data.state
        .draft;
      assert.ok(JSON.stringify(draft).includes('builtin:bed'), 'the draft uses the synthesised bed');
      draft.m = { ...draft.m, width: 180, height: 320 };
      let n = 0;
      const render = async () => {
        const id = `render_bed_${n++}`;
        const r = await call(e.url, 'POST', '/api/render/proxy/lambda', {
          token,
          body: { id, sessionId: sid, draft, output: { format: 'mp4' } },
        });
        assert.equal(r.body.success, true, r.text);
        const done = await waitFor(
          async () => {
            const s = (await call(e.url, 'GET', `/api/render/proxy/lambda/${id}`, { token })).body.data;
            return s.status === 'completed' || s.status === 'failed' ? s : undefined;
          },
          `render ${id}`,
          120_000,
        );
        assert.equal(done.status, 'completed', done.error);
      };
      await render();
      const beds = join(data, 'tmp', 'render', 'vg-music-beds');
      const bed = readdirSync(beds).find((f) => f.endsWith('.wav'))!;
      assert.ok(bed, 'the bed is cached');
      const genuine = readFileSync(join(beds, bed));
      assert.equal(readFileSync(join(beds, `${bed}.sha256`), 'utf8'), sha(genuine));

      // A planted tone of the same length and format, then a corrupted (truncated) copy.
      const tone = join(dir, 'tone.wav');
      execFileSync('ffmpeg', [
        '-v',
        'error',
        '-y',
        '-f',
        'lavfi',
        '-i',
        'sine=f=1000:d=4',
        '-ac',
        '2',
        '-ar',
        '44100',
        tone,
      ]);
      for (const planted of [readFileSync(tone), genuine.subarray(0, genuine.length >> 1)]) {
        writeFileSync(join(beds, bed), planted);
        await render();
        assert.equal(sha(readFileSync(join(beds, bed))), sha(genuine), 'the bed was made again, not used');
      }
    } finally {
      await e.close();
    }
  },
);
