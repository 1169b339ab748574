/**
 * Export Video: progress with a percentage and Cancel (which cancels the render job on the
 * backend), then Open / Reveal / Preview. A job left running by an earlier window is resumed
 * on activation with the same progress UI.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExportProgress } from '../core/serviceApi';
import type { ChatController } from './chatController';
import { markStepDone } from './walkthrough';
import { errorText, isCancellation, showError } from './errors';
import { exportFolder, revealFile } from './exportFolder';
import { showPreview } from './preview';
import type { ServiceHost } from './serviceHost';
import { localize } from './l10n';

const EXPORTING_KEY = 'videoGenerator.exporting';

export class ExportFlow implements vscode.Disposable {
  private running: { abort: AbortController; done: Promise<string | undefined> } | undefined;

  constructor(
    private readonly host: ServiceHost,
    private readonly chat: ChatController,
    private readonly globalStorage: vscode.Uri,
    private readonly onFinished: () => void,
  ) {}

  get busy(): boolean {
    return this.running !== undefined;
  }

  /** Export Video. Resolves with the file's path, or undefined when cancelled or failed. */
  export(): Promise<string | undefined> {
    if (this.running) {
      void vscode.window.showInformationMessage(localize('An export is already running.'));
      return this.running.done;
    }
    const folder = exportFolder(this.globalStorage);
    return this.run(localize('Exporting video'), (service, signal, onProgress) =>
      service.exportVideo({ folder, signal, onProgress }),
    );
  }

  /** Resumes the job an earlier window left (activation; no network when there is none). */
  async resumePending(): Promise<string | undefined> {
    const service = await this.host.get();
    if (!service.pendingExport() || this.running) return undefined;
    return this.run(localize('Resuming the unfinished export'), (s, signal, onProgress) =>
      s.resumeExport({ signal, onProgress }),
    );
  }

  /** Cancel Export: stops the render job on the backend and the local wait. */
  async cancel(): Promise<void> {
    const running = this.running;
    try {
      await (await this.host.get()).cancelExport();
    } catch (e) {
      void showError(e);
    }
    running?.abort.abort();
    await running?.done;
  }

  /** Stops waiting without cancelling the backend job (window closing: resumed next time). */
  detach(): void {
    this.running?.abort.abort(new Error('detached'));
  }

  private run(
    title: string,
    start: (
      service: Awaited<ReturnType<ServiceHost['get']>>,
      signal: AbortSignal,
      onProgress: (p: ExportProgress) => void,
    ) => Promise<string>,
  ): Promise<string | undefined> {
    const abort = new AbortController();
    const done = (async () => {
      void vscode.commands.executeCommand('setContext', EXPORTING_KEY, true);
      try {
        const service = await this.host.get();
        const file = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title, cancellable: true },
          async (progress, token) => {
            const sub = token.onCancellationRequested(() => {
              void service.cancelExport().catch(() => undefined);
              abort.abort();
            });
            let shown = 0;
            try {
              return await start(service, abort.signal, (p) => {
                const percent = Math.max(shown, Math.min(100, Math.round(p.percent)));
                progress.report({ increment: percent - shown, message: `${phaseText(p.phase)} ${percent}%` });
                shown = percent;
              });
            } finally {
              sub.dispose();
            }
          },
        );
        void this.announce(file);
        return file;
      } catch (e) {
        if (abort.signal.aborted && abort.signal.reason instanceof Error && abort.signal.reason.message === 'detached')
          return undefined;
        if (isCancellation(e) || abort.signal.aborted) {
          void this.chat.say(localize('Export cancelled.'), 'system');
        } else {
          // Answered in the chat too: an export typed there ("export") must not be answered
          // only by a toast in the corner.
          void this.chat.say(`${localize('Export failed:')} ${errorText(e)}`, 'system');
          void showError(e, localize('Export failed:'));
        }
        return undefined;
      } finally {
        this.running = undefined;
        void vscode.commands.executeCommand('setContext', EXPORTING_KEY, false);
        this.onFinished();
      }
    })();
    this.running = { abort, done };
    return done;
  }

  private async announce(file: string): Promise<void> {
    markStepDone('export');
    // A cloud session can be opened in NemoVideo's web editor to keep editing there (#17).
    const onCloud = vscode.workspace.getConfiguration('videoGenerator').get<string>('backend') !== 'local';
    const openOnWeb = onCloud ? [{ action: 'open-in-nemo' as const, label: localize('Open in NemoVideo') }] : undefined;
    await this.chat.say(localize('Exported {0}', file), 'system', openOnWeb, file);
    const open = localize('Open');
    const reveal = localize('Reveal in Explorer');
    const preview = localize('Preview');
    const picked = await vscode.window.showInformationMessage(
      localize('Your video is ready: {0}', path.basename(file)),
      open,
      reveal,
      preview,
    );
    const uri = vscode.Uri.file(file);
    if (picked === open) await vscode.commands.executeCommand('vscode.open', uri);
    else if (picked === reveal) await revealFile(uri);
    else if (picked === preview) showPreview(uri);
  }

  dispose(): void {
    this.detach();
  }
}

function phaseText(phase: ExportProgress['phase']): string {
  switch (phase) {
    case 'submitting':
      return localize('Submitting…');
    case 'rendering':
      return localize('Rendering…');
    case 'downloading':
      return localize('Downloading…');
    case 'done':
      return localize('Done.');
  }
}
