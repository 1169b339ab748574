/**
 * Applies edit operations to a draft. Each op changes only what it names; the input draft is
 * never mutated (unknown keys of cloud drafts are carried over untouched). Length changes go
 * first so a caption placed "at 10s" in the same request lands at 10 s of the new timeline.
 */
import { alignToBeat } from './beatSync';
import type { Draft, DraftSegment } from '../../contract/draft';
import { STYLE_NAMES, TrackType } from '../../contract/draft';
import { durationMs, explicitStartMs } from '../../contract/draftRead';
import type { MediaFile } from '../contracts';
import { classifyMedia, defaultCaptions, defaultTitle } from './media';
import {
  CAPTION_MS,
  BUILTIN_BED,
  findTrack,
  makeLogoTrack,
  makeMusicTrack,
  pruneEmptyText,
  putTrack,
  removeTrack,
  respreadVideo,
  retime,
  sortByStart,
  syncClipVolumes,
  textTrack,
  titleSegment,
  captionSegment,
  totalOf,
  TITLE_MS,
} from './tracks';
import { clampTotal } from './timing';
import { applyArrange, applyPace } from './arrange';
import { applyLookPace, userTimed } from './lookPace';
import { resolveAudio } from './refs';
import type { Change, Corner, Lang, Op, TextTarget } from './types';

export interface EditContext {
  media: MediaFile[];
  lang: Lang;
  promo: boolean;
  /** Earlier drafts of the session, newest first ("bring the music back" restores from them). */
  previous?: Draft[];
}

export interface EditResult {
  draft: Draft;
  changes: Change[];
}

/** Which shots first, then how long, then everything that sits on top of the timeline. */
const ARRANGE_OPS = new Set<Op['op']>(['move', 'swap', 'reverse', 'removeMedia', 'appendMedia', 'replaceMedia']);
const TIMING_OPS = new Set<Op['op']>(['canvas', 'duration', 'perItem', 'scaleLength', 'transition', 'pace', 'hold']);
const MIN_SCALE = 0.4;
const MAX_SCALE = 2.5;
const MAX_LOGO_SCALE = 0.5;
const MIN_LOGO_SCALE = 0.06;
/** A caption shorter than this is not worth showing. */
const MIN_CAPTION_MS = 1_500;

export function applyOps(input: Draft, ops: Op[], ctx: EditContext): EditResult {
  const draft = structuredClone(input);
  const changes: Change[] = [];
  const ordered = [
    ...ops.filter((o) => ARRANGE_OPS.has(o.op)),
    ...ops.filter((o) => TIMING_OPS.has(o.op)),
    ...ops.filter((o) => !TIMING_OPS.has(o.op) && !ARRANGE_OPS.has(o.op)),
  ];
  for (const op of ordered) applyOne(draft, op, ctx, changes);
  // Last, once the length, shots and music are settled: picture changes onto the beat.
  const beat = [...ops].reverse().find((o) => o.op === 'beatSync');
  // Exact shot times the user gave ("2 seconds per photo", "quick cuts", "stay on X for 5 s")
  // win over the automatic beat grid, now and in later turns, until they ask for the beat.
  const video = findTrack(draft, TrackType.Video);
  if (!beat && video && ops.some((o) => o.op === 'perItem' || o.op === 'pace' || o.op === 'hold'))
    video.m = { ...video.m, beatSync: false };
  changes.push(...alignToBeat(draft, ctx.media, beat?.op === 'beatSync' ? beat.on : undefined));
  return { draft, changes };
}

function textSegs(draft: Draft, target: TextTarget): DraftSegment[] {
  const sg = findTrack(draft, TrackType.Text)?.sg ?? [];
  if (target === 'all') return sg;
  return sg.filter((s) => (s.m?.role === 'title') === (target === 'title'));
}

/** Shot times the user gave win over a look's pace, in this turn and later ones. */
function markUserTimed(draft: Draft): void {
  const video = findTrack(draft, TrackType.Video);
  if (video && !userTimed(draft)) video.m = { ...video.m, timing: 'user' };
}

function setTotal(draft: Draft, ms: number, ctx: EditContext, changes: Change[], requestedMs?: number): void {
  const total = retime(draft, ctx.media, clampTotal(ms));
  if (requestedMs !== undefined)
    changes.push({ kind: 'clamped', requestedSeconds: requestedMs / 1000, seconds: total / 1000 });
  else if (total < clampTotal(ms)) changes.push({ kind: 'clipsShort', seconds: total / 1000 });
  changes.push({ kind: 'duration', seconds: total / 1000 });
}

