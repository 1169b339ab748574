/**
 * Edits of the video track's photos and clips as a viewer sees them: each shot has an on-screen
 * time (its length minus half of each crossfade it shares), and reordering, removing, adding,
 * replacing or holding a shot changes only those times and the order. The layout is then
 * rebuilt so the renderer's contract holds (docs/draft.md: consecutive segments overlap by the
 * transition, the last one ends at the draft's length), and text, music and logo follow.
 */
import type { Draft, DraftSegment, DraftSegmentMeta, DraftTrack } from '../../contract/draft';
import { TrackType } from '../../contract/draft';
import type { MediaFile } from '../contracts';
import { classifyMedia } from './media';
import { resolveInTrack, resolveUpload, type MediaRef } from './refs';
import { DEFAULT_TRANSITION_MS, MAX_TOTAL_MS, MIN_TOTAL_MS } from './timing';
import { findTrack, totalOf } from './tracks';
import type { Change, Op } from './types';

interface Shot {
  seg: DraftSegment;
  /** On-screen time, ms. */
  vis: number;
}

const MOTIONS = ['in', 'left', 'out', 'right'] as const;
const MIN_SHOT_MS = 400;
const MAX_HOLD_MS = 30_000;
const MAX_SHOTS = 120;

const nameOf = (seg: DraftSegment): string => String(seg.m?.name ?? seg.m?.src ?? '?');

function naturalOf(seg: DraftSegment, media: MediaFile[]): number | undefined {
  const f = media.find((x) => x.id === seg.m?.src);
  return f?.kind === 'video' && f.duration ? Math.round(f.duration * 1000) : undefined;
}

/** The shots of the video track with their on-screen times. */
export function shotsOf(track: DraftTrack): Shot[] {
  const sg = track.sg;
  return sg.map((seg, i) => {
    const prev = sg[i - 1];
    const next = sg[i + 1];
    const before = prev ? Math.max(0, (prev.s ?? 0) + (prev.d ?? 0) - (seg.s ?? 0)) : 0;
    const after = next ? Math.max(0, (seg.s ?? 0) + (seg.d ?? 0) - (next.s ?? 0)) : 0;
    return { seg, vis: Math.max(1, (seg.d ?? 0) - before / 2 - after / 2) };
  });
}

/** Segment fields for an upload placed on the video track. */
export function videoMeta(f: MediaFile, photoIndex: number): DraftSegmentMeta {
  return f.kind === 'video'
    ? { src: f.id, name: f.name, kind: 'video', trim: 0, ...(f.hasAudio ? { volume: 1 } : {}) }
    : { src: f.id, name: f.name, kind: 'image', motion: MOTIONS[photoIndex % MOTIONS.length] };
}

/**
 * Lays the shots out again: lengths from on-screen times plus half of each crossfade, the
 * crossfade shortened when a shot is too short for it, clips never longer than their footage,
 * the total kept within 3–180 s. Other tracks follow the new length.
 */
