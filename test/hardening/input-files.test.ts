/**
 * Bad-input catalogue, part 1: the files a user can select. Each one is refused before anything
 * is sent, with a reason that says what to do — or, for odd-but-valid names and big batches,
 * uploaded intact.
 */
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  mkdirSync,
  openSync,
  ftruncateSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { startLocalEngine } from '../../src/engine/local';
import { join } from 'node:path';
import { startStandIn, type StandIn } from '../../src/engine/standin';
import { validateFiles } from '../../src/core/upload';
import { pngBytes, rejectsWith, serviceFor, tempDir, writePngs } from './helpers';
import { anonSession, call, uploadFiles } from '../integration/engine-helpers';

let s: StandIn;
before(async () => {
  s = await startStandIn();
});
after(async () => {
  await s.close();
});
beforeEach(() => {
  s.faults.reset();
});

const uploads = () => s.requests.filter((r) => r.path.startsWith('/api/upload-video')).length;

/** Uploading only `path` is refused with `reason`, and no request leaves. */
async function refusedAlone(path: string, reason: RegExp, root?: string): Promise<void> {
  const { svc } = serviceFor(s);
  await svc.connect();
  const before = uploads();
  await rejectsWith(svc.upload([path], { root }), 'input', reason);
  assert.equal(uploads(), before, 'nothing was sent');
}

test('[input] an unsupported type (.txt): refused, the accepted formats are listed', { timeout: 120_000 }, async () => {
  const dir = tempDir('vg-in-');
  writeFileSync(join(dir, 'notes.txt'), 'hello');
  await refusedAlone(
    join(dir, 'notes.txt'),
    /notes\.txt: \.txt files are not supported; use one of: mp4, mov, avi, webm, mkv, jpg/,
  );
});

test('[input] a renamed file (text named .png): refused as renamed', { timeout: 120_000 }, async () => {
  const dir = tempDir('vg-in-');
  writeFileSync(join(dir, 'photo.png'), 'this is text, renamed to .png\n'.repeat(10));
  await refusedAlone(join(dir, 'photo.png'), /photo\.png: its content is not a picture file \(was it renamed\?\)/);
});

test('[input] a picture renamed .mp4: refused, content and extension disagree', { timeout: 120_000 }, async () => {
  const dir = tempDir('vg-in-');
  writeFileSync(join(dir, 'clip.mp4'), pngBytes());
  await refusedAlone(join(dir, 'clip.mp4'), /clip\.mp4: its content is a picture, not what \.mp4 says/);
});

test('[input] an empty file: refused as empty', { timeout: 120_000 }, async () => {
  const dir = tempDir('vg-in-');
  writeFileSync(join(dir, 'empty.jpg'), '');
  await refusedAlone(join(dir, 'empty.jpg'), /empty\.jpg: the file is empty/);
});

test('[input] 200 MB + 1 byte: refused before sending, "compress or trim it"', { timeout: 120_000 }, async () => {
  const dir = tempDir('vg-in-');
  const p = join(dir, 'huge.mp4');
  const fd = openSync(p, 'w');
  ftruncateSync(fd, 200 * 1024 * 1024 + 1); // sparse: no 200 MB written to disk
  closeSync(fd);
  await refusedAlone(p, /huge\.mp4: it is 200\.0 MB, over the 200\.0 MB limit; compress or trim it first/);
  const ok = join(dir, 'limit.png');
  writeFileSync(ok, pngBytes());
  const fd2 = openSync(ok, 'r+');
  ftruncateSync(fd2, 200 * 1024 * 1024);
  closeSync(fd2);
  const v = await validateFiles([ok]);
  assert.equal(v.valid.length, 1, 'exactly 200 MB is allowed');
});

test('[input] an unreadable file: refused, "check its permissions"', { timeout: 120_000 }, async () => {
  const dir = tempDir('vg-in-');
  const [p] = writePngs(dir, ['locked.png']);
  chmodSync(p, 0o000);
  if (process.getuid?.() === 0) {
    // root reads anything: validate as an unprivileged user in a child process instead.
    chmodSync(dir, 0o755);
    const code = `import('${join(process.cwd(), 'src/core/upload.ts')}').then(async (m) => { const v = await (m.validateFiles ?? m.default.validateFiles)([${JSON.stringify(p)}]); process.stdout.write(JSON.stringify(v.rejected)); });`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', code], {
      uid: 65534,
      gid: 65534,
      encoding: 'utf8',
      cwd: process.cwd(),
    });
    assert.equal(r.status, 0, r.stderr);
    assert.match(JSON.parse(r.stdout)[0].reason, /the file cannot be read \(check its permissions\)/);
  } else {
    await refusedAlone(p, /locked\.png: the file cannot be read \(check its permissions\)/);
  }
});

test(
  '[input] a symlink to a file outside the workspace: refused; a link inside it is fine',
  { timeout: 120_000 },
  async () => {
    const dir = tempDir('vg-in-ws-');
    const outside = tempDir('vg-in-out-');
    writeFileSync(join(outside, 'secret.png'), pngBytes());
    symlinkSync(join(outside, 'secret.png'), join(dir, 'link.png'));
    await refusedAlone(
      join(dir, 'link.png'),
      /link\.png: it is a link to a file outside the workspace; copy the file into the workspace instead/,
      dir,
    );
    const [inside] = writePngs(dir, ['real.png']);
    symlinkSync(inside, join(dir, 'alias.png'));
    assert.equal((await validateFiles([join(dir, 'alias.png')], { root: dir })).valid.length, 1);
  },
);

