/**
 * Building blocks shared by the first plan and the edits: finding and placing tracks, making
 * segments with the documented fields (src/contract/draft.ts), re-spreading the video track and
 * re-timing everything else when the total length changes.
 */
import type { Draft, DraftSegment, DraftTrack } from '../../contract/draft';
import { TrackType } from '../../contract/draft';
import { draftDurationMs } from '../../contract/draftRead';
import type { MediaFile } from '../contracts';
import type { Corner, TextPosition } from './types';
import { DEFAULT_TRANSITION_MS, rescaleSegment, spread, type SpreadItem } from './timing';

export const BUILTIN_BED = { src: 'builtin:bed', name: 'Lo-fi bed' } as const;
export const MUSIC_VOLUME = 0.35;
export const TITLE_MS = 3_000;
export const CAPTION_MS = 4_000;
export const LOGO_SCALE = 0.18;
/**
 * A clip's own sound stays at full level under music: someone talking in it must stay audible
 * (the renderer ducks the music under it). Earlier drafts used 0.3 under music.
 */
const CLIP_VOLUME = 1;
const LEGACY_CLIP_VOLUME_UNDER_MUSIC = 0.3;
const MOTIONS = ['in', 'left', 'out', 'right'] as const;
/** Canonical order of tracks in `t` (the renderer layers by type, this is for readability). */
const ORDER: number[] = [TrackType.Video, TrackType.Audio, TrackType.Overlay, TrackType.Text];

export function findTrack(draft: Draft, tt: number): DraftTrack | undefined {
  return draft.t?.find((t) => t.tt === tt);
}

export function putTrack(draft: Draft, track: DraftTrack): void {
  const tracks = (draft.t ?? []).filter((t) => t.tt !== track.tt);
  tracks.push(track);
  tracks.sort((a, b) => rank(a.tt) - rank(b.tt));
  draft.t = tracks;
}

function rank(tt: number): number {
  const i = ORDER.indexOf(tt);
  return i < 0 ? ORDER.length : i;
}

export function removeTrack(draft: Draft, tt: number): boolean {
  const before = draft.t?.length ?? 0;
  draft.t = (draft.t ?? []).filter((t) => t.tt !== tt);
  return draft.t.length < before;
}

export function totalOf(draft: Draft): number {
  return draftDurationMs(draft);
}

function naturalMs(f: MediaFile | undefined): number | undefined {
  return f?.kind === 'video' && f.duration && f.duration > 0 ? Math.round(f.duration * 1000) : undefined;
}

/** The video track for these photos/clips in upload order. Returns the total actually used. */
export function makeVideoTrack(
  visuals: MediaFile[],
  totalMs: number,
  crossfade: boolean,
): { track: DraftTrack; totalMs: number } {
  const items: SpreadItem[] = visuals.map((f) => ({
    kind: f.kind === 'video' ? 'video' : 'image',
    naturalMs: naturalMs(f),
  }));
  const r = spread(items, totalMs, crossfade);
  let photo = 0;
  const sg: DraftSegment[] = visuals.map((f, i) => {
    const seg = r.segments[i]!;
    const m: DraftSegment['m'] =
      f.kind === 'video'
        ? { src: f.id, name: f.name, kind: 'video', trim: 0, ...(f.hasAudio ? { volume: CLIP_VOLUME } : {}) }
        : { src: f.id, name: f.name, kind: 'image', motion: MOTIONS[photo++ % MOTIONS.length] };
    return { s: seg.s, d: seg.d, m };
  });
  const track: DraftTrack = {
    tt: TrackType.Video,
    m: { name: 'Video', transition: crossfade ? 'crossfade' : 'none', transitionMs: crossfade ? r.transitionMs : 0 },
    sg,
  };
  return { track, totalMs: r.totalMs };
}

/** Re-spreads existing video segments over a new total (keeps each segment's other fields). */
export function respreadVideo(track: DraftTrack, media: MediaFile[], totalMs: number, crossfade: boolean): number {
  const items: SpreadItem[] = track.sg.map((seg) => {
    const f = media.find((x) => x.id === seg.m?.src);
    const kind = seg.m?.kind === 'video' || f?.kind === 'video' ? 'video' : 'image';
    return { kind, naturalMs: naturalMs(f) };
  });
  const r = spread(items, totalMs, crossfade);
  track.sg.forEach((seg, i) => {
    seg.s = r.segments[i]!.s;
    seg.d = r.segments[i]!.d;
  });
  track.m = { ...track.m, transition: crossfade ? 'crossfade' : 'none', transitionMs: crossfade ? r.transitionMs : 0 };
  return r.totalMs;
}

