/**
 * A first draft from the uploads and the parsed request. The plan settles what a first draft
 * needs (canvas, length, music, logo, title); everything else in the request (captions, text
 * overlays, sizes, positions, volume, pace) is then applied by the same code as a later edit,
 * so "make a video with the title at the top" and "move the title to the top" agree.
 *
 * Defaults (docs/planner.md): vertical 1080×1920; 30 s for a promo, otherwise 3 s per photo
 * plus each clip's length (up to 10 s a clip), 10–60 s; crossfades; music on unless every
 * visual is a clip with its own sound; a title from the file names; a logo-like upload as a
 * top-right watermark.
 */
import type { Draft } from '../../contract/draft';
import type { MediaFile } from '../contracts';
import { applyOps, type EditResult } from './edit';
import { classifyMedia, defaultCaptions, defaultTitle } from './media';
import {
  BUILTIN_BED,
  findTrack,
  makeLogoTrack,
  makeMusicTrack,
  makeVideoTrack,
  putTrack,
  textTrack,
  titleSegment,
} from './tracks';
import { clampTotal } from './timing';
import { applyLookPace } from './lookPace';
import { TrackType } from '../../contract/draft';
import type { Change, Lang, Op, OpName } from './types';

export interface PlanInput {
  media: MediaFile[];
  ops: Op[];
  lang: Lang;
  promo: boolean;
  /** The title of the draft being rebuilt, kept unless the request names a new one. */
  keepTitle?: string;
  /** The request asks for a title/text: a title may then come from file names. */
  asksForText?: boolean;
}

export const DEFAULT_PROMO_MS = 30_000;
export const DEFAULT_PROMO_STYLE = 'energetic' as const;
/** The promo's end card, and the picture's fade to black (as long as the music's fade-out). */
export const END_CARD_MS = 3_000;
export const MUSIC_FADE_MS = 2_000;
/** Shorter promos have no room for a card. */
const MIN_END_CARD_TOTAL_MS = 8_000;
export const PHOTO_MS = 3_000;
const MAX_CLIP_DEFAULT_MS = 10_000;
const MIN_DEFAULT_MS = 10_000;
const MAX_DEFAULT_MS = 60_000;

/** Ops the plan itself settles; the rest go through applyOps. */
const PLANNED = new Set<OpName>([
  'style',
  'canvas',
  'duration',
  'perItem',
  'transition',
  'music',
  'noMusic',
  'useMySong',
  'logo',
  'noLogo',
  'title',
  'ensureTitle',
  'removeTitle',
  'removeCaptions',
]);

/** Changes the summary line already covers. */
const CREATION_KINDS = new Set<Change['kind']>(['textOverlays', 'caption', 'title', 'music', 'duration', 'logo']);

function last<K extends OpName>(ops: Op[], name: K): Extract<Op, { op: K }> | undefined {
  return [...ops].reverse().find((o): o is Extract<Op, { op: K }> => o.op === name);
}

function defaultTotal(visuals: MediaFile[], promo: boolean): number {
  if (promo) return DEFAULT_PROMO_MS;
  const sum = visuals.reduce(
    (a, f) => a + (f.kind === 'video' && f.duration ? Math.min(f.duration * 1000, MAX_CLIP_DEFAULT_MS) : PHOTO_MS),
    0,
  );
  return Math.round(Math.min(MAX_DEFAULT_MS, Math.max(MIN_DEFAULT_MS, sum)));
}

