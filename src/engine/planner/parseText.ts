/**
 * The words the user wants on screen: quoted strings ('…', "…", “…”, 「…」, 『…』) become a title
 * or captions depending on the keyword before them ("title", "caption", "标题", "字幕"); an
 * unquoted "title Summer Sale" / "标题改成夏日特卖" works too. A caption's "at 10s" / "for 5
 * seconds" is read here and blanked from the text, so it is not mistaken for the video length.
 */
import type { Op } from './types';
import type { Quote } from './text';
import { blank, findAtTime, findForDuration, findRange } from './parseTime';

type Role = 'title' | 'caption' | 'remove';

const CAPTION_WORD =
  /captions?|subtitles?|subtext|text overlays?|overlay text|\btext\b|\bsays?\b|\bsaying\b|字幕|文字|文案|说明|写着/g;
const TITLE_WORD = /\btitles?\b|\bheading\b|\bheadline\b|\btitled\b|\bcalled\b|\bnamed\b|标题|题目|片名|命名|叫做?/g;
const REMOVE_WORD = /\b(?:remove|delete|drop)\b|去掉|删除|删掉|移除/;
/** "after the title" places a caption; it does not make the next quote a title. */
const AFTER_TITLE =
  /\b(?:right\s+|just\s+|straight\s+)?after the (?:title|heading|opening title)\b|标题(?:后面|之后|后边|结束后|后)/;
/** Words that place text in time: a quote with these and no role word is a caption, not a title. */
const PLACEMENT =
  /\bat the (?:very )?(?:end|finish|start|beginning)\b|\b(?:end|finish|close|wrap (?:it )?up) (?:it |the video )?(?:with|on)\b|\b(?:last|final|closing) (?:few )?(?:seconds?|moments?|line|bit)\b|\bbetween\b|\bfrom\s+\d|\bat\s+\d|\bafter\s+\d|结尾|最后|末尾|片尾|之间|第\s*\d{1,3}\s*秒|\d{1,3}\s*秒(?:到|处|时)|开头|一句|一行/;
const CONNECTOR = /^[\s,，、&;；]*(?:and|then|plus|和|及|以及|还有|再)?[\s,，、&;；]*$/;

function lastIndex(re: RegExp, s: string): number {
  let last = -1;
  for (const m of s.matchAll(re)) last = m.index ?? last;
  return last;
}

/** The role the words between two quotes give to the next quote. */
function roleFromGap(gap: string): Role | undefined {
  const c = lastIndex(CAPTION_WORD, gap);
  const t = lastIndex(TITLE_WORD, gap);
  if (c < 0 && t < 0) return undefined;
  if (REMOVE_WORD.test(gap) && c > t) return 'remove';
  return c > t ? 'caption' : 'title';
}

export interface TextParse {
  ops: Op[];
  /** The lower-cased masked text with consumed caption times blanked out. */
  rest: string;
}

/**
 * @param masked the request with quotes replaced by `⟦i⟧` markers (original case)
 * @param lower  the same, ASCII-lower-cased (same length)
 */
