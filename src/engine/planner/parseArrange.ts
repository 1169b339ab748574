/**
 * Arranging the video's photos and clips: reorder ("open with the beach one", "put X after Y",
 * "swap the first two", "flip the order", "顺序反过来"), add the newest uploads ("add these at
 * the end", "刚上传的加到结尾"), remove ("drop the blurry one", "去掉第二张"), replace ("swap the
 * cake pic for the puppy one", "把蛋糕那张换成小狗那张") and hold one longer ("stay on the menu for
 * 5 seconds", "菜单那张停留5秒"). Read per clause; a clause that arranges is blanked so its words
 * ("for 5 seconds", "the first two") are not read again as a length or anything else.
 */
import * as L from './lexicon';
import { parseRef, type MediaRef } from './refs';
import { cnNumber, enNumber } from './text';
import type { Op } from './types';

export interface ArrangeParse {
  ops: Op[];
  rest: string;
}

/** Clause boundaries: punctuation and "then" (not "and": "swap photo 1 and photo 2"). */
function clauseRanges(t: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  let start = 0;
  for (const m of t.matchAll(/[,，。;；!！?？\n]|\bthen\b|然后|再把/g)) {
    out.push({ start, end: m.index ?? 0 });
    start = (m.index ?? 0) + m[0].length;
  }
  out.push({ start, end: t.length });
  return out.filter((r) => r.end > r.start);
}

const SECONDS =
  /(\d{1,3}(?:\.\d{1,2})?|one|two|three|four|five|six|seven|eight|nine|ten|[一二两三四五六七八九十]{1,3})\s*(?:-\s*)?(?:seconds?|secs?|s\b|秒)/;

function secondsIn(t: string): number | undefined {
  const m = SECONDS.exec(t);
  if (!m) return undefined;
  const v = /\d/.test(m[1]!) ? Number(m[1]) : Number.isNaN(cnNumber(m[1]!)) ? enNumber(m[1]!) : cnNumber(m[1]!);
  return Number.isFinite(v) && v > 0 ? Math.round(v * 1000) : undefined;
}

const ref = (s: string | undefined): MediaRef | undefined => (s === undefined ? undefined : parseRef(s));

