/**
 * The engine's refusals in plain English, for the `message` every client can read. The engine
 * never imports src/words: it sends the refusal as data too (src/contract/refusals.ts), and
 * clients that know it word it in their user's language with `Words.refusal`.
 */
import type { TextLimitProblem } from '../contract/textLimits';
import { RefusalError, type EngineRefusal } from '../contract/refusals';
import { HttpError } from './http/envelope';

const n = (x: number) => x.toLocaleString('en');

export function textLimitMessage(p: TextLimitProblem): string {
  switch (p.kind) {
    case 'itemChars':
      return `Text ${p.item} ("${p.preview}") is ${n(p.actual)} characters long; a title or caption may have at most ${n(p.limit)}. Shorten it or split it into several captions.`;
    case 'itemLines':
      return `Text ${p.item} ("${p.preview}") has ${n(p.actual)} lines; a title or caption may have at most ${n(p.limit)}. Shorten it or split it into several captions.`;
    case 'draftChars':
      return `The video's text items add up to ${n(p.actual)} characters; a video may carry at most ${n(p.limit)}. Remove or shorten some captions.`;
    case 'draftLines':
      return `The video's text items add up to ${n(p.actual)} lines; a video may carry at most ${n(p.limit)}. Remove or shorten some captions.`;
  }
}

export function refusalMessage(r: EngineRefusal): string {
  switch (r.reason) {
    case 'text_limit':
      return `${textLimitMessage(r)} ${r.stage === 'render' ? 'Nothing was rendered.' : 'Nothing was saved.'}`;
    case 'chat_too_long':
      return `The message is ${n(r.actual)} characters long; the engine reads at most ${n(r.limit)}. Describe the edit in a few sentences.`;
    case 'too_many_pixels': {
      const mp = (x: number) => `${Math.round(x / 1_000_000)} MP`;
      return r.media === 'photo'
        ? `"${r.file}" is ${r.width}×${r.height} pixels (${mp(r.width * r.height)}); photos up to ${mp(r.limit)} are accepted. Resize it (4000 px on the long side is plenty for a 1080p video) and upload again.`
        : `"${r.file}" has ${r.width}×${r.height} frames; videos up to 4096×4096 (4K) are accepted. Export it at 4K or 1080p and upload again.`;
    }
    case 'disk_full':
      return `The disk is full (${r.freeMb !== undefined ? `${r.freeMb} MB free at ` : ''}${r.dir}). Free some space — old exports, downloads — and try again; nothing was saved half-way.`;
    case 'music_too_short':
      return `The audio segment ${r.item} ("${r.file}") is only ${n(r.ms)} ms long; music must be at least ${r.minMs / 1000} s to play or loop. Upload a longer song or remove it.`;
    case 'interrupted':
      return 'The engine stopped (it was restarted or killed) while this export was rendering. Export again.';
  }
}

/** A refusal as the error a route throws: its English message, and the refusal for the envelope. */
export function refused(status: number, code: number, r: EngineRefusal): HttpError {
  return new HttpError(status, code, refusalMessage(r), r);
}

/** A refusal thrown where there is no HTTP answer to give (the renderer): a render job keeps it. */
export function refusalError(r: EngineRefusal): RefusalError {
  return new RefusalError(r, refusalMessage(r));
}