function setTitle(draft: Draft, text: string): void {
  const total = totalOf(draft);
  const existing = textSegs(draft, 'title')[0];
  if (existing) existing.m = { ...existing.m, text };
  else {
    const track = textTrack(draft);
    track.sg.unshift(titleSegment(text, total));
  }
  draft.m = { ...draft.m, title: text };
}

/** Where a new caption goes: the time asked, else after the title and the last caption. */
export function placeCaption(
  draft: Draft,
  atMs: number | undefined,
  durMs: number | undefined,
  afterTitle = false,
): { s: number; d: number } {
  const total = totalOf(draft);
  let d = Math.min(durMs ?? CAPTION_MS, total);
  let s: number;
  const title = textSegs(draft, 'title')[0];
  if (afterTitle && title)
    s = Math.min((explicitStartMs(title) ?? 0) + durationMs(title), Math.max(0, total - Math.min(d, MIN_CAPTION_MS)));
  else if (atMs === undefined) {
    const ends = textSegs(draft, 'all').map((x) => (explicitStartMs(x) ?? 0) + durationMs(x));
    const free = Math.max(0, ...ends);
    s = free + Math.min(d, MIN_CAPTION_MS) <= total ? free : Math.max(0, total - d);
  } else if (atMs < 0 || atMs >= total) s = Math.max(0, total - d);
  else s = atMs;
  d = Math.min(d, total - s);
  return { s, d };
}

function addCaption(
  draft: Draft,
  text: string,
  atMs: number | undefined,
  durMs: number | undefined,
  afterTitle?: boolean,
): number {
  const { s, d } = placeCaption(draft, atMs, durMs, afterTitle);
  const track = textTrack(draft);
  track.sg.push(captionSegment(text, s, d));
  sortByStart(track);
  return s;
}

/** "with text overlays": a title if missing, plus a middle caption and a closing one. */
function addTextOverlays(draft: Draft, ctx: EditContext, changes: Change[]): void {
  const visuals = classifyMedia(ctx.media).visuals;
  const title =
    textSegs(draft, 'title')[0]?.m?.text ??
    (typeof draft.m?.title === 'string' ? draft.m.title : defaultTitle(visuals, ctx.lang, ctx.promo));
  if (!textSegs(draft, 'title').length) setTitle(draft, title);
  if (textSegs(draft, 'caption').length) {
    changes.push({ kind: 'skipped', reason: 'unchanged', what: 'textOverlays' });
    return;
  }
  const total = totalOf(draft);
  const [middle, cta] = defaultCaptions(visuals, String(title), ctx.lang, ctx.promo);
  const track = textTrack(draft);
  // A promo's end card owns the last seconds: the closing caption ends where it starts.
  const card = draft.m?.endCard && typeof draft.m.endCard.ms === 'number' ? Math.min(draft.m.endCard.ms, total / 2) : 0;
  const ctaD = Math.min(CAPTION_MS, total - card);
  const ctaS = total - card - ctaD;
  const midS = Math.max(TITLE_MS, Math.round((total * 0.4) / 100) * 100);
  const midD = Math.min(CAPTION_MS, ctaS - midS);
  if (midD >= MIN_CAPTION_MS) track.sg.push(captionSegment(middle, midS, midD));
  track.sg.push(captionSegment(cta, ctaS, ctaD));
  sortByStart(track);
  changes.push({ kind: 'textOverlays', captions: textSegs(draft, 'caption').length });
}

