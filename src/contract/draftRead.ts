/**
 * THE way to read a draft: one set of accessors for a segment's start, duration, kind, words and
 * media reference, used by the client's tree/summary/diff (core/timeline.ts), the planner and
 * the renderer alike, so they can never show two different timelines for one draft.
 *
 * Drafts come from the cloud agent (keys partly unknown, numbers sometimes as strings) and from
 * the local engine (docs/draft.md). Reading is tolerant: anything that is not a track or a
 * segment object is skipped, odd numbers are clamped, nothing throws.
 */
import { TrackType, type DraftSegment, type DraftTrack } from './draft';

export type TrackKind = 'video' | 'audio' | 'text' | 'overlay' | 'other';

/** Longer than a day is a broken value, not a video. */
export const MAX_DRAFT_MS = 24 * 3600 * 1000;

/** Keys a segment's start may go by: the local engine writes `s`; cloud drafts use the others. */
export const START_KEYS = ['s', 'start', 'st', 'startTime', 'start_time'] as const;
/** Keys a segment's duration may go by: `d` is the protocol's. */
export const DURATION_KEYS = ['d', 'duration', 'dur'] as const;

type Obj = Record<string, unknown>;
export const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A finite number, or a numeric string ("5000"); anything else is undefined. */
export function numberOf(v: unknown): number | undefined {
  const n = typeof v === 'string' && v.trim() ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

const words = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const clampMs = (ms: number): number => Math.min(MAX_DRAFT_MS, Math.max(0, ms));

function firstNumber(o: Obj, keys: readonly string[]): number | undefined {
  for (const k of keys) {
    const n = numberOf(o[k]);
    if (n !== undefined) return n;
  }
  return undefined;
}

/** The track type code as a number (`"0"` counts), undefined when absent or not a number. */
export function trackTypeOf(track: DraftTrack): number | undefined {
  return numberOf(track.tt);
}

export function kindOfTrackType(tt: number | undefined): TrackKind {
  switch (tt) {
    case TrackType.Video:
      return 'video';
    case TrackType.Audio:
      return 'audio';
    case TrackType.Text:
      return 'text';
    case TrackType.Overlay:
      return 'overlay';
    default:
      return 'other';
  }
}

/** The draft's tracks, skipping anything that is not a track object. */
export function tracksOf(draft: unknown): DraftTrack[] {
  const t = isObject(draft) ? draft.t : undefined;
  return Array.isArray(t) ? (t.filter(isObject) as DraftTrack[]) : [];
}

/** A track's segments, skipping anything that is not a segment object. */
export function segmentsOf(track: DraftTrack): DraftSegment[] {
  return Array.isArray(track.sg) ? (track.sg.filter(isObject) as DraftSegment[]) : [];
}

/** The segment's own start in ms (clamped to [0, a day]), or undefined when it has none. */
export function explicitStartMs(seg: DraftSegment): number | undefined {
  const n = firstNumber(seg, START_KEYS);
  return n === undefined ? undefined : clampMs(n);
}

/** Duration in ms, clamped to [0, a day]; 0 when absent or broken. */
export function durationMs(seg: DraftSegment): number {
  return clampMs(firstNumber(seg, DURATION_KEYS) ?? 0);
}

/** The words of a text segment (`m.text`, else a top-level `text`), trimmed; undefined when none. */
export function textOf(seg: DraftSegment): string | undefined {
  const m = isObject(seg.m) ? seg.m : {};
  return words(m.text) ?? words(seg.text);
}

/** What media the segment shows: the local engine's upload id (`m.src`), or a cloud URL. */
export function mediaRefOf(seg: DraftSegment): string | undefined {
  const m = isObject(seg.m) ? seg.m : {};
  return words(m.src) ?? words(m.url) ?? words(seg.url) ?? words(seg.src);
}

export interface ReadSegment {
  /** Start on the timeline, ms. A segment without a start follows the one before it in its track. */
  startMs: number;
  durationMs: number;
  kind: TrackKind;
  text?: string;
  mediaRef?: string;
  /** The segment as stored (its `m` and unknown keys). */
  raw: DraftSegment;
}

export interface ReadTrack {
  kind: TrackKind;
  /** The raw `tt` code, undefined when missing or not a number. */
  type: number | undefined;
  segments: ReadSegment[];
  /** End of the last segment, ms. */
  endMs: number;
  raw: DraftTrack;
}

/** One track, its segments in stored order, each with its start resolved. */
export function readTrack(track: DraftTrack): ReadTrack {
  const type = trackTypeOf(track);
  const kind = kindOfTrackType(type);
  const segments: ReadSegment[] = [];
  let end = 0;
  for (const raw of segmentsOf(track)) {
    // No start at all: segments follow each other, the way a video track reads.
    const startMs = explicitStartMs(raw) ?? end;
    const seg: ReadSegment = { startMs, durationMs: durationMs(raw), kind, raw };
    const text = textOf(raw);
    const mediaRef = mediaRefOf(raw);
    if (text !== undefined) seg.text = text;
    if (mediaRef !== undefined) seg.mediaRef = mediaRef;
    segments.push(seg);
    end = Math.max(end, startMs + seg.durationMs);
  }
  return { kind, type, segments, endMs: end, raw: track };
}

export function readTracks(draft: unknown): ReadTrack[] {
  return tracksOf(draft).map(readTrack);
}

/** The draft's length in ms: its `d` when positive, else the end of the latest segment. */
export function draftDurationMs(draft: unknown): number {
  const d = isObject(draft) ? numberOf(draft.d) : undefined;
  if (d !== undefined && d > 0) return clampMs(d);
  return Math.max(0, ...readTracks(draft).map((t) => t.endMs));
}

/** A draft can be exported when some track has at least one segment (docs/protocol.md). */
export function isExportable(draft: unknown): boolean {
  return tracksOf(draft).some((t) => Array.isArray(t.sg) && t.sg.length > 0);
}
