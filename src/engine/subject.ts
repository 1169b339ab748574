/**
 * Where the subject of a photo is, worked out ONCE per photo at upload: `smartcrop` (pure JS,
 * MIT) scores every pixel of a ≤ 256 px copy for skin, detail and saturation — its saliency map
 * — and we keep it as a coarse grid. The renderer then picks, for any canvas aspect, the cover
 * crop that keeps the most of the subject, the Ken Burns focus, and whether a photo of another
 * aspect can fill the frame without cutting the subject (else the blurred-background fit).
 *
 * Faces weigh more than saliency: when the skin map says a face is possible, the tiny face
 * detector (faces.ts) runs on a ≤ 416 px decode; its boxes are kept in the Subject, the cover crop
 * keeps every face whole (else the blurred-background fit), the Ken Burns zoom targets the faces
 * and the texts move off them (render/faceRects.ts). A failed or too slow detection leaves
 * saliency alone (logged on stderr, which the engine log keeps).
 */
import smartcrop from 'smartcrop';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectFaces, type FaceBox } from './faces';
import { decodePhoto } from './photoDecode';

export interface Subject {
  /** Saliency per cell, row-major, summing to 1 (GRID × GRID cells over the whole photo). */
  grid: number[];
  /** Centre of saliency mass, fractions of width/height. */
  focus: { x: number; y: number };
  /** Faces found at upload, fractions of the photo (absent: not looked for, or detection failed). */
  faces?: FaceBox[];
}

/**
 * Share of the decoded pixels smartcrop calls skin below which no face is looked for: a photo
 * without skin tones has no face to find, and the detector (~0.5–1 s of CPU) is skipped — most
 * product, landscape and generated test photos end there.
 */
export const MIN_SKIN_SHARE = 0.004;

export const GRID = 16;
const SIDE = 256;

