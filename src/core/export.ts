/**
 * The export workflow: submit the current draft as a render job (unique `render_<ms>` id, one
 * retry with a new id), persist the job so a restarted app resumes it instead of orphaning it,
 * poll with back-off, and download the MP4 atomically. The bearer token never leaves the API
 * origin (download.ts).
 */
import { basename, join } from 'node:path';
import { ApiError, abortedError, inputError, isApiError } from './api/errors';
import { limitText } from './api/sse';
import { downloadFile } from './api/download';
import type { Draft } from '../contract/draft';
import { isExportable } from '../contract/draftRead';
import type { ApiClient } from './api/client';
import type { RenderStatus } from './api/types';
import { EXPORT_RUNNING, type ExportProgress, type PersistedExport, type StaleExportCleared } from './serviceApi';
import type { KeyValueStore, Logger, Sleep } from './ports';
import { silentLogger } from './ports';

export interface ExportRunnerOptions {
  client: ApiClient;
  state: KeyValueStore;
  /** Key under which the in-flight job is persisted (per project). */
  jobKey: string;
  sleep: Sleep;
  pollStartMs: number;
  pollCapMs: number;
  /** Give up on a job stuck this long (it is cancelled on the backend, never orphaned). */
  deadlineMs: number;
  log?: Logger;
}

export interface FollowOptions {
  signal?: AbortSignal;
  onProgress?: (p: ExportProgress) => void;
  onNotice?: (n: StaleExportCleared) => void;
}

/** `video-20261124-093015.mp4` in local time. */
export function defaultExportName(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `video-${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}.mp4`;
}

/** Render ids must be unique: `render_<ms>`, bumped when two exports start in the same millisecond. */
let lastId = 0;
export function newRenderId(): string {
  lastId = Math.max(Date.now(), lastId + 1);
  return `render_${lastId}`;
}

/**
 * Poll interval for an engine on this machine (loopback): a status call costs about a
 * millisecond there, so a fast steady poll shows progress as it happens and learns "done"
 * within a fraction of a second; the cloud's back-off exists to spare a remote server.
 */
export const LOOPBACK_POLL_MS = 150;

/** True for 127.0.0.0/8, ::1 and localhost — an engine on this machine. */
export function isLoopbackUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
}

const TRANSIENT_POLL_RETRIES = 3;
const DEADLINE = 'deadline';

/** The job is gone for good (failed, cancelled, past the deadline — then cancelled by us — or unknown to the server). */
function jobIsOver(e: unknown): boolean {
  if (!isApiError(e)) return false;
  return (
    e.kind === 'render' || (e.kind === 'timeout' && e.detail === DEADLINE) || (e.kind === 'server' && e.status === 404)
  );
}

export class ExportRunner {
  /** Set while this process follows a job; cancel() aborts it. */
  private following: { id: string; controller: AbortController } | undefined;
  /** The job this runner followed and could not finish, though it still exists on the server. */
  private unfinished: string | undefined;

  constructor(private readonly o: ExportRunnerOptions) {}

  private get log(): Logger {
    return this.o.log ?? silentLogger;
  }

  pending(): PersistedExport | undefined {
    return this.o.state.get<PersistedExport>(this.o.jobKey);
  }

  /**
   * Submits `draft` as a render job and persists it; returns the job to `follow`. An unfinished
   * job this runner failed to finish (e.g. its download broke) is returned again instead of
   * rendering twice; any other unfinished job — another window's, or one still followed — is
   * refused, so a project never has two exports.
   */
  async submitJob(
    sessionId: string,
    draft: Draft | undefined,
    folder: string,
    fileName: string | undefined,
    f: FollowOptions,
  ): Promise<PersistedExport> {
    if (!isExportable(draft)) {
      throw inputError(
        'The timeline is empty, so there is nothing to export yet. Upload media and describe your video in the chat first (for example "turn these photos into a 30-second promo video with music").',
      );
    }
    const pending = this.pending();
    if (!this.following && pending && pending.renderId === this.unfinished) {
      // Same render, but where the user asks now (they may have fixed the export folder).
      const resumed = { ...pending, targetPath: join(folder, fileName ?? basename(pending.targetPath)) };
      await this.o.state.set(this.o.jobKey, resumed);
      return resumed;
    }
    if (this.following || this.pending()) {
      // Which command resumes or cancels it is the UI's or the CLI's to say (detail EXPORT_RUNNING).
      throw new ApiError({
        kind: 'input',
        detail: EXPORT_RUNNING,
        message: 'An export is already running for this project. Wait for it to finish, or cancel it first.',
      });
    }
    const targetPath = join(folder, fileName ?? defaultExportName());
    f.onProgress?.({ phase: 'submitting', percent: 0 });
    const status = await this.submit(sessionId, draft!, f.signal);
    const job: PersistedExport = { renderId: status.id, sessionId, targetPath, startedAt: Date.now() };
    await this.o.state.set(this.o.jobKey, job);
    return job;
  }

