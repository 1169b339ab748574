/**
 * Undo/redo history of one session's drafts. Pure data here (the turn logic reads and returns
 * it); historyStore.ts keeps it on disk per session so it survives an engine restart.
 */
import type { Draft } from '../../contract/draft';

export interface HistoryEntry {
  /** The draft before the change (undo restores it). */
  draft: Draft | null;
  /** The request that made the change, as typed (shown by "history"). */
  label: string;
  at: number;
}

export interface DraftHistory {
  /** Oldest first; the last entry is what "undo" restores. */
  past: HistoryEntry[];
  /** Undone changes, the last is what "redo" re-applies: the draft AFTER that change. */
  future: HistoryEntry[];
  /** The last thing done: "change it back" undoes an edit but redoes an undo. */
  last?: 'edit' | 'undo' | 'redo';
}

/** Enough for a session of edits, small enough to keep the file a few hundred KB at most. */
export const HISTORY_LIMIT = 20;

export function emptyHistory(): DraftHistory {
  return { past: [], future: [] };
}
