/**
 * Words of a request or a file name, in English and Chinese. Chinese has no spaces: Node's
 * built-in ICU word segmenter (Intl.Segmenter, full ICU ships with Node and Electron) splits it
 * with no dependency and no dictionary download. Everything here is linear in the input.
 */
import { hasHan } from './text';

const zhSegmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** Words that say "a photo/clip" but not which one. */
const FILLER_EN = new Set([
  'the', 'a', 'an', 'one', 'ones', 'photo', 'photos', 'pic', 'pics', 'picture', 'pictures', 'image', 'images', 'shot', 'shots',
  'clip', 'clips', 'video', 'videos', 'slide', 'slides', 'that', 'this', 'those', 'these', 'with', 'of', 'my', 'our', 'from',
  'in', 'on', 'at', 'to', 'it', 'and', 'please', 'too', 'also', 'just', 'some', 'where', 'which', 'is', 'was', 'thing',
]);
const FILLER_ZH = new Set(['那', '那张', '这张', '张', '个', '段', '的', '照片', '图片', '图', '视频', '片段', '素材', '那个', '这个', '一张', '那段', '这段', '把', '也', '里']);

/** Lower-cased words: ASCII words split on anything else, Chinese words by the ICU segmenter. */
export function wordsOf(text: string): string[] {
  const out: string[] = [];
  const spaced = text.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  for (const m of spaced.matchAll(/[a-z0-9]+|\p{Script=Han}+/gu)) {
    const w = m[0];
    if (hasHan(w)) {
      for (const seg of zhSegmenter.segment(w)) if (seg.isWordLike) out.push(seg.segment);
    } else out.push(w);
  }
  return out;
}

/** The words of a reference that can name a file ("the beach one" → ["beach"]). */
export function contentWords(text: string): string[] {
  return wordsOf(text).filter((w) => !FILLER_EN.has(w) && !FILLER_ZH.has(w) && !/^\d+$/.test(w));
}

/** Singular form good enough for matching file names ("cakes" → "cake", "puppies" → "puppy"). */
export function singular(w: string): string {
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

/**
 * How well `words` name a file: each request word found among the file's words (or, for
 * Chinese, inside its name: "蛋糕" names 生日蛋糕.jpg) counts one.
 */
export function nameScore(words: string[], fileName: string): number {
  const stem = fileName.replace(/\.[^.]+$/, '').toLowerCase();
  const fileWords = new Set(wordsOf(stem).map(singular));
  let score = 0;
  for (const w of words) {
    if (hasHan(w)) {
      if (stem.includes(w)) score += 1;
    } else if (w.length >= 2 && fileWords.has(singular(w))) score += 1;
  }
  return score;
}
