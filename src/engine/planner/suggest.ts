/**
 * Examples that would work on THIS draft, for replies that changed nothing: each candidate is
 * parsed and applied to the current draft, and only those that really change it are offered.
 */
import type { Draft } from '../../contract/draft';
import { TrackType } from '../../contract/draft';
import type { MediaFile } from '../contracts';
import { applyOps } from './edit';
import { parseRequest } from './parse';
import { findTrack } from './tracks';
import type { Lang } from './types';

const CANDIDATES: Record<Lang, string[]> = {
  en: [
    'swap the first two',
    "add 'Thanks for watching' at the end",
    'make it 16:9 for YouTube',
    'make it vertical for TikTok',
    'quick cuts',
    'music quieter',
    'add music',
    'make the title bigger',
    'no transitions',
  ],
  zh: [
    '前两张换一下位置',
    '结尾加上一句「谢谢观看」',
    '改成横屏16:9',
    '改成竖屏',
    '快节奏',
    '音乐小一点',
    '加音乐',
    '标题大一点',
    '去掉转场',
  ],
};

/** 2–3 requests that change this draft, in the user's language. */
export function examplesFor(draft: Draft | undefined, media: MediaFile[], lang: Lang, max = 3): string[] {
  if (!draft || !findTrack(draft, TrackType.Video)?.sg.length) return [];
  const before = JSON.stringify(draft);
  const out: string[] = [];
  for (const c of CANDIDATES[lang]) {
    const parsed = parseRequest(c);
    const after = applyOps(draft, parsed.ops, { media, lang, promo: false }).draft;
    if (JSON.stringify(after) !== before) out.push(c);
    if (out.length >= max) break;
  }
  return out;
}

export function quoteList(items: string[], lang: Lang): string {
  if (lang === 'zh') return items.map((x) => `“${x}”`).join('、');
  const q = items.map((x) => `"${x}"`);
  return q.length <= 1 ? q.join('') : `${q.slice(0, -1).join(', ')} or ${q[q.length - 1]}`;
}
