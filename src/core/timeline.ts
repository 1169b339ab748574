/**
 * The typed timeline model parsed from a compact draft, its plain-text summary and a diff of
 * two timelines in human words.
 *
 * Drafts are read with the contract's accessors (src/contract/draftRead.ts) — the same ones the
 * planner and the renderer use, so the tree and the video agree on every segment. Parsing is
 * tolerant: garbage yields an empty or partial timeline, never an exception, because the summary
 * is what the user sees when the agent says nothing.
 */
import { draftDurationMs, isObject, numberOf, readTracks, type ReadSegment, type ReadTrack, type TrackKind } from '../contract/draftRead';

export type { TrackKind } from '../contract/draftRead';

export interface TimelineSegment {
  /** Start on the timeline, seconds. */
  start: number;
  /** Duration, seconds. */
  duration: number;
  /** What a person calls it: file name, text in quotes, music name. */
  label: string;
  /** Audio: gain 0..1 when known. */
  volume?: number;
  /** Text segments: the words themselves, unquoted. */
  text?: string;
  /** The segment's raw metadata (`m`), for tooltips. */
  metadata: Record<string, unknown>;
}

export interface TimelineTrack {
  kind: TrackKind;
  /** The raw `tt` code. */
  type: number;
  /** "Video", "BGM", "Title", "Text", "Overlay"… */
  label: string;
  segments: TimelineSegment[];
  /** End of the last segment, seconds. */
  duration: number;
}

export interface Timeline {
  tracks: TimelineTrack[];
  /** Seconds: the draft's `d` when present, else the longest track. */
  duration: number;
  width?: number;
  height?: number;
  title?: string;
}

export const EMPTY_TIMELINE_TEXT = 'The timeline is empty — upload media or describe your video.';

const MAX_LABEL_CHARS = 80;

type Obj = Record<string, unknown>;
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const num = numberOf;
const toSeconds = (ms: number): number => ms / 1000;

function clip(s: string): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > MAX_LABEL_CHARS ? `${one.slice(0, MAX_LABEL_CHARS - 1)}…` : one;
}