function applyOne(draft: Draft, op: Op, ctx: EditContext, changes: Change[]): void {
  const total = totalOf(draft);
  const roles = classifyMedia(ctx.media);
  switch (op.op) {
    case 'canvas':
      if (draft.m?.width === op.width && draft.m?.height === op.height) {
        // Same frame: nothing to change, and the reply must not claim a switch.
        changes.push({ kind: 'already', what: 'canvas', detail: `${op.width}×${op.height}|${op.platform}` });
        return;
      }
      draft.m = { ...draft.m, width: op.width, height: op.height, platform: op.platform };
      changes.push({ kind: 'canvas', canvas: { width: op.width, height: op.height, platform: op.platform } });
      return;
    case 'duration':
      setTotal(draft, op.ms, ctx, changes, op.requestedMs);
      return void applyLookPace(draft, ctx.media); // a longer promo gets more shots, not slower ones
    case 'perItem': {
      const video = findTrack(draft, TrackType.Video);
      // "2 s per photo" means each photo once: a look's returning photos go.
      if (video) {
        const seen = new Set<unknown>();
        video.sg = video.sg.filter((s) => (seen.has(s.m?.src) ? false : (seen.add(s.m?.src), true)));
      }
      markUserTimed(draft);
      // Each shot is on screen op.ms: crossfades are shared by two shots, they do not eat the time.
      const n = video?.sg.length ?? 1;
      const want = n * op.ms;
      return setTotal(draft, want, ctx, changes, clampTotal(want) !== want ? want : undefined);
    }
    case 'scaleLength':
      setTotal(draft, total * op.factor, ctx, changes);
      return void applyLookPace(draft, ctx.media);
    case 'pace':
      markUserTimed(draft);
      return applyPace(draft, op.shotMs, ctx.media, changes);
    case 'hold':
      markUserTimed(draft);
      return applyArrange(draft, op, ctx.media, changes);
    case 'move':
    case 'swap':
    case 'reverse':
    case 'removeMedia':
    case 'appendMedia':
    case 'replaceMedia':
      return applyArrange(draft, op, ctx.media, changes);
    case 'transition': {
      const video = findTrack(draft, TrackType.Video);
      if (video) {
        const used = respreadVideo(video, ctx.media, total, op.kind === 'crossfade');
        if (used !== total) retime(draft, ctx.media, used);
      }
      changes.push({ kind: 'transition', crossfade: op.kind === 'crossfade' });
      return;
    }
    case 'title':
      setTitle(draft, op.text);
      changes.push({ kind: 'title', text: op.text });
      return;
    case 'ensureTitle': {
      if (textSegs(draft, 'title').length) {
        changes.push({ kind: 'skipped', reason: 'unchanged', what: op.op });
        return;
      }
      const text =
        typeof draft.m?.title === 'string' ? draft.m.title : defaultTitle(roles.visuals, ctx.lang, ctx.promo);
      setTitle(draft, text);
      changes.push({ kind: 'title', text });
      return;
    }
    case 'removeTitle': {
      const track = findTrack(draft, TrackType.Text);
      const had = textSegs(draft, 'title').length;
      if (track) track.sg = track.sg.filter((s) => s.m?.role !== 'title');
      pruneEmptyText(draft);
      changes.push(had ? { kind: 'titleRemoved' } : { kind: 'skipped', reason: 'noText', what: op.op });
      return;
    }
    case 'caption': {
      const at = addCaption(draft, op.text, op.atMs, op.durMs, op.afterTitle);
      changes.push({ kind: 'caption', text: op.text, atSeconds: at / 1000 });
      return;
    }
    case 'removeCaptions': {
      const track = findTrack(draft, TrackType.Text);
      const match = (s: DraftSegment): boolean =>
        s.m?.role !== 'title' &&
        (!op.text ||
          String(s.m?.text ?? '')
            .toLowerCase()
            .includes(op.text.toLowerCase()));
      const count = track ? track.sg.filter(match).length : 0;
      if (track) track.sg = track.sg.filter((s) => !match(s));
      pruneEmptyText(draft);
      changes.push(count ? { kind: 'captionsRemoved', count } : { kind: 'skipped', reason: 'noCaptions', what: op.op });
      return;
    }
    case 'textOverlays':
      return addTextOverlays(draft, ctx, changes);
    case 'style': {
      const was = draft.m?.style;
      const from = (STYLE_NAMES as readonly unknown[]).includes(was) ? was : undefined;
      if (from === op.style) {
        changes.push({ kind: 'already', what: 'style', detail: op.style });
        return;
      }
      draft.m = { ...draft.m, style: op.style };
      // The look brings its pace (lookPace.ts) unless the user timed the shots.
      const paced = applyLookPace(draft, ctx.media);
      changes.push({
        kind: 'style',
        style: op.style,
        ...(from ? { from } : {}),
        ...(paced ? { shots: paced.shots, shotSeconds: paced.shotSeconds } : {}),
      });
      return;
    }
    case 'textScale': {
      let segs = textSegs(draft, op.target);
      if (!segs.length && op.target === 'title') segs = textSegs(draft, 'all');
      if (!segs.length) {
        changes.push({ kind: 'skipped', reason: op.target === 'caption' ? 'noCaptions' : 'noText', what: op.op });
        return;
      }
      let scale = 1;
      for (const s of segs) {
        const cur = typeof s.m?.scale === 'number' ? s.m.scale : 1;
        scale = Math.round(Math.min(MAX_SCALE, Math.max(MIN_SCALE, cur * op.factor)) * 100) / 100;
        s.m = { ...s.m, scale };
      }
      changes.push({ kind: 'textScale', target: op.target, bigger: op.factor > 1, scale });
      return;
    }
    case 'textPosition': {
      let segs = textSegs(draft, op.target);
      if (!segs.length && op.target === 'title') segs = textSegs(draft, 'all');
      if (!segs.length) {
        changes.push({ kind: 'skipped', reason: op.target === 'caption' ? 'noCaptions' : 'noText', what: op.op });
        return;
      }
      for (const s of segs) s.m = { ...s.m, position: op.position };
      changes.push({ kind: 'textPosition', target: op.target, position: op.position });
      return;
    }
    default:
      return applySound(draft, op, ctx, changes, roles);
  }
}