export function parseTexts(masked: string, lower: string, quotes: Quote[]): TextParse {
  const ops: Op[] = [];
  let rest = lower;
  const markers = [...lower.matchAll(/⟦(\d+)⟧/g)].map((m) => ({
    i: Number(m[1]),
    start: m.index ?? 0,
    end: (m.index ?? 0) + m[0].length,
  }));
  let prevRole: Role | undefined;
  let hasTitle = false;
  markers.forEach((mk, k) => {
    const q = quotes[mk.i];
    if (!q) return;
    const gapStart = k > 0 ? markers[k - 1]!.end : 0;
    const rawGap = lower.slice(gapStart, mk.start);
    const after = lower.slice(mk.end, k + 1 < markers.length ? markers[k + 1]!.start : lower.length);
    const afterTitle = AFTER_TITLE.test(rawGap) || AFTER_TITLE.test(after.split(/[,;，。；!?！？]/)[0] ?? '');
    const gap = rawGap.replace(AFTER_TITLE, (x) => ' '.repeat(x.length));
    const afterRole = /^\s*(?:as|for)\s+(?:the\s+|a\s+)?(title|caption|subtitle)/.exec(after)?.[1];
    let role: Role | undefined =
      roleFromGap(gap) ??
      (/^\s*作为(标题|字幕)/.exec(after) ? (after.includes('标题') ? 'title' : 'caption') : undefined);
    if (afterRole) role = afterRole === 'title' ? 'title' : 'caption';
    if (!role && prevRole && CONNECTOR.test(gap)) role = prevRole;
    const clauseOf = (x: string) => x.split(/[,;，。；!?！？]/);
    if (!role && (afterTitle || PLACEMENT.test(clauseOf(gap).pop() ?? '') || PLACEMENT.test(clauseOf(after)[0] ?? '')))
      role = 'caption';
    if (!role) role = hasTitle ? 'caption' : 'title';
    prevRole = role;
    if (role === 'remove') {
      ops.push({ op: 'removeCaptions', text: q.text });
      return;
    }
    if (role === 'title') {
      hasTitle = true;
      ops.push({ op: 'title', text: q.text });
      return;
    }
    // A caption's time sits in its own clause: after the quote first, else before it.
    const clauseAfter = after.split(/[,;，。；!?！？]|\band\b/)[0] ?? '';
    const clauseBeforeStart = Math.max(
      gap.lastIndexOf(','),
      gap.lastIndexOf('，'),
      gap.lastIndexOf(';'),
      gap.lastIndexOf('。'),
    );
    const before = gap.slice(clauseBeforeStart + 1);
    const op: Op & { op: 'caption' } = { op: 'caption', text: q.text, ...(afterTitle ? { afterTitle: true } : {}) };
    // A range's own "and" ("between 0:05 and 0:09") is not a clause break.
    const sentenceAfter = after.split(/[,;，。；!?！？]/)[0] ?? '';
    const rangeAfter = findRange(sentenceAfter);
    if (rangeAfter) {
      op.atMs = rangeAfter.ms;
      op.durMs = rangeAfter.durMs;
      rest = blank(rest, { start: mk.end + rangeAfter.start, end: mk.end + rangeAfter.end });
    }
    for (const [segment, offset] of [
      [clauseAfter, mk.end],
      [before, gapStart + clauseBeforeStart + 1],
    ] as const) {
      const range = op.atMs === undefined ? findRange(segment) : undefined;
      if (range) {
        op.atMs = range.ms;
        op.durMs = range.durMs;
        rest = blank(rest, { start: offset + range.start, end: offset + range.end });
        continue;
      }
      const at = op.atMs === undefined ? findAtTime(segment) : undefined;
      if (at) {
        op.atMs = at.ms;
        rest = blank(rest, { start: offset + at.start, end: offset + at.end });
      }
      const dur = op.durMs === undefined ? findForDuration(segment) : undefined;
      if (dur) {
        op.durMs = dur.ms;
        rest = blank(rest, { start: offset + dur.start, end: offset + dur.end });
      }
    }
    ops.push(op);
  });
  if (!ops.some((o) => o.op === 'title')) {
    const t = unquotedTitle(masked);
    if (t) ops.unshift({ op: 'title', text: t });
  }
  const cap = ops.some((o) => o.op === 'caption') ? undefined : unquotedCaption(masked, lower);
  if (cap) {
    ops.push(cap.op);
    rest = blank(rest, cap.range);
  }
  return { ops, rest };
}

/** Words that follow "title" but describe an edit, not the title's text. */
const NOT_A_TITLE =
  /^(?:bigger|smaller|larger|size|font|top|bottom|center|centre|middle|to the|at the|on|off|in|and|with|overlay|overlays|text|card|please|position|higher|lower|bold|bolder|pop|stand out|appear|show|stay|last|fade|red|blue|green|white|black|yellow|pink|orange|purple|gold|colou?r|shorter|longer|sooner|later|earlier|too|should|is|needs)\b/i;