interface Raw {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** A ≤ 256 px RGBA copy of the photo, decoded by ffmpeg. */
async function decodeSmall(path: string, ffmpeg: string, width: number, height: number): Promise<Raw> {
  const p = await decodePhoto(path, ffmpeg, { width, height }, { maxSide: SIDE, minSide: 8, pixFmt: 'rgba' });
  return {
    width: p.width,
    height: p.height,
    data: new Uint8ClampedArray(p.bytes.buffer, p.bytes.byteOffset, p.bytes.length),
  };
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
    let skin = 0;
    // The map's outermost pixels are edge-detector artefacts (the photo's own border): skipped.
    for (let y = 1; y < map.height - 1; y++) {
      for (let x = 1; x < map.width - 1; x++) {
        const p = (y * map.width + x) * 4;
        const detail = map.data[p + 1]! / 255;
        if (map.data[p]! > 128) skin++;
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
    const subject: Subject = { grid: grid.map((v) => v / total), focus: { x: fx / total, y: fy / total } };
    if (skin / ((map.width - 2) * (map.height - 2)) < MIN_SKIN_SHARE) return { ...subject, faces: [] };
    try {
      return { ...subject, faces: await detectFaces(path, width, height, ffmpeg) };
    } catch (e) {
      process.stderr.write(`face detection skipped for ${path}: ${e instanceof Error ? e.message : String(e)}\n`);
      return subject;
    }
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

/** A face with room around it (hair, chin, ears): what must stay in frame, fractions of the photo. */
export function paddedFace(f: FaceBox): { x: number; y: number; w: number; h: number } {
  const px = f.w * 0.2;
  const top = f.h * 0.3;
  const bottom = f.h * 0.15;
  const x = Math.max(0, f.x - px);
  const y = Math.max(0, f.y - top);
  return { x, y, w: Math.min(1, f.x + f.w + px) - x, h: Math.min(1, f.y + f.h + bottom) - y };
}

/** Where the camera should look: the faces' centre when there are faces, else saliency's. */
export function subjectFocus(subject: Subject | undefined): { x: number; y: number } | undefined {
  const faces = subject?.faces ?? [];
  if (!faces.length) return subject?.focus;
  const boxes = faces.map(paddedFace);
  const x0 = Math.min(...boxes.map((b) => b.x));
  const y0 = Math.min(...boxes.map((b) => b.y));
  const x1 = Math.max(...boxes.map((b) => b.x + b.w));
  const y1 = Math.max(...boxes.map((b) => b.y + b.h));
  return { x: (x0 + x1) / 2, y: (y0 + y1) / 2 };
}

/** The crop of aspect `aspect` (w/h) covering the photo's full height or width that keeps the most subject. */
export function bestCover(subject: Subject | undefined, photoAspect: number, aspect: number): CoverCrop {
  const w = Math.min(1, aspect / photoAspect);
  const h = Math.min(1, photoAspect / aspect);
  if (!subject) return { x: (1 - w) / 2, y: (1 - h) / 2, w, h, kept: w * h };
  // Faces first: the share of the least-kept (padded) face a crop keeps (1 = every face whole).
  const faces = (subject.faces ?? []).map(paddedFace);
  const facesKept = (x: number, y: number) =>
    Math.min(
      1,
      ...faces.map((f) => {
        const ox = Math.max(0, Math.min(x + w, f.x + f.w) - Math.max(x, f.x));
        const oy = Math.max(0, Math.min(y + h, f.y + f.h) - Math.max(y, f.y));
        return (ox * oy) / Math.max(f.w * f.h, 1e-9);
      }),
    );
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
  if (strongMass < 0.25 && !faces.length) {
    // No distinct subject: centre the crop on the saliency's centre of mass.
    const clamp = (v: number, hi: number) => Math.min(hi, Math.max(0, v));
    return { x: clamp(subject.focus.x - w / 2, 1 - w), y: clamp(subject.focus.y - h / 2, 1 - h), w, h, kept: 1 };
  }
  // The subject's own centre (strong cells only, or the faces): among the crops that keep
  // (nearly) the most of it, the one centred closest to it — the subject sits mid-frame.
  let cx = 0;
  let cy = 0;
  weights.forEach((v, k) => {
    cx += (v * ((k % GRID) + 0.5)) / GRID;
    cy += (v * (Math.floor(k / GRID) + 0.5)) / GRID;
  });
  if (faces.length) ({ x: cx, y: cy } = subjectFocus(subject)!);
  const options: Array<CoverCrop & { faces: number }> = [];
  for (let i = 0; i <= 60; i++) {
    const c = w < 1 ? { x: ((1 - w) * i) / 60, y: 0 } : { x: 0, y: ((1 - h) * i) / 60 };
    options.push({ ...c, w, h, kept: strongMass < 0.25 ? 1 : mass(c.x, c.y), faces: facesKept(c.x, c.y) });
  }
  // Faces weigh more than saliency: only the crops that keep the most of every face compete.
  const mostFaces = Math.max(...options.map((o) => o.faces));
  const keepFaces = options.filter((o) => o.faces >= mostFaces - 0.001);
  const most = Math.max(...keepFaces.map((o) => o.kept));
  const off = (o: CoverCrop) => Math.hypot(o.x + w / 2 - cx, o.y + h / 2 - cy);
  const best = keepFaces.filter((o) => o.kept >= most - 0.02).sort((a, b) => off(a) - off(b))[0]!;
  // With faces, the faces decide whether the crop may fill the frame: a crop that cuts one keeps
  // nothing worth filling for (→ the blurred fit), one that keeps them all keeps the subject.
  return { x: best.x, y: best.y, w, h, kept: faces.length ? (best.faces < 0.98 ? 0 : 1) : best.kept };
}

/**
 * A clip's subject, from three stills (a quarter, half and three quarters in), merged: per cell
 * the most salient of the three, every face seen kept. So a clip fills a frame of another aspect
 * around a subject that stays put, and takes the blurred background when its subject moves
 * across the picture: it is salient in several places, and no one crop keeps enough of it (an
 * average would smear it into even texture, which any crop "keeps").
 */
export async function analyzeClip(
  path: string,
  width: number | undefined,
  height: number | undefined,
  durationS: number | undefined,
  ffmpeg = process.env.FFMPEG_PATH || 'ffmpeg',
): Promise<Subject | undefined> {
  if (!width || !height) return undefined;
  const dir = await mkdtemp(join(tmpdir(), 'vg-clip-still-'));
  try {
    const found: Subject[] = [];
    for (const [i, share] of [0.25, 0.5, 0.75].entries()) {
      const still = join(dir, `still-${i}.png`);
      const at = durationS && durationS > 0 ? durationS * share : 0;
      await run(ffmpeg, ['-v', 'error', '-y', '-ss', at.toFixed(3), '-i', path, '-frames:v', '1', '-an', still]);
      const s = await analyzePhoto(still, width, height, ffmpeg);
      if (s) found.push(s);
    }
    if (!found.length) return undefined;
    const n = found.length;
    const peakSum = found[0]!.grid.reduce((sum, _, k) => sum + Math.max(...found.map((s) => s.grid[k]!)), 0);
    const faces = found.flatMap((s) => s.faces ?? []);
    return {
      grid: found[0]!.grid.map((_, k) => Math.max(...found.map((s) => s.grid[k]!)) / peakSum),
      focus: {
        x: found.reduce((sum, s) => sum + s.focus.x, 0) / n,
        y: found.reduce((sum, s) => sum + s.focus.y, 0) / n,
      },
      ...(found.some((s) => s.faces) ? { faces } : {}),
    };
  } catch {
    return undefined;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function run(bin: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) =>
    execFile(bin, args, { timeout: 20_000 }, (err) => (err ? reject(err) : resolve())),
  );
}
