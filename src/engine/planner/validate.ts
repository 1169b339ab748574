/**
 * The contract every draft the planner hands out must meet (docs/draft.md): whatever path an
 * edit took, a draft that breaks it is never saved — the turn keeps the previous draft and says so.
 */
import type { Draft } from '../../contract/draft';
import { TrackType } from '../../contract/draft';
import { MAX_TOTAL_MS } from './timing';

/** Problems found, empty when the draft is valid. */
export function draftProblems(d: Draft): string[] {
  const out: string[] = [];
  const total = d.d;
  if (typeof total !== 'number' || !Number.isInteger(total) || total <= 0 || total > MAX_TOTAL_MS)
    out.push(`length ${String(total)}`);
  const video = d.t?.find((t) => t.tt === TrackType.Video);
  if (!video || video.sg.length === 0) return [...out, 'no photos or clips on the video track'];
  const t = video.m?.transition === 'none' ? 0 : Number(video.m?.transitionMs ?? 0);
  if (!Number.isFinite(t) || t < 0) out.push('transition length');
  video.sg.forEach((seg, i) => {
    if (!Number.isInteger(seg.s) || !Number.isInteger(seg.d) || (seg.d ?? 0) <= 0) out.push(`shot ${i + 1} timing`);
    if (!seg.m?.src) out.push(`shot ${i + 1} has no file`);
    if (video.sg.length > 1 && (seg.d ?? 0) < 2 * t) out.push(`shot ${i + 1} shorter than its crossfades`);
    const next = video.sg[i + 1];
    if (next && next.s !== (seg.s ?? 0) + (seg.d ?? 0) - t) out.push(`overlap after shot ${i + 1}`);
    const v = seg.m?.volume;
    if (v !== undefined && (typeof v !== 'number' || v < 0 || v > 2)) out.push(`shot ${i + 1} volume`);
  });
  if (video.sg[0]?.s !== 0) out.push('first shot does not start at 0');
  const last = video.sg[video.sg.length - 1]!;
  if ((last.s ?? 0) + (last.d ?? 0) !== total) out.push('last shot does not end at the length');
  for (const tr of d.t ?? []) {
    if (tr.tt === TrackType.Video) continue;
    tr.sg.forEach((seg, i) => {
      const s = seg.s ?? 0;
      const len = seg.d ?? 0;
      if (s < 0 || len <= 0 || s + len > (total ?? 0)) out.push(`track ${tr.tt} item ${i + 1} outside the video`);
      if (tr.tt === TrackType.Text && !String(seg.m?.text ?? '').trim()) out.push(`empty text ${i + 1}`);
      const v = seg.m?.volume;
      if (tr.tt === TrackType.Audio && (typeof v !== 'number' || v < 0 || v > 2)) out.push('music volume');
    });
  }
  return out;
}
