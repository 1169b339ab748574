/**
 * A full small render through the real ffmpeg: photos (one landscape → blur fit), a clip,
 * crossfades, the music bed, a title, a caption and a watermark. Checks the container, streams,
 * exact duration, faststart, progress, atomic output and what is visible in the frames.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Draft } from '../../src/contract/draft';
import { safeArea } from '../../src/engine/render/text';
import {
  atoms,
  frameRgb,
  makeClip,
  makeImage,
  makeLogo,
  maxVolumeDb,
  mediaFile,
  probe,
  regionDiff,
  regionMean,
  renderDraft,
  tmp,
} from './render-fixtures';

const W = 270;
const H = 480;

test('renders a draft to H.264 High / AAC MP4 of the exact duration, with faststart and monotonic progress', async () => {
  const dir = tmp();
  const land = mediaFile(makeImage(join(dir, 'land.png'), 800, 450), 'image', { width: 800, height: 450 });
  const port = mediaFile(makeImage(join(dir, 'port.jpg'), 600, 900, 'mandelbrot'), 'image'); // size probed by the renderer
  const clip = mediaFile(makeClip(join(dir, 'clip.mp4'), 640, 360, 3, true), 'video', { hasAudio: true });
  const logo = mediaFile(makeLogo(join(dir, 'logo.png'), 64), 'image', { hasAlpha: true });
  const draft: Draft = {
    d: 3700,
    m: { width: W, height: H, fps: 30 },
    t: [
      {
        tt: 0,
        m: { transition: 'crossfade', transitionMs: 400 },
        sg: [
          { s: 0, d: 1500, m: { src: land.id, kind: 'image' } },
          { s: 1100, d: 1500, m: { src: port.id, kind: 'image', motion: 'left' } },
          // Shown whole on its blurred background, asked for: the automatic choice depends on what
          // the clip shows (render-faces.test.ts), and this pattern has no distinct subject.
          { s: 2200, d: 1500, m: { src: clip.id, kind: 'video', trim: 500, volume: 0.8, fit: 'blur' } },
        ],
      },
      { tt: 1, sg: [{ s: 0, d: 3700, m: { src: 'builtin:bed', name: 'Bed' } }] },
      { tt: 3, sg: [{ s: 0, d: 3700, m: { src: logo.id, position: 'top-right', scale: 0.2 } }] },
      {
        tt: 7,
        sg: [
          { s: 0, d: 1000, m: { text: 'Hello Summer', role: 'title' } },
          { s: 2300, d: 1400, m: { text: 'Shop now', role: 'caption' } },
        ],
      },
    ],
  };
  const out = join(dir, 'out.mp4');
  const progress = await renderDraft(draft, [land, port, clip, logo], out);

  const p = probe(out);
  const v = p.streams.find((s) => s.codec_type === 'video')!;
  const a = p.streams.find((s) => s.codec_type === 'audio')!;
  assert.equal(v.codec_name, 'h264');
  assert.equal(v.profile, 'High');
  assert.equal(v.pix_fmt, 'yuv420p');
  assert.deepEqual([v.width, v.height], [W, H]);
  assert.equal(v.r_frame_rate, '30/1');
  assert.equal(a.codec_name, 'aac');
  assert.ok(Math.abs(Number(p.format.duration) - 3.7) <= 1 / 30 + 0.03, `duration ${p.format.duration}`);
  assert.equal(Number(v.nb_frames), 111);
  const order = atoms(out);
  assert.ok(order.indexOf('moov') >= 0 && order.indexOf('moov') < order.indexOf('mdat'), `atoms ${order.join(',')}`);
  assert.ok(maxVolumeDb(out) > -30, 'music and clip sound are audible');

  for (let i = 1; i < progress.length; i++)
    assert.ok(progress[i]! > progress[i - 1]!, `monotonic: ${progress.join(',')}`);
  assert.equal(progress.at(-1), 100);
  assert.equal(progress.filter((x) => x === 100).length, 1);
  assert.deepEqual(
    readdirSync(dir).filter((f) => f.includes('.part')),
    [],
    'no partial file left',
  );

  // Blur fit: the landscape photo leaves no black bars — top and bottom bands carry the blurred photo.
  const f0 = frameRgb(out, 0.5);
  for (const y of [10, H - 40]) {
    const [r, g, b] = regionMean(f0, W, { x: 0, y, w: W, h: 30 });
    assert.ok(r + g + b > 30, `band at y=${y} is not black (${r.toFixed(0)},${g.toFixed(0)},${b.toFixed(0)})`);
  }
  // The landscape clip (2.2–3.7 s, trim 0.5 s) is shown WHOLE (fitted to the width, on its blurred
  // background), where a centre crop would show a third of it: its middle band matches the
  // clip's full frame scaled to 270x152.
  const fc = frameRgb(out, 3.3);
  const fh = 152;
  const top = Math.round((H - fh) / 2);
  const ref = execFileSync('ffmpeg', [
    '-v',
    'error',
    '-ss',
    '1.6',
    '-i',
    clip.path,
    '-frames:v',
    '1',
    '-vf',
    `scale=${W}:${fh}`,
    '-f',
    'rawvideo',
    '-pix_fmt',
    'rgb24',
    '-',
  ]);
  const band = Buffer.alloc(W * H * 3);
  ref.copy(band, top * W * 3);
  const whole = regionDiff(fc, band, W, { x: 10, y: top + 10, w: W - 20, h: fh - 20 });
  assert.ok(whole < 25, `the whole clip is in the middle band (diff ${whole.toFixed(1)})`);
  // Watermark: the logo's opaque red square sits top-right, inside the safe area (clear of the UI bands).
  const logoW = 54; // 0.2 * 270 (the short side), even
  const area = safeArea({ w: W, h: H });
  const inset = Math.round(W * 0.02);
  const box = {
    x: area.right - inset - logoW + Math.round(logoW * 0.35),
    y: area.top + inset + Math.round(logoW * 0.35),
    w: Math.round(logoW * 0.3),
    h: Math.round(logoW * 0.3),
  };
  for (const t of [0.5, 3.0]) {
    const [r, g, b] = regionMean(frameRgb(out, t), W, box);
    assert.ok(r > 150 && g < 90 && b < 90, `red logo at ${t}s: ${r.toFixed(0)},${g.toFixed(0)},${b.toFixed(0)}`);
  }
  // Mid-crossfade (1.3 s) differs from both neighbours' solo frames.
  const solo1 = frameRgb(out, 0.9);
  const mid = frameRgb(out, 1.3);
  const solo2 = frameRgb(out, 1.7);
  const all = { x: 0, y: 0, w: W, h: H };
  assert.ok(regionDiff(mid, solo1, W, all) > 5 && regionDiff(mid, solo2, W, all) > 5, 'crossfade blends two photos');
});

test('a missing media file names the segment and what to do', async () => {
  const dir = tmp();
  const draft: Draft = {
    d: 1000,
    m: { width: W, height: H },
    t: [{ tt: 0, sg: [{ s: 0, d: 1000, m: { src: 'gone', name: 'beach.jpg', kind: 'image' } }] }],
  };
  await assert.rejects(renderDraft(draft, [], join(dir, 'x.mp4')), (err: Error) => {
    assert.match(err.message, /video segment 1 \("beach\.jpg"\).*"gone".*Upload the file again/);
    return true;
  });
  assert.deepEqual(readdirSync(dir), []);
});

test("transition 'none': hard cuts at the next start, black over gaps, exact total duration", async () => {
  const dir = tmp();
  const color = (c: string) =>
    mediaFile(makeImage(join(dir, `${c}.png`), 540, 960, `color=c=${c}`), 'image', { width: 540, height: 960 });
  const [red, green, blue] = [color('red'), color('lime'), color('blue')];
  const draft: Draft = {
    d: 3200,
    m: { width: W, height: H, fps: 30 },
    t: [
      {
        tt: 0,
        m: { transition: 'none' },
        sg: [
          { s: 0, d: 1000, m: { src: red.id } },
          { s: 800, d: 1000, m: { src: green.id } }, // overlaps red by 200 ms: red is cut at 0.8 s
          { s: 2000, d: 1000, m: { src: blue.id } }, // 200 ms gap before it: black
        ],
      },
    ],
  };
  const out = join(dir, 'cuts.mp4');
  await renderDraft(draft, [red, green, blue], out);
  const centre = { x: W / 2 - 20, y: H / 2 - 20, w: 40, h: 40 };
  const at = (t: number) => regionMean(frameRgb(out, t), W, centre).map(Math.round);
  const isColor = (t: number, want: [number, number, number]) => {
    const got = at(t);
    assert.ok(
      got.every((v, i) => Math.abs(v - want[i]!) < 40),
      `${t}s: ${got} ≉ ${want}`,
    );
  };
  isColor(0.4, [255, 0, 0]);
  isColor(0.85, [0, 255, 0]);
  isColor(1.7, [0, 255, 0]);
  isColor(1.9, [0, 0, 0]);
  isColor(2.5, [0, 0, 255]);
  isColor(3.1, [0, 0, 255]); // past the last segment: its last frame is held to the draft's end
  assert.ok(Math.abs(Number(probe(out).format.duration) - 3.2) <= 1 / 30 + 0.03);
});
