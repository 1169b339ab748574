/**
 * Durations and points in time, in English and Chinese: the video's total length ("30-second",
 * "half a minute", "一分半"), seconds per photo ("3 seconds per photo", "每张3秒") and the start /
 * length of a caption ("at 10s", "at 0:10", "在第10秒", "for 5 seconds").
 *
 * Every finder returns the match's range so the caller can blank it out: a caption's "at 10s"
 * must not also be read as "make it 10 seconds".
 */
import { NUM, readNumber } from './text';

export interface TimeMatch {
  ms: number;
  start: number;
  end: number;
}

const SEC = String.raw`(?:seconds?|secs?|s|秒钟?)`;
const MIN = String.raw`(?:minutes?|mins?|分钟|分(?!之))`;

function found(m: RegExpExecArray | null, ms: number): TimeMatch | undefined {
  if (!m || !Number.isFinite(ms)) return undefined;
  return { ms: Math.round(ms), start: m.index, end: m.index + m[0].length };
}

/** Total length. `text` is lower-cased with quotes masked. */
export function findTotalDuration(text: string): TimeMatch | undefined {
  let m: RegExpExecArray | null;
  // Compound forms first so "1 minute 30 seconds" is not read as "1 minute".
  if ((m = new RegExp(String.raw`${NUM}\s*${MIN}\s*(?:and\s+)?${NUM}\s*${SEC}`).exec(text))) {
    return found(m, (readNumber(m[1]!) * 60 + readNumber(m[2]!)) * 1000);
  }
  if (
    (m = /(?:a|one|1)\s+(?:minute|min)\s+and\s+a\s+half|(?:one|1)\s+and\s+a\s+half\s+minutes?|一分半钟?/.exec(text))
  ) {
    return found(m, 90_000);
  }
  if ((m = /half\s+a\s+minute|half-minute|半分钟/.exec(text))) return found(m, 30_000);
  if ((m = /(?:^|[^\d.])(\d{1,3})\s*[''′]\s*(\d{1,2})\s*["″]/.exec(text))) {
    return found(m, (Number(m[1]) * 60 + Number(m[2])) * 1000);
  }
  // "a minute" but not "a second" (that one is an idiom, not a length).
  if ((m = new RegExp(String.raw`(?<![\w.])${NUM}[\s-]*${MIN}(?![a-z])`).exec(text))) {
    return found(m, readNumber(m[1]!) * 60_000);
  }
  for (const x of text.matchAll(new RegExp(String.raw`(?<![\w.:])${NUM}[\s-]*${SEC}(?![a-z])`, 'g'))) {
    if (x[1] === 'a' || x[1] === 'an') return undefined;
    // "the new ones" is not "one s": a bare "s" only follows digits.
    if (!/^\d/.test(x[1]!) && /^[a-z]+s$/.test(x[0].replace(/[\s-]/g, '')) && !/(?:seconds?|secs?)$/.test(x[0]))
      continue;
    return found(x, readNumber(x[1]!) * 1000);
  }
  return undefined;
}

/** "3 seconds per photo", "each photo 3 seconds", "每张照片3秒", "每张图2秒". */
export function findPerItem(text: string): TimeMatch | undefined {
  const item = String.raw`(?:photos?|pictures?|images?|pics?|slides?|shots?|clips?|items?)`;
  const patterns = [
    new RegExp(String.raw`${NUM}[\s-]*${SEC}\s*(?:per|each|for each|a|every|on each)\s+${item}`),
    new RegExp(
      String.raw`(?:each|every|per)\s+${item}\s*(?:for|lasts?|gets?|shows? for|on screen for|should be|is|=|:)?\s*${NUM}[\s-]*${SEC}`,
    ),
    new RegExp(
      String.raw`每(?:一)?(?:张|个|段)(?:照片|图片|图|素材|片段)?(?:展示|显示|停留|持续|停|放|留)?\s*${NUM}\s*秒`,
    ),
  ];
  for (const re of patterns) {
    const m = re.exec(text);
    if (m) return found(m, readNumber(m[1]!) * 1000);
  }
  return undefined;
}

/** "at 10s", "at 0:10", "from 12 seconds", "at the 5 second mark", "在第10秒", "第10秒处", "10秒处". */
export function findAtTime(text: string): TimeMatch | undefined {
  let m: RegExpExecArray | null;
  if ((m = /(?:\bat|\bfrom|@|starting at)\s*(?:the\s+)?(\d{1,2}):(\d{2})\b/.exec(text))) {
    return found(m, (Number(m[1]) * 60 + Number(m[2])) * 1000);
  }
  if (
    (m = new RegExp(
      String.raw`(?:\bat|\bfrom|@|starting at|starting from|after)\s*(?:the\s+)?${NUM}[\s-]*(?:${SEC})?(?:\s*mark)?(?![a-z\d%])`,
    ).exec(text))
  ) {
    if (m[1] === 'a' || m[1] === 'an') return undefined;
    return found(m, readNumber(m[1]!) * 1000);
  }
  if (
    (m = new RegExp(
      String.raw`(?:在|从)?第\s*${NUM}\s*秒(?:钟)?(?:处|时|的时候|开始)?|(?:在|从)\s*${NUM}\s*秒(?:钟)?(?:处|时|的时候|开始)?|${NUM}\s*秒(?:钟)?(?:处|的时候|开始)`,
    ).exec(text))
  ) {
    const n = m[1] ?? m[2] ?? m[3];
    return n ? found(m, readNumber(n) * 1000) : undefined;
  }
  if (
    (m =
      /\b(?:(?:in|during|for|over)\s+)?(?:the\s+)?(?:last|final|closing)\s+(?:few\s+|couple(?:\s+of)?\s+|\d{1,2}\s+)?(?:seconds?|secs?|moments?|bit|shot)\b|\bat the (?:very )?(?:end|finish)|\b(?:end|finish|close|wrap (?:it )?up) (?:it |the video )?(?:with|on)\b|\bclos(?:e|ing) (?:with|line)\b|\bto close\b|最后几秒|最后\d{1,2}秒|结尾|最后|末尾|片尾/.exec(
        text,
      ))
  ) {
    return { ms: -1, start: m.index, end: m.index + m[0].length };
  }
  if ((m = /\bat the (?:very )?(?:start|beginning)|开头|开始时/.exec(text)))
    return { ms: 0, start: m.index, end: m.index + m[0].length };
  return undefined;
}

const POINT = String.raw`(?:(\d{1,2}):(\d{2})|(\d{1,3}(?:\.\d{1,2})?)\s*(?:seconds?|secs?|s\b|秒钟?)?)`;

function pointMs(mm: string | undefined, ss: string | undefined, sec: string | undefined): number {
  return mm !== undefined ? (Number(mm) * 60 + Number(ss)) * 1000 : Number(sec) * 1000;
}

/** "between 0:05 and 0:09", "from 5s to 9s", "5秒到9秒之间", "第5秒到第9秒": a start and a length. */
export function findRange(text: string): (TimeMatch & { durMs: number }) | undefined {
  const re = new RegExp(
    String.raw`(?:\bbetween\s+(?:the\s+)?|\bfrom\s+(?:the\s+)?|(?:在|从)?第?\s*)${POINT}\s*(?:and|to|till|until|through|-|–|~|到|至)\s*第?\s*${POINT}(?:\s*(?:之间|的时候|期间))?`,
  );
  const m = re.exec(text);
  if (!m) return undefined;
  const a = pointMs(m[1], m[2], m[3]);
  const b = pointMs(m[4], m[5], m[6]);
  if (!Number.isFinite(a) || !Number.isFinite(b) || b <= a) return undefined;
  // A bare "from 5 to 9" with no unit and no colon is not clearly a time.
  if (!/[:s秒]|sec/.test(m[0])) return undefined;
  return { ms: Math.round(a), durMs: Math.round(b - a), start: m.index, end: m.index + m[0].length };
}

/** A caption's length: "for 5 seconds", "持续5秒", "显示5秒". */
export function findForDuration(text: string): TimeMatch | undefined {
  const m =
    new RegExp(String.raw`\bfor\s+${NUM}[\s-]*${SEC}(?![a-z])`).exec(text) ??
    new RegExp(String.raw`(?:持续|显示|停留)\s*${NUM}\s*秒`).exec(text);
  return m ? found(m, readNumber(m[1]!) * 1000) : undefined;
}

/** Replaces [start, end) with spaces so later finders skip it. */
export function blank(text: string, r: { start: number; end: number }): string {
  return text.slice(0, r.start) + ' '.repeat(r.end - r.start) + text.slice(r.end);
}
