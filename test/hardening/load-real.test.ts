/**
 * Load on the REAL local engine — the planner and the ffmpeg renderer, not the scripted agent
 * and fixture renderer of load.test.ts. Bounded in count and time, loopback only: 20 sessions
 * at once (create, upload two photos each, two chat turns each, all concurrently), then 4 real
 * renders submitted at once through the render queue (a small 180×320 canvas keeps it light).
 * Afterwards every write is counted back — each session's uploads, its last edit in the engine's
 * state AND in its file on disk, each render's MP4 — and the peak memory of the engine process
 * plus its ffmpeg children is sampled. Reports
 * `load-real sessions=… renders=… errors=… lost=… peak_rss_mb=… ms=…` for docs/reliability.md.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { startLocalEngine } from '../../src/engine/local';
import { draftVersion } from '../../src/contract/draftSchema';
import { call, chat, uploadFiles, waitFor } from '../integration/engine-helpers';
import { childrenNamed } from '../support/processes';
import { pngBytes, tempDir } from './helpers';

const SESSIONS = 20;
const RENDERS = 4;

/** Resident memory of a process in MB (0 once it is gone). */
function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

test(
  '[load] real planner + renderer: 20 sessions at once and 4 concurrent real renders through the queue — 0 errors, 0 lost writes, peak RSS reported',
  { timeout: 420_000 },
  async (t) => {
    if (process.platform !== 'linux') {
      t.skip('samples memory from /proc');
      return;
    }
    const data = join(tempDir('vg-load-real-'), 'engine');
    const e = await startLocalEngine({ dataDir: data });
    let peak = 0;
    const sampler = setInterval(() => {
      const total = rssMb(process.pid) + childrenNamed(process.pid, 'ffmpeg').reduce((n, pid) => n + rssMb(pid), 0);
      peak = Math.max(peak, total);
    }, 100);
    let errors = 0;
    const fail = (what: string) => {
      errors += 1;
      t.diagnostic(`error: ${what}`);
    };
    const started = Date.now();
    try {
      const token = e.token!;
      // 1. 20 sessions, concurrently: create, two distinct photos, a plan, an edit naming the session.
      const sids = await Promise.all(
        Array.from({ length: SESSIONS }, async (_, i) => {
          const r = await call(e.url, 'POST', '/api/tasks/me/with-session/nemo_agent', {
            token,
            body: { language: 'en' },
          });
          const sid = r.body?.data?.session_id as string;
          if (!sid) {
            fail(`session ${i}: ${r.text.slice(0, 120)}`);
            return '';
          }
          const up = await uploadFiles(
            e.url,
            token,
            sid,
            [0, 1].map((k) => ({
              name: `p${i}-${k}.png`,
              data: pngBytes(64, 96, [i * 10, k * 100, 80]),
              type: 'image/png',
            })),
          );
          if (up.body?.code !== 0) fail(`upload ${i}: ${up.text.slice(0, 120)}`);
          for (const text of ['make a 4 second video', `add a caption "Session ${i}"`]) {
            const turn = await chat(e.url, token, sid, text);
            if (turn.status !== 200 || /"error"/.test(turn.text)) fail(`chat ${i} "${text}": ${turn.status}`);
          }
          return sid;
        }),
      );

      // 2. 4 real renders submitted at once; the queue runs cores/2 of them, the rest wait their turn.
      let queued = 0;
      const renders = await Promise.all(
        sids.slice(0, RENDERS).map(async (sid, i) => {
          const st = await call(e.url, 'GET', `/api/state/nemo_agent/me/${sid}/latest`, { token });
          const draft = st.body.data.state.draft;
          draft.m = { ...draft.m, width: 180, height: 320 };
          const id = `render_load_${i}`;
          const r = await call(e.url, 'POST', '/api/render/proxy/lambda', {
            token,
            body: { id, sessionId: sid, draft, output: { format: 'mp4' } },
          });
          if (r.body?.success !== true) {
            fail(`render ${i}: ${r.text.slice(0, 120)}`);
            return undefined;
          }
          const done = await waitFor(
            async () => {
              const s = (await call(e.url, 'GET', `/api/render/proxy/lambda/${id}`, { token })).body.data;
              if (s.queuePosition) queued += 1;
              return s.status === 'completed' || s.status === 'failed' ? s : undefined;
            },
            `render ${id}`,
            300_000,
          );
          if (done.status !== 'completed') fail(`render ${i} ${done.status}: ${done.error}`);
          return id;
        }),
      );

      // 3. Count every write back: in the engine's answers and in the files on disk.
      let lost = 0;
      for (const [i, sid] of sids.entries()) {
        if (!sid) {
          lost += 1;
          continue;
        }
        const st = (await call(e.url, 'GET', `/api/state/nemo_agent/me/${sid}/latest`, { token })).body.data.state;
        const onDisk = JSON.parse(readFileSync(join(data, 'sessions', `${sid}.json`), 'utf8'));
        const captioned = JSON.stringify(st.draft).includes(`Session ${i}`);
        if (
          st.video_infos.length !== 2 ||
          !captioned ||
          draftVersion(onDisk.draft) !== draftVersion(st.draft) ||
          onDisk.media.length !== 2
        ) {
          lost += 1;
          t.diagnostic(
            `lost: session ${i} media=${st.video_infos.length} captioned=${captioned} disk-matches=${draftVersion(onDisk.draft) === draftVersion(st.draft)}`,
          );
        }
      }
      for (const id of renders) {
        const file = join(data, 'renders', `${id}.mp4`);
        const ok =
          !!id &&
          (statSync(file, { throwIfNoEntry: false })?.size ?? 0) > 0 &&
          Number(
            execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file], {
              encoding: 'utf8',
            }),
          ) > 3.5;
        if (!ok) {
          lost += 1;
          t.diagnostic(`lost: render ${id}`);
        }
      }
      const ms = Date.now() - started;
      clearInterval(sampler);
      t.diagnostic(
        `load-real sessions=${SESSIONS} renders=${RENDERS} errors=${errors} lost=${lost} peak_rss_mb=${Math.round(peak)} ms=${ms} queued_polls=${queued}`,
      );
      assert.equal(errors, 0, 'no request failed');
      assert.equal(lost, 0, 'every upload, edit and render is there, in memory and on disk');
      assert.ok(
        queued > 0 || RENDERS <= Math.max(1, Math.floor(availableParallelism() / 2)),
        "renders beyond the queue's width waited their turn",
      );
      assert.ok(peak < 700, `peak RSS (engine + ffmpeg) ${Math.round(peak)} MB, under the 700 MB budget`);
    } finally {
      clearInterval(sampler);
      await e.close();
    }
  },
);