export function layout(draft: Draft, shots: Shot[], media: MediaFile[]): number {
  const video = findTrack(draft, TrackType.Video);
  if (!video || shots.length === 0) return totalOf(draft);
  const oldTotal = totalOf(draft);
  const n = shots.length;
  let vis = shots.map((x) => Math.max(MIN_SHOT_MS, Math.round(x.vis)));
  const sum = vis.reduce((a, b) => a + b, 0);
  if (sum < MIN_TOTAL_MS || sum > MAX_TOTAL_MS) {
    const k = Math.min(MAX_TOTAL_MS, Math.max(MIN_TOTAL_MS, sum)) / sum;
    vis = vis.map((v) => Math.max(1, Math.round(v * k)));
  }
  const crossfade = video.m?.transition !== 'none';
  const wanted =
    typeof video.m?.transitionMs === 'number' && video.m.transitionMs > 0
      ? video.m.transitionMs
      : DEFAULT_TRANSITION_MS;
  let t = 0;
  if (crossfade && n > 1) {
    // d ≥ 2T for every shot: a middle shot needs vis ≥ T, an end shot vis ≥ 1.5 T.
    const limit = Math.min(...vis.map((v, i) => (i === 0 || i === n - 1 ? v / 1.5 : v)));
    t = Math.max(0, Math.floor(Math.min(wanted, limit) / 10) * 10);
  }
  const half = (i: number) => ((i > 0 ? 1 : 0) + (i < n - 1 ? 1 : 0)) * (t / 2);
  const hasPhotos = shots.some((x) => x.seg.m?.kind !== 'video');
  let s = 0;
  const sg: DraftSegment[] = shots.map((x, i) => {
    let d = vis[i]! + half(i);
    const nat = naturalOf(x.seg, media);
    if (nat !== undefined && hasPhotos)
      d = Math.min(d, Math.max(nat - (typeof x.seg.m?.trim === 'number' ? x.seg.m.trim : 0), 2 * t + 1));
    const out = { ...x.seg, s, d };
    s += d - t;
    return out;
  });
  const total = s + t;
  video.sg = sg;
  video.m = { ...video.m, transition: crossfade ? 'crossfade' : 'none', transitionMs: t };
  draft.d = total;
  followLength(draft, oldTotal, total);
  return total;
}

/** Music and logo span the video; text that closed the video still closes it; nothing runs past the end. */
export function followLength(draft: Draft, oldTotal: number, total: number): void {
  for (const tr of draft.t ?? []) {
    if (tr.tt === TrackType.Video) continue;
    for (const seg of tr.sg) {
      if (tr.tt === TrackType.Audio || tr.tt === TrackType.Overlay) {
        seg.s = 0;
        seg.d = total;
        if (tr.tt === TrackType.Audio && typeof seg.m?.fadeOut === 'number')
          seg.m.fadeOut = Math.min(2_000, Math.round(total / 3));
        continue;
      }
      const s0 = seg.s ?? 0;
      const d0 = seg.d ?? total;
      const closing = Math.abs(s0 + d0 - oldTotal) <= 50 && s0 > 0;
      let s = closing ? Math.max(0, total - d0) : s0;
      if (s >= total) s = Math.max(0, total - Math.min(d0, total));
      seg.s = s;
      seg.d = Math.max(1, Math.min(d0, total - s));
    }
  }
}

/** Raised when a reference names no shot, or several where one is meant. */
class Unresolved {
  constructor(
    readonly reason: 'noSuchMedia' | 'ambiguous',
    readonly ref: MediaRef | undefined,
    readonly names: string[],
  ) {}
}

/** The one shot a reference names; several equally good matches are a question, not a guess. */
function one(ref: MediaRef, segs: DraftSegment[]): number {
  const hits = resolveInTrack(ref, segs);
  const distinct = [...new Set(hits.map((i) => segs[i]!.m?.src))];
  if (!hits.length) throw new Unresolved('noSuchMedia', ref, [...new Set(segs.map(nameOf))]);
  if (distinct.length > 1) throw new Unresolved('ambiguous', ref, [...new Set(hits.map((i) => nameOf(segs[i]!)))]);
  return hits[0]!;
}

const sameOrder = (a: Shot[], b: Shot[]) => a.length === b.length && a.every((x, i) => x.seg === b[i]!.seg);

/** Reorder, remove, add, replace, hold. */
export function applyArrange(draft: Draft, op: Op, media: MediaFile[], changes: Change[]): void {
  try {
    arrange(draft, op, media, changes);
  } catch (e) {
    if (!(e instanceof Unresolved)) throw e;
    changes.push({
      kind: 'skipped',
      reason: e.reason,
      what: op.op,
      ...(e.ref ? { ref: e.ref.text } : {}),
      names: e.names,
    });
  }
}

