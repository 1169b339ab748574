/**
 * One filter chain per video-track segment, from its decoded input to a canvas-sized stream of
 * exactly N frames at the canvas fps (pts = frame index, timebase 1/fps).
 *
 * Photos: decoded ONCE (`-i photo.jpg`, a single frame), scaled/cropped ONCE to a "stage" a
 * little larger than the canvas, repeated with `loop`, then moved by `crop` at an INTEGER
 * velocity (x = k·n px at frame n). Crop is nearly free (it only moves plane pointers) and an
 * integer velocity puts every position exactly on a straight line: zero jitter, where crop with
 * fractional time expressions steps unevenly (0.58 px, rendering.md). `exact=1` keeps odd x/y
 * on yuv420p instead of rounding to even. Zoom (`in`/`out`) would need a per-frame rescale
 * (zoompan/scale eval: 2x slower, rendering.md), so it is rendered as a diagonal push
 * (in: towards the bottom-right, out: back to the top-left) at the same cost as a pan.
 */
import type { MediaFile } from '../contracts';
import type { DraftSegmentMeta } from '../../core/draft';
import { sec } from './escape';

export type Motion = NonNullable<DraftSegmentMeta['motion']>;

/**
 * Every source is converted ONCE to BT.709 limited range in the scale that sizes it (JPEGs are
 * BT.601 full range, PNGs RGB): the master is tagged BT.709 and players that assume BT.709 for
 * HD would otherwise shift colours. `format` right after the scale makes that scale the one
 * that converts (no second, auto-inserted conversion), and setparams tags the frames so later
 * filters agree on what they hold.
 */
export const TO_709 = 'out_color_matrix=bt709:out_range=tv';
export const TAG_709 = 'setparams=colorspace=bt709:color_primaries=bt709:color_trc=bt709:range=tv';
const AS_709 = `format=yuv420p,${TAG_709}`;
export interface Canvas { w: number; h: number; fps: number }

export interface VideoSegment {
  index: number;
  startMs: number;
  durMs: number;
  media: MediaFile;
  meta: DraftSegmentMeta;
}

const CYCLE: Motion[] = ['in', 'left', 'out', 'right', 'up', 'down'];

export function framesOf(ms: number, fps: number): number {
  return Math.max(1, Math.round((ms * fps) / 1000));
}

const even = (n: number) => Math.max(2, 2 * Math.round(n / 2));

/** Blur when the aspects differ strongly (a landscape photo on a vertical canvas), else cover. */
export function chooseFit(media: MediaFile, canvas: Canvas, fit?: 'cover' | 'blur'): 'cover' | 'blur' {
  if (fit === 'cover' || fit === 'blur') return fit;
  if (!media.width || !media.height) return 'cover';
  const a = media.width / media.height;
  const c = canvas.w / canvas.h;
  return Math.max(a / c, c / a) > 1.4 ? 'blur' : 'cover';
}

export interface MotionPlan {
  motion: Motion;
  /** Stage (pre-scaled image) size. */
  sw: number;
  sh: number;
  /** crop x/y expressions in the frame number n. */
  x: string;
  y: string;
}

/**
 * Velocity per axis: aims at ~10% of the canvas (at least 0.5 px/frame rounds up to 1) over the segment. ≥ 0.75 px/frame rounds to an
 * integer k (exact straight line): at 1080x1920 a 6.4 s photo pans 1 px/frame (~18% of the width).
 * Much slower targets (small canvases, long segments) step 1 px every q frames (≤ 0.29 px RMS off
 * the line, still half of crop with fractional time expressions).
 */
function axis(canvasLen: number, frames: number): { travel: number; pos: (dir: 1 | -1) => string } {
  const v = (canvasLen * 0.1) / Math.max(1, frames - 1);
  if (v >= 0.5) {
    const k = Math.round(v);
    const travel = k * (frames - 1);
    return { travel, pos: (dir) => (dir === 1 ? `${k}*n` : `${travel}-${k}*n`) };
  }
  const q = Math.max(2, Math.round(1 / v));
  const travel = Math.floor((frames - 1) / q);
  return { travel, pos: (dir) => (dir === 1 ? `floor(n/${q})` : `${travel}-floor(n/${q})`) };
}

