/**
 * What the UI and the CLI can ask of the core: one object per project (workspace) that owns
 * the token, the session, the conversation routing, uploads and exports. Implemented by
 * `VideoService` in service.ts. The UI layer only adds progress, notifications and views.
 */
import type { StreamEvent } from './api/events';
import type { Credits, UploadResult, RenderStatus } from './api/types';
import type { Timeline } from './timeline';
import type { EngineRefusal } from '../contract/refusals';

/** What a user's message routes to (docs/protocol.md "Routing the user's words"). */
export type IntentName = 'export' | 'credits' | 'status' | 'upload' | 'chat';

/** A button the UI can offer, derived from the agent's GUI words ("click Export", "打开"…). */
export interface SuggestedAction {
  action: 'export' | 'show-timeline' | 'upload' | 'credits';
  label: string;
}

export type ConnectionPhase = 'idle' | 'connecting' | 'ready' | 'error';

export interface TurnOptions {
  signal?: AbortSignal;
  /** Every normalized stream event as it arrives (text chunks, tool activity, notices). */
  onEvent?: (event: StreamEvent) => void;
}

/**
 * What a turn did when the agent said nothing: `changed` carries both timelines so the UI can
 * say what changed in its language; `unchanged`, `silent` (the timeline could not be read) and
 * `dropped` (the connection fell before any text).
 */
export type TurnReport =
  | { kind: 'changed'; before: Timeline; after: Timeline }
  | { kind: 'unchanged' }
  | { kind: 'silent' }
  | { kind: 'dropped' };

export type TurnOutcome =
  /** A streamed chat turn finished. `text` is the agent's reply; '' with a `report` when it said nothing. */
  | {
      kind: 'reply';
      text: string;
      report?: TurnReport;
      /** True when the stream closed without text and `text` describes the timeline change. */
      fromTimelineDiff: boolean;
      /** The connection dropped mid-text: `text` is the partial reply. */
      interrupted: boolean;
      suggestions: SuggestedAction[];
      /** A new session was created during this turn (the old one was gone). */
      sessionRenewed: boolean;
    }
  /** Answered without streaming (credits, status): data for the UI or the CLI to word. */
  | { kind: 'answer'; intent: 'credits'; credits: Credits }
  | { kind: 'answer'; intent: 'status'; timeline: SessionTimeline }
  /** The caller must run this action with its own UI (export with progress, upload picker). */
  | { kind: 'action'; intent: 'export' | 'upload' };

/** The session's timeline plus the files uploaded to it (the tree's "Uploaded media" node). */
export type SessionTimeline = Timeline & { media: Array<{ name: string; kind?: string; duration?: number }> };

export interface UploadProgress {
  /** Bytes sent so far over all files in the request. */
  sentBytes: number;
  totalBytes: number;
}

export interface ExportProgress {
  phase: 'submitting' | 'rendering' | 'downloading' | 'done';
  /** 0..100 within the whole export. */
  percent: number;
  status?: RenderStatus;
}

export interface ExportOptions {
  /** Folder the MP4 lands in (created when missing). */
  folder: string;
  /** File name; default `video-<yyyymmdd-hhmmss>.mp4`. */
  fileName?: string;
  signal?: AbortSignal;
  onProgress?: (p: ExportProgress) => void;
  /** Told when an earlier export that can never finish was cleared before this one. */
  onNotice?: (n: StaleExportCleared) => void;
}

/**
 * An earlier export of this project was left persisted (the app or CLI was killed, the network
 * or engine went away), but it can never finish: the backend says it failed or was cancelled,
 * does not know it, or — for an engine on this machine — is gone. It was forgotten so a new
 * export can start; the UI/CLI say so in words.
 */
export interface StaleExportCleared {
  renderId: string;
  reason: 'failed' | 'cancelled' | 'unknown' | 'engine-gone';
  /** The backend's reason when it failed, in its own words (English for the local engine). */
  error?: string;
  /** The local engine's reason as data (contract/refusals.ts), for the UI to word in its language. */
  refusal?: EngineRefusal;
}

/** ApiError.detail of "another export of this project is still running" (kind 'input'). */
export const EXPORT_RUNNING = 'export-running';

/** A render job persisted so a restarted app resumes it instead of orphaning it. */
export interface PersistedExport {
  renderId: string;
  sessionId: string;
  targetPath: string;
  startedAt: number;
}

