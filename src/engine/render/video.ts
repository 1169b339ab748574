/**
 * One filter chain per video-track segment, from its decoded input to a canvas-sized stream of
 * exactly N frames at the canvas fps (pts = frame index, timebase 1/fps).
 *
 * Photos: decoded, scaled and cropped ONCE to a "stage" 1.1–1.35× the canvas by their own
 * ffmpeg before the graph (photoStage.ts), which reads the stage as one raw frame. A moving
 * photo then goes through kenBurns.ts: per frame, zoompan rescales only the window the frame
 * shows (one pass at canvas size) and a crop with an integer offset picks the canvas out of it;
 * the integers are chosen so the picture follows an eased zoom/pan path to ~0.1 px in luma and
 * chroma. A still photo (`none`) is repeated with `loop` (no per-frame work at all).
 */
import type { MediaFile } from '../contracts';
import { bestCover, subjectFocus } from '../subject';
import type { DraftSegmentMeta } from '../../contract/draft';
import { sec } from './escape';
import {
  clampView,
  ease,
  planKenBurns,
  S_TIGHT,
  S_UNDER,
  stageSize,
  tableExpr,
  usable,
  type KenBurnsFrame,
  type KenBurnsPlan,
  type Size,
  type View,
} from './kenBurns';

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
export const AS_709 = `format=yuv420p,${TAG_709}`;
/**
 * Darkens in Y'CbCr: every value pulled toward black (16, 128, 128) so `keep` of it is left — the
 * same as black at (1 − keep) opacity over the picture, without a round trip through RGB.
 */
export const towardBlack = (keep: number) =>
  `lutyuv=y='16+(val-16)*${keep}':u='128+(val-128)*${keep}':v='128+(val-128)*${keep}'`;
/** The frame the renderer draws: size in px and frames per second (from the draft's canvas_config). */
export interface RenderCanvas {
  w: number;
  h: number;
  fps: number;
}

export interface VideoSegment {
  index: number;
  startMs: number;
  durMs: number;
  media: MediaFile;
  meta: DraftSegmentMeta;
}

// Mostly zooms (what people expect of photos in a promo), a glide now and then for variety.
const CYCLE: Motion[] = ['in', 'out', 'right', 'in', 'out', 'left'];

export function framesOf(ms: number, fps: number): number {
  return Math.max(1, Math.round((ms * fps) / 1000));
}

export const even = (n: number) => Math.max(2, 2 * Math.round(n / 2));

/**
 * Cover (fill the frame, crop the edges) unless the aspects differ strongly AND the best crop
 * would cut the subject: a landscape photo whose subject fits a 9:16 window still fills the
 * frame; one with a wide subject (a panorama, a group) keeps it whole on a blurred background.
 */
export function chooseFit(media: MediaFile, canvas: RenderCanvas, fit?: 'cover' | 'blur'): 'cover' | 'blur' {
  if (fit === 'cover' || fit === 'blur') return fit;
  if (!media.width || !media.height) return 'cover';
  const a = media.width / media.height;
  const c = canvas.w / canvas.h;
  if (Math.max(a / c, c / a) <= 1.4) return 'cover';
  return media.subject && bestCover(media.subject, a, c).kept >= KEEP_TO_FILL ? 'cover' : 'blur';
}

/** Share of the subject a fill crop must keep (else blur fit). */
export const KEEP_TO_FILL = 0.7;

/** Where the subject sits in the photo, as fractions of its width/height (default: a bit above centre). */
export interface Focus {
  x: number;
  y: number;
}
const DEFAULT_FOCUS: Focus = { x: 0.5, y: 0.45 };

