/**
 * Exports started by an agent run in the background (a render takes a while; a tool call must
 * not block on it): start returns an id, status reports the phase and percent, cancel stops the
 * render on the backend. Jobs live as long as the server; the MP4 lands in an allowed folder.
 */
import { randomBytes } from 'node:crypto';
import type { VideoService } from '../core/service';
import type { ExportProgress } from '../core/serviceApi';
import { isApiError } from '../core/api/errors';
import { errorWords, wordsFor } from '../words';

/** Agents read English: an engine refusal in the English table's words, anything else as said. */
function exportError(e: Error): string {
  return isApiError(e) && e.refusal ? errorWords(e, wordsFor('en')) : e.message;
}

export type ExportState = 'rendering' | 'downloading' | 'done' | 'failed' | 'cancelled';

export interface ExportJob {
  id: string;
  projectId: string;
  state: ExportState;
  percent: number;
  path?: string;
  error?: string;
  startedAt: number;
  finishedAt?: number;
}

export class ExportJobs {
  private readonly jobs = new Map<string, ExportJob & { controller: AbortController; svc: VideoService }>();

  start(projectId: string, svc: VideoService, folder: string, fileName?: string): ExportJob {
    const running = [...this.jobs.values()].find(
      (j) => j.projectId === projectId && (j.state === 'rendering' || j.state === 'downloading'),
    );
    if (running)
      throw new Error(
        `Project ${projectId} is already exporting (export_id ${running.id}, ${running.percent}%). Wait for it with get_render_status, or cancel_render first.`,
      );
    const controller = new AbortController();
    const job = {
      id: `exp_${randomBytes(6).toString('hex')}`,
      projectId,
      state: 'rendering' as ExportState,
      percent: 0,
      startedAt: Date.now(),
      controller,
      svc,
    };
    this.jobs.set(job.id, job);
    const onProgress = (p: ExportProgress) => {
      if (job.state !== 'rendering' && job.state !== 'downloading') return;
      job.state = p.phase === 'downloading' || p.phase === 'done' ? 'downloading' : 'rendering';
      job.percent = Math.max(job.percent, Math.min(99, Math.round(p.percent)));
    };
    svc.exportVideo({ folder, fileName, signal: controller.signal, onProgress }).then(
      (path) => {
        Object.assign(job, { state: 'done', percent: 100, path, finishedAt: Date.now() });
      },
      (e: Error) => {
        if (job.state !== 'cancelled')
          Object.assign(job, { state: 'failed', error: exportError(e), finishedAt: Date.now() });
      },
    );
    return this.view(job);
  }

  private view(j: ExportJob): ExportJob {
    const { id, projectId, state, percent, path, error, startedAt, finishedAt } = j;
    return {
      id,
      projectId,
      state,
      percent,
      startedAt,
      ...(path ? { path } : {}),
      ...(error ? { error } : {}),
      ...(finishedAt ? { finishedAt } : {}),
    };
  }

  private find(id: string) {
    const j = this.jobs.get(id);
    if (!j)
      throw new Error(
        `Unknown export_id "${id.slice(0, 80)}". Start an export with render_video; its answer carries the export_id.`,
      );
    return j;
  }

  status(id: string): ExportJob {
    return this.view(this.find(id));
  }

  async cancel(id: string): Promise<ExportJob> {
    const j = this.find(id);
    if (j.state !== 'rendering' && j.state !== 'downloading') return this.view(j);
    j.state = 'cancelled';
    j.finishedAt = Date.now();
    try {
      await j.svc.cancelExport();
    } finally {
      j.controller.abort();
    }
    return this.view(j);
  }

  /** Server shutdown: stop following (renders already submitted are cancelled on the backend). */
  async closeAll(): Promise<void> {
    await Promise.allSettled(
      [...this.jobs.values()]
        .filter((j) => j.state === 'rendering' || j.state === 'downloading')
        .map((j) => this.cancel(j.id)),
    );
  }
}