function arrange(draft: Draft, op: Op, media: MediaFile[], changes: Change[]): void {
  const video = findTrack(draft, TrackType.Video);
  if (!video || video.sg.length === 0) throw new Unresolved('noSuchMedia', undefined, []);
  const shots = shotsOf(video);
  const segs = shots.map((x) => x.seg);
  const visuals = classifyMedia(media).visuals;
  let next: Shot[];
  switch (op.op) {
    case 'reverse':
      next = [...shots].reverse();
      break;
    case 'move': {
      const i = one(op.ref, segs);
      const moving = shots[i]!;
      const others = shots.filter((_, k) => k !== i);
      if (op.to === 'first') next = [moving, ...others];
      else if (op.to === 'last') next = [...others, moving];
      else {
        if (!op.anchor) throw new Unresolved('noSuchMedia', undefined, []);
        const a = one(op.anchor, segs);
        if (a === i) return void changes.push({ kind: 'already', what: 'order', detail: segs.map(nameOf).join(', ') });
        const at = others.indexOf(shots[a]!) + (op.to === 'after' ? 1 : 0);
        next = [...others.slice(0, at), moving, ...others.slice(at)];
      }
      break;
    }
    case 'swap': {
      const a = one(op.a, segs);
      // "swap the cake pic for the puppy one": the second is an upload not in the video → replace.
      if (!resolveInTrack(op.b, segs).length && resolveUpload(op.b, segs, visuals).length) {
        return arrange(draft, { op: 'replaceMedia', ref: op.a, with: op.b }, media, changes);
      }
      const b = one(op.b, segs);
      if (a === b) return void changes.push({ kind: 'already', what: 'order', detail: segs.map(nameOf).join(', ') });
      next = [...shots];
      next[a] = shots[b]!;
      next[b] = shots[a]!;
      break;
    }
    case 'removeMedia': {
      // Several matches are all removed only when the words say so ("the beach ones", "both").
      const plural = /\b(?:ones|all|both|every|photos|pics|pictures|shots|clips)\b|都|全部|所有/.test(op.ref.text);
      const picked = plural ? resolveInTrack(op.ref, segs) : [one(op.ref, segs)];
      // A photo a look shows more than once (lookPace.ts) goes with all its showings.
      const srcs = new Set(picked.map((k) => segs[k]!.m?.src));
      const hit = new Set(segs.flatMap((seg, k) => (srcs.has(seg.m?.src) ? [k] : [])));
      if (!hit.size) throw new Unresolved('noSuchMedia', op.ref, [...new Set(segs.map(nameOf))]);
      if (hit.size >= shots.length)
        return void changes.push({ kind: 'skipped', reason: 'lastShot', what: op.op, ref: op.ref.text });
      next = shots.filter((_, k) => !hit.has(k));
      layout(draft, next, media);
      changes.push({ kind: 'mediaRemoved', names: [...new Set([...hit].map((k) => nameOf(segs[k]!)))] });
      return;
    }
    case 'appendMedia': {
      const add = resolveUpload(op.ref, segs, visuals).filter((f) => !segs.some((s) => s.m?.src === f.id));
      if (!add.length)
        return void changes.push({ kind: 'skipped', reason: 'noNewMedia', what: op.op, ref: op.ref.text });
      const photoVis = shots.filter((x) => x.seg.m?.kind !== 'video').map((x) => x.vis);
      const typical = photoVis.length ? photoVis.reduce((a, b) => a + b, 0) / photoVis.length : 3_000;
      let photoIndex = segs.filter((s) => s.m?.kind === 'image').length;
      const fresh: Shot[] = add.map((f) => ({
        seg: { m: videoMeta(f, f.kind === 'image' ? photoIndex++ : 0) },
        vis: f.kind === 'video' && f.duration ? Math.min(f.duration * 1000, 10_000) : typical,
      }));
      next = op.at === 'start' ? [...fresh, ...shots] : [...shots, ...fresh];
      layout(draft, next, media);
      changes.push({ kind: 'mediaAdded', names: add.map((f) => f.name), at: op.at });
      return;
    }
    case 'replaceMedia': {
      const i = one(op.ref, segs);
      const f = resolveUpload(op.with, segs, visuals).find((x) => x.id !== segs[i]!.m?.src);
      if (!f)
        throw new Unresolved(
          'noSuchMedia',
          op.with,
          visuals.map((x) => x.name),
        );
      const old = shots[i]!;
      const motion = old.seg.m?.motion;
      const m = videoMeta(f, 0);
      if (f.kind === 'image' && motion) m.motion = motion;
      next = [...shots];
      next[i] = { seg: { m }, vis: f.kind === 'video' && f.duration ? Math.min(old.vis, f.duration * 1000) : old.vis };
      layout(draft, next, media);
      changes.push({ kind: 'mediaReplaced', from: nameOf(old.seg), to: f.name });
      return;
    }
    case 'hold': {
      const i = one(op.ref, segs);
      const want = Math.min(
        MAX_HOLD_MS,
        Math.max(MIN_SHOT_MS, Math.round(op.ms ?? shots[i]!.vis * (op.factor ?? 1.6))),
      );
      next = shots.map((x, k) => (k === i ? { ...x, vis: want } : x));
      layout(draft, next, media);
      const after = shotsOf(findTrack(draft, TrackType.Video)!)[i]!;
      changes.push({ kind: 'held', name: nameOf(segs[i]!), seconds: Math.round(after.vis / 100) / 10 });
      return;
    }
    default:
      return;
  }
  if (sameOrder(next, shots))
    return void changes.push({ kind: 'already', what: 'order', detail: shots.map((x) => nameOf(x.seg)).join(', ') });
  layout(draft, next, media);
  changes.push({ kind: 'order', names: next.map((x) => nameOf(x.seg)) });
}

