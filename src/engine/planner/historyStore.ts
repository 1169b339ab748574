/**
 * Where the planner keeps each session's undo history: one JSON file per session under the
 * engine's data dir (written atomically, 0600 in a 0700 dir), so "undo" still works after the
 * engine restarts. Without a directory (tests, the stand-in) it lives in memory.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { readJson, writeJsonAtomic } from '../atomicFile';
import { emptyHistory, HISTORY_LIMIT, type DraftHistory } from './history';

/** Session ids are the engine's numeric/simple ids; anything else is never used as a file name. */
const SAFE_ID = /^[A-Za-z0-9_-]{1,80}$/;

export interface HistoryStore {
  load(sessionId: string): DraftHistory;
  save(sessionId: string, history: DraftHistory): void;
}

function sane(h: DraftHistory | undefined): DraftHistory {
  if (!h || !Array.isArray(h.past) || !Array.isArray(h.future)) return emptyHistory();
  return {
    past: h.past.slice(-HISTORY_LIMIT),
    future: h.future.slice(-HISTORY_LIMIT),
    ...(h.last ? { last: h.last } : {}),
  };
}

export class FileHistoryStore implements HistoryStore {
  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  private file(sessionId: string): string | undefined {
    return SAFE_ID.test(sessionId) ? join(this.dir, `${sessionId}.json`) : undefined;
  }

  load(sessionId: string): DraftHistory {
    const f = this.file(sessionId);
    return sane(f ? readJson<DraftHistory>(f) : undefined);
  }

  save(sessionId: string, history: DraftHistory): void {
    const f = this.file(sessionId);
    if (f) writeJsonAtomic(f, sane(history));
  }
}

export class MemoryHistoryStore implements HistoryStore {
  private readonly map = new Map<string, DraftHistory>();

  load(sessionId: string): DraftHistory {
    return structuredClone(this.map.get(sessionId) ?? emptyHistory());
  }

  save(sessionId: string, history: DraftHistory): void {
    this.map.set(sessionId, structuredClone(sane(history)));
  }
}
