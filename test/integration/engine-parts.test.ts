import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { probeMedia } from '../../src/engine/probe';
import { isPrivateAddress } from '../../src/engine/urlFetch';
import { requestedDurationMs, quotedText } from '../../src/engine/standin/scriptedDraft';
import { Faults } from '../../src/engine/standin/faults';

test('probeMedia: real files with ffprobe; alpha detected; never throws', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vg-probe-'));
  try {
    const logo = join(dir, 'logo.png');
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'color=c=blue@0.5:s=40x20,format=rgba',
      '-frames:v',
      '1',
      logo,
    ]);
    const clip = join(dir, 'c.mp4');
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'testsrc2=s=64x36:r=25:d=2',
      '-f',
      'lavfi',
      '-i',
      'sine=d=2',
      '-shortest',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-c:a',
      'aac',
      clip,
    ]);
    const p = await probeMedia(logo);
    assert.deepEqual([p.width, p.height, p.hasAlpha, p.hasAudio], [40, 20, true, false]);
    const c = await probeMedia(clip);
    assert.deepEqual([c.width, c.height, c.fps, c.hasAudio, c.hasAlpha], [64, 36, 25, true, false]);
    assert.ok(c.duration! > 1.9 && c.duration! < 2.2);
    const junk = join(dir, 'junk.mp4');
    writeFileSync(junk, 'not media');
    assert.deepEqual(await probeMedia(junk), { hasAudio: false, hasAlpha: false });
    assert.deepEqual(await probeMedia(join(dir, 'missing.mp4')), { hasAudio: false, hasAlpha: false });
    assert.deepEqual(await probeMedia(clip, '/nonexistent/ffprobe'), { hasAudio: false, hasAlpha: false });
    // A phone's portrait clip: stored landscape plus a rotation; the displayed size is portrait.
    const phone = join(dir, 'phone.mp4');
    execFileSync('ffmpeg', ['-v', 'error', '-i', clip, '-c', 'copy', '-metadata:s:v:0', 'rotate=90', phone]); // stream copy writes the display matrix
    const r = await probeMedia(phone);
    assert.deepEqual([r.width, r.height], [36, 64]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('isPrivateAddress: loopback, private, link-local, mapped and unspecified are private', () => {
  for (const ip of [
    '127.0.0.1',
    '10.0.0.1',
    '172.16.5.4',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fe80::1',
    'fd00::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    '::7f00:1',
    '::127.0.0.1',
    '::ffff:0:7f00:1',
    '2002:7f00:1::',
    'fec0::1',
    'garbage',
  ]) {
    assert.equal(isPrivateAddress(ip), true, ip);
  }
  for (const ip of ['8.8.8.8', '1.1.1.1', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8']) {
    assert.equal(isPrivateAddress(ip), false, ip);
  }
});

test('scripted agent parses durations and quoted titles', () => {
  assert.equal(requestedDurationMs('a 15s promo'), 15000);
  assert.equal(requestedDurationMs('a 15-second promo'), 15000);
  assert.equal(requestedDurationMs('make it 20 seconds long'), 20000);
  assert.equal(requestedDurationMs('turn these photos into a video'), undefined);
  assert.equal(quotedText('title it "Urban Dreams" please'), 'Urban Dreams');
});

test('Faults: failNext counts down, reset clears everything', () => {
  const f = new Faults();
  f.failNext('credits', { code: 2001, times: 2 });
  f.stream = 'drop';
  assert.equal(f.take('credits')?.code, 2001);
  assert.equal(f.take('state'), undefined);
  assert.equal(f.take('credits')?.code, 2001);
  assert.equal(f.take('credits'), undefined);
  f.failNext('token', { status: 429 });
  f.reset();
  assert.equal(f.take('token'), undefined);
  assert.equal(f.stream, 'normal');
});
