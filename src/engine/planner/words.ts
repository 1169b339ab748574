/**
 * Words of a request or a file name, in English and Chinese. Chinese has no spaces: Node's
 * built-in ICU word segmenter (Intl.Segmenter, full ICU ships with Node and Electron) splits it
 * with no dependency and no dictionary download. Everything here is linear in the input.
 */
import { hasHan } from './text';

const zhSegmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** Words that say "a photo/clip" but not which one. */
const FILLER_EN = new Set([
  'the',
  'a',
  'an',
  'one',
  'ones',
  'photo',
  'photos',
  'pic',
  'pics',
  'picture',
  'pictures',
  'image',
  'images',
  'shot',
  'shots',
  'clip',
  'clips',
  'video',
  'videos',
  'slide',
  'slides',
  'that',
  'this',
  'those',
  'these',
  'with',
  'of',
  'my',
  'our',
  'from',
  'in',
  'on',
  'at',
  'to',
  'it',
  'and',
  'please',
  'too',
  'also',
  'just',
  'some',
  'where',
  'which',
  'is',
  'was',
  'thing',
]);
const FILLER_ZH = new Set([
  '那',
  '那张',
  '这张',
  '张',
  '个',
  '段',
  '的',
  '照片',
  '图片',
  '图',
  '视频',
  '片段',
  '素材',
  '那个',
  '这个',
  '一张',
  '那段',
  '这段',
  '把',
  '也',
  '里',
]);

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
 * Common photo subjects in Chinese → the English words file names use, so "海边那张" finds
 * beach.jpg and "蛋糕" finds birthday_cake.jpg. Small on purpose: subjects, not a dictionary.
 */
const ZH_GLOSS: Record<string, string[]> = {
  海边: ['beach', 'sea', 'seaside', 'coast', 'shore'],
  海滩: ['beach'],
  沙滩: ['beach', 'sand'],
  大海: ['sea', 'ocean'],
  海: ['sea', 'ocean'],
  日落: ['sunset'],
  夕阳: ['sunset'],
  日出: ['sunrise'],
  天空: ['sky'],
  云: ['cloud', 'clouds'],
  山: ['mountain', 'mountains', 'hill'],
  湖: ['lake'],
  河: ['river'],
  森林: ['forest', 'woods'],
  树: ['tree', 'trees'],
  花: ['flower', 'flowers'],
  草地: ['meadow', 'grass', 'lawn'],
  雪: ['snow'],
  雨: ['rain'],
  城市: ['city'],
  街道: ['street'],
  夜景: ['night'],
  桥: ['bridge'],
  码头: ['pier', 'dock'],
  蛋糕: ['cake'],
  生日: ['birthday'],
  咖啡: ['coffee', 'latte', 'espresso'],
  拉花: ['latte', 'art'],
  菜单: ['menu'],
  饮料: ['drink', 'drinks'],
  冰淇淋: ['ice', 'cream', 'icecream', 'gelato'],
  面包: ['bread', 'bakery'],
  披萨: ['pizza'],
  汉堡: ['burger'],
  奶茶: ['tea', 'boba'],
  甜点: ['dessert'],
  小狗: ['puppy', 'dog'],
  狗: ['dog', 'puppy'],
  猫: ['cat', 'kitten'],
  小猫: ['kitten', 'cat'],
  鸟: ['bird'],
  瓢虫: ['ladybird', 'ladybug'],
  宝宝: ['baby'],
  孩子: ['kid', 'kids', 'child'],
  婚礼: ['wedding'],
  新娘: ['bride'],
  自拍: ['selfie'],
  合照: ['group'],
  朋友: ['friends'],
  店: ['shop', 'store'],
  店铺: ['shop', 'store', 'storefront'],
  门口: ['entrance', 'storefront', 'door'],
  产品: ['product'],
  鞋: ['shoe', 'shoes', 'sneaker', 'sneakers'],
  衣服: ['dress', 'shirt', 'outfit'],
  包: ['bag'],
  车: ['car'],
  房间: ['room'],
  厨房: ['kitchen'],
  海报: ['poster'],
  开业: ['opening'],
};

/**
 * English words people use for a subject whose file is named by a narrower or sibling word:
 * "the coffee one" is latte_art.jpg, "the dog pic" is puppy.jpg. Same rule as ZH_GLOSS: subjects.
 */
const EN_RELATED: Record<string, string[]> = {
  coffee: ['latte', 'espresso', 'cappuccino', 'cafe'],
  latte: ['coffee'],
  dog: ['puppy', 'pup'],
  puppy: ['dog'],
  cat: ['kitten', 'kitty'],
  kitten: ['cat'],
  sea: ['ocean', 'beach'],
  ocean: ['sea'],
  dessert: ['cake', 'cupcake', 'gelato', 'icecream'],
  sneaker: ['shoe'],
  shoe: ['sneaker'],
  shop: ['store', 'storefront'],
  store: ['shop', 'storefront'],
};

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
      if (stem.includes(w) || (ZH_GLOSS[w] ?? []).some((g) => fileWords.has(g))) score += 1;
    } else if (w.length >= 2) {
      const one = singular(w);
      if (fileWords.has(one) || (EN_RELATED[one] ?? []).some((r) => fileWords.has(r))) score += 1;
    }
  }
  return score;
}
