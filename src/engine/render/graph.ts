/**
 * Turns a draft into ONE ffmpeg invocation: the input list, the filter graph (video segments →
 * crossfades/cuts → watermark overlays → text, plus the audio mix) and the side files the graph
 * reads (text lines, the synthesised music bed). Pure: writes nothing, spawns nothing.
 */
import { refusalError } from '../refusalText';
import { join } from 'node:path';
import type { Draft } from '../../contract/draft';
import { draftDurationMs, readTracks, type ReadSegment, type TrackKind } from '../../contract/draftRead';
import type { MediaFile } from '../contracts';
import { audioMix, audioOut, type AudioPart } from './audio';
import type { Master } from './loudness';
import { MIN_MUSIC_S, planLoop } from './musicLoop';
import { fv, sec } from './escape';
import { drawtextFilters, safeArea, type Rect } from './text';
import { joinSegments, planJoin, type Placed } from './transitions';
import { chunkGraph, planChunks, rawFrameInput, segmentBytes, type BodyChunk } from './chunks';
import { lookOf } from './styles';
import { endCard } from './endCard';
import { faceRects } from './faceRects';
import { photoStage, stageInput, type PhotoStage } from './photoStage';
import {
  clipChain,
  framesOf,
  clipInput,
  photoChain,
  TAG_709,
  TO_709,
  type RenderCanvas,
  type VideoSegment,
} from './video';

export interface SideFile {
  path: string;
  content: string;
}
export interface GraphPlan {
  canvas: RenderCanvas;
  durationMs: number;
  inputs: string[];
  filter: string;
  texts: SideFile[];
  /** Music beds to synthesise before ffmpeg starts (seconds of audio each). */
  beds: { path: string; seconds: number }[];
  /** The soundtrack alone, for the loudness pre-pass: audio inputs only, a graph ending in `[amix]`. */
  audio: { inputs: string[]; filter: string };
  /** Set when the picture is drawn in chunks: run in order, raw frames into this graph's stdin. */
  chunks?: BodyChunk[];
  /** The photos' stages (photoStage.ts), by video segment: drawn before the graph that reads them. */
  stages: Map<number, PhotoStage>;
}