function basename(ref: string): string {
  const path = ref.split(/[?#]/)[0].replace(/[\\/]+$/, '');
  const last = path.slice(path.lastIndexOf('/') + 1);
  try { return decodeURIComponent(last); } catch { return last; }
}

function toSegment(read: ReadSegment, index: number): TimelineSegment {
  const raw = read.raw;
  const m: Obj = isObject(raw.m) ? raw.m : {};
  const kind = read.kind;
  const words = read.text ?? (kind === 'text' ? text(m.title) ?? text(m.name) : undefined);
  const ref = read.mediaRef;
  const name = text(m.name) ?? words ?? text(m.title) ?? text(raw.name) ?? (ref ? basename(ref) : undefined);
  const segment: TimelineSegment = {
    start: toSeconds(read.startMs), duration: toSeconds(read.durationMs), metadata: m,
    label: kind === 'text' && words ? `"${clip(words)}"` : clip(name ?? `Segment ${index + 1}`),
  };
  if (kind === 'text' && words) segment.text = words;
  let volume = num(m.volume) ?? num(raw.volume);
  if (kind === 'audio' && volume !== undefined) {
    if (volume > 2) volume /= 100; // a percentage, not a gain
    segment.volume = Math.min(10, Math.max(0, volume));
  }
  return segment;
}

function trackLabel(read: ReadTrack, segments: TimelineSegment[]): string {
  const named = isObject(read.raw.m) ? text(read.raw.m.name) : undefined;
  if (named) return clip(named);
  const tt = read.type;
  switch (read.kind) {
    case 'video': return 'Video';
    case 'audio': return 'BGM';
    case 'overlay': return 'Overlay';
    case 'text': {
      const roles = segments.map((s) => s.metadata.role);
      const title = roles.length > 0 && roles.every((r) => r === 'title') || (segments.length === 1 && roles[0] !== 'caption');
      return title ? 'Title' : 'Text';
    }
    case 'other': return tt === undefined ? 'Track' : `Track (type ${tt})`;
  }
}

/** A compact draft (see contract/draft.ts) → the model. Never throws; unknown `tt` → kind `other`. */
export function parseDraft(draft: unknown): Timeline {
  const tracks: TimelineTrack[] = readTracks(draft).map((read) => {
    const segments = read.segments.map(toSegment);
    return { kind: read.kind, type: read.type ?? -1, label: trackLabel(read, segments), segments, duration: toSeconds(read.endMs) };
  });
  const m: Obj = isObject(draft) && isObject(draft.m) ? draft.m : {};
  const timeline: Timeline = { tracks, duration: toSeconds(draftDurationMs(draft)) };
  const width = num(m.width);
  const height = num(m.height);
  if (width !== undefined && width > 0) timeline.width = Math.round(width);
  if (height !== undefined && height > 0) timeline.height = Math.round(height);
  const title = text(m.title);
  if (title) timeline.title = title;
  return timeline;
}

// ---- formatting -------------------------------------------------------------------------------

const tenth = (s: number): number => Math.round((Number.isFinite(s) ? s : 0) * 10) / 10;

/** "6.0 s": one decimal, the way the tree shows positions. */
export function formatSeconds(s: number): string {
  return `${tenth(s).toFixed(1)} s`;
}

/** "0.0–6.0 s". */
export function formatRange(start: number, end: number): string {
  return `${tenth(start).toFixed(1)}–${tenth(end).toFixed(1)} s`;
}

/** "10" or "2.5": the seed's compact style inside "(0-10s)". */
const compact = (s: number): string => String(tenth(s));
const span = (start: number, end: number): string => `${compact(start)}-${compact(end)}s`;
const pct = (v: number): string => `${Math.round(v * 100)}%`;

function listLabels(segments: TimelineSegment[]): string {
  const labels = segments.slice(0, 3).map((s) => s.label);
  return segments.length > 3 ? `${labels.join(', ')} +${segments.length - 3} more` : labels.join(', ');
}

function volumeText(segments: TimelineSegment[]): string | undefined {
  const vols = segments.map((s) => s.volume).filter((v): v is number => v !== undefined);
  if (!vols.length) return undefined;
  const lo = Math.min(...vols);
  const hi = Math.max(...vols);
  return pct(lo) === pct(hi) ? pct(lo) : `${pct(lo)}–${pct(hi)}`;
}

function textItemLabel(track: TimelineTrack, seg: TimelineSegment): string {
  const role = seg.metadata.role;
  if (role === 'title' && track.label === 'Text') return 'Title';
  if (role === 'caption' && (track.label === 'Text' || track.label === 'Title')) return 'Caption';
  return track.label;
}

function trackStart(t: TimelineTrack): number {
  return t.segments.length ? Math.min(...t.segments.map((s) => s.start)) : 0;
}

/** The items of a summary: one per video/audio/other track, one per text segment. */
function summaryItems(t: Timeline): string[] {
  const items: string[] = [];
  for (const track of t.tracks) {
    if (!track.segments.length) continue;
    if (track.kind === 'text') {
      for (const seg of track.segments) items.push(`${textItemLabel(track, seg)}: ${seg.label} (${span(seg.start, seg.start + seg.duration)})`);
      continue;
    }
    const vol = track.kind === 'audio' ? volumeText(track.segments) : undefined;
    items.push(`${track.label}: ${listLabels(track.segments)} (${span(trackStart(track), track.duration)}${vol ? `, ${vol}` : ''})`);
  }
  return items;
}

/** Numbered lines, like the seed: `1. Video: city timelapse (0-10s)` / `2. BGM: Lo-fi (0-10s, 35%)`. */
export function summarizeTimeline(t: Timeline): string {
  const items = summaryItems(t);
  return items.length ? items.map((line, i) => `${i + 1}. ${line}`).join('\n') : EMPTY_TIMELINE_TEXT;
}

// ---- diff -------------------------------------------------------------------------------------

/** Pairs the n-th track of a kind+type before with the n-th after; order follows `after`. */
function pairTracks(before: TimelineTrack[], after: TimelineTrack[]): Array<[TimelineTrack | undefined, TimelineTrack | undefined]> {
  const pool = new Map<string, TimelineTrack[]>();
  for (const t of before) {
    const key = `${t.kind}:${t.type}`;
    pool.set(key, [...(pool.get(key) ?? []), t]);
  }
  const pairs: Array<[TimelineTrack | undefined, TimelineTrack | undefined]> = after.map((t) => [pool.get(`${t.kind}:${t.type}`)?.shift(), t]);
  for (const left of pool.values()) for (const t of left) pairs.push([t, undefined]);
  return pairs;
}

/** Labels in `a` not matched one-for-one in `b`. */
function missingFrom(a: TimelineSegment[], b: TimelineSegment[]): string[] {
  const left = b.map((s) => s.label);
  return a.map((s) => s.label).filter((l) => {
    const i = left.indexOf(l);
    if (i < 0) return true;
    left.splice(i, 1);
    return false;
  });
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
const few = (labels: string[]): string => labels.length > 3 ? `${labels.slice(0, 3).join(', ')} +${labels.length - 3} more` : labels.join(', ');
const segSpan = (s: TimelineSegment): string => span(s.start, s.start + s.duration);

function diffTextTrack(b: TimelineTrack, a: TimelineTrack, out: string[]): void {
  const n = Math.max(b.segments.length, a.segments.length);
  for (let i = 0; i < n; i++) {
    const was = b.segments[i];
    const now = a.segments[i];
    if (was && now) {
      const name = textItemLabel(a, now);
      if (was.label !== now.label) out.push(`${name} changed from ${was.label} to ${now.label}.`);
      if (segSpan(was) !== segSpan(now)) out.push(`${name} ${now.label} now shows ${segSpan(now)} (was ${segSpan(was)}).`);
    } else if (now) {
      out.push(`Added ${textItemLabel(a, now).toLowerCase()} ${now.label} (${segSpan(now)}).`);
    } else if (was) {
      out.push(`Removed ${textItemLabel(b, was).toLowerCase()} ${was.label}.`);
    }
  }
}

function diffMediaTrack(b: TimelineTrack, a: TimelineTrack, out: string[]): void {
  const name = a.label;
  if (b.label !== a.label) out.push(`The ${b.label} track is now called ${a.label}.`);
  if (b.segments.length === 1 && a.segments.length === 1) {
    if (b.segments[0].label !== a.segments[0].label) out.push(`${name} changed from ${b.segments[0].label} to ${a.segments[0].label}.`);
  } else {
    if (b.segments.length !== a.segments.length) out.push(`${name} now has ${plural(a.segments.length, 'segment')} (was ${b.segments.length}).`);
    const added = missingFrom(a.segments, b.segments);
    const removed = missingFrom(b.segments, a.segments);
    if (added.length) out.push(`Added to ${name}: ${few(added)}.`);
    if (removed.length) out.push(`Removed from ${name}: ${few(removed)}.`);
  }
  const was = span(trackStart(b), b.duration);
  const now = span(trackStart(a), a.duration);
  if (was !== now) out.push(`${name} now runs ${now} (was ${was}).`);
  if (a.kind === 'audio') {
    const vb = volumeText(b.segments);
    const va = volumeText(a.segments);
    if (vb && va && vb !== va) out.push(`${name} volume changed from ${vb} to ${va}.`);
    else if (!vb && va) out.push(`${name} volume set to ${va}.`);
  }
}

const size = (t: Timeline): string | undefined => (t.width && t.height ? `${t.width}×${t.height}` : undefined);

/** What changed between two timelines, as sentences for the chat. Identical → []. */
export function diffTimelines(before: Timeline, after: Timeline): string[] {
  const out: string[] = [];
  for (const [b, a] of pairTracks(before.tracks, after.tracks)) {
    if (a && !b) {
      const items = summaryItems({ tracks: [a], duration: a.duration }).map((item) => item.slice(item.indexOf(': ') + 2));
      out.push(items.length ? `Added a ${a.label} track: ${items.join('; ')}.` : `Added an empty ${a.label} track.`);
    } else if (b && !a) {
      out.push(`Removed the ${b.label} track.`);
    } else if (a && b) {
      if (a.kind === 'text') diffTextTrack(b, a, out); else diffMediaTrack(b, a, out);
    }
  }
  if (compact(before.duration) !== compact(after.duration)) out.push(`Total length changed from ${compact(before.duration)}s to ${compact(after.duration)}s.`);
  const sb = size(before);
  const sa = size(after);
  if (sa && sb !== sa) out.push(sb ? `Canvas changed from ${sb} to ${sa}.` : `Canvas set to ${sa}.`);
  if (after.title && before.title !== after.title) out.push(before.title ? `Project title changed from "${before.title}" to "${after.title}".` : `Project title set to "${after.title}".`);
  return out;
}
