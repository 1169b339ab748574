/**
 * The strings tables: everything a person reads that the core reports as data or codes — the
 * timeline summary and labels, the change report after a silent stream, credits, errors with
 * their recovery, export progress, the CLI's own lines. One table per language (en.ts,
 * zhCN.ts); the UI and the CLI pick one (index.ts). No `vscode` here: the CLI uses it too.
 */
import type { EngineProcessFailure } from '../contract/engineProcess';
import type { Credits } from '../core/api/types';
import type { ApiErrorKind } from '../core/api/errors';
import type { HeifFailure } from '../core/heif';
import type { TextLimitProblem } from '../contract/textLimits';
import type { EngineRefusal } from '../contract/refusals';
import type { StaleExportCleared } from '../core/serviceApi';

export type TrackRole = 'video' | 'bgm' | 'title' | 'text' | 'overlay' | 'track';
export type SuggestionName = 'export' | 'show-timeline' | 'upload' | 'credits';
export type ExportPhaseName = 'submitting' | 'rendering' | 'downloading' | 'done';

export interface Words {
  /** BCP-47 code of the table. */
  lang: 'en' | 'zh-CN';

  // ---- timeline ----
  track: Record<TrackRole | 'caption', string>;
  trackOfType(type: number): string;
  segment(n: number): string;
  /** The local engine's synthesised music (`src: builtin:bed`). */
  builtinMusic: string;
  quote(s: string): string;
  /** "a, b, c +2 more". */
  list(labels: string[], more: number): string;
  /** "0-10s". */
  span(start: string, end: string): string;
  /** "10s". */
  seconds(s: string): string;
  /** One summary item: "Video: a, b (0-10s, 35%)". */
  item(label: string, what: string, details: string[]): string;
  emptyTimeline: string;
  changes: {
    textChanged(name: string, from: string, to: string): string;
    textMoved(name: string, label: string, now: string, was: string): string;
    textAdded(name: string, label: string, span: string): string;
    textRemoved(name: string, label: string): string;
    renamed(from: string, to: string): string;
    replaced(name: string, from: string, to: string): string;
    count(name: string, now: number, was: number): string;
    added(name: string, labels: string): string;
    removed(name: string, labels: string): string;
    runs(name: string, now: string, was: string): string;
    volume(name: string, from: string, to: string): string;
    volumeSet(name: string, to: string): string;
    trackAdded(label: string, items: string[]): string;
    trackAddedEmpty(label: string): string;
    trackRemoved(label: string): string;
    length(from: string, to: string): string;
    canvas(from: string, to: string): string;
    canvasSet(to: string): string;
    title(from: string, to: string): string;
    titleSet(to: string): string;
  };
  /** What a turn without a reply did. */
  report: {
    changed(lines: string[]): string;
    unchanged: string;
    silent: string;
    dropped: string;
  };

  // ---- everything else ----
  credits(c: Credits): string;
  /** An error's sentence with its recovery, by kind (English also has the core's own detail). */
  error(kind: ApiErrorKind, code: number | undefined, status: number | undefined): string;
  suggestion: Record<SuggestionName, string>;
  stillWorking: string;
  exportPhase: Record<ExportPhaseName, string>;
  sessionRenewed: string;
  /** A draft whose text passes a limit (src/contract/textLimits.ts): which limit, what it has. */
  textLimit(p: TextLimitProblem): string;
  /** The local engine's own refusal (src/contract/refusals.ts), with its numbers and what to do. */
  refusal(r: EngineRefusal): string;
  /** The per-user engine process could not be reached (src/contract/engineProcess.ts). */
  engineProcess(failure: EngineProcessFailure, logFile: string, detail: string): string;
  /** Files refused before upload (the rest were uploaded); `detail` is the core's English reason list. */
  skipped(names: string[], detail: string): string;
  /** iPhone photos (HEIC/HEIF, `names` as the user had them) turned into JPEG before upload. */
  converted(names: string[]): string;
  /** iPhone photos that could not be converted, and what to do. */
  heifSkipped(reason: HeifFailure, names: string[]): string;
  cli: {
    startingEngine: string;
    connecting: string;
    workingOn(name: string): string;
    uploadHint: string;
    interrupted: string;
    uploading: string;
    uploaded(names: string[]): string;
    newSession: string;
    serving(url: string, tokenFile: string): string;
    /** Where `serve` writes its log. */
    logAt(file: string): string;
    cancelled: string;
    errorPrefix: string;
    /** An earlier export that can never finish was cleared before this one (core's StaleExportCleared). */
    staleExportCleared(n: StaleExportCleared): string;
    /** Another export of this folder's project is still running (or done but not downloaded). */
    exportRunning: string;
    noExportToResume: string;
    noExportToCancel: string;
    exportCancelled(renderId: string): string;
    /** Cancel found the job already over on the engine: it is forgotten here. */
    exportAlreadyEnded(renderId: string): string;
  };
}
