/**
 * Uploads and exports against the stand-in over real HTTP: validation, streaming multipart,
 * URL uploads, the render lifecycle, downloads that never leak the token to the CDN, failed
 * renders, cancel, and resuming a persisted job in a "restarted" app.
 */
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { startStandIn, type StandIn } from '../../src/engine/standin';
import { ApiError } from '../../src/core/api/errors';
import { validateFiles } from '../../src/core/upload';
import { serviceFor, tempDir, writePngs, pngBytes } from './coreHelpers';

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

test('validation refuses bad files with a reason each and keeps the good ones', async () => {
  const dir = tempDir();
  const [good] = writePngs(dir, ['good photo «1».png']);
  writeFileSync(join(dir, 'notes.png'), 'this is text, renamed to .png\n');
  writeFileSync(join(dir, 'empty.jpg'), '');
  writeFileSync(join(dir, 'doc.txt'), 'hello');
  mkdirSync(join(dir, 'folder.mp4'));
  const outside = tempDir();
  writeFileSync(join(outside, 'secret.png'), pngBytes());
  symlinkSync(join(outside, 'secret.png'), join(dir, 'link.png'));
  const v = await validateFiles(
    [
      good,
      join(dir, 'notes.png'),
      join(dir, 'empty.jpg'),
      join(dir, 'doc.txt'),
      join(dir, 'folder.mp4'),
      join(dir, 'missing.png'),
      join(dir, 'link.png'),
    ],
    { root: dir },
  );
  assert.deepEqual(
    v.valid.map((f) => f.name),
    ['good photo «1».png'],
  );
  const reasons = Object.fromEntries(v.rejected.map((r) => [r.path.split('/').pop(), r.reason]));
  assert.match(reasons['notes.png'], /renamed/);
  assert.match(reasons['empty.jpg'], /empty/);
  assert.match(reasons['doc.txt'], /not supported/);
  assert.match(reasons['folder.mp4'], /folder/);
  assert.match(reasons['missing.png'], /does not exist/);
  assert.match(reasons['link.png'], /outside the workspace/);
});

test('a file over the size limit is refused before sending', async () => {
  const dir = tempDir();
  const [p] = writePngs(dir, ['big.png']);
  const v = await validateFiles([p], { maxBytes: 10 });
  assert.equal(v.valid.length, 0);
  assert.match(v.rejected[0].reason, /over the .* limit/);
});

test('several files go up in one multipart request, in order, with byte progress', async () => {
  const dir = tempDir();
  const paths = writePngs(dir, ['one.png', 'two.png', 'three.png']);
  writeFileSync(join(dir, 'bad.png'), 'text');
  const { svc } = serviceFor(s);
  const seen: number[] = [];
  const before = s.requests.filter((r) => r.path.startsWith('/api/upload-video')).length;
  const r = await svc.upload([...paths, join(dir, 'bad.png')], { onProgress: (p) => seen.push(p.sentBytes) });
  assert.deepEqual(
    r.files.map((f) => f.filename),
    ['one.png', 'two.png', 'three.png'],
  );
  assert.equal(s.requests.filter((x) => x.path.startsWith('/api/upload-video')).length - before, 1, 'one request');
  assert.ok(seen.length > 0 && seen.every((v, i) => i === 0 || v >= seen[i - 1]), 'progress is monotonic');
  assert.match(r.skippedMessage ?? '', /bad\.png/);
  const t = await svc.timeline();
  assert.deepEqual(
    t.media.map((m) => m.name),
    ['one.png', 'two.png', 'three.png'],
  );
});

test('nothing valid to upload: one clear error and no request', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'a.gif'), 'GIF? no');
  const { svc } = serviceFor(s);
  await assert.rejects(
    svc.upload([join(dir, 'a.gif')]),
    (e: unknown) => e instanceof ApiError && e.kind === 'input' && /a\.gif/.test(e.message),
  );
});

test('URL uploads go as JSON; non-http links are refused locally; a download cut mid-way is reported as interrupted', async () => {
  const src = createServer((req, res) => {
    if (req.url === '/cut.png') {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': '100000' });
      res.write(pngBytes());
      setImmediate(() => res.destroy());
      return;
    }
    res.setHeader('content-type', 'image/png');
    res.end(pngBytes());
  });
  src.listen(0, '127.0.0.1');
  await once(src, 'listening');
  const port = (src.address() as { port: number }).port;
  try {
    const { svc } = serviceFor(s);
    const r = await svc.uploadUrls([`http://127.0.0.1:${port}/photo.png`]);
    assert.equal(r.files.length, 1);
    await assert.rejects(svc.uploadUrls(['file:///etc/passwd']), /Only http\(s\)/);
    await assert.rejects(
      svc.uploadUrls([`http://127.0.0.1:${port}/cut.png`]),
      (e: unknown) => e instanceof ApiError && e.kind === 'unsupported-file' && /was interrupted/.test(e.message),
    );
  } finally {
    src.close();
  }
});

async function draftReady(svc: ReturnType<typeof serviceFor>['svc'], dir: string) {
  await svc.upload(writePngs(dir, ['p1.png', 'p2.png']));
  await svc.send('make a 10 second video');
}

test('export: an empty timeline is refused clearly, without a render job', async () => {
  const { svc } = serviceFor(s);
  await assert.rejects(
    svc.exportVideo({ folder: tempDir() }),
    (e: unknown) => e instanceof ApiError && e.kind === 'input' && /nothing to export/.test(e.message),
  );
  assert.equal(s.requests.filter((r) => r.path === '/api/render/proxy/lambda').length, 0);
});

