/**
 * Request → typed edit operations. Deterministic: quoted text first (title/captions), then
 * durations, then the phrase lists in lexicon.ts. Edits whose target depends on the words
 * around them ("make it bigger", "logo bottom left", "music quieter") are read per clause.
 */
import * as L from './lexicon';
import { findPerItem, findTotalDuration, blank } from './parseTime';
import { parseTexts } from './parseText';
import { extractQuotes, hasHan, maskQuotes, readNumber } from './text';
import { clampTotal } from './timing';
import type { PlatformCanvas, Corner, Lang, Op, ParseResult, Refusal, TextTarget } from './types';
import { parseArrange } from './parseArrange';
import { isVague, scanScope } from './scope';
import { contentWords } from './words';

/** Requests longer than this are refused with a clear message (parsing stays bounded). */
export const MAX_REQUEST_CHARS = 1_000;
/** On-screen time of a shot for "quick cuts" and for "slow and calm". */
export const QUICK_SHOT_MS = 1_200;
export const SLOW_SHOT_MS = 4_500;

export const SCALE_STEP = 1.3;
export const SLOWER_FACTOR = 1.25;
export const FASTER_FACTOR = 0.8;
export const QUIETER_FACTOR = 0.6;
export const LOUDER_FACTOR = 1.5;

const CANVAS = {
  vertical: { width: 1080, height: 1920 },
  landscape: { width: 1920, height: 1080 },
  square: { width: 1080, height: 1080 },
  portraitPost: { width: 1080, height: 1350 },
} as const;

