/**
 * The typed timeline model parsed from a compact draft. It holds data, not words: the summary,
 * labels and "what changed" sentences are the strings tables' job (src/words/timeline.ts).
 *
 * Drafts are read with the contract's accessors (src/contract/draftRead.ts) — the same ones the
 * planner and the renderer use, so the tree and the video agree on every segment. Parsing is
 * tolerant: garbage yields an empty or partial timeline, never an exception, because the summary
 * is what the user sees when the agent says nothing.
 */
import {
  draftDurationMs,
  isObject,
  numberOf,
  readTracks,
  type ReadSegment,
  type ReadTrack,
  type TrackKind,
} from '../contract/draftRead';

export type { TrackKind } from '../contract/draftRead';

export interface TimelineSegment {
  /** Position in its track, from 0. */
  index: number;
  /** Start on the timeline, seconds. */
  start: number;
  /** Duration, seconds. */
  duration: number;
  /** What a person calls it: its name, file name or music name (text segments: their words). */
  name?: string;
  /** Identity for comparing two timelines: the words, the name, or the position. */
  key: string;
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
  /** What the track is for, when it has no name of its own: a strings table words it. */
  role: TrackRole;
  /** The track's own name (`m.name`), shown as is. */
  name?: string;
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

export type TrackRole = 'video' | 'bgm' | 'title' | 'text' | 'overlay' | 'track';

const MAX_LABEL_CHARS = 80;

type Obj = Record<string, unknown>;
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const num = numberOf;
const toSeconds = (ms: number): number => ms / 1000;

export function clip(s: string): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > MAX_LABEL_CHARS ? `${one.slice(0, MAX_LABEL_CHARS - 1)}…` : one;
}

function basename(ref: string): string {
  const path = ref.split(/[?#]/)[0].replace(/[\\/]+$/, '');
  const last = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

function toSegment(read: ReadSegment, index: number): TimelineSegment {
  const raw = read.raw;
  const m: Obj = isObject(raw.m) ? raw.m : {};
  const kind = read.kind;
  const words = read.text ?? (kind === 'text' ? (text(m.title) ?? text(m.name)) : undefined);
  const ref = read.mediaRef;
  const name = text(m.name) ?? words ?? text(m.title) ?? text(raw.name) ?? (ref ? basename(ref) : undefined);
  const segment: TimelineSegment = {
    index,
    start: toSeconds(read.startMs),
    duration: toSeconds(read.durationMs),
    metadata: m,
    key: kind === 'text' && words ? `"${clip(words)}"` : name ? clip(name) : `#${index + 1}`,
  };
  if (name) segment.name = clip(name);
  if (kind === 'text' && words) segment.text = words;
  let volume = num(m.volume) ?? num(raw.volume);
  if (kind === 'audio' && volume !== undefined) {
    if (volume > 2) volume /= 100; // a percentage, not a gain
    segment.volume = Math.min(10, Math.max(0, volume));
  }
  return segment;
}

function trackRole(read: ReadTrack, segments: TimelineSegment[]): TrackRole {
  switch (read.kind) {
    case 'video':
      return 'video';
    case 'audio':
      return 'bgm';
    case 'overlay':
      return 'overlay';
    case 'text': {
      const roles = segments.map((s) => s.metadata.role);
      const title =
        (roles.length > 0 && roles.every((r) => r === 'title')) || (segments.length === 1 && roles[0] !== 'caption');
      return title ? 'title' : 'text';
    }
    case 'other':
      return 'track';
  }
}

/** A compact draft (see contract/draft.ts) → the model. Never throws; unknown `tt` → kind `other`. */
export function parseDraft(draft: unknown): Timeline {
  const tracks: TimelineTrack[] = readTracks(draft).map((read) => {
    const segments = read.segments.map(toSegment);
    const named = isObject(read.raw.m) ? text(read.raw.m.name) : undefined;
    return {
      kind: read.kind,
      type: read.type ?? -1,
      role: trackRole(read, segments),
      ...(named ? { name: clip(named) } : {}),
      segments,
      duration: toSeconds(read.endMs),
    };
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