  /**
   * A job left by a killed run is asked about before a new export: one that can never finish
   * is forgotten (and said so through `onNotice`) instead of blocking every later export of
   * the project. Runs before anything else talks to the backend, so a gone engine is noticed too.
   */
  async clearStale(f: FollowOptions): Promise<void> {
    const pending = this.pending();
    if (this.following || !pending || pending.renderId === this.unfinished) return;
    const stale = await this.staleReason(pending, f.signal);
    if (!stale) return;
    await this.clear();
    this.log.warn(`Cleared export ${pending.renderId}: ${stale.reason}${stale.error ? ` (${stale.error})` : ''}.`);
    f.onNotice?.({ renderId: pending.renderId, ...stale });
  }

  /** Why a persisted job can never finish, or undefined while it may (still rendering, done, or the backend unreachable). */
  private async staleReason(
    job: PersistedExport,
    signal?: AbortSignal,
  ): Promise<Omit<StaleExportCleared, 'renderId'> | undefined> {
    try {
      const status = await this.o.client.renderStatus(job.renderId, { signal });
      if (status.status === 'failed')
        return {
          reason: 'failed',
          ...(status.error ? { error: status.error } : {}),
          ...(status.refusal ? { refusal: status.refusal } : {}),
        };
      if (status.status === 'cancelled') return { reason: 'cancelled' };
      return undefined;
    } catch (e) {
      if (!isApiError(e) || e.kind === 'aborted') throw e;
      if (e.status === 404 || e.kind === 'render') return { reason: 'unknown' };
      // An engine on this machine that does not answer is gone, and its jobs with it; a remote
      // service that does not answer may still be rendering (and spending credits): keep it.
      if (e.kind === 'network' && isLoopbackUrl(this.o.client.url('/'))) return { reason: 'engine-gone' };
      return undefined;
    }
  }

  private async submit(sessionId: string, draft: Draft, signal?: AbortSignal): Promise<RenderStatus> {
    const body = (id: string) => ({ id, sessionId, draft, output: { format: 'mp4' as const, quality: 'high' } });
    try {
      return await this.o.client.submitRender(body(newRenderId()), { signal });
    } catch (e) {
      // A duplicate id or a passing failure: one retry with a fresh id (docs/protocol.md §7).
      if (!isApiError(e) || ['aborted', 'auth', 'session', 'credits', 'plan', 'input'].includes(e.kind)) throw e;
      // The engine refused this draft for a reason (too much text): the same draft is refused again.
      if (e.refusal) throw e;
      this.log.warn(`Render submit failed (${e.kind}); retrying once with a new id.`);
      return this.o.client.submitRender(body(newRenderId()), { signal });
    }
  }

  /** Polls a persisted job to completion and downloads it. `signal` stops following but keeps the job (resume later). */
  async follow(job: PersistedExport, f: FollowOptions): Promise<string> {
    const controller = new AbortController();
    this.following = { id: job.renderId, controller };
    const signal = f.signal ? AbortSignal.any([f.signal, controller.signal]) : controller.signal;
    try {
      const done = await this.poll(job, signal, f.onProgress);
      f.onProgress?.({ phase: 'downloading', percent: 90, status: done });
      const path = await this.download(job, done, signal, f.onProgress);
      await this.clear();
      f.onProgress?.({ phase: 'done', percent: 100, status: done });
      return path;
    } catch (e) {
      if (controller.signal.aborted) throw abortedError('The export'); // cancel(): job already cleared
      if (f.signal?.aborted) throw abortedError('Following the export'); // job stays persisted for resume
      if (jobIsOver(e)) await this.clear();
      else this.unfinished = job.renderId; // still on the server (e.g. the download broke): Export again resumes it
      throw e;
    } finally {
      this.following = undefined;
    }
  }

