/**
 * Segment timing on the video track. With a crossfade of T ms consecutive segments overlap by T:
 * s[i+1] = s[i] + d[i] − T, and the last segment ends exactly at the total. So the segment
 * lengths must add up to total + (n−1)·T. Clips keep their natural length when it fits and
 * photos share the rest ("water-filling"); a clip longer than the common share is trimmed.
 */

export interface SpreadItem {
  kind: 'image' | 'video';
  /** Natural length of a clip, ms (unknown for photos and unprobed clips). */
  naturalMs?: number;
  /** On-screen time this item keeps ("stay on the menu for 5 seconds"), ms. */
  fixedMs?: number;
}

export interface SpreadResult {
  /** One per item, same order. */
  segments: Array<{ s: number; d: number }>;
  /** The total actually used: shorter than asked when clips alone cannot fill it. */
  totalMs: number;
  /** The overlap actually used: shortened when segments are too short for a full crossfade. */
  transitionMs: number;
}

export const DEFAULT_TRANSITION_MS = 500;
export const MIN_TOTAL_MS = 3_000;
export const MAX_TOTAL_MS = 180_000;

/** How much of item i's length its crossfades take: half of each overlap with a neighbour. */
function halves(i: number, n: number, t: number): number {
  return ((i > 0 ? 1 : 0) + (i < n - 1 ? 1 : 0)) * (t / 2);
}

/**
 * On-screen times (floats) that add up to `sum`: every item gets the same time, except that a
 * clip never shows more than its footage and a `fixedMs` item (a held shot) keeps its time.
 * Times are what a viewer perceives: each crossfade is shared half-half by the two shots.
 */
function waterFill(items: SpreadItem[], sum: number, t: number): number[] {
  const n = items.length;
  const out = new Array<number>(n).fill(0);
  let remaining = sum;
  const flexible: Array<{ i: number; cap: number }> = [];
  items.forEach((it, i) => {
    if (it.fixedMs !== undefined) {
      out[i] = it.fixedMs;
      remaining -= it.fixedMs;
    } else {
      const cap =
        it.kind === 'video' && it.naturalMs ? Math.max(1, it.naturalMs - halves(i, n, t)) : Number.POSITIVE_INFINITY;
      flexible.push({ i, cap });
    }
  });
  if (flexible.length === 0) return out;
  flexible.sort((a, b) => a.cap - b.cap);
  let open = flexible.length;
  let k = 0;
  for (; k < flexible.length; k++) {
    const c = flexible[k]!;
    if (c.cap * open > remaining) break; // this clip and all longer ones get the common level
    out[c.i] = c.cap;
    remaining -= c.cap;
    open -= 1;
  }
  if (open === 0) {
    // Every flexible item is a clip shorter than needed: stretch them proportionally.
    const used = flexible.reduce((a, c) => a + out[c.i]!, 0);
    const scale = used > 0 ? (used + remaining) / used : 1;
    for (const c of flexible) out[c.i] = out[c.i]! * scale;
    return out;
  }
  const level = Math.max(1, remaining / open);
  for (; k < flexible.length; k++) out[flexible[k]!.i] = level;
  return out;
}

/** Rounds to integers keeping the exact sum; the rounding slack goes to the longest items. */
function roundKeepingSum(ds: number[], sum: number): number[] {
  const ints = ds.map((d) => Math.floor(d));
  let slack = sum - ints.reduce((a, b) => a + b, 0);
  const order = ds.map((d, i) => ({ i, frac: d - Math.floor(d) })).sort((a, b) => b.frac - a.frac);
  for (let j = 0; slack > 0; j = (j + 1) % order.length, slack--) ints[order[j]!.i]! += 1;
  return ints;
}

export function spread(items: SpreadItem[], totalMs: number, crossfade: boolean): SpreadResult {
  const n = items.length;
  if (n === 0) return { segments: [], totalMs, transitionMs: crossfade ? DEFAULT_TRANSITION_MS : 0 };
  let total = Math.round(totalMs);
  // Equal shares are at least two crossfades long when T ≤ total / (n + 1).
  let t = crossfade && n > 1 ? Math.min(DEFAULT_TRANSITION_MS, Math.floor(totalMs / (n + 1) / 10) * 10) : 0;
  // Only clips: never pad them past their own footage (a frozen frame looks like a bug).
  if (items.every((it) => it.kind === 'video' && it.naturalMs && it.fixedMs === undefined)) {
    const footage = items.reduce((a, it) => a + Math.round(it.naturalMs ?? 0), 0) - (n - 1) * t;
    if (footage < total) total = Math.max(MIN_TOTAL_MS, footage);
  }
  let ds: number[] = [];
  for (let attempt = 0; attempt < 5; attempt++) {
    // On-screen times add up to the total; each segment also carries half of its crossfades.
    const shown = waterFill(items, total, t);
    const lengths = shown.map((v, i) => v + halves(i, n, t));
    ds = roundKeepingSum(lengths, total + (n - 1) * t);
    const shortest = Math.min(...ds);
    // A crossfade longer than half a segment would blend three pictures at once.
    if (t === 0 || shortest >= 2 * t) break;
    t = attempt === 3 ? 0 : Math.max(0, Math.floor(shortest / 2 / 10) * 10);
  }
  const segments: Array<{ s: number; d: number }> = [];
  let s = 0;
  for (const d of ds) {
    segments.push({ s, d });
    s += d - t;
  }
  return { segments, totalMs: total, transitionMs: t };
}

/**
 * Scales a text segment's times by k and keeps it inside [0, total]. Its length grows at most
 * to `maxD` (a title does not need 18 s on screen because the video became 3 minutes long),
 * but never shrinks below what scaling gives.
 */
export function rescaleSegment(
  seg: { s?: number; d?: number },
  k: number,
  totalMs: number,
  maxD = Number.POSITIVE_INFINITY,
): { s: number; d: number } {
  let s = Math.round((seg.s ?? 0) * k);
  const old = seg.d ?? totalMs;
  let d = Math.max(1, Math.round(k > 1 ? Math.min(old * k, Math.max(old, maxD)) : old * k));
  if (s >= totalMs) s = Math.max(0, totalMs - Math.min(d, totalMs));
  d = Math.min(d, totalMs - s);
  return { s, d };
}

/** 3–180 s. */
export function clampTotal(ms: number): number {
  return Math.min(MAX_TOTAL_MS, Math.max(MIN_TOTAL_MS, Math.round(ms)));
}
