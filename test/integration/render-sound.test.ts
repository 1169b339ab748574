/**
 * The soundtrack of real renders, measured the way platforms measure it (EBU R128 with ffmpeg's
 * ebur128): loudness normalised to −14 LUFS / ≤ −1 dBTP whatever the song's level, music ducked
 * under a clip's voice, clean loops and exact lengths, short music refused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Draft } from '../../src/contract/draft';
import type { MediaFile } from '../../src/engine/contracts';
import { makeImage, mediaFile, probe, renderDraft, tmp } from './render-fixtures';
import { encodeWav } from '../../src/engine/render/music';
import { planLoop } from '../../src/engine/render/musicLoop';
import { loudness, makeSong, makeTalkingClip, pcm, sideOnly } from './sound-fixtures';

const dir = tmp();
const photo = mediaFile(makeImage(join(dir, 'p.png'), 320, 480), 'image', { width: 320, height: 480 });

function musicDraft(src: string, ms: number): Draft {
  return {
    d: ms,
    m: { width: 270, height: 480 },
    t: [
      { tt: 0, sg: [{ s: 0, d: ms, m: { src: photo.id } }] },
      { tt: 1, sg: [{ s: 0, d: ms, m: { src, volume: 0.35, fadeOut: 1000 } }] },
    ],
  };
}

for (const kind of ['quiet', 'loud', 'bed'] as const) {
  test(
    `loudness: a ${kind === 'bed' ? 'built-in bed' : `${kind} song`} export lands at −14 LUFS ±1 with true peak ≤ −1 dBTP`,
    { timeout: 120_000 },
    async () => {
      const files: MediaFile[] = [photo];
      let src = 'builtin:bed';
      if (kind !== 'bed') {
        const song = mediaFile(makeSong(join(dir, `${kind}.wav`), kind, 8), 'audio', { duration: 8 });
        files.push(song);
        src = song.id;
        const raw = loudness(song.path);
        // The fixture really is quiet/loud, so the test would fail without normalisation.
        assert.ok(
          kind === 'quiet' ? raw.integrated < -22 : raw.integrated > -8,
          `${kind} source ${raw.integrated} LUFS`,
        );
      }
      const out = join(dir, `${kind}.mp4`);
      await renderDraft(musicDraft(src, 6000), files, out, { preset: 'ultrafast' });
      const m = loudness(out);
      assert.ok(Math.abs(m.integrated + 14) <= 1, `${kind}: ${m.integrated} LUFS`);
      assert.ok(m.truePeak <= -1, `${kind}: true peak ${m.truePeak} dBTP`);
    },
  );
}

test(
  'loudness: a silent soundtrack stays silent (no gain on nothing) and the render still has audio',
  { timeout: 120_000 },
  async () => {
    const out = join(dir, 'silent.mp4');
    await renderDraft(
      { d: 2000, m: { width: 270, height: 480 }, t: [{ tt: 0, sg: [{ s: 0, d: 2000, m: { src: photo.id } }] }] },
      [photo],
      out,
      { preset: 'ultrafast' },
    );
    assert.equal(probe(out).streams.filter((s) => s.codec_type === 'audio').length, 1);
    assert.ok(!(loudness(out).integrated > -70));
  },
);

test(
  "ducking: the music goes ≥ 6 LU under a clip's voice while it speaks and comes back in the pause",
  { timeout: 120_000 },
  async (t) => {
    const talk = makeTalkingClip(
      dir,
      'Hello there, this is our new summer collection.',
      'Order today and get free shipping.',
      3,
    );
    if (!talk) {
      t.skip('espeak-ng is not installed (apt install espeak-ng): no voice to duck under');
      return;
    }
    const clip = mediaFile(talk.path, 'video', { width: 320, height: 480, hasAudio: true, duration: talk.seconds });
    // Music as pure side (R = −L) and the voice mono (pure mid): the mix can be taken apart.
    const song = mediaFile(
      sideOnly(makeSong(join(dir, 'duck-src.wav'), 'loud', 12), join(dir, 'duck-side.wav')),
      'audio',
      { duration: 12 },
    );
    const D = Math.round(talk.seconds * 1000);
    const draft = (clipVolume: number): Draft => ({
      d: D,
      m: { width: 270, height: 480 },
      t: [
        { tt: 0, sg: [{ s: 0, d: D, m: { src: clip.id, kind: 'video', volume: clipVolume } }] },
        { tt: 1, sg: [{ s: 0, d: D, m: { src: song.id, volume: 0.35, fadeOut: 300 } }] },
      ],
    });
    const out = join(dir, 'duck.mp4');
    await renderDraft(draft(1), [clip, song], out, { preset: 'ultrafast' }); // the planner's clip volume under music
    const gap = { from: talk.speech[0]![1] + 1.2, dur: 1.3 };
    const musicInGap = loudness(out, { ...gap, part: 'side' }).integrated;
    for (const [a, b] of talk.speech) {
      const w = { from: a + 0.3, dur: b - a - 0.4 };
      const speech = loudness(out, { ...w, part: 'mid' }).integrated;
      const music = loudness(out, { ...w, part: 'side' }).integrated;
      assert.ok(
        speech - music >= 6,
        `speech ${speech} LUFS vs music ${music} LUFS during ${a.toFixed(1)}–${b.toFixed(1)} s`,
      );
      assert.ok(
        musicInGap - music >= 6,
        `the music comes back between: ${musicInGap} in the pause vs ${music} under speech`,
      );
    }
    // "Mute the clips" (volume 0): nothing keys the compressor, the music stays up all along.
    const muted = join(dir, 'duck-muted.mp4');
    await renderDraft(draft(0), [clip, song], muted, { preset: 'ultrafast' });
    const w = { from: talk.speech[0]![0] + 0.3, dur: 2 };
    const mid = loudness(muted, { ...w, part: 'mid' }).integrated;
    const side = loudness(muted, { ...w, part: 'side' }).integrated;
    assert.ok(mid < side - 20, `muted clip: no voice (${mid} LUFS under music at ${side})`);
    assert.ok(Math.abs(side - loudness(muted, { ...gap, part: 'side' }).integrated) < 2, 'muted clip: no ducking');
  },
);

/** Max |x[n] − x[n−1]| within [a, b) seconds. */
function maxStep(x: Float32Array, a: number, b: number, rate = 48000): number {
  let m = 0;
  for (let i = Math.max(1, Math.round(a * rate)); i < Math.min(x.length, Math.round(b * rate)); i++)
    m = Math.max(m, Math.abs(x[i]! - x[i - 1]!));
  return m;
}
function rmsDb(x: Float32Array, a: number, b: number, rate = 48000): number {
  let s = 0;
  let n = 0;
  for (let i = Math.round(a * rate); i < Math.round(b * rate); i++) {
    s += x[i]! ** 2;
    n++;
  }
  return 10 * Math.log10(s / n);
}

