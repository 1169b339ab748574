/** Picks the strings table for a language code (`zh`, `zh-CN`, `zh_CN.UTF-8` → Chinese). */
import { en } from './en';
import { zhCN } from './zhCN';
import type { Words } from './types';
import { basename } from 'node:path';
import { isApiError } from '../core/api/errors';
import { HeifUploadError, type HeifFailure } from '../core/heif';
import type { UploadResult } from '../core/api/types';
import { isEngineProcessError } from '../contract/engineProcess';

export type { Words } from './types';

export function wordsFor(lang: string | undefined): Words {
  return /^zh/i.test(lang ?? '') ? zhCN : en;
}

/** An error in the table's language: English keeps the core's specific message; other languages use the table. */
export function errorWords(e: unknown, w: Words): string {
  if (e instanceof HeifUploadError)
    return w.heifSkipped(
      e.failures[0].reason,
      e.failures.map((f) => basename(f.path)),
    );
  if (isEngineProcessError(e)) return w.engineProcess(e.failure, e.logFile, e.detail);
  // The local engine said why as data: worded from the table, in every language.
  if (isApiError(e) && e.refusal) return w.refusal(e.refusal);
  if (isApiError(e)) return w.lang === 'en' ? e.message : w.error(e.kind, e.code, e.status);
  if (w.lang === 'en') return e instanceof Error ? e.message : String(e);
  return w.error('server', undefined, undefined);
}

/** One sentence per reason for the iPhone photos an upload could not convert (the rest went up). */
export function heifSkippedLines(r: Pick<UploadResult, 'heifSkipped'>, w: Words): string[] {
  const byReason = new Map<HeifFailure, string[]>();
  for (const s of r.heifSkipped ?? []) byReason.set(s.reason, [...(byReason.get(s.reason) ?? []), basename(s.path)]);
  return [...byReason].map(([reason, names]) => w.heifSkipped(reason, names));
}