/** Undefined when there is nothing to put on the video track. */
export function planDraft(input: PlanInput): EditResult | undefined {
  const { ops, media } = input;
  const roles = classifyMedia(media);
  if (roles.visuals.length === 0) return undefined;
  const notes: Change[] = [];
  const canvas = last(ops, 'canvas') ?? { width: 1080, height: 1920, platform: 'vertical' };
  const crossfade = last(ops, 'transition')?.kind !== 'none';

  // Length: asked for, or per photo, or the default.
  const n = roles.visuals.length;
  const duration = last(ops, 'duration');
  const perItem = last(ops, 'perItem');
  let asked: number | undefined;
  if (duration) {
    asked = duration.ms;
    if (duration.requestedMs !== undefined)
      notes.push({ kind: 'clamped', requestedSeconds: duration.requestedMs / 1000, seconds: duration.ms / 1000 });
  } else if (perItem) {
    // On-screen time per photo: crossfades are shared by two shots, they do not eat it.
    const want = n * perItem.ms;
    asked = clampTotal(want);
    if (asked !== want) notes.push({ kind: 'clamped', requestedSeconds: want / 1000, seconds: asked / 1000 });
  }

  // Music: the user's song first, the built-in bed otherwise.
  let music: { src: string; name: string } | undefined;
  const song = (f: MediaFile | undefined) => (f ? { src: f.id, name: f.name } : undefined);
  if (last(ops, 'noMusic')) music = undefined;
  else if (last(ops, 'useMySong')) {
    music = song(roles.audio[roles.audio.length - 1]);
    if (!music) {
      notes.push({ kind: 'skipped', reason: 'noAudio', what: 'useMySong' });
      music = BUILTIN_BED;
    }
  } else if (last(ops, 'music')) music = song(roles.audio[0]) ?? BUILTIN_BED;
  else {
    const clipsWithSound = roles.visuals.every((f) => f.kind === 'video' && f.hasAudio);
    music = song(roles.audio[0]) ?? (clipsWithSound ? undefined : BUILTIN_BED);
  }

  const video = makeVideoTrack(roles.visuals, asked ?? defaultTotal(roles.visuals, input.promo), crossfade);
  const total = video.totalMs;
  if (asked !== undefined && total < asked) notes.push({ kind: 'clipsShort', seconds: total / 1000 });
  // The look: named in the request, else energetic for a promo (plain otherwise). A promo ends
  // on a card (title, call to action, logo) and the picture fades to black with the music.
  const style = last(ops, 'style')?.style ?? (input.promo ? DEFAULT_PROMO_STYLE : undefined);
  const draft: Draft = {
    m: { width: canvas.width, height: canvas.height, fps: 30, platform: canvas.platform, ...(style ? { style } : {}) },
    d: total,
    t: [],
  };
  if (input.promo && total >= MIN_END_CARD_TOTAL_MS) {
    const cta = defaultCaptions(roles.visuals, '', input.lang, true)[1];
    draft.m = { ...draft.m, endCard: { ms: END_CARD_MS, cta }, fadeOutMs: MUSIC_FADE_MS };
  }
  putTrack(draft, video.track);
  if (music) putTrack(draft, makeMusicTrack(music.src, music.name, total));
  // The look sets the pace (lookPace.ts) unless the request timed the shots itself.
  // "2 s per photo" also wins over the beat grid, as in a later edit (edit.ts applyOps).
  if (perItem || ops.some((o) => o.op === 'pace' || o.op === 'hold'))
    video.track.m = {
      ...video.track.m,
      timing: 'user',
      ...(perItem && !ops.some((o) => o.op === 'beatSync') ? { beatSync: false } : {}),
    };
  else applyLookPace(draft, media);

  const logoOp = last(ops, 'logo');
  if (!last(ops, 'noLogo')) {
    if (roles.logo)
      putTrack(
        draft,
        makeLogoTrack({ src: roles.logo.id, name: roles.logo.name }, total, logoOp?.position ?? 'top-right'),
      );
    else if (logoOp || ops.some((o) => o.op === 'logoScale'))
      notes.push({ kind: 'skipped', reason: 'noLogo', what: 'logo' });
  }

  // A title only when one is named, kept from the old draft, asked for, or the video is a promo:
  // file names are not invented into a title otherwise.
  const title = last(ops, 'removeTitle')
    ? undefined
    : (last(ops, 'title')?.text ??
      input.keepTitle ??
      (input.asksForText || input.promo ? defaultTitle(roles.visuals, input.lang, input.promo) : undefined));
  if (title !== undefined) {
    textTrack(draft).sg.push(titleSegment(title, total));
    draft.m = { ...draft.m, title };
  }

  const rest = ops.filter((o) => !PLANNED.has(o.op) && !(o.op === 'logoScale' && !roles.logo));
  const edited = applyOps(draft, rest, { media, lang: input.lang, promo: input.promo });
  const final = edited.draft;
  const texts = findTrack(final, TrackType.Text)?.sg ?? [];
  const created: Change = {
    kind: 'created',
    seconds: (final.d ?? total) / 1000,
    canvas: { width: canvas.width, height: canvas.height, platform: canvas.platform },
    photos: roles.visuals.filter((f) => f.kind === 'image').length,
    clips: roles.visuals.filter((f) => f.kind === 'video').length,
    ...(texts.find((s) => s.m?.role === 'title')?.m?.text
      ? { title: String(texts.find((s) => s.m?.role === 'title')?.m?.text) }
      : {}),
    captions: texts.filter((s) => s.m?.role === 'caption').length,
    ...(findTrack(final, TrackType.Audio)?.sg[0]?.m?.name
      ? { music: String(findTrack(final, TrackType.Audio)?.sg[0]?.m?.name) }
      : {}),
    logo: !!findTrack(final, TrackType.Overlay),
    ...(style ? { style } : {}),
    endCard: !!final.m?.endCard,
  };
  // The summary already says what was made; keep only notes and adjustments from the edit pass.
  const extra = edited.changes.filter((c) => !CREATION_KINDS.has(c.kind));
  return { draft: final, changes: [created, ...notes, ...extra] };
}