export interface MotionPlan {
  motion: Motion;
  frames: number;
  /** Zoom ratio widest/tightest view over the shot (1 = no zoom). */
  zoomRatio: number;
  /** Stage px per canvas px at the tightest view (S_TIGHT, or under 1 for a small photo). */
  sTight: number;
  /** Photo → stage: the stage is the photo scaled by `scale` and cropped at (cropX, cropY). */
  stage: Size;
  kb?: KenBurnsPlan;
  /** Cover fit: where the stage sits in the scaled photo (fractions of the slack, 0.5 = centred). */
  crop?: { x: number; y: number };
}

/** Zoom that reads as a zoom: 12 % over 3 s up to 20 % over 6+ s (log-eased, see ease()). */
export function zoomRatioFor(durMs: number): number {
  return Math.min(1.2, Math.max(1.12, 1 + 0.03 * (durMs / 1000)));
}

/** A pan drifts the view across the slack a 1.1× stage leaves, with a slight push-in for depth. */
const PAN_RATIO = 1.1;
const PAN_PUSH = 1.03;

/** The ideal view of every frame: eased zoom (in log scale) and eased move toward/away from the focus. */
export function motionViews(
  motion: Motion,
  frames: number,
  stage: Size,
  canvas: RenderCanvas,
  zoomRatio: number,
  focus: Focus,
  sTight = S_TIGHT,
): View[] {
  const wide = sTight * zoomRatio;
  const centre = { x: stage.w / 2, y: stage.h / 2 };
  const f = { x: focus.x * stage.w, y: focus.y * stage.h };
  let a: View;
  let b: View;
  if (motion === 'in' || motion === 'out') {
    const far: View = { cx: centre.x, cy: centre.y, s: wide };
    const near: View = clampView({ cx: f.x, cy: f.y, s: sTight }, stage, canvas);
    [a, b] = motion === 'in' ? [far, near] : [near, far];
  } else {
    const s0 = sTight * PAN_PUSH;
    const u = usable(stage, canvas, s0);
    const horiz = motion === 'left' || motion === 'right';
    // `left`: the camera travels left (the picture slides right), as the old pans did.
    const from =
      motion === 'left'
        ? { cx: u.maxX, cy: f.y }
        : motion === 'right'
          ? { cx: u.minX, cy: f.y }
          : motion === 'up'
            ? { cx: f.x, cy: u.maxY }
            : { cx: f.x, cy: u.minY };
    const to = horiz
      ? { cx: from.cx === u.maxX ? u.minX : u.maxX, cy: f.y }
      : { cx: f.x, cy: from.cy === u.maxY ? u.minY : u.maxY };
    a = { ...from, s: s0 };
    b = { ...to, s: sTight };
  }
  const views: View[] = [];
  for (let n = 0; n < frames; n++) {
    const e = ease(frames > 1 ? n / (frames - 1) : 0);
    const v = { s: a.s * (b.s / a.s) ** e, cx: a.cx + (b.cx - a.cx) * e, cy: a.cy + (b.cy - a.cy) * e };
    views.push(clampView(v, stage, canvas));
  }
  return views;
}

export function planMotion(seg: VideoSegment, canvas: RenderCanvas, fit: 'cover' | 'blur'): MotionPlan {
  const frames = framesOf(seg.durMs, canvas.fps);
  let motion: Motion = seg.meta.motion ?? CYCLE[seg.index % CYCLE.length]!;
  // A fitted photo on a blurred background only zooms (a pan would slide it out of frame).
  if (fit === 'blur' && motion !== 'none' && motion !== 'in' && motion !== 'out') motion = seg.index % 2 ? 'out' : 'in';
  if (motion === 'none' || frames < 2) {
    const still = { w: canvas.w, h: canvas.h };
    return {
      motion: 'none',
      frames,
      zoomRatio: 1,
      sTight: 1,
      stage: still,
      crop: fit === 'cover' ? coverCrop(seg.media, still) : undefined,
    };
  }
  const zoomRatio = motion === 'in' || motion === 'out' ? zoomRatioFor(seg.durMs) : PAN_RATIO;
  const sTight = tightScale(seg.media, canvas, fit, zoomRatio);
  const stage = stageSize(canvas, zoomRatio, sTight);
  const crop = fit === 'cover' ? coverCrop(seg.media, stage) : undefined;
  const focus = focusOf(seg.meta) ?? crop?.focus ?? DEFAULT_FOCUS;
  const kb = planKenBurns(stage, canvas, motionViews(motion, frames, stage, canvas, zoomRatio, focus, sTight));
  return { motion, frames, zoomRatio, sTight, stage, kb, crop };
}

