/** Picks the strings table for a language code (`zh`, `zh-CN`, `zh_CN.UTF-8` → Chinese). */
import { en } from './en';
import { zhCN } from './zhCN';
import type { Words } from './types';
import { isApiError } from '../core/api/errors';

export type { Words } from './types';

export function wordsFor(lang: string | undefined): Words {
  return /^zh/i.test(lang ?? '') ? zhCN : en;
}

/** An error in the table's language: English keeps the core's specific message; other languages use the table. */
export function errorWords(e: unknown, w: Words): string {
  if (isApiError(e)) return w.lang === 'en' ? e.message : w.error(e.kind, e.code, e.status);
  if (w.lang === 'en') return e instanceof Error ? e.message : String(e);
  return w.error('server', undefined, undefined);
}