/** Lower-cases ASCII only, so indices stay aligned with the original text. */
function asciiLower(s: string): string {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

export function parseCanvas(t: string): PlatformCanvas | undefined {
  const platform = L.PLATFORMS.find(([re]) => re.test(t));
  const named = (orient: keyof typeof CANVAS, fallback: string): PlatformCanvas => ({
    ...CANVAS[orient],
    platform: platform?.[1] ?? fallback,
  });
  if (L.YOUTUBE_SHORTS.test(t)) return { ...CANVAS.vertical, platform: 'shorts' };
  if (L.RATIO_VERTICAL.test(t)) return named('vertical', 'vertical');
  if (L.RATIO_LANDSCAPE.test(t)) return named('landscape', 'landscape');
  if (L.RATIO_PORTRAIT_POST.test(t)) return named('portraitPost', 'instagram');
  if (L.RATIO_SQUARE.test(t) || L.INSTAGRAM_SQUARE.test(t)) return named('square', 'square');
  if (L.ORIENT_VERTICAL.test(t)) return named('vertical', 'vertical');
  if (L.ORIENT_LANDSCAPE.test(t)) return named('landscape', 'landscape');
  if (L.ORIENT_SQUARE.test(t)) return named('square', 'square');
  if (platform) return { ...CANVAS[platform[2]], platform: platform[1] };
  if (L.HD_1080P.test(t)) return { ...CANVAS.landscape, platform: 'landscape' };
  return undefined;
}

function textTarget(clause: string): TextTarget | undefined {
  if (L.CAPTION_TARGET.test(clause)) return 'caption';
  if (L.TITLE_TARGET.test(clause)) return 'title';
  if (L.ALL_TEXT_TARGET.test(clause)) return 'all';
  return undefined;
}

/** Split on punctuation and "and/then"; each clause has one target ("it" = the last one named). */
function clauses(t: string): string[] {
  return t
    .split(/[,，。;；!！?？\n]|\band\b|\bthen\b|\balso\b|\bplus\b|以及|然后|并且|同时|还有|另外|再把/)
    .map((c) => c.trim())
    .filter(Boolean);
}

function percentOf(t: string): number | undefined {
  const m = L.PERCENT.exec(t);
  if (!m) return undefined;
  const v = m[1] !== undefined ? Number.parseFloat(m[1]) : readNumber(m[2] ?? '');
  return Number.isFinite(v) ? Math.min(100, Math.max(0, v)) / 100 : undefined;
}

/** Per-clause edits: sizes, positions, logo corner, relative and absolute music volume. */
function clauseOps(rest: string): Op[] {
  const ops: Op[] = [];
  let lastTarget: TextTarget | 'logo' | 'music' | undefined;
  for (const c of clauses(rest)) {
    // "make the clip louder" is about the clips' own sound, not the music.
    const aboutClips = /\b(?:clips?|videos?|original|footage)\b|原声|视频声音/.test(c) && !L.MUSIC_WORD.test(c);
    const isMusic =
      !aboutClips &&
      (L.MUSIC_WORD.test(c) || L.VOLUME_WORD.test(c) || /\b(?:quieter|softer|louder)\b|小声|大声/.test(c));
    const isLogo = L.LOGO_WORD.test(c) && !L.NO_LOGO.test(c);
    const named = isLogo ? 'logo' : isMusic ? 'music' : textTarget(c);
    const target = named ?? (/\b(?:it|them|that|this)\b|它/.test(c) ? lastTarget : undefined);
    if (named) lastTarget = named;
    if (target === 'music' || (isMusic && !named)) {
      if (L.NO_MUSIC.test(c) || L.USE_MY_SONG.test(c) || L.NO_MUSIC.test(rest)) continue;
      const pct = percentOf(c);
      if (pct !== undefined) ops.push({ op: 'musicVolume', volume: pct });
      else if (L.QUIETER.test(c)) ops.push({ op: 'musicRelative', factor: QUIETER_FACTOR });
      else if (L.LOUDER.test(c)) ops.push({ op: 'musicRelative', factor: LOUDER_FACTOR });
      else if (L.MUSIC_WORD.test(c) && !ops.some((o) => o.op === 'music')) {
        const change = L.CHANGE_MUSIC.test(c);
        // Words left after the music vocabulary may name the song ("…, the upbeat one").
        const words = change ? contentWords(rest).filter((w) => !MUSIC_VOCAB.test(w)) : [];
        ops.push({ op: 'music', ...(change ? { change: true } : {}), ...(words.length ? { words } : {}) });
      }
      continue;
    }
    const bigger = L.BIGGER.test(c);
    const smaller = !bigger && L.SMALLER.test(c);
    if (target === 'logo') {
      const corner = L.CORNERS.find(([re]) => re.test(c))?.[1];
      const inCorner = /\bcorner\b|角落|角上|\b(?:add|put|place|show|use|with|include|move)\b|加|放|显示|打上/.test(c);
      if (corner || inCorner || !(bigger || smaller))
        ops.push({ op: 'logo', ...(corner ? { position: corner as Corner } : {}) });
      if (bigger || smaller) ops.push({ op: 'logoScale', factor: bigger ? SCALE_STEP : 1 / SCALE_STEP });
      continue;
    }
    if (L.NO_CAPTIONS.test(c) || L.NO_TITLE.test(c) || L.NO_TEXT.test(c)) continue;
    const textT: TextTarget = target === 'caption' || target === 'all' ? target : 'title';
    if (bigger || smaller) ops.push({ op: 'textScale', target: textT, factor: bigger ? SCALE_STEP : 1 / SCALE_STEP });
    // "at the end"/"at the start" are times, not places; a position needs a verb or a target.
    const place = L.POSITIONS.find(([re]) => re.test(c))?.[1];
    if (
      place &&
      (target !== undefined || /\b(?:move|put|place|position|shift)\b|移|放|挪|置于/.test(c)) &&
      L.MOVE_VERB.test(c)
    ) {
      ops.push({ op: 'textPosition', target: textT, position: place });
    }
  }
  return ops;
}

/** Global (whole-request) switches: music, transitions, logo, text on/off. */
function switchOps(
  t: string,
  hasCaptionOp: boolean,
  hasTitleOp: boolean,
  textEdit: boolean,
  namedRemoval: boolean,
): Op[] {
  const ops: Op[] = [];
  if (L.NO_MUSIC.test(t)) ops.push({ op: 'noMusic' });
  else if (L.USE_MY_SONG.test(t)) ops.push({ op: 'useMySong' });
  if (L.NO_BEAT_SYNC.test(t)) ops.push({ op: 'beatSync', on: false });
  else if (L.BEAT_SYNC.test(t)) ops.push({ op: 'beatSync', on: true });
  if (L.NO_TRANSITIONS.test(t)) ops.push({ op: 'transition', kind: 'none' });
  else if (L.CROSSFADE.test(t)) ops.push({ op: 'transition', kind: 'crossfade' });
  if (L.NO_LOGO.test(t)) ops.push({ op: 'noLogo' });
  const noText = L.NO_TEXT.test(t);
  const noCaptions = noText || (L.NO_CAPTIONS.test(t) && !namedRemoval);
  if (noText || L.NO_TITLE.test(t)) ops.push({ op: 'removeTitle' });
  if (noCaptions) ops.push({ op: 'removeCaptions' });
  else if (!namedRemoval && !hasCaptionOp && !textEdit && L.TEXT_OVERLAYS.test(t)) {
    ops.push({ op: 'textOverlays' });
  }
  if (!hasTitleOp && !noText && L.ADD_TITLE.test(t) && !ops.some((o) => o.op === 'textOverlays'))
    ops.push({ op: 'ensureTitle' });
  return ops;
}

function refusalOf(t: string, ops: Op[], create: boolean, scope: Refusal | undefined): Refusal | undefined {
  if (scope) return scope;
  if (L.VOICEOVER.test(t)) return 'voiceover';
  if (L.GENERATIVE.test(t)) return 'generative';
  if (ops.length || create) return undefined;
  if (L.HELP.test(t)) return 'help';
  if (L.EXPORT.test(t)) return 'export';
  if (isVague(t)) return 'vague';
  return 'unknown';
}

/** Copies the blanks of `blanked` (same length) into `orig`. */
function carryBlanks(orig: string, lower: string, blanked: string): string {
  let out = '';
  for (let i = 0; i < orig.length; i++) out += blanked[i] === ' ' && lower[i] !== ' ' ? ' ' : orig[i];
  return out;
}

/** Blanks the first match of `re` in `t`; returns the match (or undefined) and the new text. */
function take(t: string, re: RegExp): [RegExpExecArray | undefined, string] {
  const m = re.exec(t);
  return m ? [m, blank(t, { start: m.index, end: m.index + m[0].length })] : [undefined, t];
}

const MUSIC_VOCAB =
  /^(?:music|bgm|soundtrack|songs?|tunes?|beat|background|tracks?|change|switch|swap|replace|different|another|other|next|please|use|try|want|i|a|instead|音乐|配乐|歌|换|一首|首|换一首|背景|背景音乐)$/;
const SONG_FILLER = /^(?:the|a|an|my|one|song|track|tune|music|那首|这首|歌)$/;

/** Music the way people say it: the clips' own sound, "bring it back", "the other song", a song by name. */
function musicOps(t: string): { ops: Op[]; rest: string } {
  const ops: Op[] = [];
  let rest = t;
  let m: RegExpExecArray | undefined;
  [m, rest] = take(rest, L.CLIPS_UNMUTE);
  if (m) ops.push({ op: 'clipSound', volume: 1 });
  else {
    [m, rest] = take(rest, L.CLIPS_MUTE);
    if (m) ops.push({ op: 'clipSound', volume: 0 });
  }
  [m, rest] = take(rest, L.MUSIC_BACK);
  if (m) return { ops: [...ops, { op: 'musicRestore' }], rest };
  [m, rest] = take(rest, L.OTHER_SONG);
  if (m) return { ops: [...ops, { op: 'music', change: true }], rest };
  for (const re of L.SONG_BY_NAME) {
    const hit = re.exec(rest);
    if (!hit?.[1]) continue;
    const words = contentWords(hit[1]).filter((w) => !SONG_FILLER.test(w) && !/^(?:instead|please|one)$/.test(w));
    if (!words.length || words.some((w) => /^(?:other|another|different|next)$/.test(w))) continue;
    ops.push({ op: 'musicPick', words });
    rest = blank(rest, { start: hit.index, end: hit.index + hit[0].length });
    break;
  }
  return { ops, rest };
}

function controlOf(t: string): ParseResult['control'] {
  if (L.HISTORY.test(t)) return 'history';
  if (L.REDO.test(t)) return 'redo';
  if (L.CHANGE_BACK.test(t)) return 'changeBack';
  if (L.UNDO.test(t) && !L.MUSIC_BACK.test(t)) return 'undo';
  return undefined;
}

export function parseRequest(input: string): ParseResult {
  if (input.length > MAX_REQUEST_CHARS) {
    return {
      ops: [],
      lang: hasHan(input) ? 'zh' : 'en',
      create: false,
      mentionsVideo: false,
      promo: false,
      refusal: 'tooLong',
    };
  }
  const text = input;
  const quotes = extractQuotes(text);
  const maskedAll = maskQuotes(text, quotes);
  const lowerAll = asciiLower(maskedAll);
  const own = maskedAll.replace(/⟦\d+⟧/g, '');
  const lang: Lang | undefined = hasHan(own) ? 'zh' : /[a-z]/i.test(own) ? 'en' : undefined;

  const control = controlOf(lowerAll);
  if (control) return { ops: [], lang, create: false, mentionsVideo: false, promo: false, control };

  // Out-of-scope clauses go first: their words must not act as edits.
  const scope = scanScope(lowerAll);
  const arranged = parseArrange(scope.rest);
  const music = musicOps(arranged.rest);
  const lower = music.rest;
  const masked = carryBlanks(maskedAll, lowerAll, lower);

  const texts = parseTexts(masked, lower, quotes);
  let rest = texts.rest;
  const ops: Op[] = [...arranged.ops, ...music.ops];
  const pace = L.PACE_QUICK.test(rest) ? QUICK_SHOT_MS : L.PACE_SLOW.test(rest) ? SLOW_SHOT_MS : undefined;
  const canvas = parseCanvas(rest);
  if (canvas) ops.push({ op: 'canvas', ...canvas });
  const per = findPerItem(rest);
  if (per) {
    rest = blank(rest, per);
    ops.push({ op: 'perItem', ms: per.ms });
  }
  // Ratios like 9:16 or 4:5 are not times; blank them before looking for a length.
  const total = findTotalDuration(rest.replace(/(?<!\d)\d{1,5}\s*[:x×/]\s*\d{1,5}/g, (m) => ' '.repeat(m.length)));
  if (total) {
    rest = blank(rest, total);
    ops.push({
      op: 'duration',
      ms: clampTotal(total.ms),
      ...(clampTotal(total.ms) !== total.ms ? { requestedMs: total.ms } : {}),
    });
  } else if (pace !== undefined && !per) {
    ops.push({ op: 'pace', shotMs: pace });
  } else if (!per) {
    if (L.HALF_LENGTH.test(rest)) ops.push({ op: 'scaleLength', factor: 0.5 });
    else if (L.DOUBLE_LENGTH.test(rest)) ops.push({ op: 'scaleLength', factor: 2 });
    else if (L.SLOWER.test(rest)) ops.push({ op: 'scaleLength', factor: SLOWER_FACTOR });
    else if (L.FASTER.test(rest)) ops.push({ op: 'scaleLength', factor: FASTER_FACTOR });
  }
  const hasCaption = texts.ops.some((o) => o.op === 'caption');
  const hasTitle = texts.ops.some((o) => o.op === 'title');
  const perClause = clauseOps(rest);
  const textEdit = perClause.some((o) => o.op === 'textScale' || o.op === 'textPosition');
  ops.push(
    ...texts.ops,
    ...switchOps(
      rest,
      hasCaption,
      hasTitle,
      textEdit,
      texts.ops.some((o) => o.op === 'removeCaptions'),
    ),
    ...perClause,
  );
  // A logo named anywhere (not only in its own clause) is asked for.
  if (L.LOGO_WORD.test(rest) && !L.NO_LOGO.test(rest) && !ops.some((o) => o.op === 'logo' || o.op === 'logoScale'))
    ops.push({ op: 'logo' });

  // A song picked by name or brought back already turns the music on.
  if (ops.some((o) => o.op === 'musicPick' || o.op === 'musicRestore' || (o.op === 'music' && o.change))) {
    for (let i = ops.length - 1; i >= 0; i--)
      if (
        ops[i]!.op === 'music' &&
        !(ops[i] as { change?: boolean }).change &&
        i >= music.ops.length + arranged.ops.length
      )
        ops.splice(i, 1);
  }
  const style = L.STYLE_WORDS.find(([re]) => re.test(rest))?.[1];
  if (style) ops.push({ op: 'style', style });
  const create = L.CREATE.test(rest);
  const promo = L.PROMO.test(rest);
  const asksForText =
    ops.some((o) => o.op === 'title' || o.op === 'ensureTitle' || o.op === 'textOverlays' || o.op === 'caption') ||
    /\btitles?\b|\btext\b|标题|文字|字幕/.test(lowerAll);
  const mentionsVideo = L.MENTIONS_VIDEO.test(rest);
  return {
    ops,
    lang,
    create,
    mentionsVideo,
    promo,
    asksForText,
    ...optional('refusal', refusalOf(rest, ops, create, scope.refusal)),
  };
}

function optional<K extends string, V>(key: K, v: V | undefined): { [P in K]?: V } {
  return (v === undefined ? {} : { [key]: v }) as { [P in K]?: V };
}