/**
 * The session the service works in changed. `connected`: the first one this service uses (remembered
 * or created); `renewed`: the old one was gone on the server (1002) and a new one replaced it
 * mid-operation; `new`: the user asked for a new session.
 */
export interface SessionChange {
  sessionId: string;
  previous?: string;
  reason: 'connected' | 'renewed' | 'new';
}

export interface VideoServiceApi {
  readonly phase: ConnectionPhase;
  /** The session in use (undefined before the first connect). The core owns it; listen to onDidChangeSession. */
  readonly sessionId: string | undefined;
  onDidChangeSession(listener: (change: SessionChange) => void): () => void;
  /** Get a token and a session (creating them when needed). Idempotent. */
  connect(signal?: AbortSignal): Promise<{ sessionId: string }>;
  /** One chat turn: routes first, streams only when the words ask for it. */
  send(text: string, options?: TurnOptions): Promise<TurnOutcome>;
  upload(
    paths: string[],
    options?: { signal?: AbortSignal; onProgress?: (p: UploadProgress) => void },
  ): Promise<UploadResult>;
  uploadUrls(urls: string[], options?: { signal?: AbortSignal }): Promise<UploadResult>;
  credits(): Promise<Credits>;
  timeline(): Promise<SessionTimeline>;
  /** Export the current draft to an MP4; resolves with the file's path. */
  exportVideo(options: ExportOptions): Promise<string>;
  /** Cancel the in-flight render job (if any) on the backend. */
  cancelExport(): Promise<void>;
  /** The job left by an earlier run of the app, if any. */
  pendingExport(): PersistedExport | undefined;
  /** Resume polling a persisted job and download it. */
  resumeExport(options: Omit<ExportOptions, 'folder' | 'fileName'>): Promise<string>;
  newSession(): Promise<{ sessionId: string }>;
  /** Forget the stored token (the next call fetches an anonymous one). */
  signOut(): Promise<void>;
  /** Store a registered token the user typed. */
  setToken(token: string): Promise<void>;
}

/** Options of `createVideoService` (service.ts). */
export interface VideoServiceOptions {
  /** API origin, e.g. https://mega-api-prod.nemovideo.ai or the local engine's http://127.0.0.1:PORT. */
  baseUrl: string;
  /** The app's version (package.json), sent as X-Skill-Version. */
  version: string;
  /** Where a stored token lives (SecretStorage / 0600 file). */
  tokenStore: import('./ports').TokenStore;
  /** Non-secret state: client id, session id per project, persisted export job. */
  state: import('./ports').KeyValueStore;
  /** Identifies the project (workspace folder path); sessions are remembered per project. */
  projectKey: string;
  /** ISO language for new sessions (`en`, `zh-CN`). */
  language: string;
  /** Process environment (NEMO_TOKEN, SKILL_SOURCE…); default process.env. */
  env?: Record<string, string | undefined>;
  /** A token used as is and never stored (the local engine's own token). */
  fixedToken?: string;
  /**
   * Identifies the backend for remembered sessions and export jobs (default: baseUrl). The local
   * engine listens on a random port each start, so callers pass a stable key like `local:<dataDir>`.
   */
  backendKey?: string;
  /** Name of the host app (vscode.env.appName) for X-Skill-Platform detection. */
  appName?: string;
  log?: import('./ports').Logger;
  /** Injectable wait (429 back-off) so tests run fast. */
  sleep?: import('./ports').Sleep;
  /** Upper bound of the render poll interval, ms (default 30 000). */
  pollIntervalCapMs?: number;
  /** First render poll interval, ms (default 2 000). */
  pollIntervalStartMs?: number;
  /** "⏳ Still working..." notice interval, ms (default 120 000). */
  stillWorkingIntervalMs?: number;
  /** Wait before the single 429 retry, ms (default 30 000). */
  rateLimitWaitMs?: number;
  /** A chat reply's overall limit, ms (default 15 minutes, docs/protocol.md). */
  maxStreamMs?: number;
  /** A render job still unfinished after this long is cancelled on the backend, ms (default 20 minutes). */
  renderDeadlineMs?: number;
  /** The HEIC/HEIF → JPEG converter (default `heif-convert` on PATH). */
  heifConverter?: string;
}
