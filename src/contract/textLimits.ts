/**
 * How much text a draft may carry: per text item and per draft, in characters and in lines.
 * A caption is read in a second or two on a phone; a pasted page is a mistake, and its cost
 * (text layout, one drawtext filter per line in ffmpeg) grows with its length. Every path that
 * stores or renders a draft checks it here first — the planner, the engine's draft save and
 * render start, the MCP `save_draft`, the renderer — so a 1 MB caption is refused in
 * milliseconds, before any layout or ffmpeg. The check reads the raw draft defensively and is
 * linear in its size. Sentences for the problem live in src/words (`textLimit`) and, for the
 * planner's replies, in planner/reply.ts.
 */
import { TrackType } from './draft';

/** Characters in one title or caption (UTF-16 units, as the schema counts). */
export const MAX_TEXT_ITEM_CHARS = 500;
/** Lines (`\n`-separated) in one title or caption. */
export const MAX_TEXT_ITEM_LINES = 8;
/** Characters over all the text items of one draft. */
export const MAX_DRAFT_TEXT_CHARS = 5_000;
/** Lines over all the text items of one draft. */
export const MAX_DRAFT_TEXT_LINES = 120;

export type TextLimitKind = 'itemChars' | 'itemLines' | 'draftChars' | 'draftLines';

export interface TextLimitProblem {
  kind: TextLimitKind;
  /** The limit that was passed. */
  limit: number;
  /** What the draft has (the item's or the draft's total). */
  actual: number;
  /** 1-based position of the text item among the draft's text items (item limits only). */
  item?: number;
  /** Its first words, for the message (item limits only). */
  preview?: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function linesOf(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n += 1;
  return n;
}

const previewOf = (text: string): string => {
  const head = text.slice(0, 40).replace(/\s+/g, ' ').trim();
  return text.length > 40 ? `${head}…` : head;
};

/** The text items of a draft (track type 7), in order; anything malformed is skipped. */
export function draftTexts(draft: unknown): string[] {
  const out: string[] = [];
  const tracks = isObj(draft) && Array.isArray(draft.t) ? draft.t : [];
  for (const t of tracks) {
    if (!isObj(t) || Number(t.tt) !== TrackType.Text || !Array.isArray(t.sg)) continue;
    for (const sg of t.sg) {
      const text = isObj(sg) && isObj(sg.m) ? sg.m.text : undefined;
      if (typeof text === 'string') out.push(text);
    }
  }
  return out;
}

/** The first limit the draft passes, or undefined when its text is within every limit. */
export function textLimitProblem(draft: unknown): TextLimitProblem | undefined {
  let chars = 0;
  let lines = 0;
  const texts = draftTexts(draft);
  for (const [i, text] of texts.entries()) {
    if (text.length > MAX_TEXT_ITEM_CHARS)
      return {
        kind: 'itemChars',
        limit: MAX_TEXT_ITEM_CHARS,
        actual: text.length,
        item: i + 1,
        preview: previewOf(text),
      };
    const n = linesOf(text);
    if (n > MAX_TEXT_ITEM_LINES)
      return { kind: 'itemLines', limit: MAX_TEXT_ITEM_LINES, actual: n, item: i + 1, preview: previewOf(text) };
    chars += text.length;
    lines += n;
  }
  if (chars > MAX_DRAFT_TEXT_CHARS) return { kind: 'draftChars', limit: MAX_DRAFT_TEXT_CHARS, actual: chars };
  if (lines > MAX_DRAFT_TEXT_LINES) return { kind: 'draftLines', limit: MAX_DRAFT_TEXT_LINES, actual: lines };
  return undefined;
}
