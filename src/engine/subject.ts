/**
 * Where the subject of a photo is, worked out ONCE per photo at upload: `smartcrop` (pure JS,
 * MIT) scores every pixel of a ≤ 256 px copy for skin, detail and saturation — its saliency map
 * — and we keep it as a coarse grid. The renderer then picks, for any canvas aspect, the cover
 * crop that keeps the most of the subject, the Ken Burns focus, and whether a photo of another
 * aspect can fill the frame without cutting the subject (else the blurred-background fit).
 *
 * No face detector yet: @vladmandic/face-api's tiny detector (model inside the package) works
 * on the CPU in Node via tfjs' wasm backend but adds ≈ 0.85 MB to a VSIX whose budget is 1.5 MB
 * (docs/rendering.md "Face detection: evaluated, not integrated"); smartcrop's skin term covers
 * faces in most product/people shots at ~20 KB.
 */
import { execFile } from 'node:child_process';
import smartcrop from 'smartcrop';

export interface Subject {
  /** Saliency per cell, row-major, summing to 1 (GRID × GRID cells over the whole photo). */
  grid: number[];
  /** Centre of saliency mass, fractions of width/height. */
  focus: { x: number; y: number };
}

export const GRID = 16;
const SIDE = 256;

interface Raw {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** A ≤ 256 px RGBA copy of the photo, decoded by ffmpeg. */
function decodeSmall(path: string, ffmpeg: string, w: number, h: number): Promise<Raw> {
  const k = Math.min(1, SIDE / Math.max(w, h));
  const sw = Math.max(8, Math.round(w * k));
  const sh = Math.max(8, Math.round(h * k));
  return new Promise((resolve, reject) => {
    execFile(
      ffmpeg,
      [
        '-v',
        'error',
        '-i',
        path,
        '-frames:v',
        '1',
        '-vf',
        `scale=${sw}:${sh}:flags=area`,
        '-f',
        'rawvideo',
        '-pix_fmt',
        'rgba',
        '-',
      ],
      { encoding: 'buffer', maxBuffer: 8 << 20, timeout: 20_000 },
      (err, out) => {
        if (err || out.length < sw * sh * 4) reject(err ?? new Error('short decode'));
        else resolve({ width: sw, height: sh, data: new Uint8ClampedArray(out.buffer, out.byteOffset, sw * sh * 4) });
      },
    );
  });
}

/** smartcrop's image operations over a raw RGBA buffer (no canvas in Node). */
const rawOps = {
  open: (img: Raw) => Promise.resolve(img),
  resample: (img: Raw, width: number, height: number) => {
    const w = Math.max(1, Math.floor(width));
    const h = Math.max(1, Math.floor(height));
    const data = new Uint8ClampedArray(w * h * 4);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const s = (Math.floor((y * img.height) / h) * img.width + Math.floor((x * img.width) / w)) * 4;
        data.set(img.data.subarray(s, s + 4), (y * w + x) * 4);
      }
    }
    return Promise.resolve({ width: w, height: h, data });
  },
  getData: (img: Raw) => Promise.resolve(img),
};

/** The subject of a photo, or undefined when it cannot be decoded (the renderer then centres). */
export async function analyzePhoto(
  path: string,
  width: number | undefined,
  height: number | undefined,
  ffmpeg = process.env.FFMPEG_PATH || 'ffmpeg',
): Promise<Subject | undefined> {
  if (!width || !height) return undefined;
  try {
    const raw = await decodeSmall(path, ffmpeg, width, height);
    // The typings cover the browser API only: DEFAULTS, `debug` and `imageOperations` are in the JS.
    const sc = smartcrop as unknown as {
      DEFAULTS: Record<'skinBias' | 'skinWeight' | 'detailWeight' | 'saturationBias' | 'saturationWeight', number>;
      crop(img: Raw, opts: Record<string, unknown>): Promise<{ debugOutput?: Raw }>;
    };
    const o = sc.DEFAULTS;
    const result = await sc.crop(raw, {
      width: raw.width,
      height: raw.height,
      minScale: 1,
      debug: true,
      imageOperations: rawOps,
    });
    const map = result.debugOutput;
    if (!map) return undefined;
    // The same per-pixel weighting smartcrop's crop score uses: skin (r), detail (g), saturation (b).
    const grid = new Array<number>(GRID * GRID).fill(0);
    let total = 0;
    let fx = 0;
    let fy = 0;
    // The map's outermost pixels are edge-detector artefacts (the photo's own border): skipped.
    for (let y = 1; y < map.height - 1; y++) {
      for (let x = 1; x < map.width - 1; x++) {
        const p = (y * map.width + x) * 4;
        const detail = map.data[p + 1]! / 255;
        const v =
          (map.data[p]! / 255) * (detail + o.skinBias) * o.skinWeight +
          detail * o.detailWeight +
          (map.data[p + 2]! / 255) * (detail + o.saturationBias) * o.saturationWeight;
        grid[Math.floor((y * GRID) / map.height) * GRID + Math.floor((x * GRID) / map.width)]! += v;
        total += v;
        fx += (v * (x + 0.5)) / map.width;
        fy += (v * (y + 0.5)) / map.height;
      }
    }
    if (!(total > 0)) return undefined;
    return { grid: grid.map((v) => v / total), focus: { x: fx / total, y: fy / total } };
  } catch {
    return undefined;
  }
}

