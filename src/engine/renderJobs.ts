/**
 * Runs render jobs in the background: pending → processing → completed | failed | cancelled.
 * The renderer gets the SUBMITTED draft; status changes are persisted (progress only in
 * memory, it is cheap to lose). Cancel aborts the renderer and removes partial files.
 */
import { refusalOf } from '../contract/refusals';
import { chmodSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { EventEmitter } from 'node:events';
import type { Draft } from '../contract/draft';
import type { MediaFile, Renderer } from './contracts';
import { probeMedia } from './probe';
import type { RenderRecord, Store } from './store';
import { abortableDelay } from './delay';
import { RenderQueue } from './renderQueue';

export interface RenderJobsOptions {
  store: Store;
  renderer: Renderer;
  events: EventEmitter;
  /** Time spent `pending` before processing starts (hooks.renderPendingMs; 0 for the local engine). */
  pendingMs: number;
  /** Runs when processing starts; may hold the job until cancelled or fail it (hooks.beforeRender). */
  beforeRender?: (signal: AbortSignal) => Promise<void>;
  ffprobePath?: string;
  /** Renders at once; the rest wait in line (unlimited when absent). */
  concurrency?: number;
  /** A render still running after this long is stopped and failed (default 60 min). */
  deadlineMs?: number;
}

export class RenderJobs {
  private running = new Map<string, { ac: AbortController; done: Promise<void> }>();

  private readonly queue: RenderQueue;

  constructor(private readonly o: RenderJobsOptions) {
    this.queue = new RenderQueue(o.concurrency ?? Number.POSITIVE_INFINITY);
  }

  /** Renders running or waiting in line. */
  get active(): number {
    return this.running.size;
  }

  start(r: RenderRecord, draft: Draft, media: MediaFile[]): void {
    const ac = new AbortController();
    const done = this.run(r, draft, media, ac.signal).finally(() => this.running.delete(r.id));
    this.running.set(r.id, { ac, done });
  }

  /** Waits for its turn (pending, with its place in line), then renders within the deadline. */
  private async run(r: RenderRecord, draft: Draft, media: MediaFile[], signal: AbortSignal): Promise<void> {
    const ticket = await this.queue
      .acquire(signal, (n) => {
        r.queuePosition = n;
      })
      .catch(() => undefined);
    r.queuePosition = undefined;
    if (!ticket || signal.aborted) return;
    const deadlineMs = this.o.deadlineMs ?? 60 * 60_000;
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), deadlineMs);
    try {
      await this.render(r, draft, media, signal, deadline.signal, deadlineMs);
    } finally {
      clearTimeout(timer);
      ticket.release();
    }
  }

  private async render(
    r: RenderRecord,
    draft: Draft,
    media: MediaFile[],
    cancelled: AbortSignal,
    deadline: AbortSignal,
    deadlineMs: number,
  ): Promise<void> {
    const { store } = this.o;
    const outFile = store.renderFile(r.id);
    // `signal` stops the work for either reason; `cancelled` alone means cancel() owns the job.
    const signal = AbortSignal.any([cancelled, deadline]);
    /** true: cancelled (stop quietly); throws when the deadline passed (the job fails). */
    const stopped = (): boolean => {
      if (cancelled.aborted) return true;
      if (deadline.aborted) throw new Error('deadline');
      return false;
    };
    try {
      if (this.o.pendingMs > 0) await abortableDelay(this.o.pendingMs, signal);
      if (stopped()) return;
      store.updateRender(r, { status: 'processing', progress: Math.max(r.progress, 10) });
      await this.o.beforeRender?.(signal);
      if (stopped()) return;
      const byId = new Map(media.map((m) => [m.id, m]));
      await this.o.renderer.render({
        draft,
        media: (id) => byId.get(id),
        outFile,
        signal,
        preview: r.output.preview === true,
        onProgress: (p) => {
          if (signal.aborted || r.status !== 'processing' || !Number.isFinite(p)) return;
          r.progress = Math.min(99, Math.max(r.progress, Math.round(p)));
        },
      });
      if (stopped()) return;
      const size = statSync(outFile, { throwIfNoEntry: false })?.size ?? 0;
      if (size === 0) throw new Error('the renderer produced no output file');
      chmodSync(outFile, 0o600); // ffmpeg creates it with the umask's mode (usually 0644)
      const facts = await probeMedia(outFile, this.o.ffprobePath);
      if (stopped()) return; // cancelled while probing: cancel() owns the job now
      store.updateRender(r, {
        status: 'completed',
        progress: 100,
        completedAt: Date.now(),
        size,
        duration: facts.duration,
      });
      if (r.frozen) store.releaseCredits(r.userId, r.frozen, true);
      if (r.output.preview) this.dropOlderPreviews(r);
    } catch (e) {
      if (cancelled.aborted) return;
      const error = deadline.aborted
        ? `the render took longer than ${deadlineMs >= 60_000 ? `${Math.round(deadlineMs / 60_000)} min` : `${Math.round(deadlineMs / 1000)} s`} and was stopped; shorten the video or export again`
        : (e as Error).message || 'render failed';
      const refusal = deadline.aborted ? undefined : refusalOf(e);
      store.updateRender(r, { status: 'failed', error, ...(refusal ? { refusal } : {}), completedAt: Date.now() });
      if (r.frozen) store.releaseCredits(r.userId, r.frozen, false);
      this.removeFiles(r.id);
    }
  }

  /**
   * A new preview replaces the user's earlier ones: they were looks at drafts that have changed
   * since, and each is megabytes nobody will download again. Running ones are left to finish.
   */
  private dropOlderPreviews(latest: RenderRecord): void {
    for (const old of this.o.store.allRenders()) {
      if (old.id === latest.id || !old.output.preview || old.userId !== latest.userId) continue;
      if (old.status === 'pending' || old.status === 'processing' || old.createdAt > latest.createdAt) continue;
      this.o.store.removeRender(old.id);
    }
  }

  /** Cancels a pending/processing job; false when it already ended. Resolves once files are gone. */
  async cancel(r: RenderRecord): Promise<boolean> {
    if (r.status !== 'pending' && r.status !== 'processing') return false;
    const job = this.running.get(r.id);
    this.o.store.updateRender(r, { status: 'cancelled', completedAt: Date.now() });
    if (r.frozen) this.o.store.releaseCredits(r.userId, r.frozen, false);
    if (job) {
      job.ac.abort(new Error('render cancelled'));
      // Give the renderer a moment to stop writing before its files are removed.
      await Promise.race([job.done, new Promise((res) => setTimeout(res, 10_000).unref())]);
    }
    this.removeFiles(r.id);
    this.o.events.emit('render-cancelled', r.id);
    return true;
  }

  /** Removes the output and any temp file the renderer left beside it (not the job record). */
  private removeFiles(id: string): void {
    const own = new RegExp(`(^|[^A-Za-z0-9_-])${id}([^A-Za-z0-9_-]|$)`);
    for (const f of readdirSync(this.o.store.rendersDir)) {
      if (f === `${id}.json` || !own.test(f) || f.endsWith('.json')) continue;
      try {
        unlinkSync(join(this.o.store.rendersDir, f));
      } catch {
        /* already gone */
      }
    }
  }

  /** Aborts every running job (engine shutdown); records stay as they are on disk. */
  async closeAll(): Promise<void> {
    const jobs = [...this.running.values()];
    for (const j of jobs) j.ac.abort(new Error('engine closing'));
    await Promise.race([
      Promise.allSettled(jobs.map((j) => j.done)),
      new Promise((res) => setTimeout(res, 5000).unref()),
    ]);
  }
}
