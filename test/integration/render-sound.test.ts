/**
 * The soundtrack of real renders, measured the way platforms measure it (EBU R128 with ffmpeg's
 * ebur128): loudness normalised to −14 LUFS / ≤ −1 dBTP whatever the song's level, music ducked
 * under a clip's voice, clean loops and exact lengths, short music refused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Draft } from '../../src/core/draft';
import type { MediaFile } from '../../src/engine/contracts';
import { makeImage, mediaFile, probe, renderDraft, tmp } from './render-fixtures';
import { loudness, makeSong } from './sound-fixtures';

const dir = tmp();
const photo = mediaFile(makeImage(join(dir, 'p.png'), 320, 480), 'image', { width: 320, height: 480 });

function musicDraft(src: string, ms: number): Draft {
  return {
    d: ms, m: { width: 270, height: 480 },
    t: [
      { tt: 0, sg: [{ s: 0, d: ms, m: { src: photo.id } }] },
      { tt: 1, sg: [{ s: 0, d: ms, m: { src, volume: 0.35, fadeOut: 1000 } }] },
    ],
  };
}

for (const kind of ['quiet', 'loud', 'bed'] as const) {
  test(`loudness: a ${kind === 'bed' ? 'built-in bed' : `${kind} song`} export lands at −14 LUFS ±1 with true peak ≤ −1 dBTP`, { timeout: 120_000 }, async () => {
    const files: MediaFile[] = [photo];
    let src = 'builtin:bed';
    if (kind !== 'bed') {
      const song = mediaFile(makeSong(join(dir, `${kind}.wav`), kind, 8), 'audio', { duration: 8 });
      files.push(song);
      src = song.id;
      const raw = loudness(song.path);
      // The fixture really is quiet/loud, so the test would fail without normalisation.
      assert.ok(kind === 'quiet' ? raw.integrated < -22 : raw.integrated > -8, `${kind} source ${raw.integrated} LUFS`);
    }
    const out = join(dir, `${kind}.mp4`);
    await renderDraft(musicDraft(src, 6000), files, out, { preset: 'ultrafast' });
    const m = loudness(out);
    assert.ok(Math.abs(m.integrated + 14) <= 1, `${kind}: ${m.integrated} LUFS`);
    assert.ok(m.truePeak <= -1, `${kind}: true peak ${m.truePeak} dBTP`);
  });
}

test('loudness: a silent soundtrack stays silent (no gain on nothing) and the render still has audio', { timeout: 120_000 }, async () => {
  const out = join(dir, 'silent.mp4');
  await renderDraft({ d: 2000, m: { width: 270, height: 480 }, t: [{ tt: 0, sg: [{ s: 0, d: 2000, m: { src: photo.id } }] }] }, [photo], out, { preset: 'ultrafast' });
  assert.equal(probe(out).streams.filter((s) => s.codec_type === 'audio').length, 1);
  assert.ok(!(loudness(out).integrated > -70));
});