/**
 * Clips keep their own sound when music comes or goes (a clip the user muted stays muted); the
 * old automatic 0.3-under-music level is lifted back to full.
 */
export function syncClipVolumes(draft: Draft): void {
  for (const seg of findTrack(draft, TrackType.Video)?.sg ?? []) {
    if (seg.m?.kind === 'video' && seg.m.volume === LEGACY_CLIP_VOLUME_UNDER_MUSIC) seg.m.volume = CLIP_VOLUME;
  }
}

export function makeMusicTrack(src: string, name: string, totalMs: number, volume = MUSIC_VOLUME): DraftTrack {
  return {
    tt: TrackType.Audio,
    m: { name: 'Music' },
    sg: [{ s: 0, d: totalMs, m: { src, name, volume, loop: true, fadeOut: Math.min(2_000, Math.round(totalMs / 3)) } }],
  };
}

export function makeLogoTrack(
  logo: { src: string; name: string },
  totalMs: number,
  position: Corner,
  scale = LOGO_SCALE,
): DraftTrack {
  return {
    tt: TrackType.Overlay,
    m: { name: 'Logo' },
    sg: [{ s: 0, d: totalMs, m: { src: logo.src, name: logo.name, position, scale } }],
  };
}

export function titleSegment(
  text: string,
  totalMs: number,
  position: TextPosition = 'center',
  scale = 1,
): DraftSegment {
  return { s: 0, d: Math.min(TITLE_MS, totalMs), m: { text, role: 'title', position, scale } };
}

export function captionSegment(text: string, s: number, d: number): DraftSegment {
  return { s, d, m: { text, role: 'caption', position: 'bottom', box: true, scale: 1 } };
}

export function textTrack(draft: Draft): DraftTrack {
  let t = findTrack(draft, TrackType.Text);
  if (!t) {
    t = { tt: TrackType.Text, m: { name: 'Text' }, sg: [] };
    putTrack(draft, t);
  }
  return t;
}

/** Drops the text track when its last segment went. */
export function pruneEmptyText(draft: Draft): void {
  const t = findTrack(draft, TrackType.Text);
  if (t && t.sg.length === 0) removeTrack(draft, TrackType.Text);
}

export function sortByStart(track: DraftTrack): void {
  track.sg.sort((a, b) => (a.s ?? 0) - (b.s ?? 0) || (a.m?.role === 'title' ? -1 : 1));
}

/**
 * Changes the total: re-spreads the video track, scales text times proportionally (clipped to
 * the end) and stretches music and logo to the new end. Returns the total actually used.
 */
export function retime(draft: Draft, media: MediaFile[], requestedMs: number): number {
  const old = totalOf(draft) || requestedMs;
  const video = findTrack(draft, TrackType.Video);
  const crossfade = video?.m?.transition !== 'none';
  const total = video && video.sg.length ? respreadVideo(video, media, requestedMs, crossfade) : requestedMs;
  const k = total / old;
  for (const t of draft.t ?? []) {
    if (t.tt === TrackType.Video) continue;
    for (const seg of t.sg) {
      if (t.tt === TrackType.Audio || t.tt === TrackType.Overlay) {
        seg.s = 0;
        seg.d = total;
        if (t.tt === TrackType.Audio && typeof seg.m?.fadeOut === 'number')
          seg.m.fadeOut = Math.min(2_000, Math.round(total / 3));
      } else {
        const maxD = seg.m?.role === 'title' ? 2 * TITLE_MS : 2 * CAPTION_MS;
        Object.assign(seg, rescaleSegment(seg, k, total, maxD));
      }
    }
  }
  draft.d = total;
  // The picture's fade to black stays as long as the music's; the end card keeps to a third.
  if (draft.m && typeof draft.m.fadeOutMs === 'number') draft.m.fadeOutMs = Math.min(2_000, Math.round(total / 3));
  if (draft.m?.endCard && typeof draft.m.endCard.ms === 'number')
    draft.m.endCard = { ...draft.m.endCard, ms: Math.min(3_000, Math.round(total / 3)) };
  return total;
}

export { DEFAULT_TRANSITION_MS };
