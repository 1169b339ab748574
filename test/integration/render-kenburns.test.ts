/**
 * Ken Burns on real renders: a photo with two coloured discs zooms in by ≥ 10 % over a 3 s shot
 * while the camera moves toward the focus, and both discs follow the ideal eased path to a
 * fraction of a pixel — in luma AND in the half-resolution chroma planes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Draft } from '../../src/contract/draft';
import { planMotion, zoomRatioFor, type VideoSegment } from '../../src/engine/render/video';
import { S_UNDER, stageSize } from '../../src/engine/render/kenBurns';
import { mediaFile, renderDraft, tmp } from './render-fixtures';

const W = 360;
const H = 640;
const FPS = 30;

interface Track {
  x: number;
  y: number;
}

/** Centroids of the two discs (left/right half of the frame) per frame, in luma px, from Y and from Cb. */
export function trackDiscs(path: string): { luma: Track[][]; chroma: Track[][] } {
  const raw = execFileSync('ffmpeg', ['-v', 'error', '-i', path, '-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-'], {
    maxBuffer: 1 << 30,
  });
  const ySize = W * H;
  const cw = W / 2;
  const ch = H / 2;
  const frame = ySize + 2 * cw * ch;
  const luma: Track[][] = [[], []];
  const chroma: Track[][] = [[], []];
  for (let f = 0; (f + 1) * frame <= raw.length; f++) {
    const base = f * frame;
    for (const side of [0, 1]) {
      let sx = 0;
      let sy = 0;
      let sw = 0;
      for (let y = 0; y < H; y++) {
        for (let x = side ? W / 2 : 0; x < (side ? W : W / 2); x++) {
          const v = raw[base + y * W + x]! - 40;
          if (v > 0) {
            sx += v * x;
            sy += v * y;
            sw += v;
          }
        }
      }
      luma[side]!.push({ x: sx / sw, y: sy / sw });
      sx = 0;
      sy = 0;
      sw = 0;
      for (let y = 0; y < ch; y++) {
        for (let x = side ? cw / 2 : 0; x < (side ? cw : cw / 2); x++) {
          const v = raw[base + ySize + y * cw + x]! - 150; // Cb of the disc ≈ 200, background 128
          if (v > 0) {
            sx += v * (2 * x + 0.5);
            sy += v * (2 * y + 0.5);
            sw += v;
          }
        }
      }
      chroma[side]!.push({ x: sx / sw, y: sy / sw });
    }
  }
  return { luma, chroma };
}

/** RMS distance of measured points from the ideal ones after removing the mean offset (siting conventions). */
function offPath(measured: Track[], ideal: Track[]): number {
  const n = Math.min(measured.length, ideal.length);
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += measured[i]!.x - ideal[i]!.x;
    my += measured[i]!.y - ideal[i]!.y;
  }
  mx /= n;
  my /= n;
  let s = 0;
  for (let i = 0; i < n; i++) s += (measured[i]!.x - ideal[i]!.x - mx) ** 2 + (measured[i]!.y - ideal[i]!.y - my) ** 2;
  return Math.sqrt(s / n);
}

/**
 * `small`: the photo has fewer pixels than the usual stage (1.06–1.3× the canvas) needs, like a
 * wallpaper on a 9:16 frame, so the stage is drawn under canvas size and zoompan enlarges.
 */
