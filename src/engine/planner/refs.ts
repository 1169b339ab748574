/**
 * References to uploads the way people make them: by position ("the second photo", "the last
 * clip", "第三张", "倒数第二张"), by description or file-name words ("the beach one", "蛋糕那张"),
 * by kind, and by recency ("the new ones", "the ones I just uploaded", "刚上传的"). Parsing
 * makes a MediaRef (no session needed); resolving matches it against the video track and the
 * session's uploads.
 */
import type { DraftSegment } from '../../contract/draft';
import type { MediaFile } from '../contracts';
import { cnNumber } from './text';
import { contentWords, nameScore } from './words';

export interface MediaRef {
  /** The words as typed, for replies. */
  text: string;
  /** 1-based position; negative counts from the end (-1 = last). */
  ordinal?: number;
  kind?: 'image' | 'video';
  /** Description / file-name words. */
  words?: string[];
  /** Uploads not yet in the video ("the new ones", "刚上传的"). */
  recent?: boolean;
}

const EN_ORDINALS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  last: -1,
  final: -1,
};
/** Things on the canvas that are not uploads: a clause naming them is not about a photo. */
const FEATURE =
  /\b(?:music|song|songs|track|audio|sound|voice|title|titles|caption|captions|subtitles?|text|words?|logo|watermark|transitions?|volume|fonts?|length|order|canvas|everything|all)\b|音乐|歌|配乐|标题|字幕|文字|文案|水印|转场|音量|原声|声音|长度|时长|顺序|全部|所有|节奏|字/;
const TIME_OR_PART =
  /\d\s*(?:s|sec|secs|seconds?|m|min|minutes?|%)\b|\b(?:seconds|minutes?|intro|outro|ending|middle|half|bit|little|it)\b|秒|分钟|片头|片尾|开头|结尾|一半|一点/;
const RECENT =
  /\b(?:new|newest|latest|recent|just (?:uploaded|added|sent)|i (?:just )?(?:uploaded|added)|uploaded (?:just )?now)\b|新传|新上传|刚上传|刚传|刚加|新加|新的|这几张|刚刚/;
const KIND_IMAGE = /\b(?:photos?|pics?|pictures?|images?|slides?)\b|照片|图片|图/;
const KIND_VIDEO = /\b(?:clips?|videos?|footage)\b|视频|片段|那段|这段/;
const STRIP =
  /\b(?:at|on|to) the (?:end|start|beginning|front|back)\b|\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|final|new|newest|latest|recent|just|uploaded|added|sent|now|i|number|no|one|ones|to|the|should|come|go|be|around|instead|of)\b|第[一二两三四五六七八九十\d]+(?:张|个|段|幅|条)?|最后一?(?:张|个|段)?|倒数|新传的?|新上传的?|刚上传的?|刚传的?|刚加的?|新加的?|新的|这几张|刚刚|那张|这张|那段|这段|那个|那首/g;

function ordinalOf(t: string): number | undefined {
  let m = /\bsecond[- ](?:to[- ])?last\b/.exec(t);
  if (m) return -2;
  m = /\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|final)\b/.exec(t);
  if (m) return EN_ORDINALS[m[1]!];
  m =
    /\b(\d{1,2})(?:st|nd|rd|th)\b/.exec(t) ??
    /\b(?:photo|pic|picture|image|shot|clip|video|slide|number|no\.?)\s*#?(\d{1,2})\b|#(\d{1,2})\b/.exec(t);
  if (m) return Number(m[1] ?? m[2]);
  m = /倒数第([一二两三四五六七八九十]{1,3}|\d{1,2})/.exec(t);
  if (m) return -(/\d/.test(m[1]!) ? Number(m[1]) : cnNumber(m[1]!));
  m = /第([一二两三四五六七八九十]{1,3}|\d{1,2})(?:张|个|段|幅|条)?/.exec(t);
  if (m) return /\d/.test(m[1]!) ? Number(m[1]) : cnNumber(m[1]!);
  if (/最后一?(?:张|个|段|幅)|最后那/.test(t)) return -1;
  return undefined;
}

