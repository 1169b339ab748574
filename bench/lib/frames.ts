/**
 * Frame measurements shared by bench/render.ts and the renderer's tests: raw frame grabs, disc
 * tracking in luma and chroma, zoom fitted between two frames, text contrast, contact sheets.
 */
import { execFileSync } from 'node:child_process';

const ff = (args: string[]) =>
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], { maxBuffer: 1 << 30 });

export interface Pt {
  x: number;
  y: number;
}

/** One frame at `seconds`, as gray (1 byte/px) or RGB24. */
export function grab(path: string, seconds: number, fmt: 'gray' | 'rgb24', scale?: { w: number; h: number }): Buffer {
  return ff([
    '-ss',
    seconds.toFixed(3),
    '-i',
    path,
    '-frames:v',
    '1',
    ...(scale ? ['-vf', `scale=${scale.w}:${scale.h}:flags=area`] : []),
    '-f',
    'rawvideo',
    '-pix_fmt',
    fmt,
    '-',
  ]);
}

/** Centroids of bright discs (left/right half) per frame, from Y and from Cb (coloured discs on black). */
export function trackDiscs(path: string, W: number, H: number): { luma: Pt[][]; chroma: Pt[][] } {
  const raw = ff(['-i', path, '-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-']);
  const ySize = W * H;
  const cw = W / 2;
  const ch = H / 2;
  const frame = ySize + 2 * cw * ch;
  const luma: Pt[][] = [[], []];
  const chroma: Pt[][] = [[], []];
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
          const v = raw[base + ySize + y * cw + x]! - 150;
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

/** RMS distance of measured points from ideal ones after removing the mean offset. */
export function offPath(measured: Pt[], ideal: Pt[]): number {
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
 * The zoom from frame A to frame B (B shows A scaled by z about some point, plus a shift):
 * coarse-to-fine search of z and the shift minimising the mean absolute difference on small
 * gray frames. > 1 = zoomed in.
 */
export function fitZoom(path: string, tA: number, tB: number, W: number, H: number): number {
  const sw = 90;
  const sh = Math.round((sw * H) / W / 2) * 2;
  const a = grab(path, tA, 'gray', { w: sw, h: sh });
  const b = grab(path, tB, 'gray', { w: sw, h: sh });
  const sample = (img: Buffer, x: number, y: number) => {
    const x0 = Math.floor(x);
    const y0 = Math.floor(y);
    if (x0 < 0 || y0 < 0 || x0 + 1 >= sw || y0 + 1 >= sh) return -1;
    const fx = x - x0;
    const fy = y - y0;
    const i = y0 * sw + x0;
    return (img[i]! * (1 - fx) + img[i + 1]! * fx) * (1 - fy) + (img[i + sw]! * (1 - fx) + img[i + sw + 1]! * fx) * fy;
  };
  const cost = (z: number, tx: number, ty: number) => {
    let s = 0;
    let n = 0;
    for (let y = 4; y < sh - 4; y += 2) {
      for (let x = 4; x < sw - 4; x += 2) {
        // B(x, y) ≈ A(c + (x − c)/z + t)
        const v = sample(a, sw / 2 + (x - sw / 2) / z + tx, sh / 2 + (y - sh / 2) / z + ty);
        if (v < 0) continue;
        s += Math.abs(v - b[y * sw + x]!);
        n++;
      }
    }
    return n > (sw * sh) / 16 ? s / n : Infinity;
  };
  let best = { z: 1, tx: 0, ty: 0, c: cost(1, 0, 0) };
  for (let z = 0.8; z <= 1.3; z += 0.01) {
    for (let tx = -12; tx <= 12; tx += 1)
      for (let ty = -12; ty <= 12; ty += 1) {
        const c = cost(z, tx, ty);
        if (c < best.c) best = { z, tx, ty, c };
      }
  }
  const coarse = best;
  for (let z = coarse.z - 0.012; z <= coarse.z + 0.012; z += 0.002) {
    for (let tx = coarse.tx - 1; tx <= coarse.tx + 1; tx += 0.25)
      for (let ty = coarse.ty - 1; ty <= coarse.ty + 1; ty += 0.25) {
        const c = cost(z, tx, ty);
        if (c < best.c) best = { z, tx, ty, c };
      }
  }
  return best.z;
}

/** sRGB → relative luminance (WCAG). */
function lum(r: number, g: number, b: number): number {
  const c = (v: number) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * c(r) + 0.7152 * c(g) + 0.0722 * c(b);
}

/**
 * Contrast of drawn text against what surrounds it, from the same frame rendered with and
 * without the text. The text's outline/shadow/box are the changed pixels that went dark; they
 * enclose each glyph, so a flood fill from outside the text block through everything else marks
 * the background, and the light pixels it cannot reach are the glyphs (this works for white
 * text on a white photo, where the fill itself changes nothing). The surround is every pixel
 * within `ring` px of a glyph that is not glyph. WCAG ratio (L1 + 0.05) / (L2 + 0.05) of the
 * mean luminances: 1:1 means invisible, 4.5:1 reads.
 */
export function textContrast(
  withText: Buffer,
  without: Buffer,
  W: number,
  H: number,
  ring = 3,
): { ratio: number; box?: { x: number; y: number; w: number; h: number } } {
  const N = W * H;
  const L = new Float64Array(N);
  const wall = new Uint8Array(N);
  let x0 = W;
  let y0 = H;
  let x1 = -1;
  let y1 = -1;
  for (let i = 0; i < N; i++) {
    L[i] = lum(withText[3 * i]!, withText[3 * i + 1]!, withText[3 * i + 2]!);
    const d =
      Math.abs(withText[3 * i]! - without[3 * i]!) +
      Math.abs(withText[3 * i + 1]! - without[3 * i + 1]!) +
      Math.abs(withText[3 * i + 2]! - without[3 * i + 2]!);
    if (d > 30) {
      const x = i % W;
      const y = (i - x) / W;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
      if (L[i]! < 0.25) wall[i] = 1;
    }
  }
  if (x1 < 0) return { ratio: 0 };
  // Flood the background from the frame's border through everything that is not text darkening.
  const outside = new Uint8Array(N);
  const stack: number[] = [];
  const push = (i: number) => {
    if (!outside[i] && !wall[i]) {
      outside[i] = 1;
      stack.push(i);
    }
  };
  for (let x = 0; x < W; x++) {
    push(x);
    push((H - 1) * W + x);
  }
  for (let y = 0; y < H; y++) {
    push(y * W);
    push(y * W + W - 1);
  }
  while (stack.length) {
    const i = stack.pop()!;
    const x = i % W;
    if (x > 0) push(i - 1);
    if (x < W - 1) push(i + 1);
    if (i >= W) push(i - W);
    if (i < N - W) push(i + W);
  }
  const core = new Uint8Array(N);
  let lc = 0;
  let nc = 0;
  let gx0 = W;
  let gy0 = H;
  let gx1 = -1;
  let gy1 = -1;
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const i = y * W + x;
      if (!outside[i] && !wall[i] && L[i]! > 0.5) {
        core[i] = 1;
        lc += L[i]!;
        nc++;
        gx0 = Math.min(gx0, x);
        gx1 = Math.max(gx1, x);
        gy0 = Math.min(gy0, y);
        gy1 = Math.max(gy1, y);
      }
    }
  }
  let ls = 0;
  let ns = 0;
  for (let y = Math.max(0, y0 - ring); y <= Math.min(H - 1, y1 + ring); y++) {
    for (let x = Math.max(0, x0 - ring); x <= Math.min(W - 1, x1 + ring); x++) {
      const i = y * W + x;
      if (core[i]) continue;
      let near = false;
      for (let dy = -ring; dy <= ring && !near; dy++)
        for (let dx = -ring; dx <= ring && !near; dx++) {
          const xx = x + dx;
          const yy = y + dy;
          if (xx >= 0 && yy >= 0 && xx < W && yy < H && core[yy * W + xx]) near = true;
        }
      if (near) {
        ls += L[i]!;
        ns++;
      }
    }
  }
  if (!nc || !ns) return { ratio: 1 };
  return { ratio: (lc / nc + 0.05) / (ls / ns + 0.05), box: { x: gx0, y: gy0, w: gx1 - gx0 + 1, h: gy1 - gy0 + 1 } };
}

