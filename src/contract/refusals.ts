/**
 * The local engine's own refusals as data: a stable `reason` and the numbers a sentence needs.
 * The engine sends one next to its English message (`refusal` in the error envelope and in a
 * failed render's status; docs/protocol.md), so a client words it in its user's language
 * (src/words `refusal`) instead of showing the engine's English; other clients keep reading
 * the message. The engine never imports src/words, and the client never parses English.
 */
import type { TextLimitKind, TextLimitProblem } from './textLimits';

export type EngineRefusal =
  /** A draft's text passes a limit (textLimits.ts); `stage` says what was not done. */
  | ({ reason: 'text_limit'; stage: 'save' | 'render' } & TextLimitProblem)
  /** A chat message longer than the engine reads. */
  | { reason: 'chat_too_long'; limit: number; actual: number }
  /** An upload with more pixels than the engine decodes (photo: 50 MP; video frame: 4096×4096). */
  | { reason: 'too_many_pixels'; file: string; media: 'photo' | 'video'; width: number; height: number; limit: number }
  /** A write failed for want of space; `freeMb` when the file system could say. */
  | { reason: 'disk_full'; dir: string; freeMb?: number }
  /** Music too short to play or loop (audio segment `item`, 1-based). */
  | { reason: 'music_too_short'; item: number; file: string; ms: number; minMs: number }
  /** A render that was running when its engine stopped (restarted or killed): nobody finishes it. */
  | { reason: 'interrupted' };

export type RefusalReason = EngineRefusal['reason'];

/** Carries a refusal from where it is found to where the engine answers (a route, a render job). */
export class RefusalError extends Error {
  constructor(
    readonly refusal: EngineRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'RefusalError';
  }
}

export function refusalOf(e: unknown): EngineRefusal | undefined {
  return e instanceof RefusalError ? e.refusal : undefined;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const text = (v: unknown, max = 500): v is string => typeof v === 'string' && v.length <= max;
const TEXT_KINDS: readonly TextLimitKind[] = ['itemChars', 'itemLines', 'draftChars', 'draftLines'];

/**
 * A refusal read off the wire, or undefined when it is missing, from a newer engine (unknown
 * reason) or malformed — the client then shows the message as before. Copies only known fields.
 */
export function readRefusal(v: unknown): EngineRefusal | undefined {
  if (!isObj(v)) return undefined;
  switch (v.reason) {
    case 'text_limit':
      if (!TEXT_KINDS.includes(v.kind as TextLimitKind) || !num(v.limit) || !num(v.actual)) return undefined;
      return {
        reason: 'text_limit',
        stage: v.stage === 'render' ? 'render' : 'save',
        kind: v.kind as TextLimitKind,
        limit: v.limit,
        actual: v.actual,
        ...(num(v.item) ? { item: v.item } : {}),
        ...(text(v.preview, 100) ? { preview: v.preview } : {}),
      };
    case 'chat_too_long':
      return num(v.limit) && num(v.actual) ? { reason: 'chat_too_long', limit: v.limit, actual: v.actual } : undefined;
    case 'too_many_pixels':
      if (!text(v.file) || !num(v.width) || !num(v.height) || !num(v.limit)) return undefined;
      return {
        reason: 'too_many_pixels',
        file: v.file,
        media: v.media === 'video' ? 'video' : 'photo',
        width: v.width,
        height: v.height,
        limit: v.limit,
      };
    case 'disk_full':
      if (!text(v.dir, 4096)) return undefined;
      return { reason: 'disk_full', dir: v.dir, ...(num(v.freeMb) ? { freeMb: v.freeMb } : {}) };
    case 'music_too_short':
      if (!num(v.item) || !text(v.file) || !num(v.ms) || !num(v.minMs)) return undefined;
      return { reason: 'music_too_short', item: v.item, file: v.file, ms: v.ms, minMs: v.minMs };
    case 'interrupted':
      return { reason: 'interrupted' };
    default:
      return undefined;
  }
}
