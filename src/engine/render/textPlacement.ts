/**
 * Where a text block goes when its own place is taken by the logo or a face (text.ts `layout`):
 * it moves to the free place nearest its own that keeps 1.5 em of air from every obstacle (a title
 * tucked under a chin reads as a mistake); with no such place, the one with the most air.
 * Candidates: each obstacle's edges at a small and a full gap, and the frame's thirds.
 */
import type { Rect, SafeArea } from './text';

export const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** The block's top (px) clear of `avoid`: `top` itself when nothing is in the way. */
export function placeClear(
  top: number,
  blockH: number,
  size: number,
  area: SafeArea,
  canvasH: number,
  avoid: Rect[],
): number {
  const blockAt = (y: number): Rect => ({ x: area.left, y, w: area.right - area.left, h: blockH });
  if (!avoid.some((r) => overlaps(blockAt(top), r))) return top;
  // Vertical air between the block at y and the nearest obstacle across its width (-1: overlap).
  const air = (y: number) => {
    let gap = Infinity;
    for (const r of avoid) {
      if (r.x >= area.right || r.x + r.w <= area.left) continue;
      if (r.y < y + blockH && r.y + r.h > y) return -1;
      gap = Math.min(gap, r.y >= y + blockH ? r.y - (y + blockH) : y - (r.y + r.h));
    }
    return gap;
  };
  const candidates = [
    area.top,
    Math.round(canvasH * 0.25 - blockH / 2),
    Math.round((canvasH - blockH) / 2),
    Math.round(canvasH * 0.75 - blockH / 2),
    area.bottom - blockH,
    ...avoid.flatMap((r) =>
      [0.3, 1.5].flatMap((k) => [r.y + r.h + Math.round(size * k), r.y - Math.round(size * k) - blockH]),
    ),
  ].filter((y) => y >= area.top && y + blockH <= area.bottom && air(y) >= 0);
  const enough = 1.5 * size;
  let best: number | undefined;
  for (const y of candidates) {
    const a = Math.min(air(y), enough);
    const b = best === undefined ? -1 : Math.min(air(best), enough);
    if (best === undefined || a > b || (a === b && Math.abs(y - top) < Math.abs(best - top))) best = y;
  }
  if (best !== undefined) return best;
  // Nowhere clear (a face filling the frame): below the first obstacle when the block fits there.
  const hit = avoid.find((r) => overlaps(blockAt(top), r))!;
  const below = hit.y + hit.h + Math.round(size * 0.3);
  return below + blockH <= area.bottom ? below : top;
}