test('export: submit, poll, download an MP4 atomically; the CDN never sees the token', async () => {
  const dir = tempDir();
  const out = join(dir, 'exports');
  const { svc } = serviceFor(s);
  await draftReady(svc, dir);
  const phases: string[] = [];
  const percents: number[] = [];
  const path = await svc.exportVideo({
    folder: out,
    fileName: 'promo.mp4',
    onProgress: (p) => {
      phases.push(p.phase);
      percents.push(p.percent);
    },
  });
  assert.equal(path, join(out, 'promo.mp4'));
  assert.equal(readFileSync(path).subarray(4, 8).toString('latin1'), 'ftyp');
  assert.deepEqual(readdirSync(out), ['promo.mp4'], 'no temp files left');
  assert.ok(
    percents.every((p, i) => i === 0 || p >= percents[i - 1]),
    'progress never goes back',
  );
  assert.equal(percents.at(-1), 100);
  assert.ok(phases.includes('rendering') && phases.includes('downloading'));
  assert.ok(s.cdnRequests.length > 0, 'downloaded from the CDN origin');
  assert.ok(
    s.cdnRequests.every((r) => !r.hadAuthorization),
    'no Authorization header to another origin',
  );
  assert.equal(svc.pendingExport(), undefined, 'finished job is forgotten');
  const submit = s.requests.find((r) => r.path === '/api/render/proxy/lambda');
  assert.ok(submit);
});

test('export: a failed render shows its message and clears the job', async () => {
  const dir = tempDir();
  const { svc } = serviceFor(s);
  await draftReady(svc, dir);
  s.faults.renderFail = 'GPU node lost';
  await assert.rejects(
    svc.exportVideo({ folder: dir }),
    (e: unknown) => e instanceof ApiError && e.kind === 'render' && /GPU node lost/.test(e.message),
  );
  assert.equal(svc.pendingExport(), undefined);
});

test('export: Cancel cancels the render job on the backend', async () => {
  const dir = tempDir();
  const { svc } = serviceFor(s);
  await draftReady(svc, dir);
  s.faults.renderStuck = true;
  let started!: () => void;
  const rendering = new Promise<void>((r) => {
    started = r;
  });
  const cancelled = once(s.events, 'render-cancelled');
  const pending = svc.exportVideo({
    folder: dir,
    onProgress: (p) => {
      if (p.phase === 'rendering') started();
    },
  });
  const rejected = assert.rejects(pending, (e: unknown) => e instanceof ApiError && e.kind === 'aborted');
  await rendering;
  await svc.cancelExport();
  await rejected;
  await cancelled;
  assert.equal(svc.pendingExport(), undefined);
});

test('export: a job persisted by a closed app is resumed by the next one', async () => {
  const dir = tempDir();
  const first = serviceFor(s);
  await draftReady(first.svc, dir);
  s.faults.renderStuck = true;
  const stop = new AbortController();
  let started!: () => void;
  const rendering = new Promise<void>((r) => {
    started = r;
  });
  const pending = first.svc.exportVideo({
    folder: dir,
    fileName: 'resumed.mp4',
    signal: stop.signal,
    onProgress: (p) => {
      if (p.phase === 'rendering') started();
    },
  });
  await rendering;
  stop.abort(); // the window closes: following stops, the job stays
  await assert.rejects(pending);
  const job = first.svc.pendingExport();
  assert.ok(job, 'job persisted');
  s.faults.renderStuck = false;
  const second = serviceFor(s, { state: first.state, tokenStore: first.tokens });
  assert.deepEqual(second.svc.pendingExport(), job);
  const path = await second.svc.resumeExport({});
  assert.equal(path, join(dir, 'resumed.mp4'));
  assert.ok(existsSync(path));
  assert.equal(second.svc.pendingExport(), undefined);
});

test('export: an export folder that cannot be written gives an actionable message, no partial file, and the job is kept', async () => {
  const dir = tempDir();
  const blocker = join(dir, 'exports');
  writeFileSync(blocker, 'a file where the folder should be');
  const { svc } = serviceFor(s);
  await draftReady(svc, dir);
  await assert.rejects(
    svc.exportVideo({ folder: blocker }),
    (e: unknown) => e instanceof ApiError && e.kind === 'input' && /not a folder/.test(e.message),
  );
  assert.deepEqual(readdirSync(dir).sort(), ['exports', 'p1.png', 'p2.png']);
  assert.ok(svc.pendingExport(), 'the finished render is kept so the download can be retried');
  // Export again to a good folder: the same render is downloaded, nothing is rendered twice.
  const submits = s.requests.filter((r) => r.path === '/api/render/proxy/lambda').length;
  const path = await svc.exportVideo({ folder: join(dir, 'good') });
  assert.equal(readFileSync(path).subarray(4, 8).toString('latin1'), 'ftyp');
  assert.equal(s.requests.filter((r) => r.path === '/api/render/proxy/lambda').length, submits, 'no second render job');
  assert.equal(svc.pendingExport(), undefined);
});

test('export: a persisted job the server no longer knows is forgotten, so exporting is not blocked forever', async () => {
  const dir = tempDir();
  const { svc, state } = serviceFor(s);
  await draftReady(svc, dir);
  const key =
    [...(state as unknown as { map: Map<string, unknown> }).map.keys()].find((k) =>
      k.startsWith('videoGenerator.export:'),
    ) ?? `videoGenerator.export:${s.url}:/work/project`;
  await state.set(key, {
    renderId: 'render_123',
    sessionId: 'x',
    targetPath: join(dir, 'old.mp4'),
    startedAt: Date.now(),
  });
  await assert.rejects(svc.resumeExport({}), (e: unknown) => e instanceof ApiError && e.status === 404);
  assert.equal(svc.pendingExport(), undefined);
  assert.match(await svc.exportVideo({ folder: dir }), /\.mp4$/);
});
