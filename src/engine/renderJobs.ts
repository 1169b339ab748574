/**
 * Runs render jobs in the background: pending → processing → completed | failed | cancelled.
 * The renderer gets the SUBMITTED draft; status changes are persisted (progress only in
 * memory, it is cheap to lose). Cancel aborts the renderer and removes partial files.
 */
import { readdirSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { EventEmitter } from 'node:events';
import type { Draft } from '../contract/draft';
import type { MediaFile, Renderer } from './contracts';
import { probeMedia } from './probe';
import type { RenderRecord, Store } from './store';
import { abortableDelay } from './delay';

export interface RenderJobsOptions {
  store: Store;
  renderer: Renderer;
  events: EventEmitter;
  /** Time spent `pending` before processing starts (hooks.renderPendingMs; 0 for the local engine). */
  pendingMs: number;
  /** Runs when processing starts; may hold the job until cancelled or fail it (hooks.beforeRender). */
  beforeRender?: (signal: AbortSignal) => Promise<void>;
  ffprobePath?: string;
}


export class RenderJobs {
  private running = new Map<string, { ac: AbortController; done: Promise<void> }>();

  constructor(private readonly o: RenderJobsOptions) {}

  start(r: RenderRecord, draft: Draft, media: MediaFile[]): void {
    const ac = new AbortController();
    const done = this.run(r, draft, media, ac.signal).finally(() => this.running.delete(r.id));
    this.running.set(r.id, { ac, done });
  }

  private async run(r: RenderRecord, draft: Draft, media: MediaFile[], signal: AbortSignal): Promise<void> {
    const { store } = this.o;
    const outFile = store.renderFile(r.id);
    try {
      if (this.o.pendingMs > 0) await abortableDelay(this.o.pendingMs, signal);
      if (signal.aborted) return;
      store.updateRender(r, { status: 'processing', progress: Math.max(r.progress, 10) });
      await this.o.beforeRender?.(signal);
      if (signal.aborted) return;
      const byId = new Map(media.map((m) => [m.id, m]));
      await this.o.renderer.render({
        draft, media: (id) => byId.get(id), outFile, signal,
        onProgress: (p) => {
          if (signal.aborted || r.status !== 'processing' || !Number.isFinite(p)) return;
          r.progress = Math.min(99, Math.max(r.progress, Math.round(p)));
        },
      });
      if (signal.aborted) return;
      const size = statSync(outFile, { throwIfNoEntry: false })?.size ?? 0;
      if (size === 0) throw new Error('the renderer produced no output file');
      const facts = await probeMedia(outFile, this.o.ffprobePath);
      if (signal.aborted) return; // cancelled while probing: cancel() owns the job now
      store.updateRender(r, { status: 'completed', progress: 100, completedAt: Date.now(), size, duration: facts.duration });
      if (r.frozen) store.releaseCredits(r.userId, r.frozen, true);
    } catch (e) {
      if (signal.aborted) return;
      store.updateRender(r, { status: 'failed', error: (e as Error).message || 'render failed', completedAt: Date.now() });
      if (r.frozen) store.releaseCredits(r.userId, r.frozen, false);
      this.removeFiles(r.id);
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
      try { unlinkSync(join(this.o.store.rendersDir, f)); } catch { /* already gone */ }
    }
  }

  /** Aborts every running job (engine shutdown); records stay as they are on disk. */
  async closeAll(): Promise<void> {
    const jobs = [...this.running.values()];
    for (const j of jobs) j.ac.abort(new Error('engine closing'));
    await Promise.race([Promise.allSettled(jobs.map((j) => j.done)), new Promise((res) => setTimeout(res, 5000).unref())]);
  }
}
