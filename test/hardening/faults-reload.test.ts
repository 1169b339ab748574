/**
 * Fault catalogue, part 4: the window reloaded mid-work and two windows on one workspace. A
 * reload is simulated as the core sees it: the old VideoService's work is aborted and a new
 * instance starts on the SAME stores (workspaceState / SecretStorage survive a reload).
 */
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startStandIn, type StandIn } from '../../src/engine/standin';
import { pngBytes, rejectsWith, serviceFor, tempDir, writePngs } from './helpers';
import { waitFor } from '../integration/engine-helpers';

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

/** A window and its reloaded successor: same stores, new service. */
function windowPair() {
  const first = serviceFor(s);
  const reload = () => serviceFor(s, { state: first.state, tokenStore: first.tokens });
  return { first, reload };
}

const renderSubmits = () =>
  s.requests.filter((r) => r.path === '/api/render/proxy/lambda' && r.method === 'POST').length;

test(
  '[fault] reload during an upload: reported as interrupted (aborted), nothing half-registered, the retry works',
  { timeout: 120_000 },
  async () => {
    const dir = tempDir('vg-reload-up-');
    const { first, reload } = windowPair();
    await first.svc.upload(writePngs(dir, ['kept.png']));
    // A large (valid-looking) PNG so the upload is still running when the window goes away.
    const big = join(dir, 'big.png');
    writeFileSync(big, Buffer.concat([pngBytes(), Buffer.alloc(24 * 1024 * 1024, 1)]));
    // The engine writes what arrives under back-pressure: no listener may pile up per write (#16 item 10).
    const warnings: Error[] = [];
    const onWarning = (w: Error) => {
      warnings.push(w);
    };
    process.on('warning', onWarning);
    const stop = new AbortController();
    const up = first.svc.upload([big], {
      signal: stop.signal,
      onProgress: (p) => {
        if (p.sentBytes > 1024 * 1024) stop.abort();
      },
    });
    await rejectsWith(up, 'aborted', /cancelled/);
    await waitFor(() => readdirSync(join(s.dataDir, 'tmp')).length === 0, 'the server dropped the partial upload');
    process.off('warning', onWarning);
    assert.deepEqual(
      warnings.filter((w) => w.name === 'MaxListenersExceededWarning').map((w) => w.message),
      [],
    );
    const next = reload();
    const t = await next.svc.timeline();
    assert.deepEqual(
      t.media.map((m) => m.name),
      ['kept.png'],
      'the interrupted file was not added',
    );
    await waitFor(() => readdirSync(join(s.dataDir, 'tmp')).length === 0, 'the server removed the partial upload');
    writeFileSync(join(dir, 'again.png'), pngBytes(20, 20, [1, 2, 3]));
    await next.svc.upload([join(dir, 'again.png')]);
    assert.deepEqual(
      (await next.svc.timeline()).media.map((m) => m.name),
      ['kept.png', 'again.png'],
    );
  },
);

test(
  '[fault] reload during a chat reply: the stream is released, the session and its timeline are intact',
  { timeout: 120_000 },
  async () => {
    const { first, reload } = windowPair();
    await first.svc.send('make a 10 second video with the title "Kept"');
    const before = await first.svc.timeline();
    s.faults.stream = 'keepalive-only';
    s.faults.keepaliveOnlyMs = 60_000;
    const stop = new AbortController();
    const opened = once(s.events, 'sse-open');
    const closed = once(s.events, 'sse-close');
    const turn = first.svc.send('add music', { signal: stop.signal });
    await opened;
    stop.abort();
    await rejectsWith(turn, 'aborted');
    assert.equal(((await closed)[1] as { clientAborted: boolean }).clientAborted, true);
    s.faults.reset();
    const next = reload();
    assert.equal(
      (await next.svc.connect()).sessionId,
      (await first.svc.connect()).sessionId,
      'same session after reload',
    );
    const after = await next.svc.timeline();
    assert.deepEqual(after.tracks, before.tracks, 'the aborted turn changed nothing');
    const r = await next.svc.send('make it 8 seconds');
    assert.equal(r.kind, 'reply');
  },
);

test(
  '[fault] reload during an export: the job survives the reload and is resumed to the same file, without a second render',
  { timeout: 120_000 },
  async () => {
    const dir = tempDir('vg-reload-exp-');
    const { first, reload } = windowPair();
    await first.svc.upload(writePngs(dir, ['a.png']));
    await first.svc.send('make a 10 second video');
    const stop = new AbortController();
    let rendering!: () => void;
    const started = new Promise<void>((r) => {
      rendering = r;
    });
    const exp = first.svc.exportVideo({
      folder: dir,
      fileName: 'after-reload.mp4',
      signal: stop.signal,
      onProgress: (p) => {
        if (p.phase === 'rendering') rendering();
      },
    });
    await started;
    stop.abort(); // the window reloads; the render keeps going on the server
    await rejectsWith(exp, 'aborted');
    const submits = renderSubmits();
    const next = reload();
    assert.ok(next.svc.pendingExport(), 'the new window sees the unfinished export');
    assert.equal(await next.svc.resumeExport({}), join(dir, 'after-reload.mp4'));
    assert.ok(existsSync(join(dir, 'after-reload.mp4')));
    assert.equal(renderSubmits(), submits, 'resumed, not rendered twice');
    assert.equal(next.svc.pendingExport(), undefined);
  },
);

test(
  '[fault] two windows on one workspace: one session from the first concurrent connect, and a second export while one runs is refused (no double export)',
  { timeout: 120_000 },
  async () => {
    const dir = tempDir('vg-two-');
    const a = serviceFor(s);
    const b = serviceFor(s, { state: a.state, tokenStore: a.tokens });
    // Both connect at once on a fresh project: they agree from the first answer, not only later.
    const [ia, ib] = await Promise.all([a.svc.connect(), b.svc.connect()]);
    assert.equal(ia.sessionId, ib.sessionId, 'both windows work in one session from their first connect');
    const [ja, jb] = [await a.svc.connect(), await b.svc.connect()];
    assert.equal(ja.sessionId, ia.sessionId);
    assert.equal(jb.sessionId, ia.sessionId);
    await a.svc.upload(writePngs(dir, ['a.png']));
    await b.svc.send('make a 10 second video');
    s.faults.renderStuck = true;
    let rendering!: () => void;
    const started = new Promise<void>((r) => {
      rendering = r;
    });
    const first = a.svc.exportVideo({
      folder: dir,
      onProgress: (p) => {
        if (p.phase === 'rendering') rendering();
      },
    });
    const firstDone = assert.rejects(first);
    await started;
    const submits = renderSubmits();
    await rejectsWith(
      b.svc.exportVideo({ folder: dir }),
      'input',
      /An export is already running for this project\. Wait for it to finish, or cancel it first\./,
    );
    assert.equal(renderSubmits(), submits, 'no second render job');
    await b.svc.cancelExport(); // either window can cancel it
    await firstDone;
    assert.equal(a.svc.pendingExport(), undefined);
  },
);