/** One clause → at most one arrangement op. */
export function arrangeClause(c: string): Op | undefined {
  let m: RegExpExecArray | null;
  // Reverse the whole order.
  if (
    /\breverse\b|\b(?:flip|invert)\s+(?:the\s+)?order\b|\bbackwards?\b|顺序(?:反|倒)|反过来|倒过来|倒序|反序/.test(c) &&
    !/\b(?:text|music|song)\b|文字|音乐/.test(c)
  ) {
    return { op: 'reverse' };
  }
  // Holding one shot: "stay on the menu for 5 seconds", "hold X longer", "菜单那张停留5秒".
  if (
    (m =
      /\b(?:stay|linger|dwell|hold|keep|leave)\s+(?:on\s+)?(.{1,60}?)\s+(?:on(?:\s+the)?\s+screen\s+)?(?:for\s+|up\s+for\s+)?(?=\d|one|two|three|four|five|six|seven|eight|nine|ten|longer|a bit longer|a little longer)/.exec(
        c,
      ))
  ) {
    const r = ref(m[1]);
    if (r) {
      const ms = secondsIn(c.slice(m.index + m[0].length));
      return ms ? { op: 'hold', ref: r, ms } : /longer/.test(c) ? { op: 'hold', ref: r, factor: 1.6 } : undefined;
    }
  }
  if (
    (m = /^(?!每)(.{1,20}?)(?:停留|停|放|显示|展示|留)\s*(\d{1,3}|[一二两三四五六七八九十]{1,3})\s*秒/.exec(c.trim()))
  ) {
    const r = ref(m[1]);
    const ms = secondsIn(c);
    if (r && ms && !/每/.test(m[1]!)) return { op: 'hold', ref: r, ms };
  }
  if (
    (m = /^(?!每)(.{1,20}?)(?:多停一会儿?|多放一会儿?|多留一会儿?|放久一点|停久一点|久一点|多停几秒)/.exec(c.trim()))
  ) {
    const r = ref(m[1]);
    if (r) return { op: 'hold', ref: r, factor: 1.6 };
  }
  // Replace: "replace X with Y", "swap X for Y", "use Y instead of X", "把X换成Y", "用Y替换X".
  if (
    (m = /\breplace\s+(.{1,60}?)\s+(?:with|by)\s+(.{1,60})/.exec(c)) ??
    (m = /\b(?:swap|switch|change|trade)\s+(.{1,60}?)\s+(?:for|to)\s+(.{1,60})/.exec(c))
  ) {
    const a = ref(m[1]);
    const b = ref(m[2]);
    if (a && b) return { op: 'replaceMedia', ref: a, with: b };
  }
  if ((m = /\buse\s+(.{1,60}?)\s+instead of\s+(.{1,60})/.exec(c))) {
    const a = ref(m[2]);
    const b = ref(m[1]);
    if (a && b) return { op: 'replaceMedia', ref: a, with: b };
  }
  if ((m = /把(.{1,20}?)(?:换成|替换成|换为|改成)(.{1,20})/.exec(c))) {
    const a = ref(m[1]);
    const b = ref(m[2]);
    if (a && b) return { op: 'replaceMedia', ref: a, with: b };
  }
  if ((m = /用(.{1,20}?)(?:替换|换掉|代替|替掉)(.{1,20})/.exec(c))) {
    const a = ref(m[2]);
    const b = ref(m[1]);
    if (a && b) return { op: 'replaceMedia', ref: a, with: b };
  }
  // Swap two: "swap the first two", "swap photo 1 and photo 2", "第一张和第二张换一下", "交换前两张".
  if (/\b(?:swap|switch|exchange|trade|flip)\b|换一下|换个?位置|交换|互换|调换|对调/.test(c)) {
    if (/\bfirst two\b|前两(?:张|个|段)/.test(c))
      return { op: 'swap', a: { text: 'first', ordinal: 1 }, b: { text: 'second', ordinal: 2 } };
    if (/\blast two\b|最后两(?:张|个|段)/.test(c))
      return { op: 'swap', a: { text: 'second to last', ordinal: -2 }, b: { text: 'last', ordinal: -1 } };
    m =
      /\b(?:swap|switch|exchange|trade|flip)\s+(.{1,60}?)\s+(?:and|with)\s+(.{1,60})/.exec(c) ??
      /(?:交换|互换|对调|调换)?(.{1,20}?)(?:和|与|跟)(.{1,20}?)(?:换一下|换个?位置|交换|互换|调换|对调|$)/.exec(c);
    const a = ref(m?.[1]?.replace(/^(?:交换|互换|对调|调换)/, ''));
    const b = ref(m?.[2]?.replace(/\s+around$/, ''));
    if (a && b) return { op: 'swap', a, b };
  }
  // Move after/before another: "put the cake after the sunset", "把蛋糕那张放到日落后面".
  if (
    (m =
      /\b(?:put|move|place|shift|slide|bring)\s+(.{1,60}?)\s+(right\s+)?(after|before|behind|ahead of|in front of)\s+(.{1,60})/.exec(
        c,
      ))
  ) {
    const r = ref(m[1]);
    const anchor = ref(m[4]);
    if (r && anchor)
      return { op: 'move', ref: r, to: m[3] === 'after' || m[3] === 'behind' ? 'after' : 'before', anchor };
  }
  if ((m = /把?(.{1,20}?)(?:放|挪|移|排|调)(?:到|在)(.{1,20}?)(后面|之后|后边|后头|前面|之前|前边|前头)/.exec(c))) {
    const r = ref(m[1]);
    const anchor = ref(m[2]);
    if (r && anchor) return { op: 'move', ref: r, to: /后/.test(m[3]!) ? 'after' : 'before', anchor };
  }
  // Move to the start / end.
  if ((m = /\b(?:open|start|begin|lead|kick (?:it )?off)\s+(?:it\s+|the video\s+)?(?:with|on)\s+(.{1,60})/.exec(c))) {
    const r = ref(m[1]);
    if (r && !r.recent) return { op: 'move', ref: r, to: 'first' };
  }
  if ((m = /\b(?:end|finish|close)\s+(?:it\s+|the video\s+)?(?:with|on)\s+(.{1,60})/.exec(c))) {
    const r = ref(m[1]);
    if (r && !r.recent) return { op: 'move', ref: r, to: 'last' };
  }
  if (
    (m =
      /\b(?:put|move|place|shift|bring|make)\s+(.{1,60}?)\s+(?:first|to the (?:front|start|beginning|top)|at the (?:front|start|beginning))\b/.exec(
        c,
      )) ??
    (m = /^(.{1,60}?)\s+(?:should\s+|needs to\s+|has to\s+)?(?:come|go|be)\s+first\b/.exec(c.trim())) ??
    (m = /^(.{1,60}?)\s+first(?:\s+please)?\s*$/.exec(c.trim())) ??
    (m = /\bmake\s+(.{1,60}?)\s+the\s+(?:opener|opening shot|first shot|first one)\b/.exec(c))
  ) {
    const r = ref(m[1]);
    if (r && !r.recent) return { op: 'move', ref: r, to: 'first' };
  }
  if ((m = /\b(?:put|move|place|shift|make)\s+(.{1,60}?)\s+(?:last|to the end|at the end|to the back)\b/.exec(c))) {
    const r = ref(m[1]);
    if (r && !r.recent) return { op: 'move', ref: r, to: 'last' };
  }
  if (
    (m = /^把?(.{1,20}?)(?:放|挪|移|排|调)(?:到|在|成)?(?:第一个|第一张|第一位|第一|最前面|最前|开头|最开始)/.exec(
      c.trim(),
    )) ??
    (m = /(?:用|拿)(.{1,20}?)(?:开头|开场)/.exec(c)) ??
    (m = /(?:开头|开场)(?:用|放)(.{1,20})/.exec(c)) ??
    (m = /先放(.{1,20})/.exec(c)) ??
    (m = /^第一(?:张|个|幅)?(?:用|放|是)(.{1,20})/.exec(c.trim())) ??
    (m = /^(.{1,20}?)(?:第一个|最先|最早)(?:出现|出场|出来|放)/.exec(c.trim()))
  ) {
    const r = ref(m[1]);
    if (r && !r.recent) return { op: 'move', ref: r, to: 'first' };
  }
  if (
    (m = /^把?(.{1,20}?)(?:放|挪|移|排|调)(?:到|在)?(?:最后一个|最后面|最后|结尾|末尾)/.exec(c.trim())) ??
    (m = /(?:用|拿)(.{1,20}?)(?:结尾|收尾)/.exec(c))
  ) {
    const r = ref(m[1]);
    if (r && !r.recent) return { op: 'move', ref: r, to: 'last' };
  }
  // Add the newest uploads: "add these at the end", "add the new photos too", "刚上传的加到结尾".
  if (
    (m =
      /\b(?:add|put|include|append|throw in|stick|use)\s+(.{1,60}?)(?:\s+(?:at|to)\s+the\s+(end|start|beginning|front)|\s+too|\s+as well|\s+in)?\s*$/.exec(
        c.trim(),
      ))
  ) {
    const r = ref(m[1]);
    if (r?.recent) return { op: 'appendMedia', ref: r, at: m[2] && m[2] !== 'end' ? 'start' : 'end' };
  }
  if (
    (m = /^把?(.{1,20}?)(?:也)?(?:加到|放到|加进|加入|加上|添加到|放进|加在|放在)(最前面|开头|前面)?/.exec(c.trim()))
  ) {
    const r = ref(m[1]);
    if (r?.recent) return { op: 'appendMedia', ref: r, at: m[2] ? 'start' : 'end' };
  }
  // Remove one: "drop the cake one", "remove the second photo", "去掉第二张", "把蛋糕那张删了".
  if (
    (m =
      /\b(?:drop|remove|delete|cut|lose|ditch|skip|kill|get rid of|take out|take away|leave out|throw out)\s+(.{1,60})/.exec(
        c,
      )) ??
    (m = /^(?:no|without)\s+(.{1,60}?)(?:\s+please)?\s*$/.exec(c.trim()))
  ) {
    const r = ref(m[1]);
    if (r && !r.recent) return { op: 'removeMedia', ref: r };
  }
  if (
    (m = /^把?(.{1,20}?)(?:不要了|不要|删了|删掉|去掉|拿掉|去了|删除|移除)$/.exec(c.trim())) ??
    (m = /^把?(.{1,20}?)(?:不要了|删了|删掉|去掉|拿掉|去了|删除|移除)/.exec(c.trim())) ??
    (m = /(?:去掉|删掉|删除|删了|不要|拿掉|去除|移除)(.{1,20})/.exec(c))
  ) {
    const r = ref(m[1]);
    if (r && !r.recent) return { op: 'removeMedia', ref: r };
  }
  return undefined;
}

/** `lower` is the lower-cased request with quotes masked. */
export function parseArrange(lower: string): ArrangeParse {
  const ops: Op[] = [];
  let rest = lower;
  for (const r of clauseRanges(lower)) {
    const clause = lower.slice(r.start, r.end);
    // "cut to the beat", "switch on the beat": timing of the cuts (beatSync.ts), not media.
    if (L.BEAT_SYNC.test(clause) || L.NO_BEAT_SYNC.test(clause)) continue;
    const op = arrangeClause(clause);
    if (!op) continue;
    ops.push(op);
    rest = rest.slice(0, r.start) + ' '.repeat(r.end - r.start) + rest.slice(r.end);
  }
  return { ops, rest };
}