export function planMotion(seg: VideoSegment, canvas: Canvas, fit: 'cover' | 'blur'): MotionPlan {
  const frames = framesOf(seg.durMs, canvas.fps);
  let motion: Motion = seg.meta.motion ?? CYCLE[seg.index % CYCLE.length]!;
  // A fitted photo on a blurred background would slide out of frame sideways: move it vertically.
  if (fit === 'blur' && motion !== 'none') motion = motion === 'left' || motion === 'out' || motion === 'up' ? 'up' : 'down';
  if (motion === 'none' || frames < 2) return { motion: 'none', sw: canvas.w, sh: canvas.h, x: '0', y: '0' };
  const ax = axis(canvas.w, frames);
  const ay = axis(canvas.h, frames);
  const horiz = motion === 'left' || motion === 'right' || motion === 'in' || motion === 'out';
  const vert = motion === 'up' || motion === 'down' || motion === 'in' || motion === 'out';
  const dx: 1 | -1 = motion === 'left' || motion === 'out' ? -1 : 1;
  const dy: 1 | -1 = motion === 'up' || motion === 'out' ? -1 : 1;
  return {
    motion,
    sw: canvas.w + (horiz ? even(ax.travel) : 0),
    sh: canvas.h + (vert ? even(ay.travel) : 0),
    x: horiz ? ax.pos(dx) : '0',
    y: vert ? ay.pos(dy) : '0',
  };
}

/** Chain for a photo: `[in]` is its single decoded frame, `[out]` the moving canvas stream. */
export function photoChain(seg: VideoSegment, input: string, out: string, canvas: Canvas): string {
  const frames = framesOf(seg.durMs, canvas.fps);
  const fit = chooseFit(seg.media, canvas, seg.meta.fit);
  const p = planMotion(seg, canvas, fit);
  const tail = `format=yuv420p,loop=loop=${frames - 1}:size=1:start=0,settb=1/${canvas.fps},setpts=N,` +
    `crop=${canvas.w}:${canvas.h}:x='${p.x}':y='${p.y}':exact=1,setsar=1${out}`;
  if (fit === 'cover') {
    return `${input}scale=${p.sw}:${p.sh}:force_original_aspect_ratio=increase:flags=lanczos:${TO_709},${AS_709},crop=${p.sw}:${p.sh},${tail}`;
  }
  // Blur fit: a small blurred + darkened cover (cheap: blurred at 1/8 size), the whole photo on top.
  const bw = even(p.sw / 8);
  const bh = even(p.sh / 8);
  const fw = canvas.w;
  const fh = canvas.h;
  const i = seg.index;
  return `${input}split=2[bg${i}][fg${i}];` +
    `[bg${i}]scale=${bw}:${bh}:force_original_aspect_ratio=increase:${TO_709},${AS_709},crop=${bw}:${bh},boxblur=6:2,` +
    // Darkened in YUV (×0.55 in R, G and B alike): no round trip through RGB and its matrix.
    `lutyuv=y='16+(val-16)*0.55':u='128+(val-128)*0.55':v='128+(val-128)*0.55',scale=${p.sw}:${p.sh}:flags=bicubic[bgs${i}];` +
    `[fg${i}]scale=${fw}:${fh}:force_original_aspect_ratio=decrease:flags=lanczos:${TO_709},${AS_709}[fgs${i}];` +
    `[bgs${i}][fgs${i}]overlay=x=(W-w)/2:y=(H-h)/2,${tail}`;
}

/** Chain for a clip (input already trimmed with -ss/-t): fps-normalised, cover-cropped, padded to N frames. */
export function clipChain(seg: VideoSegment, input: string, out: string, canvas: Canvas): string {
  const frames = framesOf(seg.durMs, canvas.fps);
  const { w, h, fps } = canvas;
  return `${input}setpts=PTS-STARTPTS,fps=${fps},scale=${w}:${h}:force_original_aspect_ratio=increase:${TO_709},${AS_709},` +
    `crop=${w}:${h},setsar=1,tpad=stop_mode=clone:stop_duration=${sec(seg.durMs)},` +
    `trim=end_frame=${frames},settb=1/${fps},setpts=N${out}`;
}

/** Input arguments for a segment: photos as one frame, clips pre-trimmed by the demuxer (cheap seek). */
export function segmentInput(seg: VideoSegment, fps: number): string[] {
  if (seg.media.kind === 'image') return ['-framerate', String(fps), '-i', seg.media.path];
  const trim = Math.max(0, Number(seg.meta.trim) || 0);
  return ['-ss', sec(trim), '-t', sec(seg.durMs + 200), '-i', seg.media.path];
}
