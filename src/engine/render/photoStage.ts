/**
 * A photo's STAGE: the still picture its shot moves over — the photo decoded, scaled once (cover
 * crop or the blurred-background fit), converted to BT.709 and colour-graded — drawn by its own
 * short ffmpeg into one raw yuv420p frame in the render's work directory, before the graph that
 * moves it runs.
 *
 * Why a separate process: a graph that decodes a 12 MP JPEG itself keeps the decoded picture, the
 * scaler's output and their buffer pools until the graph ends (~60 MB a photo on top of the
 * stage). Measured on a chunk of three 4000x3000 photos at 1080x1920 (bench/renderMany.ts):
 * 498 MB read from the JPEGs, 141 MB read from their stages — the same frames, bit for bit.
 * The stage is drawn once even when the shot is drawn in two chunks. Small photos share one
 * ffmpeg (stageBatches): starting ffmpeg costs ~0.16 s of CPU, more than drawing a 4 MP stage.
 */
import { join } from 'node:path';
import type { Size } from './kenBurns';
import { rawYuvInput } from './chunks';
import {
  AS_709,
  chooseFit,
  even,
  fittedBox,
  planMotion,
  TO_709,
  towardBlack,
  type RenderCanvas,
  type VideoSegment,
} from './video';

export interface PhotoStage {
  /** The segment's index on the video track. */
  seg: number;
  /** The photo file the stage is drawn from. */
  photo: string;
  /** The pre-pass's filter chain from the photo's input `in` (e.g. `[0:v]`) to `[stage<seg>]`. */
  chain: (input: string) => string;
  /** The photo's pixel count (what decoding it holds in memory). */
  pixels: number;
  size: Size;
  /** The raw yuv420p frame (size.w × size.h × 1.5 bytes). */
  file: string;
}

export function photoStage(seg: VideoSegment, canvas: RenderCanvas, grade: string, workDir: string): PhotoStage {
  const fit = chooseFit(seg.media, canvas, seg.meta.fit);
  const p = planMotion(seg, canvas, fit);
  // A moving photo's fitted picture fills the widest view of a blur fit (the zoom never cuts it).
  const fgBox = p.kb ? fittedBox(canvas, p.zoomRatio, p.sTight) : p.stage;
  const g = grade ? `,eq=${grade}` : '';
  return {
    seg: seg.index,
    photo: seg.media.path,
    chain: (input) => `${stageChain(input, seg.index, p.stage, fit, fgBox, p.crop)}${g}[stage${seg.index}]`,
    pixels: (seg.media.width ?? 4000) * (seg.media.height ?? 3000),
    size: p.stage,
    file: join(workDir, `stage-${seg.index}.yuv`),
  };
}

/** The graph's input for a stage: one raw frame at the canvas rate (the chains repeat it). */
export function stageInput(stage: PhotoStage, fps: number): string[] {
  return rawYuvInput(stage.size, fps, stage.file);
}

/**
 * Photos per stage process: up to BATCH_PIXELS of decoded photo (a 12 MP camera photo goes alone,
 * four 4 MP wallpapers together), so a batch holds no more than one large photo would.
 */
export const BATCH_PIXELS = 16_000_000;

export function stageBatches(stages: PhotoStage[], budget = BATCH_PIXELS): PhotoStage[][] {
  const batches: PhotoStage[][] = [];
  let cur: PhotoStage[] = [];
  let px = 0;
  for (const st of stages) {
    if (cur.length && px + st.pixels > budget) {
      batches.push(cur);
      cur = [];
      px = 0;
    }
    cur.push(st);
    px += st.pixels;
  }
  if (cur.length) batches.push(cur);
  return batches;
}

/** The pre-pass's ffmpeg arguments: the photos in, each stage out as one raw frame. */
export function stageArgs(stages: PhotoStage[]): string[] {
  return [
    '-hide_banner',
    '-nostdin',
    '-y',
    '-loglevel',
    'error',
    ...stages.flatMap((st) => ['-i', st.photo]),
    '-filter_complex',
    stages.map((st, k) => st.chain(`[${k}:v]`)).join(';'),
    ...stages.flatMap((st) => [
      '-map',
      `[stage${st.seg}]`,
      '-frames:v',
      '1',
      '-f',
      'rawvideo',
      '-pix_fmt',
      'yuv420p',
      st.file,
    ]),
  ];
}

/** The photo scaled once to `size` (cover or blur fit), BT.709; chain text without an output label. */
function stageChain(
  input: string,
  id: number,
  size: Size,
  fit: 'cover' | 'blur',
  fgBox: Size,
  crop = { x: 0.5, y: 0.5 },
): string {
  if (fit === 'cover') {
    return (
      `${input}scale=${size.w}:${size.h}:force_original_aspect_ratio=increase:flags=lanczos:${TO_709},${AS_709},` +
      `crop=${size.w}:${size.h}:x='(iw-ow)*${crop.x.toFixed(4)}':y='(ih-oh)*${crop.y.toFixed(4)}'`
    );
  }
  // Blur fit: a small blurred + darkened cover (cheap: blurred at 1/8 size), the whole photo on top.
  const bw = even(size.w / 8);
  const bh = even(size.h / 8);
  return (
    `${input}split=2[bg${id}][fg${id}];` +
    `[bg${id}]scale=${bw}:${bh}:force_original_aspect_ratio=increase:${TO_709},${AS_709},crop=${bw}:${bh},boxblur=6:2,` +
    // Darkened in YUV (×0.55 in R, G and B alike): no round trip through RGB and its matrix.
    `${towardBlack(0.55)},scale=${size.w}:${size.h}:flags=bicubic[bgs${id}];` +
    `[fg${id}]scale=${even(fgBox.w)}:${even(fgBox.h)}:force_original_aspect_ratio=decrease:flags=lanczos:${TO_709},${AS_709}[fgs${id}];` +
    `[bgs${id}][fgs${id}]overlay=x=(W-w)/2:y=(H-h)/2`
  );
}