/**
 * Stage px per canvas px at the tightest view. S_TIGHT (a stage 1.06–1.3× the canvas) when the
 * photo has the pixels for it. A photo that would have to be ENLARGED into that stage — a
 * 2560x1600 wallpaper filling a 9:16 frame shows 1600 rows on 1920 — gains nothing from it: when
 * the smaller stage (S_UNDER at the widest view) still holds every pixel the photo has (it
 * enlarges the photo, or shrinks it by at most 2 %), that one is drawn, and zoompan enlarges
 * instead of shrinking: half the cost a frame, the same picture.
 */
export function tightScale(media: MediaFile, canvas: RenderCanvas, fit: 'cover' | 'blur', zoomRatio: number): number {
  if (!media.width || !media.height) return S_TIGHT;
  const under = S_UNDER / zoomRatio;
  const stage = stageSize(canvas, zoomRatio, under);
  const box = fittedBox(canvas, zoomRatio, under);
  // How much the photo is scaled to fill the smaller stage (cover) or its fitted box (blur).
  const scale =
    fit === 'cover'
      ? Math.max(stage.w / media.width, stage.h / media.height)
      : Math.min(box.w / media.width, box.h / media.height);
  return scale >= 0.98 ? under : S_TIGHT;
}

/** Blur fit: the box the whole photo is fitted into on a moving stage (the widest view). */
export function fittedBox(canvas: Size, zoomRatio: number, sTight: number): Size {
  return { w: canvas.w * sTight * zoomRatio, h: canvas.h * sTight * zoomRatio };
}

/**
 * Where the stage sits in the cover-scaled photo: the crop that keeps the most of the subject
 * (subject.ts), and the subject's focus in stage fractions (the Ken Burns target).
 */
export function coverCrop(media: MediaFile, stage: Size): { x: number; y: number; focus?: Focus } {
  if (!media.width || !media.height) return { x: 0.5, y: 0.5 };
  const a = media.width / media.height;
  const best = bestCover(media.subject, a, stage.w / stage.h);
  // Centre of the chosen crop as a fraction of the photo → crop offset fraction of the slack.
  const x = best.w < 1 ? best.x / (1 - best.w) : 0.5;
  const y = best.h < 1 ? best.y / (1 - best.h) : 0.5;
  const f = subjectFocus(media.subject);
  const focus = f
    ? { x: Math.min(1, Math.max(0, (f.x - best.x) / best.w)), y: Math.min(1, Math.max(0, (f.y - best.y) / best.h)) }
    : undefined;
  return { x, y, focus };
}

function focusOf(meta: DraftSegmentMeta): Focus | undefined {
  const f = meta['focus'] as Partial<Focus> | undefined;
  const ok = (v: unknown) => typeof v === 'number' && v >= 0 && v <= 1;
  return f && ok(f.x) && ok(f.y) ? { x: f.x!, y: f.y! } : undefined;
}

/** Frames [from, to) of a segment (a chunked render draws a segment's frames in two chunks). */
export interface FrameRange {
  from: number;
  to: number;
}

/**
 * Chain for a photo: `[in]` is its stage (photoStage.ts: the photo already scaled, cropped and
 * graded, one raw frame), `[out]` the moving canvas stream — all its frames, or only `range`
 * (frame `from` first): the motion tables are cut to the range, so no frame outside it is drawn.
 */