function cleanValue(v: string): string | undefined {
  const cut = v.split(/[,.;!?，。；！？\n]|\s(?:and|with|at|for|on|in)\s|⟦/i)[0] ?? '';
  const out = cut.replace(/\s+please$/i, '').trim();
  if (!out || out.length > 60 || NOT_A_TITLE.test(out)) return undefined;
  return out;
}

function unquotedTitle(masked: string): string | undefined {
  const patterns = [
    /\b(?:change|set|rename|switch|update|make)\s+(?:the\s+)?title\s+(?:to|as|into)\s+(.+)/i,
    /\btitle\s*[:：=]\s*(.+)/i,
    /\b(?:titled|called|named)\s+(.+)/i,
    /\bmake\s+the\s+title\s+(?:say\s+|read\s+)?(.+)/i,
    /\btitle\s+(?:should|will|can|must|needs to)\s+(?:be|say|read)\s+(.+)/i,
    /\b(?:call|name)\s+(?:it|the video)\s+(.+)/i,
    /^\s*title\s+(.+)/i,
    /\b(?:with|add|use)\s+(?:a\s+|the\s+)?title\s+(.+)/i,
    /标题\s*(?:改成|改为|换成|换为|设为|设置为|设成|叫做?|是|为|用|写|[:：])\s*[:：]?\s*(.+)/,
    /(?:命名为|名为|片名叫?)\s*(.+)/,
  ];
  for (const re of patterns) {
    const m = re.exec(masked);
    const v = m?.[1] ? cleanValue(m[1]) : undefined;
    if (v) return v;
  }
  return undefined;
}

const UNQUOTED_CAPTION: RegExp[] = [
  /\b(?:captions?|subtitles?|text|the words?)\s+(?:should\s+|will\s+|to\s+)?(?:say|says|saying|read|reads|reading)\s*[:：]?\s*(.+)/i,
  /\b(?:caption|subtitle|text)\s*(?:saying|that says|reading|which says|[:：])\s*(.+)/i,
  /\badd\s+(?:a\s+)?(?:caption|subtitle)\s+(?!⟦|at\b|saying|to\b|on\b|in\b|for\b|and\b)(.+)/i,
  /\b(?:line|sentence|message|note|words?|text|caption)\b[^:：⟦\n]{0,40}[:：]\s*(.+)/i,
  /\b(?:at the (?:very )?(?:end|start|beginning)|in the (?:last|final) (?:few )?seconds?)\s*,?\s*(?:say|show|write|put|add)\s*[:：]?\s*(.+)/i,
  /(?:字幕|文字)\s*(?:写着|写上|写成|写|内容是|是|说)\s*[:：]?\s*(.+)/,
  /(?:加|写|放|打)(?:上)?一(?:句|行字?|段话|行)\s*[:：]?\s*(.+)/,
  /(?:结尾|最后|末尾|片尾|开头)(?:处)?(?:写上|写|加上|加|打上|放上|显示)\s*[:：]?\s*(.+)/,
];

function unquotedCaption(masked: string, lower: string): { op: Op; range: { start: number; end: number } } | undefined {
  for (const re of UNQUOTED_CAPTION) {
    const m = re.exec(masked);
    if (!m?.[1]) continue;
    const start = m.index;
    const valueAt = start + m[0].length - m[1].length;
    const tail = lower.slice(valueAt);
    const at = findAtTime(tail);
    const text = cleanValue(at ? m[1].slice(0, at.start) : m[1]);
    if (!text) continue;
    // The place can also come before the words: "at the end say …", "结尾写上…".
    const head = lower.slice(0, valueAt);
    const range = findRange(head);
    const atBefore = at || range ? undefined : findAtTime(head);
    const atMs = range?.ms ?? at?.ms ?? atBefore?.ms;
    const op: Op = {
      op: 'caption',
      text,
      ...(atMs !== undefined ? { atMs } : {}),
      ...(range ? { durMs: range.durMs } : {}),
      ...(AFTER_TITLE.test(head) ? { afterTitle: true } : {}),
    };
    const from = Math.min(start, range?.start ?? start, atBefore?.start ?? start);
    return { op, range: { start: from, end: at ? valueAt + at.end : valueAt + m[1].length } };
  }
  return undefined;
}