/** A reference in a phrase, or undefined when the phrase names no upload. */
export function parseRef(phrase: string): MediaRef | undefined {
  const t = phrase.trim().toLowerCase();
  // Times and parts of the video are not uploads ("cut it to 15 seconds", "skip the intro").
  if (!t || t.length > 80 || FEATURE.test(t) || TIME_OR_PART.test(t)) return undefined;
  const ordinal = ordinalOf(t);
  const recent = RECENT.test(t) || /^(?:these|them|those)(?:\s+(?:ones|photos|pics|too))?$/.test(t);
  const kind = KIND_VIDEO.test(t) ? 'video' : KIND_IMAGE.test(t) || /张/.test(t) ? 'image' : undefined;
  const stripped = t.replace(STRIP, ' ');
  // The segmenter may split a short name into single characters ("日落" → 日|落): keep whole runs too.
  const runs = (stripped.match(/\p{Script=Han}{2,8}/gu) ?? []).filter((r) => !/^(?:照片|图片|视频|片段|素材)$/.test(r));
  const words = [...new Set([...contentWords(stripped), ...runs])].filter(
    (w) =>
      !/^(?:photo|pic|picture|image|clip|video|shot|footage|st|nd|rd|th)s?$/.test(w) &&
      !(/\p{Script=Han}/u.test(w) && w.length < 2),
  );
  if (ordinal === undefined && !recent && words.length === 0) return undefined;
  return {
    text: phrase.trim(),
    ...(ordinal !== undefined ? { ordinal } : {}),
    ...(kind ? { kind } : {}),
    ...(words.length ? { words } : {}),
    ...(recent ? { recent: true } : {}),
  };
}

/** Indices of the video segments a reference names (empty when none). */
export function resolveInTrack(ref: MediaRef, segs: DraftSegment[]): number[] {
  const idx = segs.map((_, i) => i);
  const ofKind =
    ref.kind && segs.some((s) => s.m?.kind === ref.kind) ? idx.filter((i) => segs[i]!.m?.kind === ref.kind) : idx;
  if (ref.words?.length) {
    const scored = idx.map((i) => ({ i, score: nameScore(ref.words!, String(segs[i]!.m?.name ?? '')) }));
    const best = Math.max(0, ...scored.map((x) => x.score));
    if (best > 0) {
      const hits = scored.filter((x) => x.score === best).map((x) => x.i);
      if (ref.ordinal === undefined) return hits;
      const pos = ref.ordinal > 0 ? ref.ordinal - 1 : hits.length + ref.ordinal;
      return hits[pos] !== undefined ? [hits[pos]!] : [];
    }
    if (ref.ordinal === undefined) return [];
  }
  if (ref.ordinal !== undefined) {
    const pos = ref.ordinal > 0 ? ref.ordinal - 1 : ofKind.length + ref.ordinal;
    return ofKind[pos] !== undefined ? [ofKind[pos]!] : [];
  }
  return [];
}

/** Photos and clips uploaded but not on the video track, oldest first. */
export function unusedVisuals(segs: DraftSegment[], visuals: MediaFile[]): MediaFile[] {
  const used = new Set(segs.map((s) => s.m?.src));
  return visuals.filter((f) => !used.has(f.id));
}

/** Uploads (photos/clips) a reference names, preferring those not in the video yet. */
export function resolveUpload(ref: MediaRef, segs: DraftSegment[], visuals: MediaFile[]): MediaFile[] {
  const unused = unusedVisuals(segs, visuals);
  const recent = () => unused.filter((f) => !ref.kind || f.kind === ref.kind);
  if (ref.words?.length) {
    for (const pool of [unused, visuals]) {
      const scored = pool.map((f) => ({ f, score: nameScore(ref.words!, f.name) }));
      const best = Math.max(0, ...scored.map((x) => x.score));
      if (best > 0) return scored.filter((x) => x.score === best).map((x) => x.f);
    }
    // "the new pics on the end": the words describe, the recency decides.
    return ref.recent ? recent() : [];
  }
  if (ref.recent) return recent();
  if (ref.ordinal !== undefined) {
    const pool = unused.filter((f) => !ref.kind || f.kind === ref.kind);
    const pos = ref.ordinal > 0 ? ref.ordinal - 1 : pool.length + ref.ordinal;
    return pool[pos] ? [pool[pos]!] : [];
  }
  return [];
}

/** Audio uploads a reference names ("the upbeat one", "换成upbeat_pop"). */
export function resolveAudio(words: string[], audio: MediaFile[]): MediaFile | undefined {
  const scored = audio.map((f) => ({ f, score: nameScore(words, f.name) }));
  const best = Math.max(0, ...scored.map((x) => x.score));
  return best > 0 ? scored.find((x) => x.score === best)?.f : undefined;
}
