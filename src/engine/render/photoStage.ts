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
 * The stage is drawn once even when the shot is drawn in two chunks.
 */
import { join } from 'node:path';
import type { Size } from './kenBurns';
import { S_TIGHT } from './kenBurns';
import { rawYuvInput } from './chunks';
import { AS_709, chooseFit, even, planMotion, TO_709, type RenderCanvas, type VideoSegment } from './video';

export interface PhotoStage {
  /** The segment's index on the video track. */
  seg: number;
  /** The photo file the stage is drawn from. */
  photo: string;
  /** The pre-pass's filter graph, `[0:v]` → `[stage]`. */
  filter: string;
  size: Size;
  /** The raw yuv420p frame (size.w × size.h × 1.5 bytes). */
  file: string;
}

export function photoStage(seg: VideoSegment, canvas: RenderCanvas, grade: string, workDir: string): PhotoStage {
  const fit = chooseFit(seg.media, canvas, seg.meta.fit);
  const p = planMotion(seg, canvas, fit);
  // A moving photo's fitted picture fills the widest view of a blur fit (the zoom never cuts it).
  const fgBox = p.kb ? { w: canvas.w * S_TIGHT * p.zoomRatio, h: canvas.h * S_TIGHT * p.zoomRatio } : p.stage;
  const g = grade ? `,eq=${grade}` : '';
  return {
    seg: seg.index,
    photo: seg.media.path,
    filter: `${stageChain('[0:v]', p.stage, fit, fgBox, p.crop)}${g}[stage]`,
    size: p.stage,
    file: join(workDir, `stage-${seg.index}.yuv`),
  };
}

/** The graph's input for a stage: one raw frame at the canvas rate (the chains repeat it). */
export function stageInput(stage: PhotoStage, fps: number): string[] {
  return rawYuvInput(stage.size, fps, stage.file);
}

/** The pre-pass's ffmpeg arguments: the photo in, its stage out as one raw frame. */
export function stageArgs(stage: PhotoStage): string[] {
  return [
    '-hide_banner',
    '-nostdin',
    '-y',
    '-loglevel',
    'error',
    '-i',
    stage.photo,
    '-filter_complex',
    stage.filter,
    '-map',
    '[stage]',
    '-frames:v',
    '1',
    '-f',
    'rawvideo',
    '-pix_fmt',
    'yuv420p',
    stage.file,
  ];
}

/** The photo scaled once to `size` (cover or blur fit), BT.709; chain text without an output label. */
function stageChain(input: string, size: Size, fit: 'cover' | 'blur', fgBox: Size, crop = { x: 0.5, y: 0.5 }): string {
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
    `${input}split=2[bg][fg];` +
    `[bg]scale=${bw}:${bh}:force_original_aspect_ratio=increase:${TO_709},${AS_709},crop=${bw}:${bh},boxblur=6:2,` +
    // Darkened in YUV (×0.55 in R, G and B alike): no round trip through RGB and its matrix.
    `lutyuv=y='16+(val-16)*0.55':u='128+(val-128)*0.55':v='128+(val-128)*0.55',scale=${size.w}:${size.h}:flags=bicubic[bgs];` +
    `[fg]scale=${even(fgBox.w)}:${even(fgBox.h)}:force_original_aspect_ratio=decrease:flags=lanczos:${TO_709},${AS_709}[fgs];` +
    `[bgs][fgs]overlay=x=(W-w)/2:y=(H-h)/2`
  );
}