/** Music and logo ops. */
function applySound(
  draft: Draft,
  op: Op,
  ctx: EditContext,
  changes: Change[],
  roles: ReturnType<typeof classifyMedia>,
): void {
  const total = totalOf(draft);
  const audio = findTrack(draft, TrackType.Audio);
  const seg = audio?.sg[0];
  switch (op.op) {
    case 'music': {
      // "change the music" with music on: the next uploaded song, else the built-in bed.
      const named = op.words?.length ? resolveAudio(op.words, roles.audio) : undefined;
      const other = named && named.id !== seg?.m?.src ? named : roles.audio.find((a) => a.id !== seg?.m?.src);
      if (seg && !op.change) {
        changes.push({ kind: 'already', what: 'music', detail: String(seg.m?.name ?? '') });
        return;
      }
      if (seg && op.change && !other && seg.m?.src === BUILTIN_BED.src) {
        changes.push({ kind: 'skipped', reason: 'onlyBed', what: op.op });
        return;
      }
      const song = seg ? other : roles.audio[0];
      const pick = song ? { src: song.id, name: song.name } : BUILTIN_BED;
      const keepVolume = typeof seg?.m?.volume === 'number' ? seg.m.volume : undefined;
      putTrack(draft, makeMusicTrack(pick.src, pick.name, total, keepVolume));
      syncClipVolumes(draft);
      // The only uploaded song was playing: say it was swapped for the built-in track.
      changes.push({ kind: 'music', name: pick.name, ...(seg && !song ? { from: String(seg.m?.name ?? '') } : {}) });
      return;
    }
    case 'useMySong': {
      // The newest upload is most likely the song the user means.
      const song = roles.audio[roles.audio.length - 1];
      if (!song) {
        changes.push({ kind: 'skipped', reason: 'noAudio', what: op.op });
        return;
      }
      const volume = typeof seg?.m?.volume === 'number' ? seg.m.volume : undefined;
      putTrack(draft, makeMusicTrack(song.id, song.name, total, volume));
      syncClipVolumes(draft);
      changes.push({ kind: 'music', name: song.name });
      return;
    }
    case 'musicRestore': {
      if (seg) {
        changes.push({ kind: 'already', what: 'music', detail: String(seg.m?.name ?? '') });
        return;
      }
      // What played before: the newest earlier draft with music (the built-in bed included).
      const before = (ctx.previous ?? []).map((d) => findTrack(d, TrackType.Audio)?.sg[0]).find((x) => x?.m?.src);
      const src = String(before?.m?.src ?? roles.audio[0]?.id ?? BUILTIN_BED.src);
      const known = src === BUILTIN_BED.src || roles.audio.some((a) => a.id === src);
      const name = known
        ? String(before?.m?.name ?? roles.audio.find((a) => a.id === src)?.name ?? BUILTIN_BED.name)
        : BUILTIN_BED.name;
      const volume = typeof before?.m?.volume === 'number' ? before.m.volume : undefined;
      putTrack(draft, makeMusicTrack(known ? src : BUILTIN_BED.src, name, total, volume));
      syncClipVolumes(draft);
      changes.push({ kind: 'music', name });
      return;
    }
    case 'musicPick': {
      const song = resolveAudio(op.words, roles.audio);
      if (!song) {
        changes.push({
          kind: 'skipped',
          reason: 'noAudio',
          what: op.op,
          ref: op.words.join(' '),
          names: roles.audio.map((a) => a.name),
        });
        return;
      }
      if (seg?.m?.src === song.id) {
        changes.push({ kind: 'already', what: 'music', detail: song.name });
        return;
      }
      const volume = typeof seg?.m?.volume === 'number' ? seg.m.volume : undefined;
      putTrack(draft, makeMusicTrack(song.id, song.name, total, volume));
      syncClipVolumes(draft);
      changes.push({ kind: 'music', name: song.name });
      return;
    }
    case 'clipSound': {
      const clips = (findTrack(draft, TrackType.Video)?.sg ?? []).filter(
        (x) => x.m?.kind === 'video' && (typeof x.m.volume === 'number' || media(ctx, x.m.src)?.hasAudio),
      );
      if (!clips.length) {
        changes.push({ kind: 'skipped', reason: 'noClips', what: op.op });
        return;
      }
      if (clips.every((x) => x.m?.volume === op.volume)) {
        changes.push({ kind: 'already', what: 'clipSound', detail: String(op.volume) });
        return;
      }
      for (const x of clips) x.m = { ...x.m, volume: op.volume };
      changes.push({ kind: 'clipSound', volume: op.volume, clips: clips.length });
      return;
    }
    case 'noMusic':
      changes.push(
        removeTrack(draft, TrackType.Audio)
          ? { kind: 'musicRemoved' }
          : { kind: 'skipped', reason: 'noMusicTrack', what: op.op },
      );
      syncClipVolumes(draft);
      return;
    case 'musicVolume':
    case 'musicRelative': {
      if (!seg) {
        changes.push({ kind: 'skipped', reason: 'noMusicTrack', what: op.op });
        return;
      }
      const cur = typeof seg.m?.volume === 'number' ? seg.m.volume : 0.35;
      const v = op.op === 'musicVolume' ? op.volume : Math.min(1, Math.max(0.05, cur * op.factor));
      seg.m = { ...seg.m, volume: Math.round(v * 100) / 100 };
      changes.push({ kind: 'musicVolume', percent: Math.round(v * 100) });
      return;
    }
    case 'logo':
    case 'logoScale':
    case 'noLogo':
      return applyLogo(draft, op, ctx, changes, roles);
    default:
      return;
  }
}

