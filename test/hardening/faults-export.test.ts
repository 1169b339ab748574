/**
 * Fault catalogue, part 3: exports — failed and stuck renders, cut downloads, a full disk and a
 * read-only export folder. The user-visible outcome is the message, the files on disk (never a
 * partial MP4) and whether the job is kept for a retry.
 */
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { startStandIn, type StandIn } from '../../src/engine/standin';
import { ApiClient } from '../../src/core/api/client';
import { downloadFile } from '../../src/core/api/download';
import { httpServer, rejectsWith, serviceFor, tempDir, writePngs } from './helpers';

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

async function ready(over = {}) {
  const dir = tempDir('vg-hard-exp-');
  const t = serviceFor(s, over);
  await t.svc.upload(writePngs(dir, ['a.png', 'b.png']));
  await t.svc.send('make a 10 second video');
  return { ...t, dir };
}

/** A tmpfs of `kb` KiB (root only); undefined where mounting is not allowed. */
function tmpfs(kb: number, readOnly = false): string | undefined {
  const dir = tempDir('vg-tmpfs-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${kb}k${readOnly ? ',ro' : ''}`, 'tmpfs', dir], {
      stdio: 'ignore',
    });
    return dir;
  } catch {
    rmdirSync(dir);
    return undefined;
  }
}
function unmount(dir: string): void {
  execFileSync('umount', [dir], { stdio: 'ignore' });
  rmdirSync(dir);
}
const canMount = (() => {
  const d = tmpfs(8);
  if (d) unmount(d);
  return !!d;
})();

test("[fault] render failed: the server's reason is shown and the job is cleared", { timeout: 120_000 }, async () => {
  const t = await ready();
  s.faults.renderFail = 'GPU node lost';
  await rejectsWith(
    t.svc.exportVideo({ folder: join(t.dir, 'out') }),
    'render',
    /The render failed: GPU node lost\. Check the timeline and export again\./,
  );
  assert.equal(t.svc.pendingExport(), undefined);
  assert.equal(existsSync(join(t.dir, 'out')) ? readdirSync(join(t.dir, 'out')).length : 0, 0);
});

test(
  '[fault] render stuck in processing past the deadline: cancelled on the backend, job cleared, "timed out" message',
  { timeout: 120_000 },
  async () => {
    const t = await ready({ renderDeadlineMs: 250 });
    s.faults.renderStuck = true;
    const cancelled = once(s.events, 'render-cancelled');
    await rejectsWith(
      t.svc.exportVideo({ folder: join(t.dir, 'out') }),
      'timeout',
      /The render did not finish within the 250 ms limit, so it was cancelled on the server\. Export again/,
    );
    await cancelled;
    assert.equal(t.svc.pendingExport(), undefined);
  },
);

test(
  '[fault] download cut halfway on the CDN: the API download fallback finishes it; no partial file',
  { timeout: 120_000 },
  async () => {
    const t = await ready();
    const out = join(t.dir, 'cut');
    s.faults.downloadCut = 1;
    const path = await t.svc.exportVideo({ folder: out, fileName: 'v.mp4' });
    assert.deepEqual(readdirSync(out), ['v.mp4']);
    assert.ok(statSync(path).size > 1000);
    assert.equal(s.faults.downloadCut, 0, 'the cut happened');
  },
);

test(
  '[fault] download cut halfway (any origin): "cut off" error, no partial or temp file, a retry succeeds',
  { timeout: 120_000 },
  async () => {
    const body = Buffer.alloc(200_000, 7);
    let cut = true;
    const cdn = await httpServer((_req, res) => {
      res.writeHead(200, { 'content-length': body.length, 'content-type': 'video/mp4' });
      if (!cut) {
        res.end(body);
        return;
      }
      res.write(body.subarray(0, body.length / 2), () => setImmediate(() => res.socket?.destroy()));
    });
    try {
      const client = new ApiClient({
        baseUrl: s.url,
        version: 't',
        platform: 'unknown',
        token: () => 'nmv_usr_secret',
      });
      const dir = tempDir('vg-cut-');
      await rejectsWith(
        downloadFile(client, `${cdn.url}/v.mp4`, join(dir, 'v.mp4')),
        'network',
        /download|closed unexpectedly|cut off/i,
      );
      assert.deepEqual(readdirSync(dir), [], 'nothing left behind');
      cut = false;
      await downloadFile(client, `${cdn.url}/v.mp4`, join(dir, 'v.mp4'));
      assert.deepEqual(readdirSync(dir), ['v.mp4']);
      assert.equal(statSync(join(dir, 'v.mp4')).size, body.length);
    } finally {
      await cdn.close();
    }
  },
);

test(
  '[fault] the disk is full (64 KiB tmpfs): "the disk is full" + what to do; no partial file; the job is kept',
  { timeout: 120_000, skip: canMount ? false : 'needs root to mount a tmpfs' },
  async () => {
    const t = await ready();
    const disk = tmpfs(64)!;
    try {
      writeFileSync(join(disk, 'filler.bin'), Buffer.alloc(60 * 1024));
      await rejectsWith(
        t.svc.exportVideo({ folder: disk, fileName: 'v.mp4' }),
        'input',
        /the disk is full\. Choose another export folder in the settings and export again\./,
      );
      assert.deepEqual(readdirSync(disk), ['filler.bin'], 'no partial or temp file');
      assert.ok(t.svc.pendingExport(), 'the finished render is kept for a retry');
      const path = await t.svc.resumeExport({}).catch((e: Error) => e);
      assert.ok(path instanceof Error, 'still full: fails again, cleanly');
    } finally {
      unmount(disk);
    }
  },
);

test(
  '[fault] the export folder is read-only: "not writable" + what to do; nothing written; the job is kept',
  { timeout: 120_000, skip: canMount ? false : 'needs root to mount a tmpfs' },
  async () => {
    const t = await ready();
    const ro = tmpfs(64, true)!;
    try {
      await rejectsWith(
        t.svc.exportVideo({ folder: join(ro, 'exports') }),
        'input',
        /(the folder is not writable|the folder could not be created \(is the drive read-only or disconnected\?\))\. Choose another export folder/,
      );
      assert.deepEqual(readdirSync(ro), []);
      assert.ok(t.svc.pendingExport());
    } finally {
      unmount(ro);
    }
  },
);

test(
  '[fault] the export folder path is a file: "a file, not a folder"; the job is kept and resumes to a fixed folder',
  { timeout: 120_000 },
  async () => {
    const t = await ready();
    const blocker = join(t.dir, 'exports');
    writeFileSync(blocker, 'x');
    await rejectsWith(t.svc.exportVideo({ folder: blocker }), 'input', /that path is a file, not a folder/);
    assert.ok(t.svc.pendingExport());
    const job = t.svc.pendingExport()!;
    mkdirSync(join(t.dir, 'fixed'));
    await t.state.set(`videoGenerator.export:${s.url}:/work/project`, {
      ...job,
      targetPath: join(t.dir, 'fixed', 'v.mp4'),
    });
    assert.equal(await t.svc.resumeExport({}), join(t.dir, 'fixed', 'v.mp4'));
  },
);
