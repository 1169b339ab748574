/**
 * Fault catalogue, part 1: the network and the HTTP status of every endpoint. Each test is one
 * row of docs/reliability.md and asserts what the user sees: the ApiError kind and message the
 * UI/CLI shows, whether a Retry is offered (`transient`), and what is left on disk or persisted.
 */
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startStandIn, type StandIn } from '../../src/engine/standin';
import type { FaultEndpoint } from '../../src/engine/standin/faults';
import { abruptServer, closedPort, rejectsWith, serviceFor, tempDir, writePngs } from './helpers';

let s: StandIn;
before(async () => {
  s = await startStandIn();
});
after(async () => {
  await s.close();
});
beforeEach(() => {
  s.faults.reset();
  s.agent?.reset();
});

const RETRY_HINT = /Try again in a moment/;

test(
  '[fault] connection refused: a network error naming the refusal, Retry offered',
  { timeout: 120_000 },
  async () => {
    const { svc } = serviceFor({ url: `http://127.0.0.1:${await closedPort()}` });
    const e = await rejectsWith(
      svc.connect(),
      'network',
      /connection was refused.*Check your connection or the API base URL/,
    );
    assert.equal(e.transient, true);
    assert.equal(svc.phase, 'error');
  },
);

test(
  '[fault] DNS failure (.invalid host): "could not be resolved", no traffic leaves',
  { timeout: 120_000 },
  async () => {
    const { svc } = serviceFor({ url: 'http://vg-nowhere.invalid' });
    const e = await rejectsWith(svc.credits(), 'network', /server name could not be resolved/);
    assert.equal(e.transient, true);
  },
);

test(
  '[fault] TLS-like abrupt close: the socket is accepted and destroyed — "closed unexpectedly"',
  { timeout: 120_000 },
  async () => {
    const srv = await abruptServer();
    try {
      const { svc } = serviceFor(srv);
      await rejectsWith(svc.connect(), 'network', /closed unexpectedly/);
      assert.ok(srv.connections() >= 1, 'the client did connect');
    } finally {
      await srv.close();
    }
  },
);

test('[fault] garbage instead of HTTP, then close: a network error, not a crash', { timeout: 120_000 }, async () => {
  const srv = await abruptServer('\u0016\u0003\u0001 not http at all\r\n\r\n');
  try {
    const { svc } = serviceFor(srv);
    await rejectsWith(svc.connect(), 'network', /Could not reach the video service/);
  } finally {
    await srv.close();
  }
});

/** Ready: a token, a session, media and a draft (so every endpoint can be reached). */
async function ready() {
  const dir = tempDir('vg-hard-');
  const t = serviceFor(s);
  await t.svc.upload(writePngs(dir, ['a.png', 'b.png']));
  await t.svc.send('make a 10 second video');
  return { ...t, dir };
}

const fiveXX: Array<{
  endpoint: FaultEndpoint;
  status: number;
  run: (t: Awaited<ReturnType<typeof ready>>) => Promise<void>;
}> = [
  {
    endpoint: 'token',
    status: 500,
    run: async ({ svc }) => {
      svc.resetConnection();
      await svc.signOut();
      await rejectsWith(svc.connect(), 'server', RETRY_HINT);
    },
  },
  {
    endpoint: 'session',
    status: 502,
    run: async ({ svc }) => {
      await rejectsWith(svc.newSession(), 'server', RETRY_HINT);
    },
  },
  {
    endpoint: 'sse',
    status: 503,
    run: async ({ svc }) => {
      await rejectsWith(svc.send('add a title "Hello"'), 'server', RETRY_HINT);
    },
  },
  {
    endpoint: 'upload',
    status: 500,
    run: async ({ svc, dir }) => {
      await rejectsWith(svc.upload(writePngs(dir, ['c.png'])), 'server', RETRY_HINT);
    },
  },
  {
    endpoint: 'credits',
    status: 503,
    run: async ({ svc }) => {
      await rejectsWith(svc.credits(), 'server', /HTTP 503/);
    },
  },
  {
    endpoint: 'state',
    status: 500,
    run: async ({ svc }) => {
      await rejectsWith(svc.timeline(), 'server', RETRY_HINT);
    },
  },
];

for (const row of fiveXX) {
  test(
    `[fault] HTTP ${row.status} on the ${row.endpoint} endpoint: a "having trouble" message with Retry, nothing lost`,
    { timeout: 120_000 },
    async () => {
      const t = await ready();
      const before = await t.svc.timeline();
      s.faults.failNext(row.endpoint, { status: row.status });
      await row.run(t);
      // The next attempt (the user's Retry) works and the timeline is intact.
      const after = await t.svc.timeline();
      assert.deepEqual(after.tracks.length, before.tracks.length);
      assert.deepEqual(
        after.media.map((m) => m.name),
        before.media.map((m) => m.name),
      );
    },
  );
}