function media(ctx: EditContext, id: unknown): MediaFile | undefined {
  return ctx.media.find((f) => f.id === id);
}

function applyLogo(
  draft: Draft,
  op: Op,
  ctx: EditContext,
  changes: Change[],
  roles: ReturnType<typeof classifyMedia>,
): void {
  const overlay = findTrack(draft, TrackType.Overlay);
  if (op.op === 'noLogo') {
    changes.push(
      removeTrack(draft, TrackType.Overlay)
        ? { kind: 'logoRemoved' }
        : { kind: 'skipped', reason: 'noLogo', what: op.op },
    );
    return;
  }
  let seg = overlay?.sg[0];
  const existed = !!seg;
  if (!seg) {
    const logo = roles.logo;
    if (!logo) {
      changes.push({ kind: 'skipped', reason: 'noLogo', what: op.op });
      return;
    }
    // An older draft may show the logo as a slide: take it off the video track.
    const video = findTrack(draft, TrackType.Video);
    if (video && video.sg.length > 1 && video.sg.some((s) => s.m?.src === logo.id)) {
      video.sg = video.sg.filter((s) => s.m?.src !== logo.id);
      retime(draft, ctx.media, totalOf(draft));
    }
    putTrack(draft, makeLogoTrack({ src: logo.id, name: logo.name }, totalOf(draft), 'top-right'));
    seg = findTrack(draft, TrackType.Overlay)!.sg[0]!;
  }
  if (op.op === 'logo') {
    const was = seg.m?.position ?? 'top-right';
    if (op.position) seg.m = { ...seg.m, position: op.position };
    const position = (seg.m?.position ?? 'top-right') as Corner;
    if (existed && position === was) {
      changes.push({ kind: 'already', what: 'logo', detail: `${String(seg.m?.name ?? 'logo')}|${position}` });
      return;
    }
    changes.push({ kind: 'logo', position, name: String(seg.m?.name ?? 'logo') });
    return;
  }
  if (op.op === 'logoScale') {
    const cur = typeof seg.m?.scale === 'number' ? seg.m.scale : 0.18;
    const scale = Math.round(Math.min(MAX_LOGO_SCALE, Math.max(MIN_LOGO_SCALE, cur * op.factor)) * 100) / 100;
    seg.m = { ...seg.m, scale };
    changes.push({ kind: 'logoScale', percent: Math.round(scale * 100) });
  }
}
