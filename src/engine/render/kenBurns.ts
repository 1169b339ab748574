/**
 * Ken Burns motion (zoom + pan) for a photo at almost the cost of a pan, and smooth to a small
 * fraction of a pixel in luma AND chroma.
 *
 * How: the photo is scaled ONCE to a "stage" a little larger than the canvas (1.06–1.3×), or,
 * for a photo without the pixels for that, a little smaller (≤ 0.94× at the widest view). Each
 * frame, `zoompan` cuts an integer window out of the stage and rescales ONLY that window to the
 * canvas plus a small margin (one bicubic pass at canvas size — never a 2× supersampled image),
 * and a `crop` with an integer offset cuts the canvas out of that. Integer windows and offsets
 * alone would step (a pixel is ~0.9 canvas px); but the result is an affine map
 *   canvas u → stage x0 + (u + ox)·w/OW
 * with four integers (window x0 and width w, crop offset ox, output width OW): because w/OW is
 * never close to 1 (the view is always ≥ 1.06× oversampled, or ≤ 0.94× under), the lattice
 * x0 + ox·w/OW is dense,
 * and a per-frame search finds integers within a few hundredths of a pixel of the ideal eased
 * path. Everything stays on even offsets and even sizes, so the half-resolution chroma planes
 * move exactly with luma (odd offsets on yuv420p are what made chroma step before).
 * The per-frame integers go into the filters as small balanced `if` trees of the frame number.
 */

export interface Size {
  w: number;
  h: number;
}

/** Where the camera looks: the canvas centre in stage px, and stage px per canvas px (1/zoom). */
export interface View {
  cx: number;
  cy: number;
  s: number;
}

export interface KenBurnsFrame {
  /** zoompan's zoom (chosen so its integer window is exactly w × h). */
  zoom: number;
  w: number;
  h: number;
  x0: number;
  y0: number;
  ox: number;
  oy: number;
  /** Worst error over the frame's edges, canvas px (for tests and the bench). */
  err: number;
}

export interface KenBurnsPlan {
  stage: Size;
  /** zoompan output size = canvas + 2·margin per axis. */
  out: Size;
  frames: KenBurnsFrame[];
  /** The ideal view of every frame (what the integers approximate). */
  views: View[];
}

/** Stage px per canvas px at the tight end: ≥ 1.06 keeps w/OW away from 1 (dense lattice). */
export const S_TIGHT = 1.06;
/**
 * Or, for a photo that has fewer pixels than that stage needs, stage px per canvas px at the WIDE
 * end: ≤ 0.94 keeps w/OW away from 1 from below. zoompan then enlarges its window, which costs
 * half as much a frame as shrinking a larger one (3.3 vs 6.9 ms for a 1120x1960 frame, measured
 * on this machine), and the stage, still at least the photo's own resolution, loses nothing.
 */
export const S_UNDER = 0.94;
/** Crop margin (canvas px, even) around the canvas in zoompan's output: room for the fine offset. */
const MARGIN = 20;

const even = (n: number) => 2 * Math.round(n / 2);

/** Ease in and out, but never to a dead stop (shots overlap in crossfades): 70 % sine, 30 % linear. */
export function ease(t: number): number {
  const c = Math.min(1, Math.max(0, t));
  return 0.7 * (0.5 - 0.5 * Math.cos(Math.PI * c)) + 0.3 * c;
}

/**
 * The stage for a zoom range: zoompan's window always has the stage's aspect, so the stage has
 * the aspect of zoompan's output (canvas + margin), big enough for the widest view plus the
 * fine-offset margin on every side. `zoomRatio` = widest/tightest (≥ 1); `sTight` = stage px per
 * canvas px at the tightest view.
 */
export function stageSize(canvas: Size, zoomRatio: number, sTight = S_TIGHT): Size {
  const sWide = sTight * zoomRatio;
  const OW = canvas.w + 2 * MARGIN;
  const OH = canvas.h + 2 * MARGIN;
  const k = Math.max(((canvas.w + 4 * MARGIN) * sWide + 12) / OW, ((canvas.h + 4 * MARGIN) * sWide + 12) / OH);
  return { w: even(OW * k + 1), h: even(OH * k + 1) };
}

/** The inner area of the stage the views may use (the rest is margin for the fine offsets). */
export function usable(
  stage: Size,
  canvas: Size,
  s: number,
): { minX: number; maxX: number; minY: number; maxY: number } {
  const pad = 2 * MARGIN * s + 4;
  const hw = (canvas.w * s) / 2;
  const hh = (canvas.h * s) / 2;
  return { minX: pad + hw, maxX: stage.w - pad - hw, minY: pad + hh, maxY: stage.h - pad - hh };
}