export interface CoverCrop {
  /** The crop, fractions of the photo. */
  x: number;
  y: number;
  w: number;
  h: number;
  /** Share of the subject's saliency inside it (1 = nothing of the subject is cut). */
  kept: number;
}

/** The crop of aspect `aspect` (w/h) covering the photo's full height or width that keeps the most subject. */
export function bestCover(subject: Subject | undefined, photoAspect: number, aspect: number): CoverCrop {
  const w = Math.min(1, aspect / photoAspect);
  const h = Math.min(1, photoAspect / aspect);
  if (!subject) return { x: (1 - w) / 2, y: (1 - h) / 2, w, h, kept: w * h };
  // The subject: cells at least twice as salient as average. Texture spread evenly over the
  // photo (grass, sand, sea) has no such cells: nothing to cut, any crop keeps "all" of it.
  const strong = subject.grid.map((v) => (v >= 2 / (GRID * GRID) ? v : 0));
  const strongMass = strong.reduce((a, b) => a + b, 0);
  const weights = strong.map((v) => v / Math.max(strongMass, 1e-9));
  const mass = (x: number, y: number) => {
    let m = 0;
    for (let gy = 0; gy < GRID; gy++) {
      for (let gx = 0; gx < GRID; gx++) {
        // Overlap of the crop with the cell, as a fraction of the cell.
        const ox = Math.max(0, Math.min(x + w, (gx + 1) / GRID) - Math.max(x, gx / GRID)) * GRID;
        const oy = Math.max(0, Math.min(y + h, (gy + 1) / GRID) - Math.max(y, gy / GRID)) * GRID;
        m += weights[gy * GRID + gx]! * ox * oy;
      }
    }
    return m;
  };
  if (strongMass < 0.25) {
    // No distinct subject: centre the crop on the saliency's centre of mass.
    const clamp = (v: number, hi: number) => Math.min(hi, Math.max(0, v));
    return { x: clamp(subject.focus.x - w / 2, 1 - w), y: clamp(subject.focus.y - h / 2, 1 - h), w, h, kept: 1 };
  }
  // The subject's own centre (strong cells only): among the crops that keep (nearly) the most of
  // it, the one centred closest to it — the subject sits mid-frame, not against an edge.
  let cx = 0;
  let cy = 0;
  weights.forEach((v, k) => {
    cx += (v * ((k % GRID) + 0.5)) / GRID;
    cy += (v * (Math.floor(k / GRID) + 0.5)) / GRID;
  });
  const options: CoverCrop[] = [];
  for (let i = 0; i <= 60; i++) {
    const c = w < 1 ? { x: ((1 - w) * i) / 60, y: 0 } : { x: 0, y: ((1 - h) * i) / 60 };
    options.push({ ...c, w, h, kept: mass(c.x, c.y) });
  }
  const most = Math.max(...options.map((o) => o.kept));
  const off = (o: CoverCrop) => Math.hypot(o.x + w / 2 - cx, o.y + h / 2 - cy);
  const best = options.filter((o) => o.kept >= most - 0.02).sort((a, b) => off(a) - off(b))[0]!;
  return best;
}
