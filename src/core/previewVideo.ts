/**
 * Preview: a quick low-resolution render of the current draft to watch in the editor before the
 * long export (contract/previewRender.ts says what the engine makes). Only an engine on this
 * machine renders previews; the cloud has no such render and would bill a full one, so a remote
 * backend is refused before anything is sent. Unlike an export it is not persisted or resumed:
 * a preview outlives nothing — Stop cancels the job on the engine, and a new one replaces it.
 */
import { chmod } from 'node:fs/promises';
import { ApiError, abortedError, isApiError } from './api/errors';
import { downloadFile } from './api/download';
import { isExportable } from '../contract/draftRead';
import { isLoopbackUrl, LOOPBACK_POLL_MS, newRenderId } from './export';
import type { SessionRunner } from './agentOps';
import { realSleep, type Sleep } from './ports';

/** ApiError.detail (kind 'input'): the backend is not an engine on this machine. */
export const PREVIEW_NEEDS_LOCAL = 'preview-needs-local-engine';
/** ApiError.detail (kind 'input'): the timeline has nothing to render. */
export const PREVIEW_EMPTY = 'preview-empty-timeline';

export interface PreviewVideoOptions {
  /** Where the preview goes; replaced atomically, private to the user (0600). */
  file: string;
  signal?: AbortSignal;
  /** 0..100 */
  onProgress?: (percent: number) => void;
  /** Status poll interval, ms (default: the loopback poll). */
  pollMs?: number;
  /** A preview still unfinished after this long is cancelled (default 10 minutes). */
  deadlineMs?: number;
  sleep?: Sleep;
}

export interface PreviewVideo {
  file: string;
  renderId: string;
}

export async function renderPreviewVideo(svc: SessionRunner, o: PreviewVideoOptions): Promise<PreviewVideo> {
  const { signal } = o;
  return svc.withSession(async (sessionId, client) => {
    if (!isLoopbackUrl(client.url('/')))
      throw new ApiError({
        kind: 'input',
        detail: PREVIEW_NEEDS_LOCAL,
        message: 'Preview renders on the free local engine; this backend has none. Switch to the local engine.',
      });
    const state = await client.state(sessionId, { signal });
    if (!isExportable(state.draft))
      throw new ApiError({
        kind: 'input',
        detail: PREVIEW_EMPTY,
        message: 'The timeline is empty, so there is nothing to preview yet.',
      });
    const renderId = newRenderId();
    o.onProgress?.(0);
    await client.submitRender(
      { id: renderId, sessionId, draft: state.draft!, output: { format: 'mp4', quality: 'preview', preview: true } },
      { signal },
    );
    try {
      await waitForRender(renderId, o, (id) => client.renderStatus(id, { signal }));
      await downloadFile(client, client.url(client.downloadPath(renderId)), o.file, { signal });
      await chmod(o.file, 0o600);
      o.onProgress?.(100);
      return { file: o.file, renderId };
    } catch (e) {
      // Stopped by the person (or failed on our side): the engine must not keep rendering.
      if (signal?.aborted || !isApiError(e) || e.kind !== 'render')
        await client.cancelRender(renderId).catch(() => undefined);
      if (signal?.aborted) throw abortedError('The preview');
      throw e;
    }
  }, signal);
}

async function waitForRender(
  id: string,
  o: PreviewVideoOptions,
  status: (id: string) => Promise<{ status: string; progress: number; error?: string }>,
): Promise<void> {
  const started = Date.now();
  const sleep = o.sleep ?? realSleep;
  for (;;) {
    const s = await status(id);
    o.onProgress?.(Math.min(95, Math.round(s.progress * 0.95)));
    if (s.status === 'completed') return;
    if (s.status === 'failed')
      throw new ApiError({
        kind: 'render',
        detail: s.error,
        message: `The preview failed${s.error ? `: ${s.error}` : ''}. Check the timeline and try again.`,
      });
    if (s.status === 'cancelled') throw abortedError('The preview');
    if (Date.now() - started > (o.deadlineMs ?? 10 * 60_000))
      throw new ApiError({ kind: 'timeout', message: 'The preview took too long and was stopped. Try again.' });
    await sleep(o.pollMs ?? LOOPBACK_POLL_MS, o.signal);
  }
}
