/**
 * Turns a draft into ONE ffmpeg invocation: the input list, the filter graph (video segments →
 * crossfades/cuts → watermark overlays → text, plus the audio mix) and the side files the graph
 * reads (text lines, the synthesised music bed). Pure: writes nothing, spawns nothing.
 */
import { join } from 'node:path';
import type { Draft, DraftSegment } from '../../core/draft';
import type { MediaFile } from '../contracts';
import { audioGraph, type AudioPart } from './audio';
import { fv, sec } from './escape';
import { drawtextFilters, safeArea, type Rect } from './text';
import { joinSegments, type Placed } from './transitions';
import { clipChain, framesOf, photoChain, segmentInput, TAG_709, TO_709, type Canvas, type VideoSegment } from './video';

export interface SideFile { path: string; content: string }
export interface GraphPlan {
  canvas: Canvas;
  durationMs: number;
  inputs: string[];
  filter: string;
  texts: SideFile[];
  /** Music beds to synthesise before ffmpeg starts (seconds of audio each). */
  beds: { path: string; seconds: number }[];
}

export interface GraphOptions {
  workDir: string;
  amixNormalize: boolean;
  /** Where the bed of a given length lives (the renderer caches beds across renders). */
  bedFile?: (seconds: number) => string;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Segment start: the local engine writes `s`; cloud drafts may use other keys. */
export function startOf(seg: DraftSegment): number {
  return num(seg.s) ?? num(seg['start']) ?? num(seg['st']) ?? num(seg['startTime']) ?? 0;
}

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** The draft's tracks, skipping anything that is not a track object (drafts come from clients). */
export function tracksOf(draft: Draft): NonNullable<Draft['t']> {
  return Array.isArray(draft.t) ? draft.t.filter(isObj) : [];
}

/** A track's segments, skipping anything that is not a segment object. */
export function segsOf(track: NonNullable<Draft['t']>[number]): DraftSegment[] {
  return Array.isArray(track.sg) ? track.sg.filter(isObj) : [];
}

function segmentsOf(draft: Draft, tt: number): DraftSegment[] {
  return tracksOf(draft).filter((t) => t.tt === tt).flatMap(segsOf)
    .filter((s) => (num(s.d) ?? 0) > 0)
    .sort((a, b) => startOf(a) - startOf(b));
}

/** The longest video the local engine renders (short-form platforms cap far below; the planner at 3 min). */
export const MAX_RENDER_MS = 10 * 60_000;
/** Canvas sides outside 16…4096 px fall back to the default (a hostile draft cannot ask for 10⁶ px). */
const MAX_SIDE = 4096;

export function canvasOf(draft: Draft): Canvas {
  const even = (v: unknown, dflt: number) => { const n = num(v); return n && n >= 16 && n <= MAX_SIDE ? 2 * Math.round(n / 2) : dflt; };
  const fps = num(draft.m?.fps);
  return { w: even(draft.m?.width, 1080), h: even(draft.m?.height, 1920), fps: fps && fps > 0 && fps <= 120 ? fps : 30 };
}

export function durationOf(draft: Draft): number {
  const d = num(draft.d);
  if (d && d > 0) return d;
  let end = 0;
  for (const t of tracksOf(draft)) for (const s of segsOf(t)) end = Math.max(end, startOf(s) + Math.max(0, num(s.d) ?? 0));
  return end;
}

function lookup(seg: DraftSegment, what: string, idx: number, media: (id: string) => MediaFile | undefined): MediaFile {
  const src = seg.m?.src;
  const label = `${what} segment ${idx + 1}${seg.m?.name ? ` ("${seg.m.name}")` : ''}`;
  if (!src) throw new Error(`The ${label} has no media (src). Add a photo or clip to it, or remove it.`);
  const file = media(src);
  if (!file) throw new Error(`The ${label} uses media "${src}", which is not among this session's uploads. Upload the file again or remove the segment.`);
  return file;
}

export function buildGraph(draft: Draft, media: (id: string) => MediaFile | undefined, opts: GraphOptions): GraphPlan {
  const canvas = canvasOf(draft);
  const D = durationOf(draft);
  if (!(D > 0)) throw new Error('The draft has nothing to render (no segments and no duration).');
  if (D > MAX_RENDER_MS) throw new Error(`The timeline is ${Math.round(D / 60_000)} minutes long; the local engine renders at most ${MAX_RENDER_MS / 60_000} minutes. Ask for a shorter video.`);
  const inputs: string[] = [];
  let nIn = 0;
  const addInput = (args: string[]) => { inputs.push(...args); return nIn++; };
  const chains: string[] = [];
  const audio: AudioPart[] = [];

  // Video segments → one stream by crossfades (xfade) or cuts (concat).
  const track = tracksOf(draft).find((t) => t.tt === 0);
  const crossfade = (track?.m?.transition ?? 'crossfade') === 'crossfade';
  const vsegs: VideoSegment[] = segmentsOf(draft, 0).map((s, index) => ({
    index, startMs: startOf(s), durMs: num(s.d)!, meta: s.m ?? {}, media: lookup(s, 'video', index, media),
  }));
  const placed: Placed[] = vsegs.map((seg, i) => {
    const k = addInput(segmentInput(seg, canvas.fps));
    const label = `[v${i}]`;
    if (seg.media.kind === 'image') chains.push(photoChain(seg, `[${k}:v]`, label, canvas));
    else {
      chains.push(clipChain(seg, `[${k}:v]`, label, canvas));
      const vol = num(seg.meta.volume) ?? 1;
      if (seg.media.hasAudio !== false && vol > 0) {
        audio.push({ input: `[${k}:a]`, startMs: seg.startMs, durMs: seg.durMs, volume: Math.min(vol, 2), fadeInMs: 20, fadeOutMs: 60 });
      }
    }
    return { label, startF: Math.round((seg.startMs * canvas.fps) / 1000), frames: framesOf(seg.durMs, canvas.fps) };
  });
  let cur: string;
  let chainStart: number;
  let chainEnd: number;
  if (placed.length) {
    const joined = joinSegments(placed, crossfade, canvas);
    chains.push(...joined.chains);
    cur = joined.out; chainStart = (joined.startF * 1000) / canvas.fps; chainEnd = (joined.endF * 1000) / canvas.fps;
  } else {
    chains.push(`color=c=black:s=${canvas.w}x${canvas.h}:r=${canvas.fps}:d=${sec(D + 1000)},format=yuv420p[vbase]`);
    cur = '[vbase]'; chainStart = 0; chainEnd = D + 1000;
  }
  // Start late → black before; end early → hold the last frame; `-t` cuts at exactly D.
  const pre = chainStart > 0 ? `tpad=start_mode=add:color=black:start_duration=${sec(chainStart)},` : '';
  chains.push(`${cur}${pre}tpad=stop_mode=clone:stop_duration=${sec(Math.max(0, D - chainEnd) + 1000)}[vbody]`);
  cur = '[vbody]';

  // Watermarks: a single decoded frame; overlay repeats it. Sized by the canvas's short side
  // (the same logo size on 9:16 and 16:9) and kept inside the safe area, clear of the platform UI.
  const logoRects: Rect[] = [];
  segmentsOf(draft, 3).forEach((s, i) => {
    const file = lookup(s, 'overlay', i, media);
    const k = addInput(['-i', file.path]);
    const scale = num(s.m?.scale) && num(s.m?.scale)! > 0 && num(s.m?.scale)! <= 1 ? num(s.m?.scale)! : 0.16;
    const pos = String(s.m?.position ?? 'top-right');
    const area = safeArea(canvas);
    const lw = Math.min(2 * Math.round((Math.min(canvas.w, canvas.h) * scale) / 2), area.right - area.left);
    const aspect = file.width && file.height ? file.height / file.width : 1;
    const lh = Math.min(2 * Math.max(1, Math.round((lw * aspect) / 2)), Math.round((area.bottom - area.top) / 3));
    const inset = Math.round(Math.min(canvas.w, canvas.h) * 0.02);
    const x = pos.endsWith('left') ? area.left + inset : area.right - inset - lw;
    const y = pos.startsWith('bottom') ? area.bottom - inset - lh : area.top + inset;
    logoRects.push({ x, y, w: lw, h: lh });
    const st = startOf(s);
    const en = st + num(s.d)!;
    chains.push(`[${k}:v]scale=${lw}:${lh}:force_original_aspect_ratio=decrease:flags=lanczos,format=rgba,colorchannelmixer=aa=0.85,` +
      `scale=${TO_709},format=yuva420p,${TAG_709}[wm${i}]`);
    chains.push(`${cur}[wm${i}]overlay=x=${x}+(${lw}-w)/2:y=${y}+(${lh}-h)/2:eof_action=repeat:enable=${fv(`between(t,${sec(st)},${sec(en)})`)}[o${i}]`);
    cur = `[o${i}]`;
  });

  // Text: one drawtext per line, each reading its own small file.
  const texts: SideFile[] = [];
  const writeText = (content: string) => {
    const path = join(opts.workDir, `text-${texts.length}.txt`);
    texts.push({ path, content });
    return path;
  };
  const draws = segmentsOf(draft, 7).filter((s) => typeof s.m?.text === 'string' && s.m.text.trim())
    .flatMap((s) => drawtextFilters({
      text: String(s.m!.text), role: s.m!.role === 'title' ? 'title' : 'caption',
      position: s.m!.position, scale: num(s.m!.scale), box: typeof s.m!.box === 'boolean' ? s.m!.box : undefined,
      startMs: startOf(s), endMs: startOf(s) + num(s.d)!,
    }, canvas, writeText, logoRects));
  // Draft `m.fadeOutMs`: the whole picture (text and logo included) fades to black at the end,
  // with the music's fade-out (the planner sets both for promos).
  const fadeOut = Math.min(num(draft.m?.fadeOutMs) ?? 0, D / 2, 5000);
  const fade = fadeOut > 0 ? `fade=t=out:st=${sec(D - fadeOut)}:d=${sec(fadeOut)},` : '';
  chains.push(`${cur}${draws.length ? `${draws.join(',')},` : ''}${fade}format=yuv420p,${TAG_709}[vout]`);

  // Music: looped/trimmed to the segment, or the synthesised bed rendered at the right length.
  const beds: GraphPlan['beds'] = [];
  segmentsOf(draft, 1).forEach((s, i) => {
    const d = num(s.d)!;
    let k: number;
    if (s.m?.src === 'builtin:bed') {
      const seconds = Math.ceil(d / 100) / 10 + 0.1;
      const path = opts.bedFile?.(seconds) ?? join(opts.workDir, `bed-${i}.wav`);
      if (!beds.some((b) => b.path === path)) beds.push({ path, seconds });
      k = addInput(['-i', path]);
    } else {
      const file = lookup(s, 'audio', i, media);
      k = addInput([...(s.m?.loop === false ? [] : ['-stream_loop', '-1']), '-i', file.path]);
    }
    const vol = num(s.m?.volume);
    audio.push({
      input: `[${k}:a]`, startMs: startOf(s), durMs: d,
      volume: vol !== undefined && vol >= 0 ? Math.min(vol, 2) : 0.35,
      fadeInMs: 40, fadeOutMs: Math.max(0, num(s.m?.fadeOut) ?? 2000),
    });
  });
  chains.push(audioGraph(audio, opts.amixNormalize));

  return { canvas, durationMs: D, inputs, filter: chains.join(';\n'), texts, beds };
}