/**
 * Pace whatever the length: quick cuts cycle through the shots (a clip continues where it left
 * off) so a long video still cuts every ~1.2 s; slow and calm gives each upload one long shot.
 */
export function applyPace(draft: Draft, shotMs: number, media: MediaFile[], changes: Change[]): void {
  const video = findTrack(draft, TrackType.Video);
  if (!video || !video.sg.length) return;
  const total = totalOf(draft);
  const seen = new Set<unknown>();
  const unique = video.sg
    .filter((s) => (seen.has(s.m?.src) ? false : (seen.add(s.m?.src), true)))
    .map((s) => ({ ...s, m: { ...s.m, ...(s.m?.kind === 'video' ? { trim: 0 } : {}) } }));
  let shots: Shot[];
  if (shotMs < 2_000) {
    const count = Math.min(MAX_SHOTS, Math.max(unique.length, Math.round(total / shotMs)));
    const vis = total / count;
    const played = new Map<unknown, number>();
    shots = Array.from({ length: count }, (_, k) => {
      const base = unique[k % unique.length]!;
      const round = Math.floor(k / unique.length);
      const m: DraftSegmentMeta = { ...base.m };
      if (m.kind === 'video') {
        const nat = naturalOf(base, media) ?? 0;
        const at = played.get(m.src) ?? 0;
        m.trim = at + vis + 1 <= nat ? Math.round(at) : 0;
        played.set(m.src, (m.trim ?? 0) + vis);
      } else if (round > 0)
        m.motion =
          MOTIONS[(MOTIONS.indexOf((base.m?.motion as (typeof MOTIONS)[number]) ?? 'in') + round) % MOTIONS.length];
      return { seg: { m }, vis };
    });
  } else {
    shots = unique.map((seg) => {
      const nat = naturalOf(seg, media);
      return { seg, vis: nat ? Math.min(nat, shotMs) : shotMs };
    });
  }
  const before = JSON.stringify(video.sg);
  const used = layout(draft, shots, media);
  if (JSON.stringify(findTrack(draft, TrackType.Video)!.sg) === before) return;
  changes.push({
    kind: 'pace',
    shotSeconds: Math.round(used / shots.length / 100) / 10,
    shots: shots.length,
    seconds: used / 1000,
  });
}
