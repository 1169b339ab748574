/**
 * Cuts on the beat: when the music has a clear beat (found at upload, beatDetect.ts; the
 * built-in bed's is known), every picture change lands on a beat — the middle of a crossfade,
 * or the cut itself without transitions — and shots last whole beats (whole bars when shots
 * are at least a bar and a half long). The total length stays what was asked: only the change
 * points move, each to the nearest allowed beat. Clips never grow past their own footage.
 *
 * The video track's `m.beatSync` holds the user's choice: true ("cut to the beat", "卡点"),
 * false ("no beat sync"), absent = on whenever the beat is clear.
 */
import type { Draft } from '../../contract/draft';
import { TrackType } from '../../contract/draft';
import { BED_GRID, beatTimes, type BeatGrid } from '../beats';
import type { MediaFile } from '../contracts';
import { BUILTIN_BED, findTrack, respreadVideo, totalOf } from './tracks';
import type { Change } from './types';

/** A shot is never shorter than this on the beat grid (ms). */
const MIN_SHOT_MS = 800;

export function gridOf(draft: Draft, media: MediaFile[]): BeatGrid | undefined {
  const src = findTrack(draft, TrackType.Audio)?.sg[0]?.m?.src;
  if (!src) return undefined;
  if (src === BUILTIN_BED.src) return BED_GRID;
  return media.find((f) => f.id === src)?.beats;
}

/**
 * Applies the track's beat-sync choice to the draft (in place). `asked` is this turn's request
 * (true/false) if any: only then does it report a change, including "no clear beat".
 */
export function alignToBeat(draft: Draft, media: MediaFile[], asked?: boolean): Change[] {
  const video = findTrack(draft, TrackType.Video);
  if (!video || video.sg.length === 0) return [];
  if (asked !== undefined) video.m = { ...video.m, beatSync: asked };
  const total = totalOf(draft);
  const crossfade = video.m?.transition !== 'none';
  if (video.m?.beatSync === false) {
    if (asked === false) respreadVideo(video, media, total, crossfade); // back to even shares
    return asked === false ? [{ kind: 'beatSync', on: false }] : [];
  }
  // Unasked, clips keep their natural length: only all-photo drafts move onto the beat.
  if (video.m?.beatSync === undefined && video.sg.some((s) => s.m?.kind === 'video')) return [];
  const grid = gridOf(draft, media);
  if (!grid?.clear) return asked ? [{ kind: 'noClearBeat', music: !!findTrack(draft, TrackType.Audio) }] : [];
  const musicStart = findTrack(draft, TrackType.Audio)?.sg[0]?.s ?? 0;
  const ok = snap(
    video.sg,
    media,
    total,
    typeof video.m?.transitionMs === 'number' && crossfade ? video.m.transitionMs : 0,
    grid,
    musicStart,
  );
  if (!ok) return asked ? [{ kind: 'noClearBeat', music: true }] : [];
  return asked ? [{ kind: 'beatSync', on: true, bpm: Math.round(grid.bpm) }] : [];
}

type Seg = { s?: number; d?: number; m?: Record<string, unknown> };

/** Moves change points onto the beat grid; false (draft untouched) when the shots cannot fit. */
function snap(
  segs: Seg[],
  media: MediaFile[],
  total: number,
  T: number,
  grid: BeatGrid,
  musicStartMs: number,
): boolean {
  const n = segs.length;
  if (n < 2) return true;
  const p = 60_000 / grid.bpm;
  const avg = total / n;
  const beatsPer = avg >= 6 * p ? 4 : 1; // whole bars when a shot is at least a bar and a half
  const unit = beatsPer * p;
  const gap = Math.max(unit, Math.ceil(Math.max(MIN_SHOT_MS, T + 100) / p) * p);
  const beats = beatTimes(grid, 0, total / 1000 + 1).map((t) => musicStartMs + t * 1000);
  // Bars start on every 4th beat: pick the phase of 4 that moves the change points least.
  const ideal = segs.slice(1).map((s) => (s.s ?? 0) + T / 2);
  let best: number[] | undefined;
  let bestCost = Infinity;
  for (let phase = 0; phase < beatsPer; phase++) {
    const allowed = beats.filter((_, k) => k % beatsPer === phase);
    const pts = place(ideal, allowed, segs, media, total, T, gap);
    if (!pts) continue;
    const cost = pts.reduce((a, c, i) => a + Math.abs(c - ideal[i]!), 0);
    if (cost < bestCost) {
      bestCost = cost;
      best = pts;
    }
  }
  if (!best) return false;
  let s = 0;
  segs.forEach((seg, i) => {
    const next = i < n - 1 ? Math.round(best![i]! - T / 2) : undefined;
    seg.s = s;
    seg.d = next === undefined ? Math.round(total - s) : next + T - s;
    if (next !== undefined) s = next;
  });
  return true;
}

/** Greedy left to right: each change point to the allowed beat nearest its ideal time. */
function place(
  ideal: number[],
  allowed: number[],
  segs: Seg[],
  media: MediaFile[],
  total: number,
  T: number,
  gap: number,
): number[] | undefined {
  const out: number[] = [];
  let prev = 0;
  let prevStart = 0;
  for (let i = 0; i < ideal.length; i++) {
    const left = ideal.length - i - 1; // change points still to place after this one
    // Every shot at least two crossfades long (a crossfade never blends three pictures).
    let lo = prev + (i === 0 ? Math.max(gap / 2, 1.5 * T) : gap);
    const hi = Math.min(total - gap * (left + 0.5), total - 1.5 * T - gap * left);
    const natural = naturalOf(segs[i]!, media);
    const clipHi = natural !== undefined ? prevStart + natural - T / 2 : Infinity;
    const lastNatural = left === 0 ? naturalOf(segs[i + 1]!, media) : undefined;
    if (lastNatural !== undefined) lo = Math.max(lo, total + T / 2 - lastNatural);
    const cands = allowed.filter((b) => b >= lo && b <= hi && b <= clipHi);
    if (!cands.length) return undefined;
    const c = cands.reduce((a, b) => (Math.abs(b - ideal[i]!) < Math.abs(a - ideal[i]!) ? b : a));
    out.push(c);
    prev = c;
    prevStart = c - T / 2;
  }
  return out;
}

function naturalOf(seg: Seg, media: MediaFile[]): number | undefined {
  const f = media.find((x) => x.id === seg.m?.src);
  if (f?.kind !== 'video' || !f.duration) return undefined;
  return Math.round(f.duration * 1000) - Math.max(0, Number(seg.m?.trim) || 0);
}
