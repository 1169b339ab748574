/**
 * How much of a video's text lies over faces, measured on its frames as a viewer sees them: the
 * face detector the engine ships (src/engine/faces.ts) runs on frames of the render WITHOUT text,
 * and the text is the pixels where the render WITH text differs clearly from it.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { detectFaces } from '../../src/engine/faces';
import { grab } from './frames';

export interface TextOverFaces {
  /** Text pixels summed over the sampled frames. */
  textPx: number;
  /** Of those, the ones inside a detected face box. */
  overPx: number;
  /** Faces found, summed over the frames (0: nothing to avoid — the figure says nothing). */
  faces: number;
}

export async function textOverFaces(
  plain: string,
  titled: string,
  times: number[],
  W: number,
  H: number,
  workDir: string,
): Promise<TextOverFaces> {
  const sum: TextOverFaces = { textPx: 0, overPx: 0, faces: 0 };
  for (const t of times) {
    const png = join(workDir, `faces-${t}.png`);
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-ss', t.toFixed(3), '-i', plain, '-frames:v', '1', png]);
    const faces = (await detectFaces(png, W, H, 'ffmpeg')).map((f) => ({
      x0: f.x * W,
      y0: f.y * H,
      x1: (f.x + f.w) * W,
      y1: (f.y + f.h) * H,
    }));
    sum.faces += faces.length;
    const a = grab(titled, t, 'rgb24');
    const b = grab(plain, t, 'rgb24');
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++) {
        const i = (y * W + x) * 3;
        if (Math.abs(a[i]! - b[i]!) + Math.abs(a[i + 1]! - b[i + 1]!) + Math.abs(a[i + 2]! - b[i + 2]!) < 90) continue;
        sum.textPx++;
        if (faces.some((f) => x >= f.x0 && x < f.x1 && y >= f.y0 && y < f.y1)) sum.overPx++;
      }
  }
  return sum;
}
