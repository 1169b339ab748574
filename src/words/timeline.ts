/**
 * The timeline in words: track and segment labels, the numbered summary ("1. Video: city
 * timelapse (0-10s)") and "what changed" between two timelines, in one strings table's
 * language. The core's Timeline model (core/timeline.ts) holds only data.
 */
import { clip, type Timeline, type TimelineSegment, type TimelineTrack } from '../core/timeline';
import type { Words } from './types';

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
const pct = (v: number): string => `${Math.round(v * 100)}%`;

/**
 * Role names the local engine and the protocol's examples write as a track's `m.name`: they say
 * what the track is, not what the user called it, so they are worded by role in the user's language.
 */
const ROLE_NAMES = new Set(['video', 'music', 'bgm', 'logo', 'overlay', 'text', 'title', 'captions']);

const ownName = (track: TimelineTrack): string | undefined =>
  track.name && !ROLE_NAMES.has(track.name.toLowerCase()) ? track.name : undefined;

export function trackLabel(track: TimelineTrack, w: Words): string {
  const own = ownName(track);
  if (own) return own;
  if (track.role === 'track' && track.type >= 0) return w.trackOfType(track.type);
  return w.track[track.role];
}

export function segmentLabel(track: TimelineTrack, seg: TimelineSegment, w: Words): string {
  if (track.kind === 'text' && seg.text) return w.quote(clip(seg.text));
  // The engine names its synthesised music in English ('Lo-fi bed'); a name of the user's own stays.
  if (seg.metadata.src === 'builtin:bed' && (!seg.name || seg.name === 'Lo-fi bed')) return w.builtinMusic;
  return seg.name ?? w.segment(seg.index + 1);
}

/** Title / Caption for a text segment on a generic text track; the track's label otherwise. */
function textItemLabel(track: TimelineTrack, seg: TimelineSegment, w: Words): string {
  const role = seg.metadata.role;
  if (!ownName(track) && role === 'title' && track.role === 'text') return w.track.title;
  if (!ownName(track) && role === 'caption' && (track.role === 'text' || track.role === 'title'))
    return w.track.caption;
  return trackLabel(track, w);
}

function listLabels(track: TimelineTrack, segments: TimelineSegment[], w: Words): string {
  return w.list(
    segments.slice(0, 3).map((s) => segmentLabel(track, s, w)),
    Math.max(0, segments.length - 3),
  );
}

function volumeText(segments: TimelineSegment[]): string | undefined {
  const vols = segments.map((s) => s.volume).filter((v): v is number => v !== undefined);
  if (!vols.length) return undefined;
  const lo = Math.min(...vols);
  const hi = Math.max(...vols);
  return pct(lo) === pct(hi) ? pct(lo) : `${pct(lo)}–${pct(hi)}`;
}

function trackStart(t: TimelineTrack): number {
  return t.segments.length ? Math.min(...t.segments.map((s) => s.start)) : 0;
}

const span = (w: Words, start: number, end: number): string => w.span(compact(start), compact(end));
const segSpan = (w: Words, s: TimelineSegment): string => span(w, s.start, s.start + s.duration);

/** The items of a summary: one per video/audio/other track, one per text segment. */
function summaryItems(t: Pick<Timeline, 'tracks'>, w: Words): Array<{ label: string; rest: string }> {
  const items: Array<{ label: string; rest: string }> = [];
  for (const track of t.tracks) {
    if (!track.segments.length) continue;
    if (track.kind === 'text') {
      for (const seg of track.segments) {
        const label = textItemLabel(track, seg, w);
        items.push({ label, rest: w.item(label, segmentLabel(track, seg, w), [segSpan(w, seg)]) });
      }
      continue;
    }
    const vol = track.kind === 'audio' ? volumeText(track.segments) : undefined;
    const label = trackLabel(track, w);
    items.push({
      label,
      rest: w.item(label, listLabels(track, track.segments, w), [
        span(w, trackStart(track), track.duration),
        ...(vol ? [vol] : []),
      ]),
    });
  }
  return items;
}

/** Numbered lines, like the seed: `1. Video: city timelapse (0-10s)` / `2. BGM: Lo-fi (0-10s, 35%)`. */
export function summarizeTimeline(t: Timeline, w: Words): string {
  const items = summaryItems(t, w);
  return items.length ? items.map((item, i) => `${i + 1}. ${item.rest}`).join('\n') : w.emptyTimeline;
}

// ---- diff -------------------------------------------------------------------------------------