/** Clamp a view so the canvas (and the fine-offset margin) stays inside the stage. */
export function clampView(v: View, stage: Size, canvas: Size): View {
  const u = usable(stage, canvas, v.s);
  const mid = (a: number, lo: number, hi: number) => (lo > hi ? (lo + hi) / 2 : Math.min(hi, Math.max(lo, a)));
  return { s: v.s, cx: mid(v.cx, u.minX, u.maxX), cy: mid(v.cy, u.minY, u.maxY) };
}

interface AxisPick {
  p0: number;
  o: number;
  err: number;
}

/**
 * One axis: canvas length L shows stage [c − L·s/2, c + L·s/2]. With window size n (scaled to
 * N = L + 2·MARGIN) the realised map is p0 + (u + o)·n/N. Picks even p0 and even o in
 * [0, 2·MARGIN] minimising the worst error at the canvas edges, in canvas px.
 */
function pickAxis(c: number, s: number, L: number, n: number, stageLen: number): AxisPick {
  const N = L + 2 * MARGIN;
  const r = n / N;
  const left = c - (L * s) / 2; // ideal stage position of the canvas's left edge
  // Error at the centre is zeroed by the offset; the scale error splits over the two edges.
  const scaleErr = (Math.abs(r - s) * L) / 2 / s;
  const target = left + (L / 2) * (s - r); // realised left edge that centres the scale error
  let best: AxisPick = { p0: 0, o: 0, err: Infinity };
  for (let o = 0; o <= 2 * MARGIN; o += 2) {
    const p0 = Math.min(Math.max(0, even(target - o * r)), 2 * Math.floor((stageLen - n) / 2));
    const err = Math.abs(p0 + o * r - target) / s + scaleErr;
    if (err < best.err) best = { p0, o, err };
  }
  return best;
}

/** zoompan's window for a zoom value, computed exactly as ffmpeg does (double arithmetic). */
export function windowOf(stage: Size, zoom: number): Size {
  return { w: Math.trunc(stage.w * (1.0 / zoom)), h: Math.trunc(stage.h * (1.0 / zoom)) };
}

/** Integers for one frame: even w and h near the ideal window, then the best offsets per axis. */
export function pickFrame(v: View, stage: Size, canvas: Size): KenBurnsFrame {
  const OW = canvas.w + 2 * MARGIN;
  const OH = canvas.h + 2 * MARGIN;
  const wIdeal = OW * v.s;
  const hIdeal = OH * v.s;
  let best: KenBurnsFrame | undefined;
  for (const w of [even(wIdeal), even(wIdeal) - 2, even(wIdeal) + 2]) {
    // zoompan sets w = trunc(W/z), h = trunc(H/z): a z inside both intervals gives (w, h).
    for (const h of [even(hIdeal), even(hIdeal) - 2, even(hIdeal) + 2]) {
      const lo = Math.max(stage.w / (w + 1), stage.h / (h + 1));
      const hi = Math.min(stage.w / w, stage.h / h);
      if (!(lo < hi)) continue;
      let zoom = (lo + hi) / 2;
      if (zoom < 1) continue;
      const got = windowOf(stage, zoom);
      if (got.w !== w || got.h !== h) {
        zoom = lo + (hi - lo) * 0.25;
        const again = windowOf(stage, zoom);
        if (again.w !== w || again.h !== h) continue;
      }
      const ax = pickAxis(v.cx, v.s, canvas.w, w, stage.w);
      const ay = pickAxis(v.cy, v.s, canvas.h, h, stage.h);
      const err = Math.max(ax.err, ay.err);
      if (!best || err < best.err) best = { zoom, w, h, x0: ax.p0, y0: ay.p0, ox: ax.o, oy: ay.o, err };
    }
  }
  if (!best) throw new Error('Ken Burns: no window fits the stage (stage too small for the canvas).');
  return best;
}

export function planKenBurns(stage: Size, canvas: Size, views: View[]): KenBurnsPlan {
  return {
    stage,
    out: { w: canvas.w + 2 * MARGIN, h: canvas.h + 2 * MARGIN },
    frames: views.map((v) => pickFrame(v, stage, canvas)),
    views,
  };
}

/**
 * An ffmpeg expression giving values[i] at `variable` = i: a balanced tree of `if(lt(v,k),…)`
 * over runs of equal values (depth log2(runs), so the parser never recurses deeply).
 */
export function tableExpr(variable: string, values: (number | string)[]): string {
  const runs: { start: number; value: string }[] = [];
  values.forEach((v, i) => {
    const s = String(v);
    if (!runs.length || runs.at(-1)!.value !== s) runs.push({ start: i, value: s });
  });
  const build = (a: number, b: number): string => {
    if (b - a === 1) return runs[a]!.value;
    const mid = (a + b) >> 1;
    return `if(lt(${variable},${runs[mid]!.start}),${build(a, mid)},${build(mid, b)})`;
  };
  return runs.length ? build(0, runs.length) : '0';
}
