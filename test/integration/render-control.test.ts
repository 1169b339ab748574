/**
 * Control paths: cancelling mid-render kills ffmpeg and leaves no partial file; a missing or
 * unusable ffmpeg is reported with what to install and how to point FFMPEG_PATH at it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Draft } from '../../src/contract/draft';
import { FfmpegRenderer } from '../../src/engine/render/ffmpegRenderer';
import { installHint, locateFfmpeg, parseVersion } from '../../src/engine/render/locate';
import { ffmpegChildren, makeImage, mediaFile, renderDraft, tmp } from './render-fixtures';

test('cancel mid-render: AbortError, ffmpeg gone, no partial or output file', async () => {
  const dir = tmp();
  const photo = mediaFile(makeImage(join(dir, 'p.png'), 1280, 720), 'image', { width: 1280, height: 720 });
  // Long enough (60 s at 720x1280) that it is still running when the first progress arrives.
  const draft: Draft = {
    d: 60000,
    m: { width: 720, height: 1280 },
    t: [{ tt: 0, sg: [{ s: 0, d: 60000, m: { src: photo.id, kind: 'image' } }] }],
  };
  const ac = new AbortController();
  const outDir = join(dir, 'out');
  (await import('node:fs')).mkdirSync(outDir);
  const seen: number[] = [];
  const run = renderDraft(draft, [photo], join(outDir, 'v.mp4'), {
    signal: ac.signal,
    preset: 'medium',
    onProgress: (p) => {
      seen.push(p);
      if (p > 0 && !ac.signal.aborted) ac.abort();
    },
  });
  await assert.rejects(run, (err: Error) => err.name === 'AbortError');
  assert.ok(seen.length > 0 && !seen.includes(100), `progress before cancel: ${seen.join(',')}`);
  assert.deepEqual(readdirSync(outDir), [], 'partial file removed');
  assert.deepEqual(ffmpegChildren(), [], 'ffmpeg was killed');
});

test('an already-aborted signal rejects before spawning', async () => {
  const dir = tmp();
  const ac = new AbortController();
  ac.abort();
  const draft: Draft = { d: 1000, t: [{ tt: 7, sg: [{ s: 0, d: 1000, m: { text: 'x', role: 'title' } }] }] };
  await assert.rejects(renderDraft(draft, [], join(dir, 'v.mp4'), { signal: ac.signal }), { name: 'AbortError' });
  assert.deepEqual(readdirSync(dir), []);
});

test('FFMPEG_PATH pointing nowhere gives the install command and the FFMPEG_PATH hint', async () => {
  const dir = tmp();
  const saved = process.env.FFMPEG_PATH;
  process.env.FFMPEG_PATH = '/nonexistent/ffmpeg';
  try {
    const r = new FfmpegRenderer();
    await assert.rejects(
      r.render({
        draft: { d: 1000 },
        media: () => undefined,
        outFile: join(dir, 'v.mp4'),
        signal: new AbortController().signal,
        onProgress: () => {},
      }),
      (err: Error) => {
        assert.match(err.message, /ffmpeg was not found at "\/nonexistent\/ffmpeg"/);
        assert.match(err.message, /sudo apt-get install -y ffmpeg fonts-inter fonts-dejavu-core fonts-noto-cjk/);
        assert.match(err.message, /FFMPEG_PATH/);
        return true;
      },
    );
  } finally {
    if (saved === undefined) delete process.env.FFMPEG_PATH;
    else process.env.FFMPEG_PATH = saved;
  }
  assert.deepEqual(readdirSync(dir), []);
});

test('locateFfmpeg reports the version and no missing filters here; install hints per OS', async () => {
  const check = await locateFfmpeg();
  assert.ok(check.major >= 4, check.version);
  assert.deepEqual(check.missingFilters, []);
  assert.deepEqual(check.missingEncoders, []);
  assert.equal(await locateFfmpeg(), check, 'memoised per path');
  assert.match(installHint('darwin'), /brew install ffmpeg/);
  assert.match(installHint('win32'), /winget install Gyan\.FFmpeg/);
  assert.deepEqual(parseVersion('ffmpeg version 4.2.7-0ubuntu0.1 Copyright'), {
    version: '4.2.7-0ubuntu0.1',
    major: 4,
    minor: 2,
  });
  assert.equal(parseVersion('ffmpeg version N-113000-gabc Copyright').major, 99);
  assert.equal(parseVersion('ffmpeg version n6.1.1 Copyright').major, 6);
});

test('an ffmpeg older than 4.3 (no xfade) is refused with the upgrade hint', async () => {
  const dir = tmp();
  const fake = join(dir, 'ffmpeg');
  writeFileSync(fake, '#!/bin/sh\necho "ffmpeg version 4.1.11 Copyright (c) 2000-2023"\n');
  chmodSync(fake, 0o755);
  await assert.rejects(locateFfmpeg({ ffmpegPath: fake }), (err: Error) => {
    assert.match(err.message, /version 4\.1\.11; the local engine needs 4\.3 or newer/);
    assert.match(err.message, /FFMPEG_PATH/);
    return true;
  });
});