test(
  'loops: a song that does not loop seamlessly repeats with no click and no level jump at the seams; audio is exactly as long as the video',
  { timeout: 120_000 },
  async () => {
    // 1.7 s of 440 Hz: a hard splice lands mid-cycle (a step of up to twice the amplitude).
    const tone = join(dir, 'tone17.wav');
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'sine=f=440:sample_rate=48000:d=1.7',
      '-ac',
      '2',
      tone,
    ]);
    const song = mediaFile(tone, 'audio', { duration: 1.7 });
    const out = join(dir, 'loop.mp4');
    const draft = musicDraft(song.id, 5000);
    (draft.t![1]!.sg[0]!.m as Record<string, unknown>).fadeOut = 0;
    await renderDraft(draft, [photo, song], out, { preset: 'ultrafast' });
    const x = pcm(out);
    const plan = planLoop(1.7, 5)!;
    const steady = maxStep(x, 0.4, 1.2);
    const level = rmsDb(x, 0.4, 1.2);
    for (let seam = plan.bodyStartS + plan.bodyS; seam < 4.9; seam += plan.bodyS) {
      const step = maxStep(x, seam - 0.1, seam + 0.1);
      assert.ok(
        step < 1.5 * steady,
        `seam at ${seam.toFixed(3)} s: step ${step.toFixed(4)} vs ${steady.toFixed(4)} in steady play`,
      );
      const jump = Math.abs(rmsDb(x, seam - 0.05, seam) - rmsDb(x, seam, seam + 0.05));
      assert.ok(jump < 1, `seam at ${seam.toFixed(3)} s: level jump ${jump.toFixed(2)} dB`);
      assert.ok(Math.abs(rmsDb(x, seam - 0.1, seam + 0.1) - level) < 1.5, 'no dip or bump over the crossfade');
    }
    const p = probe(out) as unknown as { streams: { codec_type: string; duration: string }[] };
    const a = Number(p.streams.find((s) => s.codec_type === 'audio')!.duration);
    const v = Number(p.streams.find((s) => s.codec_type === 'video')!.duration);
    assert.ok(Math.abs(a - v) <= 1024 / 44100 + 0.001, `audio ${a} s vs video ${v} s: within one AAC frame`);
  },
);

test(
  'music shorter than half a second is refused with a clear message (a 1-sample WAV once made a render spin)',
  { timeout: 60_000 },
  async () => {
    const wav = join(dir, 'one-sample.wav');
    writeFileSync(wav, encodeWav(new Float32Array([0.5, 0.5]), 48000)); // one stereo sample
    const song = mediaFile(wav, 'audio'); // no duration: the renderer probes it
    await assert.rejects(
      renderDraft(musicDraft(song.id, 20_000), [photo, song], join(dir, 'spin.mp4'), { preset: 'ultrafast' }),
      (e: Error) =>
        /one-sample\.wav/.test(e.message) && /only 0 ms long/.test(e.message) && /at least 0\.5 s/.test(e.message),
    );
  },
);