export interface GraphOptions {
  workDir: string;
  amixNormalize: boolean;
  /** Where the bed of a given length lives (the renderer caches beds across renders). */
  bedFile?: (seconds: number) => string;
  /** The loudness master stage (loudness.ts), once the pre-pass has measured the mix. */
  master?: Master;
  /** alimiter has `latency` (ffmpeg ≥ 5): the limiter then adds no delay. */
  limiterLatency?: boolean;
  /** Duck music under the clips' sound (default true). */
  duck?: boolean;
  /**
   * Estimated bytes the video segments may hold in one graph (chunks.ts); above it the picture
   * is drawn in chunks (`GraphPlan.chunks`) and read from stdin. Unset: always one graph.
   */
  bodyBudget?: number;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/**
 * The segments of one kind the renderer places: positive duration, ordered by start. Read with
 * the contract's accessors (the tree and the summary read the same draft the same way).
 */
export function renderedSegments(draft: Draft, kind: TrackKind): ReadSegment[] {
  return readTracks(draft)
    .filter((t) => t.kind === kind)
    .flatMap((t) => t.segments)
    .filter((s) => s.durationMs > 0)
    .sort((a, b) => a.startMs - b.startMs);
}

/** The longest video the local engine renders (short-form platforms cap far below; the planner at 3 min). */
export const MAX_RENDER_MS = 10 * 60_000;
/** Canvas sides outside 16…4096 px fall back to the default (a hostile draft cannot ask for 10⁶ px). */
const MAX_SIDE = 4096;

export function canvasOf(draft: Draft): RenderCanvas {
  const even = (v: unknown, dflt: number) => {
    const n = num(v);
    return n && n >= 16 && n <= MAX_SIDE ? 2 * Math.round(n / 2) : dflt;
  };
  const fps = num(draft.m?.fps);
  return {
    w: even(draft.m?.width, 1080),
    h: even(draft.m?.height, 1920),
    fps: fps && fps > 0 && fps <= 120 ? fps : 30,
  };
}

export function durationOf(draft: Draft): number {
  return draftDurationMs(draft);
}

function lookup(seg: ReadSegment, what: string, idx: number, media: (id: string) => MediaFile | undefined): MediaFile {
  const src = seg.mediaRef;
  const name = seg.raw.m?.name;
  const label = `${what} segment ${idx + 1}${name ? ` ("${name}")` : ''}`;
  if (!src) throw new Error(`The ${label} has no media (src). Add a photo or clip to it, or remove it.`);
  const file = media(src);
  if (!file)
    throw new Error(
      `The ${label} uses media "${src}", which is not among this session's uploads. Upload the file again or remove the segment.`,
    );
  return file;
}

export function buildGraph(draft: Draft, media: (id: string) => MediaFile | undefined, opts: GraphOptions): GraphPlan {
  const canvas = canvasOf(draft);
  const D = durationOf(draft);
  if (!(D > 0)) throw new Error('The draft has nothing to render (no segments and no duration).');
  if (D > MAX_RENDER_MS)
    throw new Error(
      `The timeline is ${Math.round(D / 60_000)} minutes long; the local engine renders at most ${MAX_RENDER_MS / 60_000} minutes. Ask for a shorter video.`,
    );
  const inputs: string[] = [];
  let nIn = 0;
  const inputArgs: string[][] = [];
  const addInput = (args: string[]) => {
    inputs.push(...args);
    inputArgs.push(args);
    return nIn++;
  };
  const chains: string[] = [];
  const audio: AudioPart[] = [];

  // Video segments → one stream by crossfades (xfade) or cuts (concat).
  const track = readTracks(draft).find((t) => t.kind === 'video')?.raw;
  const crossfade = (track?.m?.transition ?? 'crossfade') === 'crossfade';
  // The named look (styles.ts): fonts, text entrances, transitions, colour grade.
  const look = lookOf(draft.m?.style);
  // The end card owns the last seconds: the title, the call to action and the logo, centred.
  const endMs = Math.min(num((draft.m?.endCard as { ms?: unknown } | undefined)?.ms) ?? 0, D / 2);
  const endStart = D - endMs;
  const vsegs: VideoSegment[] = renderedSegments(draft, 'video').map((s, index) => ({
    index,
    startMs: s.startMs,
    durMs: s.durationMs,
    meta: s.raw.m ?? {},
    media: lookup(s, 'video', index, media),
  }));
  const stages = new Map(
    vsegs
      .filter((seg) => seg.media.kind === 'image')
      .map((seg) => [seg.index, photoStage(seg, canvas, look.grade, opts.workDir)]),
  );
  const segInput = (seg: VideoSegment) =>
    seg.media.kind === 'image' ? stageInput(stages.get(seg.index)!, canvas.fps) : clipInput(seg);
  const frameSpan = (seg: VideoSegment) => ({
    startF: Math.round((seg.startMs * canvas.fps) / 1000),
    frames: framesOf(seg.durMs, canvas.fps),
  });
  const clipVolume = (seg: VideoSegment) => {
    const vol = num(seg.meta.volume) ?? 1;
    return seg.media.kind !== 'image' && seg.media.hasAudio !== false && vol > 0 ? vol : 0;
  };
  const clipAudio = (seg: VideoSegment, k: number) => {
    const vol = clipVolume(seg);
    if (!vol) return;
    audio.push({
      input: k,
      role: 'clip',
      startMs: seg.startMs,
      durMs: seg.durMs,
      volume: Math.min(vol, 2),
      fadeInMs: 20,
      fadeOutMs: 60,
    });
  };
  // Too much picture for one graph's memory: drawn in chunks by other processes (chunks.ts),
  // whose raw frames arrive here on stdin as one stream.
  const budget = opts.bodyBudget;
  const chunked =
    budget !== undefined && vsegs.reduce((s, seg) => s + segmentBytes(seg, canvas), 0) > budget && vsegs.length > 1;
  let chunks: BodyChunk[] | undefined;
  let cur: string;
  let chainStart: number;
  let chainEnd: number;
  if (chunked) {
    const plan = planJoin(vsegs.map(frameSpan), crossfade, canvas.fps, look);
    chunks = planChunks(plan, (i) => segmentBytes(vsegs[i]!, canvas), budget).map((parts) =>
      chunkGraph(parts, plan, vsegs, canvas, look, segInput),
    );
    const k = addInput(rawFrameInput(canvas));
    chains.push(`[${k}:v]settb=1/${canvas.fps},setpts=N,setsar=1,${TAG_709}[vjoin]`);
    // The clips' sound is mixed here (their pictures are decoded in the chunks).
    for (const seg of vsegs) if (clipVolume(seg)) clipAudio(seg, addInput(clipInput(seg)));
    cur = '[vjoin]';
    chainStart = (plan.startF * 1000) / canvas.fps;
    chainEnd = (plan.endF * 1000) / canvas.fps;
  } else if (vsegs.length) {
    const placed: Placed[] = vsegs.map((seg, i) => {
      const k = addInput(segInput(seg));
      const label = `[v${i}]`;
      if (seg.media.kind === 'image') chains.push(photoChain(seg, `[${k}:v]`, label, canvas));
      else {
        chains.push(clipChain(seg, `[${k}:v]`, label, canvas, look.grade));
        clipAudio(seg, k);
      }
      return { label, ...frameSpan(seg) };
    });
    const joined = joinSegments(placed, crossfade, canvas, look);
    chains.push(...joined.chains);
    cur = joined.out;
    chainStart = (joined.startF * 1000) / canvas.fps;
    chainEnd = (joined.endF * 1000) / canvas.fps;
  } else {
    chains.push(`color=c=black:s=${canvas.w}x${canvas.h}:r=${canvas.fps}:d=${sec(D + 1000)},format=yuv420p[vbase]`);
    cur = '[vbase]';
    chainStart = 0;
    chainEnd = D + 1000;
  }
  // Start late → black before; end early → hold the last frame; `-t` cuts at exactly D.
  const pre = chainStart > 0 ? `tpad=start_mode=add:color=black:start_duration=${sec(chainStart)},` : '';
  chains.push(`${cur}${pre}tpad=stop_mode=clone:stop_duration=${sec(Math.max(0, D - chainEnd) + 1000)}[vbody]`);
  cur = '[vbody]';

  // Watermarks: a single decoded frame; overlay repeats it. Sized by the canvas's short side
  // (the same logo size on 9:16 and 16:9) and kept inside the safe area, clear of the platform UI.
  const logoRects: Rect[] = [];
  let cardLogo: MediaFile | undefined;
  renderedSegments(draft, 'overlay').forEach((s, i) => {
    const file = lookup(s, 'overlay', i, media);
    cardLogo ??= file;
    const k = addInput(['-i', file.path]);
    const m = s.raw.m;
    const scale = num(m?.scale) && num(m?.scale)! > 0 && num(m?.scale)! <= 1 ? num(m?.scale)! : 0.16;
    const pos = String(m?.position ?? 'top-right');
    const area = safeArea(canvas);
    const lw = Math.min(2 * Math.round((Math.min(canvas.w, canvas.h) * scale) / 2), area.right - area.left);
    const aspect = file.width && file.height ? file.height / file.width : 1;
    const lh = Math.min(2 * Math.max(1, Math.round((lw * aspect) / 2)), Math.round((area.bottom - area.top) / 3));
    const inset = Math.round(Math.min(canvas.w, canvas.h) * 0.02);
    const x = pos.endsWith('left') ? area.left + inset : area.right - inset - lw;
    const y = pos.startsWith('bottom') ? area.bottom - inset - lh : area.top + inset;
    logoRects.push({ x, y, w: lw, h: lh });
    const st = s.startMs;
    const en = endMs > 0 ? Math.min(st + s.durationMs, endStart) : st + s.durationMs;
    chains.push(
      `[${k}:v]scale=${lw}:${lh}:force_original_aspect_ratio=decrease:flags=lanczos,format=rgba,colorchannelmixer=aa=0.85,` +
        `scale=${TO_709},format=yuva420p,${TAG_709}[wm${i}]`,
    );
    chains.push(
      `${cur}[wm${i}]overlay=x=${x}+(${lw}-w)/2:y=${y}+(${lh}-h)/2:eof_action=repeat:enable=${fv(`between(t,${sec(st)},${sec(en)})`)}[o${i}]`,
    );
    cur = `[o${i}]`;
  });

  // Text: one drawtext per line, each reading its own small file.
  const texts: SideFile[] = [];
  const writeText = (content: string) => {
    const path = join(opts.workDir, `text-${texts.length}.txt`);
    texts.push({ path, content });
    return path;
  };
  const textSegs = renderedSegments(draft, 'text').filter((s) => s.text !== undefined);
  const draws = textSegs
    .filter((s) => endMs <= 0 || s.startMs < endStart - 200)
    .flatMap((s) => {
      const m = s.raw.m ?? {};
      const until = endMs > 0 ? Math.min(s.startMs + s.durationMs, endStart) : s.startMs + s.durationMs;
      return drawtextFilters(
        {
          text: s.text!,
          role: m.role === 'title' ? 'title' : 'caption',
          position: m.position,
          scale: num(m.scale),
          box: typeof m.box === 'boolean' ? m.box : undefined,
          startMs: s.startMs,
          endMs: until,
        },
        canvas,
        writeText,
        // Never over the logo or a face (faceRects.ts: where the faces move during the text).
        [...logoRects, ...faceRects(vsegs, canvas, s.startMs, until)],
        look,
      );
    });
  if (endMs > 0) {
    const card = endCard({
      canvas,
      look,
      startMs: endStart,
      endMs: D,
      writeText,
      logo: cardLogo,
      faces: faceRects(vsegs, canvas, endStart, D),
      addInput,
      title: textSegs.find((s) => s.raw.m?.role === 'title')?.text,
      cta: (draft.m?.endCard as { cta?: unknown } | undefined)?.cta,
    });
    draws.unshift(card.dim);
    draws.push(...card.draws);
    if (card.logo) {
      // Over the dim (after the texts), so the logo keeps its colours.
      chains.push(card.logo.chain, `${cur}${draws.join(',')}[ectx]`, `[ectx]${card.logo.overlay}[ecl]`);
      cur = '[ecl]';
      draws.length = 0;
    }
  }
  // Draft `m.fadeOutMs`: the whole picture (text and logo included) fades to black at the end,
  // with the music's fade-out (the planner sets both for promos).
  // It ends a frame early, so the last frame is fully black.
  const fadeOut = Math.min(num(draft.m?.fadeOutMs) ?? 0, D / 2, 5000);
  const fade =
    fadeOut > 0 ? `fade=t=out:st=${sec(Math.max(0, D - fadeOut - 1000 / canvas.fps))}:d=${sec(fadeOut)},` : '';
  chains.push(`${cur}${draws.length ? `${draws.join(',')},` : ''}${fade}format=yuv420p,${TAG_709}[vout]`);

  // Music: looped/trimmed to the segment, or the synthesised bed rendered at the right length.
  const beds: GraphPlan['beds'] = [];
  renderedSegments(draft, 'audio').forEach((s, i) => {
    const d = s.durationMs;
    const m = s.raw.m;
    let k: number;
    let loop: AudioPart['loop'];
    if (s.mediaRef === 'builtin:bed') {
      const seconds = Math.ceil(d / 100) / 10 + 0.1;
      const path = opts.bedFile?.(seconds) ?? join(opts.workDir, `bed-${i}.wav`);
      if (!beds.some((b) => b.path === path)) beds.push({ path, seconds });
      k = addInput(['-i', path]);
    } else {
      const file = lookup(s, 'audio', i, media);
      const songS = file.duration;
      const label = `audio segment ${i + 1} ("${file.name}")`;
      if (songS === undefined || !(songS > 0))
        throw new Error(`The ${label} has no readable length. Convert it to MP3 or WAV and upload it again.`);
      if (songS < MIN_MUSIC_S)
        throw refusalError({
          reason: 'music_too_short',
          item: i + 1,
          file: file.name,
          ms: Math.round(songS * 1000),
          minMs: MIN_MUSIC_S * 1000,
        });
      k = addInput(['-i', file.path]);
      loop = m?.loop === false ? undefined : planLoop(songS, d / 1000, file.beats);
    }
    const vol = num(m?.volume);
    audio.push({
      input: k,
      role: 'music',
      startMs: s.startMs,
      durMs: d,
      loop,
      volume: vol !== undefined && vol >= 0 ? Math.min(vol, 2) : 0.35,
      // A short fade-in (no click, no abrupt start); the fade-out ends with the picture.
      fadeInMs: 150,
      fadeOutMs: Math.max(0, num(m?.fadeOut) ?? 2000),
    });
  });
  const mixOpts = { normalize: opts.amixNormalize, durationMs: D, duck: opts.duck };
  chains.push(audioMix(audio, mixOpts), audioOut(opts.master, D, opts.limiterLatency ?? false));

  // The pre-pass decodes only the inputs the soundtrack uses (no video decode, no encode).
  const used = [...new Set(audio.map((p) => p.input))];
  const local = new Map(used.map((k, j) => [k, j]));
  const prepass = {
    inputs: used.flatMap((k) => inputArgs[k]!),
    filter: audioMix(audio, { ...mixOpts, label: (k) => `[${local.get(k)}:a]` }),
  };

  return { canvas, durationMs: D, inputs, filter: chains.join(';\n'), texts, beds, audio: prepass, chunks, stages };
}