  private async poll(
    job: PersistedExport,
    signal: AbortSignal,
    onProgress?: (p: ExportProgress) => void,
  ): Promise<RenderStatus> {
    let wait = this.o.pollStartMs;
    let transient = 0;
    for (;;) {
      if (signal.aborted) throw abortedError('The export');
      let status: RenderStatus;
      try {
        status = await this.o.client.renderStatus(job.renderId, { signal });
        transient = 0;
      } catch (e) {
        // Transient 5xx/network while polling: retry the same id a few times (the job is still running).
        if (isApiError(e) && e.transient && transient < TRANSIENT_POLL_RETRIES) {
          transient += 1;
          await this.o.sleep(wait, signal);
          continue;
        }
        throw e;
      }
      onProgress?.({ phase: 'rendering', percent: Math.round(status.progress * 0.9), status });
      if (status.status === 'completed') return status;
      if (status.status === 'failed') {
        throw new ApiError({
          kind: 'render',
          detail: status.error,
          refusal: status.refusal,
          message: `The render failed${status.error ? `: ${status.error}` : ''}. Check the timeline and export again.`,
        });
      }
      if (status.status === 'cancelled')
        throw new ApiError({
          kind: 'render',
          message: 'The render was cancelled on the server. Export again when you are ready.',
        });
      if (Date.now() - job.startedAt > this.o.deadlineMs) {
        await this.o.client.cancelRender(job.renderId).catch(() => undefined);
        throw new ApiError({
          kind: 'timeout',
          detail: DEADLINE,
          message: `The render did not finish within the ${limitText(this.o.deadlineMs)} limit, so it was cancelled on the server. Export again; if it keeps timing out, try a shorter video.`,
        });
      }
      await this.o.sleep(wait, signal);
      wait = Math.min(Math.round(wait * 1.5), this.o.pollCapMs);
    }
  }

  private async download(
    job: PersistedExport,
    status: RenderStatus,
    signal: AbortSignal,
    onProgress?: (p: ExportProgress) => void,
  ): Promise<string> {
    const progress = (got: number, total: number) => {
      if (total) onProgress?.({ phase: 'downloading', percent: 90 + Math.floor((got / total) * 9), status });
    };
    if (status.outputUrl) {
      try {
        return await downloadFile(this.o.client, status.outputUrl, job.targetPath, { signal, onProgress: progress });
      } catch (e) {
        if (signal.aborted || (isApiError(e) && e.kind === 'input')) throw e;
        this.log.warn(
          `Download from the output URL failed (${(e as Error).message}); trying the API's download endpoint.`,
        );
      }
    }
    return downloadFile(this.o.client, this.o.client.url(this.o.client.downloadPath(job.renderId)), job.targetPath, {
      signal,
      onProgress: progress,
    });
  }

  /**
   * Cancels the job on the backend and forgets it. When the backend cannot be told (network,
   * 5xx), the job is kept so Cancel can be tried again — forgetting it would orphan a render
   * that keeps running (and spending credits) on the server.
   */
  async cancel(): Promise<void> {
    const job = this.pending();
    const id = this.following?.id ?? job?.renderId;
    this.following?.controller.abort();
    await this.clear();
    if (!id) return;
    try {
      await this.o.client.cancelRender(id);
    } catch (e) {
      if (job && isApiError(e) && (e.kind === 'network' || e.kind === 'timeout' || (e.status ?? 0) >= 500))
        await this.o.state.set(this.o.jobKey, job);
      throw e;
    }
  }

  async clear(): Promise<void> {
    await this.o.state.set(this.o.jobKey, undefined);
  }
}
