/**
 * A full disk, said as a person can act on it. ENOSPC can strike any write of the engine (an
 * upload's temp file, a saved draft, a render); every one of them ends up here, so the user
 * reads where space is missing and how much is left instead of "internal error".
 */
import { statfsSync } from 'node:fs';
import type { EngineRefusal } from '../contract/refusals';

export function isDiskFull(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

/** Where space is missing and how much is left ("3 MB free at /home/me/…/local-engine"). */
export function diskFullRefusal(dir: string): EngineRefusal {
  try {
    const s = statfsSync(dir);
    return { reason: 'disk_full', dir, freeMb: Math.floor((s.bavail * s.bsize) / (1024 * 1024)) };
  } catch {
    return { reason: 'disk_full', dir }; // statfs unsupported: name the place only
  }
}