export function photoChain(
  seg: VideoSegment,
  input: string,
  out: string,
  canvas: RenderCanvas,
  range?: FrameRange,
): string {
  const fit = chooseFit(seg.media, canvas, seg.meta.fit);
  const p = planMotion(seg, canvas, fit);
  const { w, h, fps } = canvas;
  const from = range?.from ?? 0;
  const count = (range?.to ?? p.frames) - from;
  const tail = `settb=1/${fps},setpts=N,setsar=1,${TAG_709}${out}`;
  if (!p.kb) return `${input}loop=loop=${count - 1}:size=1:start=0,${tail}`;
  const kb = p.kb;
  const col = (k: keyof KenBurnsFrame) => kb.frames.slice(from, from + count).map((f) => f[k]);
  return (
    `${input}zoompan=z='${tableExpr('frame', col('zoom'))}':x='${tableExpr('frame', col('x0'))}':y='${tableExpr('frame', col('y0'))}'` +
    `:d=${count}:s=${kb.out.w}x${kb.out.h}:fps=${fps},` +
    `crop=${w}:${h}:x='${tableExpr('n', col('ox'))}':y='${tableExpr('n', col('oy'))}':exact=1,${tail}`
  );
}

/**
 * Chain for a clip (input already trimmed with -ss/-t): fps-normalised, fitted, padded to N frames.
 * Like photos, a clip whose aspect differs strongly from the canvas (a landscape clip on 9:16)
 * fills the frame around its subject when the crop keeps it, else it is shown whole on a blurred,
 * darkened cover of itself; a centre crop would keep a third of it, whatever is there.
 */
export function clipChain(
  seg: VideoSegment,
  input: string,
  out: string,
  canvas: RenderCanvas,
  grade = '',
  range?: FrameRange,
): string {
  const frames = framesOf(seg.durMs, canvas.fps);
  const g = grade ? `eq=${grade},` : '';
  const { w, h, fps } = canvas;
  // The clip's subject (three stills, subject.ts) decides fill or blurred background, and the crop.
  const fit = chooseFit(seg.media, canvas, seg.meta.fit);
  const cut = range ? `start_frame=${range.from}:end_frame=${range.to}` : `end_frame=${frames}`;
  const tail = `${g}setsar=1,tpad=stop_mode=clone:stop_duration=${sec(seg.durMs)},trim=${cut},settb=1/${fps},setpts=N${out}`;
  const head = `${input}setpts=PTS-STARTPTS,fps=${fps}`;
  if (fit === 'cover') {
    const c = coverCrop(seg.media, { w, h });
    return (
      `${head},scale=${w}:${h}:force_original_aspect_ratio=increase:${TO_709},${AS_709},` +
      `crop=${w}:${h}:x='(iw-ow)*${c.x.toFixed(4)}':y='(ih-oh)*${c.y.toFixed(4)}',${tail}`
    );
  }
  const i = seg.index;
  const bw = even(w / 8);
  const bh = even(h / 8);
  return (
    `${head},split=2[cbg${i}][cfg${i}];` +
    `[cbg${i}]scale=${bw}:${bh}:force_original_aspect_ratio=increase:${TO_709},${AS_709},crop=${bw}:${bh},boxblur=6:2,` +
    `${towardBlack(0.55)},scale=${w}:${h}:flags=bilinear[cbgs${i}];` +
    `[cfg${i}]scale=${w}:${h}:force_original_aspect_ratio=decrease:${TO_709},${AS_709}[cfgs${i}];` +
    `[cbgs${i}][cfgs${i}]overlay=x=(W-w)/2:y=(H-h)/2,${tail}`
  );
}

/** A clip's ffmpeg input, trimmed to what the segment shows (photos are read from their stage). */
export function clipInput(seg: VideoSegment): string[] {
  const trim = Math.max(0, Number(seg.meta.trim) || 0);
  return ['-ss', sec(trim), '-t', sec(seg.durMs + 200), '-i', seg.media.path];
}
