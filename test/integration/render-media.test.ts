/**
 * Media handling in real renders: clips (trim, own sound, muted, no audio stream), music
 * (looped, faded out) and the synthesised bed (no clicks, no DC, headroom). Photo motion is
 * checked in render-kenburns.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Draft } from '../../src/contract/draft';
import { synthBed, writeMusicBed } from '../../src/engine/render/music';
import { coverCrop } from '../../src/engine/render/video';
import { analyzeClip } from '../../src/engine/subject';
import {
  frameRgb,
  makeClip,
  makeImage,
  makeTone,
  maxVolumeDb,
  mediaFile,
  probe,
  regionDiff,
  renderDraft,
  tmp,
} from './render-fixtures';

const W = 270;
const H = 480;

function clipDraft(id: string, trim: number, volume?: number): Draft {
  return {
    d: 1000,
    m: { width: W, height: H, fps: 30 },
    t: [
      {
        tt: 0,
        sg: [
          {
            s: 0,
            d: 1000,
            m: { src: id, kind: 'video', fit: 'cover', trim, ...(volume === undefined ? {} : { volume }) },
          },
        ],
      },
    ],
  };
}

test('a clip starts at its trim point; its sound plays at its volume, and volume 0 mutes it', async () => {
  const dir = tmp();
  const path = makeClip(join(dir, 'c.mp4'), 640, 360, 4, true);
  // The crop follows the clip's subject (subject.ts): the reference frames are cut the same way.
  const subject = await analyzeClip(path, 640, 360, 4);
  const clip = mediaFile(path, 'video', { hasAudio: true, width: 640, height: 360, duration: 4, subject });
  const crop = coverCrop(clip, { w: W, h: H });
  const loud = join(dir, 'loud.mp4');
  const muted = join(dir, 'muted.mp4');
  await renderDraft(clipDraft(clip.id, 2000, 1), [clip], loud);
  await renderDraft(clipDraft(clip.id, 2000, 0), [clip], muted);
  const ref = (t: number) =>
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-ss',
      String(t),
      '-i',
      clip.path,
      '-frames:v',
      '1',
      '-vf',
      `scale=${W}:${H}:force_original_aspect_ratio=increase,crop=${W}:${H}:x='(iw-ow)*${crop.x}':y='(ih-oh)*${crop.y}'`,
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgb24',
      '-',
    ]);
  const first = frameRgb(muted, 0);
  const all = { x: 0, y: 0, w: W, h: H };
  assert.ok(
    regionDiff(first, ref(2.0), W, all) < regionDiff(first, ref(0), W, all) / 2,
    'first frame is the clip at 2 s',
  );
  assert.ok(maxVolumeDb(loud) > -30, 'clip sound audible'); // the source sine peaks at -14 dB
  assert.ok(maxVolumeDb(muted) < -80, 'volume 0 is silent');
  assert.equal(probe(muted).streams.filter((s) => s.codec_type === 'audio').length, 1, 'still has an audio track');
});

test('a clip without an audio stream renders (probed, not assumed)', async () => {
  const dir = tmp();
  const clip = mediaFile(makeClip(join(dir, 'silent.mp4'), 360, 640, 2, false), 'video'); // hasAudio unknown
  const out = join(dir, 'o.mp4');
  await renderDraft(clipDraft(clip.id, 0), [clip], out);
  assert.ok(Math.abs(Number(probe(out).format.duration) - 1) < 0.05);
  assert.ok(maxVolumeDb(out) < -80);
});

test('music loops to fill its segment and fades out at the end', async () => {
  const dir = tmp();
  const photo = mediaFile(makeImage(join(dir, 'p.png'), 540, 960), 'image', { width: 540, height: 960 });
  const tone = mediaFile(makeTone(join(dir, 'tone.wav'), 1), 'audio');
  const draft: Draft = {
    d: 3000,
    m: { width: W, height: H },
    t: [
      { tt: 0, sg: [{ s: 0, d: 3000, m: { src: photo.id } }] },
      { tt: 1, sg: [{ s: 0, d: 3000, m: { src: tone.id, volume: 0.5, fadeOut: 1000 } }] },
    ],
  };
  const out = join(dir, 'o.mp4');
  await renderDraft(draft, [photo, tone], out);
  const early = maxVolumeDb(out, 0.3, 0.4);
  const looped = maxVolumeDb(out, 1.4, 0.3); // past the 1 s source: only there if it looped
  const tail = maxVolumeDb(out, 2.85, 0.12);
  assert.ok(looped > early - 2, `looped ${looped} vs ${early}`);
  assert.ok(tail < early - 12, `faded out: tail ${tail} dB vs ${early} dB`);
});

test('the music bed: no clicks at beat and chord boundaries, no DC, peak below 0 dBFS', async () => {
  const { samples, sampleRate, chordSeconds } = synthBed(12, { seed: 7 });
  const left = (i: number) => samples[2 * i]!;
  let mean = 0;
  let peak = 0;
  const n = samples.length / 2;
  for (let i = 0; i < n; i++) {
    mean += left(i);
    peak = Math.max(peak, Math.abs(samples[2 * i]!), Math.abs(samples[2 * i + 1]!));
  }
  assert.ok(Math.abs(mean / n) < 0.002, `DC ${mean / n}`);
  assert.ok(peak < 0.99 && peak > 0.3, `peak ${peak}`);
  // Every beat edge (kick, bass pulse) including every chord change and the loop point (IV → I).
  const beat = chordSeconds / 4;
  for (let k = 1; k * beat < 11.9; k++) {
    const b = Math.round(k * beat * sampleRate);
    let jump = 0;
    for (let i = b - 200; i < b + 200; i++) jump = Math.max(jump, Math.abs(left(i) - left(i - 1)));
    assert.ok(jump < 0.06, `beat edge ${k}: max sample step ${jump.toFixed(3)}`);
  }
  const dir = tmp();
  await writeMusicBed(join(dir, 'bed.wav'), 2);
  const s = probe(join(dir, 'bed.wav')).streams[0]!;
  assert.equal(s.codec_name, 'pcm_s16le');
  assert.ok(Math.abs(Number(probe(join(dir, 'bed.wav')).format.duration) - 2) < 0.01);
});
