/**
 * iPhone photos (HEIC/HEIF) over a real backend: converted to upright JPEGs on this machine
 * (libheif's heif-convert, real files), uploaded, the temp copies removed; a missing converter
 * or a fake .heic is said per file; the CLI does the same and fails when nothing went up.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStandIn, type StandIn } from '../../src/engine/standin';
import { HeifUploadError } from '../../src/core/heif';
import { readOrientation } from '../../src/core/exifOrientation';
import { errorWords, heifSkippedLines, wordsFor } from '../../src/words';
import { describeJpeg, writeHeic } from '../support/heic';
import { serviceFor, tempDir, writePngs } from './coreHelpers';

let s: StandIn;
let dir: string;
let rotated: string;
let plain: string;
before(async () => {
  s = await startStandIn();
  dir = tempDir('vg-heic-');
  rotated = join(dir, 'IMG_0001.HEIC');
  plain = join(dir, 'IMG_0002.heif');
  writeHeic(rotated, 64, 32, 6); // stored landscape, shown portrait (a quarter turn clockwise)
  writeHeic(plain, 64, 32);
});
after(async () => {
  await s.close();
});

const heifTemps = () => readdirSync(tmpdir()).filter((f) => f.startsWith('vg-heif-')).length;

async function fetchBytes(url: string): Promise<Buffer> {
  const r = await fetch(url);
  assert.equal(r.status, 200);
  return Buffer.from(await r.arrayBuffer());
}

test(
  'HEIC/HEIF photos go up as upright JPEGs, said as converted; other files alongside; no temp copies left',
  { timeout: 60_000 },
  async () => {
    const [png] = writePngs(dir, ['note.png']);
    const temps = heifTemps();
    const { svc } = serviceFor(s);
    const r = await svc.upload([rotated, plain, png]);
    assert.deepEqual(
      r.files.map((f) => f.filename),
      ['IMG_0001.jpg', 'IMG_0002.jpg', 'note.png'],
    );
    assert.deepEqual(r.converted, [
      { from: rotated, to: 'IMG_0001.jpg' },
      { from: plain, to: 'IMG_0002.jpg' },
    ]);
    assert.equal(r.heifSkipped, undefined);
    const upright = await fetchBytes(String(r.files[0].cdnUrl));
    assert.deepEqual(
      describeJpeg(upright),
      { width: 32, height: 64, top: 'red', bottom: 'blue', left: 'mixed' },
      'EXIF orientation 6 applied: portrait, red on top',
    );
    assert.equal(readOrientation(upright), 1, 'no orientation left for a viewer to apply twice');
    const asStored = await fetchBytes(String(r.files[1].cdnUrl));
    assert.deepEqual(describeJpeg(asStored), { width: 64, height: 32, top: 'mixed', bottom: 'mixed', left: 'red' });
    assert.equal(heifTemps(), temps, 'the converted copies are removed after the upload');
    assert.match(
      wordsFor('en').converted(r.converted!.map((c) => c.from.split('/').pop()!)),
      /Converted 2 iPhone photos \(HEIC\) to JPEG on this machine before uploading: IMG_0001\.HEIC, IMG_0002\.heif\./,
    );
  },
);

test(
  'no heif-convert: the photos are named with what to install, the rest still goes up; all-HEIC throws a worded error',
  { timeout: 60_000 },
  async () => {
    const [png] = writePngs(dir, ['other.png']);
    const { svc } = serviceFor(s, { heifConverter: join(dir, 'no-such-heif-convert') });
    const r = await svc.upload([rotated, png]);
    assert.deepEqual(
      r.files.map((f) => f.filename),
      ['other.png'],
    );
    assert.deepEqual(r.heifSkipped, [{ path: rotated, reason: 'converter-missing' }]);
    const [line] = heifSkippedLines(r, wordsFor('en'));
    assert.match(line, /IMG_0001\.HEIC.*heif-convert.*apt-get install libheif-examples/);
    assert.match(heifSkippedLines(r, wordsFor('zh-CN'))[0], /libheif-examples/);
    const err = await svc.upload([rotated]).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(err instanceof HeifUploadError, String(err));
    assert.match(errorWords(err, wordsFor('en')), /not uploaded \(IMG_0001\.HEIC\).*libheif-examples/);
  },
);

test(
  'a file named .heic that is not a HEIF picture is refused as such, nothing sent',
  { timeout: 30_000 },
  async () => {
    const fake = join(dir, 'fake.heic');
    writeFileSync(fake, 'just text, renamed');
    const { svc } = serviceFor(s);
    const err = await svc.upload([fake]).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(err instanceof HeifUploadError);
    assert.deepEqual(err.failures, [{ path: fake, reason: 'not-heif' }]);
    assert.match(errorWords(err, wordsFor('en')), /not a HEIC\/HEIF picture/);
  },
);

function cli(
  args: string[],
  env: Record<string, string>,
  cwd: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [join(__dirname, '..', '..', 'dist', 'cli.js'), ...args], {
      cwd,
      env: { VIDEO_GEN_CONFIG_DIR: join(cwd, 'config'), NEMO_API_BASE: s.url, ...env },
    });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => {
      stdout += d;
    });
    p.stderr.on('data', (d) => {
      stderr += d;
    });
    p.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

test(
  'CLI: `video-gen upload` converts HEIC and says so; without heif-convert it names the fix and exits non-zero',
  { timeout: 60_000 },
  async () => {
    const home = tempDir('vg-heic-cli-');
    const ok = await cli(['upload', rotated], { PATH: process.env.PATH ?? '' }, home);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /Uploaded 1 file: IMG_0001\.jpg/);
    assert.match(
      ok.stderr,
      /Converted an iPhone photo \(HEIC\) to JPEG on this machine before uploading: IMG_0001\.HEIC/,
    );
    // A PATH with everything but heif-convert.
    const bin = join(home, 'bin');
    mkdirSync(bin);
    symlinkSync(process.execPath, join(bin, 'node'));
    const missing = await cli(['upload', rotated], { PATH: bin }, home);
    assert.notEqual(missing.code, 0, 'nothing was uploaded: not a success');
    assert.match(missing.stderr, /IMG_0001\.HEIC.*heif-convert.*libheif-examples/);
  },
);
