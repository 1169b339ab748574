/**
 * Subject-aware framing: a landscape photo whose subject fits a 9:16 window FILLS the vertical
 * frame with the subject in view (not a centre crop, not a band on a blurred background); one
 * whose subject spans the width keeps it whole on the blurred background.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Draft } from '../../src/contract/draft';
import { analyzePhoto, bestCover } from '../../src/engine/subject';
import { chooseFit } from '../../src/engine/render/video';
import { frameRgb, mediaFile, renderDraft, tmp } from './render-fixtures';

const W = 270;
const H = 480;

/** A flat blue-grey 1600x900 photo with detailed, saturated patches (checkerboards) at the given x centres. */
function photoWithSubjects(path: string, centres: number[]): string {
  const inPatch = centres.map((c) => `between(X,${c - 110},${c + 110})*between(Y,330,570)`).join('+');
  const checker = 'mod(floor(X/12)+floor(Y/12),2)';
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    'color=c=0x607080:s=1600x900,format=rgb24',
    '-vf',
    `geq=r='if(${inPatch},255*${checker},96)':g='if(${inPatch},200*(1-${checker}),112)':b='if(${inPatch},40,128)'`,
    '-frames:v',
    '1',
    path,
  ]);
  return path;
}

/** Standard deviation of the red channel in a rectangle (the checkerboard alternates 0 and 255) (detail present?). */
function spread(f: Buffer, r: { x: number; y: number; w: number; h: number }): number {
  const v: number[] = [];
  for (let y = r.y; y < r.y + r.h; y++)
    for (let x = r.x; x < r.x + r.w; x++) {
      v.push(f[(y * W + x) * 3]!);
    }
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / v.length);
}

test(
  'a landscape photo fills the vertical frame around its subject; a wide subject gets the blurred background',
  { timeout: 180_000 },
  async () => {
    const dir = tmp();
    const oneSubject = photoWithSubjects(join(dir, 'one.png'), [1250]);
    const wide = photoWithSubjects(join(dir, 'wide.png'), [150, 800, 1450]);
    const s1 = await analyzePhoto(oneSubject, 1600, 900);
    const s2 = await analyzePhoto(wide, 1600, 900);
    assert.ok(s1 && s2, 'analysed');
    assert.ok(s1.focus.x > 0.65, `focus on the subject at the right: ${s1.focus.x.toFixed(2)}`);
    const crop = bestCover(s1, 1600 / 900, 9 / 16);
    assert.ok(
      crop.x <= 1250 / 1600 - 0.05 && crop.x + crop.w >= 1250 / 1600 + 0.05,
      `crop ${crop.x.toFixed(2)}+${crop.w.toFixed(2)} holds the subject`,
    );
    const m1 = mediaFile(oneSubject, 'image', { width: 1600, height: 900, subject: s1 });
    const m2 = mediaFile(wide, 'image', { width: 1600, height: 900, subject: s2 });
    const canvas = { w: W, h: H, fps: 30 };
    assert.equal(chooseFit(m1, canvas), 'cover');
    assert.equal(chooseFit(m2, canvas), 'blur');
    // Without the analysis the old rule (blur for a > 1.4× aspect mismatch) still applies.
    assert.equal(chooseFit({ ...m1, subject: undefined }, canvas), 'blur');

    const draft = (id: string): Draft => ({
      d: 600,
      m: { width: W, height: H, fps: 30 },
      t: [{ tt: 0, sg: [{ s: 0, d: 600, m: { src: id, kind: 'image', motion: 'none' } }] }],
    });
    const out = join(dir, 'one.mp4');
    await renderDraft(draft(m1.id), [m1], out);
    const f = frameRgb(out, 0.2);
    // The subject (checkerboard) is in the middle of the frame, filling it top to bottom (no band).
    assert.ok(spread(f, { x: W / 2 - 30, y: H / 2 - 30, w: 60, h: 60 }) > 60, 'the subject is in view, centred');
    const outWide = join(dir, 'wide.mp4');
    await renderDraft(draft(m2.id), [m2], outWide);
    const g = frameRgb(outWide, 0.2);
    // Blur fit: the whole width of the photo (all three patches) is visible in the middle band.
    const band = { y: H / 2 - 10, h: 20 };
    for (const x of [Math.round((150 / 1600) * W), Math.round(W / 2), Math.round((1450 / 1600) * W)]) {
      assert.ok(
        spread(g, { x: x - 8, y: band.y, w: 16, h: band.h }) > 30,
        `patch at x=${x} visible in the fitted photo`,
      );
    }
  },
);
