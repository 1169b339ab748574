/**
 * What the uploads are for: photos and clips go on the video track (upload order), the first
 * audio file is the soundtrack, and a logo-like image (named logo/watermark/brand, or a small
 * transparent PNG) becomes a corner watermark instead of a slide. Also the default title and
 * captions made from file names when the user gave none.
 */
import type { MediaFile } from '../contracts';
import type { Lang } from './types';
import { hasHan, titleCase } from './text';

export interface MediaRoles {
  visuals: MediaFile[];
  audio: MediaFile[];
  logo: MediaFile | undefined;
}

/**
 * A name that says "logo": the word itself (logo.png, shop_logo.png, LogoWhite.png), not a brand
 * word inside a photo's name (brand_new_sneakers.jpg is a photo).
 */
const LOGO_NAME =
  /(?:^|[^a-z])logo(?:s|type)?(?:[^a-z]|$)|(?:^|[^a-z])watermark(?:[^a-z]|$)|^logo|logo(?=[A-Z0-9_.\- ])|水印|标志|商标|徽标/i;
/** A photo this big with no transparency is a photo, whatever its name. */
const PHOTO_PX = 1_600;
/** A transparent image this small is a mark, not a photo (a product cut-out is bigger). */
const SMALL_PX = 640;
const SMALL_BYTES = 150_000;

function namedLikeLogo(f: MediaFile): boolean {
  if (f.kind !== 'image' || !LOGO_NAME.test(f.name)) return false;
  const big = Math.max(f.width ?? 0, f.height ?? 0) > PHOTO_PX;
  return !big || !!f.hasAlpha;
}

export function isLogoLike(f: MediaFile): boolean {
  if (f.kind !== 'image') return false;
  if (namedLikeLogo(f)) return true;
  if (!f.hasAlpha) return false;
  const dims = f.width !== undefined && f.height !== undefined;
  return dims ? Math.max(f.width ?? 0, f.height ?? 0) <= SMALL_PX : f.size <= SMALL_BYTES;
}

export function classifyMedia(media: MediaFile[]): MediaRoles {
  const byName = media.find(namedLikeLogo);
  const logo = byName ?? media.find(isLogoLike);
  const visuals = media.filter((f) => (f.kind === 'image' || f.kind === 'video') && f !== logo);
  // Only a logo uploaded: show it rather than refuse.
  if (visuals.length === 0 && logo)
    return { visuals: [logo], audio: media.filter((f) => f.kind === 'audio'), logo: undefined };
  return { visuals, audio: media.filter((f) => f.kind === 'audio'), logo };
}

/** Camera and messenger prefixes that say nothing about the content. */
const NOISE = new Set([
  'img',
  'image',
  'images',
  'dsc',
  'dscn',
  'dscf',
  'pxl',
  'mvimg',
  'vid',
  'video',
  'mov',
  'photo',
  'photos',
  'pic',
  'pict',
  'screenshot',
  'screen',
  'shot',
  'wa',
  'whatsapp',
  'final',
  'copy',
  'edit',
  'edited',
  'export',
  'untitled',
  'file',
  'clip',
  'gopr',
  'dji',
  'snapchat',
  'signal',
  'telegram',
  'pexels',
  'unsplash',
  'stock',
  'hd',
  'uhd',
  'raw',
  'jpg',
  'jpeg',
  'png',
  'mp4',
  'new',
  'the',
  'a',
  'an',
  'of',
  'and',
  'logo',
  'watermark',
  'brand',
  'bg',
  'background',
]);

/** Meaningful words of a file name: "summer_sale_01.jpg" → ["summer", "sale"]. */
export function stemWords(name: string): string[] {
  const stem = name.replace(/\.[^.]+$/, '');
  if (hasHan(stem)) {
    const han = stem.match(/\p{Script=Han}+/gu) ?? [];
    return han.filter((w) => w.length >= 2);
  }
  return stem
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .map((w) => w.toLowerCase())
    .filter((w) => w.length >= 2 && /^[a-z]+$/.test(w) && !NOISE.has(w));
}

/** Words found in at least half of the names (and at least two), in first-seen order. */
function commonWords(lists: string[][]): string[] {
  if (lists.length < 2) return [];
  const seen: string[] = [];
  for (const l of lists) for (const w of l) if (!seen.includes(w)) seen.push(w);
  const need = Math.max(2, Math.ceil(lists.length / 2));
  return seen.filter((w) => lists.filter((l) => l.includes(w)).length >= need);
}

function joinWords(words: string[]): string {
  if (words.length === 0) return '';
  return hasHan(words[0]!) ? words.join('') : titleCase(words.join(' '));
}

/** "Summer Sale" from summer_sale_1.jpg…; else the first photo's words; else a generic title. */
export function defaultTitle(visuals: MediaFile[], lang: Lang, promo: boolean): string {
  const lists = visuals.map((f) => stemWords(f.name));
  const common = commonWords(lists).slice(0, 4);
  if (common.length) return joinWords(common);
  const first = lists.find((l) => l.length > 0);
  if (first) return joinWords(first.slice(0, 4));
  if (lang === 'zh') return promo ? '新品上市' : '精彩瞬间';
  return promo ? 'New Arrivals' : 'Highlights';
}

/**
 * Captions for "with text overlays": a middle line and a closing call to action. The middle one
 * comes from a file name that says something the title does not, else a generic line.
 */
export function defaultCaptions(visuals: MediaFile[], title: string, lang: Lang, promo: boolean): [string, string] {
  const titleWords = new Set(stemWords(title).concat(title.toLowerCase().split(/\s+/)));
  const fromNames = visuals
    .map((f) => stemWords(f.name).filter((w) => !titleWords.has(w)))
    .find((l) => l.length > 0 && l.length <= 4);
  const middle = fromNames && fromNames.length ? joinWords(fromNames) : undefined;
  if (lang === 'zh') return [middle ?? (promo ? '限时优惠' : '记录美好'), promo ? '立即选购' : '关注看更多'];
  return [middle ?? (promo ? 'Limited time offer' : 'Made with love'), promo ? 'Shop now' : 'Follow for more'];
}
