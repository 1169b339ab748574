/**
 * The look sets the pace (docs/planner.md "Pacing by look"): an energetic or bold promo cuts
 * every ~2 s, an elegant one holds each shot ~4–5 s, clean and playful sit in between. The total
 * length never changes — only how many shots share it. When there are fewer photos than shots,
 * photos come back (each return with another move, never twice in a row), at most MAX_SHOWINGS
 * times; past that the shots simply hold longer. With more photos than shots every photo is
 * still shown once (shorter than the look would like): nobody's photo is dropped by a look.
 *
 * Explicit timing wins: once the user set shot times ("2 s per photo", "quick cuts", "stay on
 * the cake for 5 s") the video track says `m.timing: 'user'` and a look no longer re-paces it.
 * Only all-photo tracks are paced: clips keep their own length. The beat grid snaps the cut
 * points afterwards (beatSync.ts); with a clear beat the shot length is first rounded to whole
 * beats (whole bars for long shots), so an elegant shot is 2 bars, not a mix of 1 and 2.
 */
import type { Draft, DraftSegment, DraftSegmentMeta, StyleName } from '../../contract/draft';
import { TrackType } from '../../contract/draft';
import type { MediaFile } from '../contracts';
import { layout } from './arrange';
import { gridOf } from './beatSync';
import { findTrack, totalOf } from './tracks';

/** Shot length a person expects from each look: target and the range it should stay in, ms. */
export const LOOK_PACE: Record<StyleName, { shotMs: number; minMs: number; maxMs: number }> = {
  energetic: { shotMs: 2_000, minMs: 1_500, maxMs: 2_500 },
  bold: { shotMs: 1_800, minMs: 1_500, maxMs: 2_500 },
  playful: { shotMs: 2_600, minMs: 2_000, maxMs: 3_200 },
  clean: { shotMs: 3_000, minMs: 2_500, maxMs: 3_500 },
  elegant: { shotMs: 4_300, minMs: 3_500, maxMs: 5_000 },
};

/** A photo is shown at most this many times (three looks like a rhythm, four like a loop). */
export const MAX_SHOWINGS = 3;
/** Fewer photos than this never repeat: one or two photos back and forth look like a glitch. */
const MIN_PHOTOS_TO_REPEAT = 3;
const MOTIONS = ['in', 'left', 'out', 'right'] as const;

/**
 * The shot length to aim for: the look's, rounded to whole beats of the music — whole bars when
 * the beat sync will cut on bars (shots of at least six beats) — keeping inside the look's range
 * when a multiple fits. Equal whole-beat shots snap onto the grid without a stray short one.
 * Without a usable beat, the look's own length.
 */
export function targetShotMs(style: StyleName, bpm: number | undefined): number {
  const pace = LOOK_PACE[style];
  if (!bpm) return pace.shotMs;
  const beat = 60_000 / bpm;
  const unit = pace.shotMs < 6 * beat ? beat : 4 * beat;
  const options = [1, 2, 3, 4, 5, 6, 8].map((k) => k * unit);
  const inRange = options.filter((d) => d >= pace.minMs && d <= pace.maxMs);
  const pool = inRange.length ? inRange : options;
  return pool.reduce((a, b) => (Math.abs(b - pace.shotMs) < Math.abs(a - pace.shotMs) ? b : a));
}

/** How many shots `photos` photos make over `totalMs` at `shotMs` a shot. */
export function shotCount(photos: number, totalMs: number, shotMs: number): number {
  const want = Math.max(1, Math.round(totalMs / shotMs));
  if (want <= photos) return photos; // every photo once, even if that is quicker than the look
  if (photos < MIN_PHOTOS_TO_REPEAT) return photos;
  return Math.min(want, photos * MAX_SHOWINGS);
}

/** True when the video track's shot times came from the user, not from a look. */
export function userTimed(draft: Draft): boolean {
  return findTrack(draft, TrackType.Video)?.m?.timing === 'user';
}

/**
 * Re-paces the video track for the draft's look (in place). Returns the shots made, or undefined
 * when the look does not pace this draft (no look, user timing, clips on the track).
 */
export function applyLookPace(
  draft: Draft,
  media: MediaFile[],
): { shots: number; shotSeconds: number; photos: number } | undefined {
  const style = draft.m?.style;
  const video = findTrack(draft, TrackType.Video);
  if (!style || !(style in LOOK_PACE) || !video || video.sg.length === 0 || userTimed(draft)) return undefined;
  if (video.sg.some((s) => s.m?.kind === 'video')) return undefined;
  const seen = new Set<unknown>();
  const unique = video.sg.filter((s) => (seen.has(s.m?.src) ? false : (seen.add(s.m?.src), true)));
  const total = totalOf(draft);
  const grid = video.m?.beatSync === false ? undefined : gridOf(draft, media);
  const shotMs = targetShotMs(style, grid?.clear ? grid.bpm : undefined);
  const count = shotCount(unique.length, total, shotMs);
  // Whole milliseconds that add up to the total exactly: the length asked for stays the length.
  const visOf = (k: number) => Math.round(((k + 1) * total) / count) - Math.round((k * total) / count);
  const shots = Array.from({ length: count }, (_, k) => {
    const base = unique[k % unique.length]!;
    const round = Math.floor(k / unique.length);
    const m: DraftSegmentMeta = { ...base.m };
    // A photo's return is another move over it: the same picture, a new shot.
    if (round > 0) m.motion = MOTIONS[(MOTIONS.indexOf(motionOf(base)) + 2 * round - 1) % MOTIONS.length];
    return { seg: { m } as DraftSegment, vis: visOf(k) };
  });
  layout(draft, shots, media);
  return { shots: count, shotSeconds: Math.round(total / count / 100) / 10, photos: unique.length };
}

function motionOf(seg: DraftSegment): (typeof MOTIONS)[number] {
  const m = seg.m?.motion;
  return (MOTIONS as readonly unknown[]).includes(m) ? (m as (typeof MOTIONS)[number]) : 'in';
}
