/**
 * The part of a draft one frame needs. Rendering the whole timeline to look at second 25 would
 * push 750 frames through the graph; instead the frame is rendered from the few segments that
 * are on screen at that time (a crossfade is an overlap, so both sides are among them), shifted
 * so the earliest video segment starts at 0. Whole segments are kept (never cut), so a photo's
 * motion and a title's fade land on exactly the frame the export shows; a text or logo that
 * began earlier keeps its place (a negative start). Audio is dropped and clips are muted.
 */
import type { Draft, DraftSegment, DraftTrack } from '../../contract/draft';
import { readTrack, tracksOf } from '../../contract/draftRead';
import { durationOf } from '../render/graph';

export interface DraftSlice {
  draft: Draft;
  /** Where `timeMs` falls in the sliced draft. */
  seekMs: number;
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

export function sliceForFrame(draft: Draft, timeMs: number): DraftSlice {
  // Every start resolved the one way the renderer reads it (contract/draftRead), then written
  // out as `s` so the slice's own starts are explicit.
  const tracks = tracksOf(draft).map((t) => ({
    ...t,
    sg: readTrack(t).segments.map((x) => ({ ...x.raw, s: x.startMs, d: x.durationMs })),
  }));
  const startOf = (s: DraftSegment) => num(s.s);
  const covers = (s: DraftSegment) => num(s.d) > 0 && startOf(s) <= timeMs && startOf(s) + num(s.d) > timeMs;
  const kept: DraftTrack[] = [];
  for (const t of tracks) {
    if (t.tt === 1) continue; // audio: not needed for a picture
    const sg = t.sg.filter(covers);
    if (sg.length) kept.push({ ...t, sg });
  }
  // Seeking costs a filtered frame per frame skipped: start at the video segment, not at 0.
  const starts = kept.filter((t) => t.tt === 0).flatMap((t) => t.sg.map(startOf));
  const offset = starts.length ? Math.max(0, Math.min(timeMs, ...starts)) : timeMs;
  const shift = (t: DraftTrack): DraftTrack => ({
    ...t,
    sg: t.sg.map((s) => ({
      ...s,
      s: startOf(s) - offset,
      ...(t.tt === 0 ? { m: { ...s.m, volume: 0 } } : {}),
    })),
  });
  const sliced = kept.map(shift);
  const end = Math.max(timeMs - offset + 100, ...sliced.flatMap((t) => t.sg.map((s) => num(s.s) + num(s.d))));
  // The slice never runs past the real end (a held last frame stays held).
  const d = Math.min(end, durationOf(draft) - offset);
  return { draft: { ...draft, t: sliced, d: Math.max(d, timeMs - offset + 1) }, seekMs: timeMs - offset };
}