/** A contact sheet: `cols`×`rows` thumbnails at the given times, one PNG. */
export function contactSheet(path: string, out: string, times: number[], W: number, H: number, cols = 6): void {
  const tw = 216;
  const th = Math.round((tw * H) / W / 2) * 2;
  const rows = Math.ceil(times.length / cols);
  const inputs = times.flatMap((t) => ['-ss', t.toFixed(3), '-i', path]);
  const scaled = times.map(
    (_, i) =>
      `[${i}:v]scale=${tw}:${th},drawtext=fontfile=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf:text='${times[i]!.toFixed(1)}s':x=4:y=4:fontsize=14:fontcolor=yellow:box=1:boxcolor=black@0.6[s${i}]`,
  );
  const pads = Array.from({ length: cols * rows - times.length }, (_, k) => `color=c=gray:s=${tw}x${th}:d=1[p${k}]`);
  const labels = [...times.map((_, i) => `[s${i}]`), ...pads.map((_, k) => `[p${k}]`)];
  const layout = labels.map((_, i) => `${(i % cols) * tw}_${Math.floor(i / cols) * th}`).join('|');
  ff([
    ...inputs,
    '-filter_complex',
    [...scaled, ...pads, `${labels.join('')}xstack=inputs=${labels.length}:layout=${layout}`].join(';'),
    '-frames:v',
    '1',
    out,
  ]);
}
