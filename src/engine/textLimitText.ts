/**
 * A text-limit problem in plain English, for the engine's own HTTP answers, the planner's
 * failure and the renderer's (the engine never imports src/words; clients that can word the
 * problem themselves with `Words.textLimit`, in the user's language).
 */
import type { TextLimitProblem } from '../contract/textLimits';

export function textLimitMessage(p: TextLimitProblem): string {
  const n = (x: number) => x.toLocaleString('en');
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
