/**
 * A full disk, said as a person can act on it. ENOSPC can strike any write of the engine (an
 * upload's temp file, a saved draft, a render); every one of them ends up here, so the user
 * reads where space is missing and how much is left instead of "internal error".
 */
import { statfsSync } from 'node:fs';

export function isDiskFull(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

/** "The disk is full: 3 MB free at /home/me/…/local-engine. Free some space…" */
export function diskFullMessage(dir: string): string {
  let free = '';
  try {
    const s = statfsSync(dir);
    free = `${Math.floor((s.bavail * s.bsize) / (1024 * 1024))} MB free at `;
  } catch {
    /* statfs unsupported: name the place only */
  }
  return `The disk is full (${free}${dir}). Free some space — old exports, downloads — and try again; nothing was saved half-way.`;
}