/** Pairs the n-th track of a kind+type before with the n-th after; order follows `after`. */
function pairTracks(
  before: TimelineTrack[],
  after: TimelineTrack[],
): Array<[TimelineTrack | undefined, TimelineTrack | undefined]> {
  const pool = new Map<string, TimelineTrack[]>();
  for (const t of before) {
    const key = `${t.kind}:${t.type}`;
    pool.set(key, [...(pool.get(key) ?? []), t]);
  }
  const pairs: Array<[TimelineTrack | undefined, TimelineTrack | undefined]> = after.map((t) => [
    pool.get(`${t.kind}:${t.type}`)?.shift(),
    t,
  ]);
  for (const left of pool.values()) for (const t of left) pairs.push([t, undefined]);
  return pairs;
}

/** Segments of `a` not matched one-for-one (by key) in `b`. */
function missingFrom(a: TimelineSegment[], b: TimelineSegment[]): TimelineSegment[] {
  const left = b.map((s) => s.key);
  return a.filter((s) => {
    const i = left.indexOf(s.key);
    if (i < 0) return true;
    left.splice(i, 1);
    return false;
  });
}

function diffTextTrack(b: TimelineTrack, a: TimelineTrack, w: Words, out: string[]): void {
  const n = Math.max(b.segments.length, a.segments.length);
  for (let i = 0; i < n; i++) {
    const was = b.segments[i];
    const now = a.segments[i];
    if (was && now) {
      const name = textItemLabel(a, now, w);
      if (was.key !== now.key) out.push(w.changes.textChanged(name, segmentLabel(b, was, w), segmentLabel(a, now, w)));
      if (segSpan(w, was) !== segSpan(w, now))
        out.push(w.changes.textMoved(name, segmentLabel(a, now, w), segSpan(w, now), segSpan(w, was)));
    } else if (now) {
      out.push(w.changes.textAdded(textItemLabel(a, now, w), segmentLabel(a, now, w), segSpan(w, now)));
    } else if (was) {
      out.push(w.changes.textRemoved(textItemLabel(b, was, w), segmentLabel(b, was, w)));
    }
  }
}

function diffMediaTrack(b: TimelineTrack, a: TimelineTrack, w: Words, out: string[]): void {
  const name = trackLabel(a, w);
  if (trackLabel(b, w) !== name) out.push(w.changes.renamed(trackLabel(b, w), name));
  if (b.segments.length === 1 && a.segments.length === 1) {
    if (b.segments[0].key !== a.segments[0].key)
      out.push(w.changes.replaced(name, segmentLabel(b, b.segments[0], w), segmentLabel(a, a.segments[0], w)));
  } else {
    if (b.segments.length !== a.segments.length) out.push(w.changes.count(name, a.segments.length, b.segments.length));
    const added = missingFrom(a.segments, b.segments);
    const removed = missingFrom(b.segments, a.segments);
    if (added.length) out.push(w.changes.added(name, listLabels(a, added, w)));
    if (removed.length) out.push(w.changes.removed(name, listLabels(b, removed, w)));
  }
  const was = span(w, trackStart(b), b.duration);
  const now = span(w, trackStart(a), a.duration);
  if (was !== now) out.push(w.changes.runs(name, now, was));
  if (a.kind === 'audio') {
    const vb = volumeText(b.segments);
    const va = volumeText(a.segments);
    if (vb && va && vb !== va) out.push(w.changes.volume(name, vb, va));
    else if (!vb && va) out.push(w.changes.volumeSet(name, va));
  }
}

const size = (t: Timeline): string | undefined => (t.width && t.height ? `${t.width}×${t.height}` : undefined);

/** What changed between two timelines, as sentences for the chat. Identical → []. */
export function diffTimelines(before: Timeline, after: Timeline, w: Words): string[] {
  const out: string[] = [];
  for (const [b, a] of pairTracks(before.tracks, after.tracks)) {
    if (a && !b) {
      const items = summaryItems({ tracks: [a] }, w).map((item) =>
        item.rest.slice(item.rest.indexOf(item.label) + item.label.length).replace(/^[:：]\s*/, ''),
      );
      out.push(
        items.length ? w.changes.trackAdded(trackLabel(a, w), items) : w.changes.trackAddedEmpty(trackLabel(a, w)),
      );
    } else if (b && !a) {
      out.push(w.changes.trackRemoved(trackLabel(b, w)));
    } else if (a && b) {
      if (a.kind === 'text') diffTextTrack(b, a, w, out);
      else diffMediaTrack(b, a, w, out);
    }
  }
  if (compact(before.duration) !== compact(after.duration))
    out.push(w.changes.length(w.seconds(compact(before.duration)), w.seconds(compact(after.duration))));
  const sb = size(before);
  const sa = size(after);
  if (sa && sb !== sa) out.push(sb ? w.changes.canvas(sb, sa) : w.changes.canvasSet(sa));
  if (after.title && before.title !== after.title)
    out.push(before.title ? w.changes.title(before.title, after.title) : w.changes.titleSet(after.title));
  return out;
}