async function renderDiscs(motion: 'in' | 'right', durMs: number, small = false) {
  const dir = tmp();
  const zoomRatio = motion === 'in' ? zoomRatioFor(durMs) : 1.1;
  const stage = stageSize({ w: W, h: H }, zoomRatio, small ? S_UNDER / zoomRatio : undefined);
  // The photo IS the stage size, so photo px = stage px and the ideal path is known exactly.
  const focus = { x: 0.55, y: 0.4 };
  const discs = [
    { x: stage.w * focus.x - 70, y: stage.h * focus.y + 30 },
    { x: stage.w * focus.x + 60, y: stage.h * focus.y - 40 },
  ];
  const inDisc = discs.map((d) => `lt(hypot(X-${d.x.toFixed(2)},Y-${d.y.toFixed(2)}),22)`).join('+');
  const photo = join(dir, 'discs.png');
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `color=c=black:s=${stage.w}x${stage.h},format=rgb24,` +
      `geq=r='255*(${inDisc})':g='64*(${inDisc})':b='255*(${inDisc})'`,
    '-frames:v',
    '1',
    photo,
  ]);
  const m = mediaFile(photo, 'image', { width: stage.w, height: stage.h });
  const meta = { src: m.id, kind: 'image' as const, motion, fit: 'cover' as const, focus };
  const draft: Draft = {
    d: durMs,
    m: { width: W, height: H, fps: FPS },
    t: [{ tt: 0, sg: [{ s: 0, d: durMs, m: meta }] }],
  };
  const out = join(dir, 'kb.mp4');
  await renderDraft(draft, [m], out, { preset: 'ultrafast' });

  const seg: VideoSegment = { index: 0, startMs: 0, durMs, media: m, meta };
  const plan = planMotion(seg, { w: W, h: H, fps: FPS }, 'cover');
  assert.ok(plan.kb, 'a zoom plan');
  assert.deepEqual(plan.stage, stage, 'the stage is the photo, pixel for pixel');
  assert.equal(plan.sTight < 1, small, `stage px per canvas px at the tight end: ${plan.sTight}`);
  // Ideal canvas position of a stage point: pixel u's centre shows stage left + (u + 0.5)·s.
  const ideal = (p: { x: number; y: number }) =>
    plan.kb!.views.map((v) => ({
      x: (p.x - (v.cx - (W * v.s) / 2)) / v.s - 0.5,
      y: (p.y - (v.cy - (H * v.s) / 2)) / v.s - 0.5,
    }));
  const { luma, chroma } = trackDiscs(out);
  assert.equal(luma[0]!.length, Math.round((durMs * FPS) / 1000));
  const sides = [0, 1].map((i) => ({ ideal: ideal(discs[i]!), luma: luma[i]!, chroma: chroma[i]! }));
  for (const [i, s] of sides.entries()) {
    const jl = offPath(s.luma, s.ideal);
    const jc = offPath(s.chroma, s.ideal);
    console.log(`disc ${i}: luma ${jl.toFixed(3)} px, chroma ${jc.toFixed(3)} px RMS off the ideal path`);
    assert.ok(jl <= 0.35, `disc ${i}: luma ${jl.toFixed(3)} px RMS off the ideal path`);
    assert.ok(jc <= 0.35, `disc ${i}: chroma ${jc.toFixed(3)} px RMS off the ideal path`);
  }
  return luma;
}

test(
  'Ken Burns: ≥ 10 % zoom over a 3 s shot, eased, moving toward the focus; ≤ 0.35 px RMS off the ideal path in luma and chroma',
  { timeout: 180_000 },
  async () => {
    const luma = await renderDiscs('in', 3000);
    // Real zoom: the distance between the discs grows by ≥ 10 % from the first to the last frame.
    const dist = (f: number) => Math.hypot(luma[1]![f]!.x - luma[0]![f]!.x, luma[1]![f]!.y - luma[0]![f]!.y);
    const zoom = dist(89) / dist(0);
    console.log(`zoom ${((zoom - 1) * 100).toFixed(1)} %`);
    assert.ok(zoom >= 1.1, `zoom ${((zoom - 1) * 100).toFixed(1)} %`);
    // Eased: slower in the first and last tenth than in the middle tenth.
    const speed = (a: number, b: number) => dist(b) - dist(a);
    assert.ok(speed(0, 9) < speed(40, 49) && speed(80, 89) < speed(40, 49), 'eased in and out');
    // Toward the focus: the midpoint of the discs (near the focus) ends closer to the frame centre than it started.
    const mid = (f: number) =>
      Math.hypot((luma[0]![f]!.x + luma[1]![f]!.x) / 2 - W / 2, (luma[0]![f]!.y + luma[1]![f]!.y) / 2 - H / 2);
    assert.ok(
      mid(89) < mid(0) - 5,
      `moves toward the subject: ${mid(0).toFixed(1)} → ${mid(89).toFixed(1)} px from centre`,
    );
  },
);

test(
  'a photo with fewer pixels than the usual stage zooms on a stage under canvas size, as smooth in luma and chroma',
  { timeout: 180_000 },
  async () => {
    const luma = await renderDiscs('in', 3000, true);
    const dist = (f: number) => Math.hypot(luma[1]![f]!.x - luma[0]![f]!.x, luma[1]![f]!.y - luma[0]![f]!.y);
    const zoom = dist(89) / dist(0);
    assert.ok(zoom >= 1.1, `zoom ${((zoom - 1) * 100).toFixed(1)} %`);
  },
);

test(
  'a pan glides (eased, sub-pixel) across ≥ 8 % of the width, smooth in luma and chroma',
  { timeout: 180_000 },
  async () => {
    const luma = await renderDiscs('right', 2000);
    const travel = luma[0]![0]!.x - luma[0]!.at(-1)!.x;
    assert.ok(travel >= 0.08 * W, `the picture slides left by ${travel.toFixed(1)} px`);
  },
);