test(
  '[fault] HTTP 500 on render submit: retried once with a new id, the export succeeds',
  { timeout: 120_000 },
  async () => {
    const t = await ready();
    s.faults.failNext('render', { status: 500 });
    const out = await t.svc.exportVideo({ folder: join(t.dir, 'out'), fileName: 'v.mp4' });
    assert.ok(existsSync(out));
    const submits = s.requests.filter((r) => r.path === '/api/render/proxy/lambda' && r.method === 'POST');
    assert.ok(submits.length >= 2, 'one retry');
    s.faults.failNext('render', { status: 500, times: 2 });
    await rejectsWith(t.svc.exportVideo({ folder: join(t.dir, 'out') }), 'server', RETRY_HINT);
    assert.equal(t.svc.pendingExport(), undefined, 'no job was created');
  },
);

test(
  '[fault] HTTP 503 on render status: transient polls retried; persistent failure keeps the job for resume',
  { timeout: 120_000 },
  async () => {
    const t = await ready();
    s.faults.failNext('renderStatus', { status: 503, times: 2 });
    assert.ok(existsSync(await t.svc.exportVideo({ folder: join(t.dir, 'o1') })));
    s.faults.failNext('renderStatus', { status: 503, times: 10 });
    await rejectsWith(t.svc.exportVideo({ folder: join(t.dir, 'o2'), fileName: 'late.mp4' }), 'server', RETRY_HINT);
    assert.ok(t.svc.pendingExport(), 'the job is kept');
    s.faults.reset();
    assert.equal(await t.svc.resumeExport({}), join(t.dir, 'o2', 'late.mp4'));
  },
);

test(
  '[fault] HTTP 502 on cancel: the error is shown and the job is kept so Cancel can be tried again',
  { timeout: 120_000 },
  async () => {
    const t = await ready();
    s.faults.renderStuck = true;
    let rendering!: () => void;
    const started = new Promise<void>((r) => {
      rendering = r;
    });
    const running = t.svc.exportVideo({
      folder: t.dir,
      onProgress: (p) => {
        if (p.phase === 'rendering') rendering();
      },
    });
    const stopped = assert.rejects(running);
    await started;
    s.faults.failNext('cancel', { status: 502 });
    await rejectsWith(t.svc.cancelExport(), 'server', RETRY_HINT);
    await stopped;
    assert.ok(t.svc.pendingExport(), 'not forgotten while the backend job may still run');
    await t.svc.cancelExport();
    assert.equal(t.svc.pendingExport(), undefined);
  },
);

test(
  '[fault] HTTP 503 on the download endpoint after the CDN cut: clear error, no partial file, resume works',
  { timeout: 120_000 },
  async () => {
    const t = await ready();
    const out = join(t.dir, 'dl');
    s.faults.downloadCut = 1;
    s.faults.failNext('download', { status: 503 });
    await rejectsWith(
      t.svc.exportVideo({ folder: out, fileName: 'v.mp4' }),
      'server',
      /Downloading the video failed \(HTTP 503\)/,
    );
    assert.deepEqual(existsSync(out) ? readdirSync(out) : [], [], 'no partial or temp file');
    assert.ok(t.svc.pendingExport(), 'the finished render is kept');
    assert.equal(await t.svc.resumeExport({}), join(out, 'v.mp4'));
    assert.deepEqual(readdirSync(out), ['v.mp4']);
  },
);

test(
  '[fault] HTTP 429 on the token endpoint: one retry after the wait, then a clear message',
  { timeout: 120_000 },
  async () => {
    const waits: number[] = [];
    const sleep = async (ms: number) => {
      waits.push(ms);
    };
    const ok = serviceFor(s, { sleep, rateLimitWaitMs: 30_000 });
    s.faults.failNext('token', { status: 429 });
    await ok.svc.connect();
    assert.deepEqual(waits, [30_000], 'waited once, then succeeded');
    const bad = serviceFor(s, { sleep });
    s.faults.failNext('token', { status: 429, times: 2 });
    await rejectsWith(
      bad.svc.connect(),
      'rate-limit',
      /one free token per installation every 7 days.*Set Token|local engine/,
    );
    assert.equal(waits.length, 2, 'exactly one wait per attempt, no loop');
  },
);
