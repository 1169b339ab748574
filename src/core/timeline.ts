/**
 * The typed timeline model parsed from a compact draft, its plain-text summary and a diff of
 * two timelines in human words. (Implementation: see the functions below.)
 */
import type { Draft } from './draft';

export type TrackKind = 'video' | 'audio' | 'text' | 'other';

export interface TimelineSegment {
  /** Start on the timeline, seconds. */
  start: number;
  /** Duration, seconds. */
  duration: number;
  /** What a person calls it: file name, text in quotes, music name. */
  label: string;
  /** Audio: gain 0..1 when known. */
  volume?: number;
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
