/**
 * Where a secret must never appear: the places are scanned as raw bytes (so a token inside
 * JSON, a log line or a SQLite page is found too).
 */
import { readFileSync, statSync } from 'node:fs';
import { listFiles } from './session';

export interface SecretHit {
  where: string;
}

/** Files under `dirs` (and the single `files`) whose bytes contain `secret`. */
export function scanFilesForSecret(secret: string, dirs: string[], files: string[] = []): SecretHit[] {
  if (secret.length < 8) throw new Error('refusing to scan for a secret shorter than 8 characters (false hits)');
  const needle = Buffer.from(secret, 'utf8');
  const hits: SecretHit[] = [];
  for (const f of [...dirs.flatMap((d) => listFiles(d)), ...files]) {
    const st = statSync(f, { throwIfNoEntry: false });
    if (!st?.isFile() || st.size > 64 * 1024 * 1024) continue;
    if (readFileSync(f).includes(needle)) hits.push({ where: f });
  }
  return hits;
}

/** `texts` (label → text) that contain `secret`. */
export function scanTextsForSecret(secret: string, texts: Record<string, string>): SecretHit[] {
  return Object.entries(texts)
    .filter(([, t]) => t.includes(secret))
    .map(([where]) => ({ where }));
}
