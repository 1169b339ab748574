/**
 * A bounded, self-stopping load test of the local engine on loopback: 200 concurrent requests
 * (state reads, credits, uploads of small distinct files to a few sessions, render submits) and
 * 20 concurrent chat streams. Afterwards every write is counted back: uploads in the sessions'
 * media lists, renders completed, each turn's draft and history persisted. Reports
 * `load requests=… streams=… errors=… lost=… ms=…` for docs/reliability.md.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent as HttpAgent, request } from 'undici';
import { startEngine, type Engine } from '../../src/engine/server';
import { ScriptedAgent } from '../../src/engine/standin/scriptedAgent';
import { FixtureRenderer } from '../../src/engine/standin/fixtureRenderer';
import { call, sseEvents, uploadFiles, waitFor, SKILL_HEADERS } from '../integration/engine-helpers';
import { pngBytes } from './helpers';

const REQUESTS = 200;
const STREAMS = 20;
const UPLOAD_SESSIONS = 4;

let e: Engine;
let dir: string;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vg-load-'));
  e = await startEngine({
    dataDir: dir,
    agent: new ScriptedAgent({ stepMs: 2 }),
    renderer: new FixtureRenderer({ stepMs: 5 }),
    keepAliveMs: 50,
  });
});
after(async () => {
  await e.close();
  rmSync(dir, { recursive: true, force: true });
});

const newSession = async () =>
  (await call(e.url, 'POST', '/api/tasks/me/with-session/nemo_agent', { token: e.token, body: { language: 'en' } }))
    .body.data.session_id as string;

test(
  '[load] 200 concurrent requests and 20 concurrent chat streams: no errors, no lost writes',
  // Bounded in count; the time bound is generous because a shared 2-core machine may be busy.
  { timeout: 180_000 },
  async (t) => {
    const dispatcher = new HttpAgent({ connections: 256 });
    const started = Date.now();
    const uploadSids = await Promise.all(Array.from({ length: UPLOAD_SESSIONS }, newSession));
    const renderSid = await newSession();
    await call(e.url, 'POST', '/run_sse', {
      token: e.token,
      headers: { accept: 'text/event-stream' },
      body: { session_id: renderSid, new_message: { role: 'user', parts: [{ text: 'make a 4 second video' }] } },
    });
    const draft = (await call(e.url, 'GET', `/api/state/nemo_agent/me/${renderSid}/latest`, { token: e.token })).body
      .data.state.draft;
    const streamSids = await Promise.all(Array.from({ length: STREAMS }, newSession));

    let errors = 0;
    const fail = (what: string) => {
      errors += 1;
      t.diagnostic(`error: ${what}`);
    };
    const expectedUploads = new Map<string, string[]>(uploadSids.map((s) => [s, []]));
    const renderIds: string[] = [];
    const auth = { authorization: `Bearer ${e.token}`, ...SKILL_HEADERS };

    const jobs: Array<() => Promise<void>> = [];
    for (let i = 0; i < REQUESTS; i++) {
      const kind = i % 10;
      if (kind < 4)
        jobs.push(async () => {
          // 80 state reads
          const r = await request(`${e.url}/api/state/nemo_agent/me/${uploadSids[i % UPLOAD_SESSIONS]}/latest`, {
            headers: auth,
            dispatcher,
          });
          const b = (await r.body.json()) as { code: number };
          if (r.statusCode !== 200 || b.code !== 0) fail(`state ${r.statusCode}`);
        });
      else if (kind < 6)
        jobs.push(async () => {
          // 40 credits
          const r = await request(`${e.url}/api/credits/balance/simple`, { headers: auth, dispatcher });
          const b = (await r.body.json()) as { code: number };
          if (r.statusCode !== 200 || b.code !== 0) fail(`credits ${r.statusCode}`);
        });
      else if (kind < 9)
        jobs.push(async () => {
          // 60 uploads of distinct small files
          const sid = uploadSids[i % UPLOAD_SESSIONS];
          const name = `load-${i}.png`;
          expectedUploads.get(sid)!.push(name);
          const r = await uploadFiles(e.url, e.token!, sid, [
            { name, data: pngBytes(8 + (i % 40), 8 + Math.floor(i / 40), [i % 256, 3, 9]) },
          ]);
          if (r.status !== 200 || r.body.code !== 0) fail(`upload ${r.status} ${r.text.slice(0, 100)}`);
        });
      else
        jobs.push(async () => {
          // 20 render submits
          const id = `render_load_${i}`;
          renderIds.push(id);
          const r = await call(e.url, 'POST', '/api/render/proxy/lambda', {
            token: e.token,
            body: { id, sessionId: renderSid, draft, output: { format: 'mp4', quality: 'high' } },
          });
          if (r.status !== 200 || r.body.success !== true) fail(`render ${r.status}`);
        });
    }
    const streams = streamSids.map((sid, i) => async () => {
      const r = await call(e.url, 'POST', '/run_sse', {
        token: e.token,
        headers: { accept: 'text/event-stream' },
        body: {
          session_id: sid,
          new_message: { role: 'user', parts: [{ text: `make a ${5 + i} second video titled "Load ${i}"` }] },
        },
      });
      const events = sseEvents(r.text);
      const final = events.find(
        (ev) =>
          ev.partial !== true &&
          ev.content?.parts?.some((p: { text?: string; thought?: boolean }) => p.text && !p.thought),
      );
      if (r.status !== 200 || !final) fail(`stream ${r.status}`);
    });
    await Promise.all([...jobs, ...streams].map((j) => j().catch((err: Error) => fail(err.message))));

    // Count every write back.
    let lost = 0;
    for (const [sid, names] of expectedUploads) {
      const st = await call(e.url, 'GET', `/api/state/nemo_agent/me/${sid}/latest`, { token: e.token });
      const have = new Set(st.body.data.state.video_infos.map((v: { filename: string }) => v.filename));
      lost += names.filter((n) => !have.has(n)).length;
    }
    for (const sid of streamSids) {
      const st = await call(e.url, 'GET', `/api/state/nemo_agent/me/${sid}/latest`, { token: e.token });
      if (!(st.body.data.state.draft?.t?.length > 0)) lost += 1;
    }
    const completed = (await waitFor(
      async () => {
        const states = await Promise.all(
          renderIds.map(
            async (id) =>
              (await call(e.url, 'GET', `/api/render/proxy/lambda/${id}`, { token: e.token })).body.data?.status,
          ),
        );
        return states.every((s) => s === 'completed' || s === 'failed') ? states : undefined;
      },
      'renders to finish',
      40_000,
    )) as string[];
    lost += completed.filter((s) => s !== 'completed').length;
    const serverErrors = e.requests.length; // recorded requests, for the figure
    const ms = Date.now() - started;
    t.diagnostic(
      `load requests=${REQUESTS} streams=${STREAMS} errors=${errors} lost=${lost} ms=${ms} recorded=${serverErrors}`,
    );
    await dispatcher.close();
    assert.equal(errors, 0, 'no request failed');
    assert.equal(lost, 0, 'no write lost');
    assert.equal(completed.length, REQUESTS / 10);
  },
);