test(
  '[input] a directory in the selection: refused ("select the media files inside it"), the files beside it go up',
  { timeout: 120_000 },
  async () => {
    const dir = tempDir('vg-in-');
    mkdirSync(join(dir, 'holiday.mp4'));
    const [good] = writePngs(dir, ['good.png']);
    const { svc } = serviceFor(s);
    const r = await svc.upload([join(dir, 'holiday.mp4'), good]);
    assert.deepEqual(
      r.files.map((f) => f.filename),
      ['good.png'],
    );
    assert.match(r.skippedMessage ?? '', /holiday\.mp4: it is a folder; select the media files inside it/);
  },
);

test(
  '[input] names with spaces, quotes, unicode, emoji and RTL marks: uploaded with the name intact',
  { timeout: 120_000 },
  async () => {
    const dir = tempDir('vg-in-');
    const names = [
      'my holiday photo.png',
      'it\'s "quoted".png',
      'café 视频 ✨.png',
      'שלום\u200f-\u202eabc.png',
      'a&b<c>.png',
    ];
    const paths = names.map((n, i) => {
      const p = join(dir, n);
      writeFileSync(p, pngBytes(10 + i, 10 + i, [i * 40, 10, 10]));
      return p;
    });
    const { svc } = serviceFor(s);
    const r = await svc.upload(paths);
    assert.deepEqual(
      r.files.map((f) => f.filename),
      names,
    );
    assert.deepEqual(
      (await svc.timeline()).media.map((m) => m.name),
      names,
    );
  },
);

test('[input] 100 files at once: all 100 uploaded and listed in order, none lost', { timeout: 120_000 }, async () => {
  const dir = tempDir('vg-in-100-');
  const names = Array.from({ length: 100 }, (_, i) => `p${String(i).padStart(3, '0')}.png`);
  const paths = names.map((n, i) => {
    const p = join(dir, n);
    writeFileSync(p, pngBytes(8 + (i % 30), 8 + Math.floor(i / 30), [i, 255 - i, 7]));
    return p;
  });
  const { svc } = serviceFor(s);
  const r = await svc.upload(paths);
  assert.equal(r.files.length, 100);
  assert.deepEqual(
    (await svc.timeline()).media.map((m) => m.name),
    names,
  );
});

test(
  '[input] a selection with nothing valid: one message naming every file and why, no request',
  { timeout: 120_000 },
  async () => {
    const dir = tempDir('vg-in-');
    writeFileSync(join(dir, 'a.txt'), 'x');
    writeFileSync(join(dir, 'b.png'), '');
    await refusedAlone(join(dir, 'a.txt'), /This file was not uploaded — a\.txt/);
    const { svc } = serviceFor(s);
    await rejectsWith(
      svc.upload([join(dir, 'a.txt'), join(dir, 'b.png'), join(dir, 'gone.mp4')]),
      'input',
      /3 files were not uploaded — a\.txt: .*; b\.png: the file is empty; gone\.mp4: the file does not exist/,
    );
  },
);

test(
  '[input] 51 files in ONE raw request to the engine: refused as a whole (4001 "smaller batches"), nothing silently dropped',
  { timeout: 120_000 },
  async () => {
    const u = await anonSession(s.url);
    const files = Array.from({ length: 51 }, (_, i) => ({ name: `f${i}.png`, data: pngBytes(8 + i, 8, [i, 1, 2]) }));
    const r = await uploadFiles(s.url, u.token, u.sid, files);
    assert.equal(r.body.code, 4001);
    assert.match(r.body.message, /at most 50\. Upload them in smaller batches/);
    const st = await call(s.url, 'GET', `/api/state/nemo_agent/me/${u.sid}/latest`, { token: u.token });
    assert.equal(st.body.data.state.video_infos.length, 0);
  },
);

test(
  '[input] a photo over 50 megapixels (a small JPEG of 9000×6000) is refused at upload with its size and what to do; nothing is stored',
  { timeout: 60_000 },
  async () => {
    const dir = tempDir('vg-mp-');
    const png = join(dir, 'huge.jpg');
    // Solid colour compresses to a few hundred KB: bytes say nothing, pixels do.
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'color=c=blue:s=9000x6000',
      '-frames:v',
      '1',
      '-q:v',
      '31',
      '-y',
      png,
    ]);
    const e = await startLocalEngine({ dataDir: join(dir, 'engine') });
    try {
      const { svc } = serviceFor(e, { fixedToken: e.token });
      await rejectsWith(
        svc.upload([png]),
        'file-too-large',
        /"huge\.jpg" is 9000×6000 pixels \(54 MP\); photos up to 50 MP are accepted\. Resize it/,
      );
      assert.deepEqual(readdirSync(join(dir, 'engine', 'media')), [], 'nothing stored');
    } finally {
      await e.close();
    }
  },
);
