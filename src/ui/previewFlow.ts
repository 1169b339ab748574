/**
 * Preview: the local engine renders the draft small and fast (core/previewVideo.ts), and the
 * video plays in one reused panel with sound. The file lives in the extension's storage, not
 * the exports folder: `previews/<window>/preview-<ms>.mp4` (0600, folders 0700); each new
 * preview replaces the last one, and the folder goes when the window closes.
 *
 * The cloud has no preview render (it would bill a full export), so on the cloud the action
 * says so and offers the local engine or the export instead — nothing is sent.
 */
import { chmod, mkdir, readdir, rm } from 'node:fs/promises';
import { readdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isApiError } from '../core/api/errors';
import { PREVIEW_EMPTY, renderPreviewVideo } from '../core/previewVideo';
import { readBackendConfig } from './backend';
import { isCancellation, showError } from './errors';
import { localize } from './l10n';
import { createPlayerPanel, setPlayerPage, type PlayerState } from './preview';
import type { ServiceHost } from './serviceHost';

const PREVIEWING_KEY = 'videoGenerator.previewing';

export class PreviewFlow implements vscode.Disposable {
  private running: { abort: AbortController; done: Promise<string | undefined> } | undefined;
  private panel: vscode.WebviewPanel | undefined;
  private pageSub: vscode.Disposable | undefined;
  /** What the panel's player last reported (tests wait on it). */
  playerState: PlayerState | undefined;
  readonly folder: string;

  constructor(
    private readonly host: ServiceHost,
    private readonly globalStorage: vscode.Uri,
  ) {
    // One folder per window (its extension host's pid): closing one window never takes the
    // preview another one is playing.
    const root = path.join(globalStorage.fsPath, 'previews');
    this.folder = path.join(root, String(process.pid));
    sweepDeadWindows(root);
  }

  get busy(): boolean {
    return this.running !== undefined;
  }

  /** The panel showing the preview, if open (tests read it). */
  get currentPanel(): vscode.WebviewPanel | undefined {
    return this.panel;
  }

  /** Preview: resolves with the preview's path, or undefined (cloud, empty timeline, cancelled, failed). */
  preview(): Promise<string | undefined> {
    if (this.running) return this.running.done; // a second click waits for the same preview
    if (readBackendConfig(this.globalStorage.fsPath).backend !== 'local') return this.explainCloud();
    const abort = new AbortController();
    const done = this.run(abort).finally(() => {
      this.running = undefined;
      void vscode.commands.executeCommand('setContext', PREVIEWING_KEY, false);
    });
    this.running = { abort, done };
    return done;
  }

  /** Stops the preview being made (the engine's job is cancelled too). */
  cancel(): void {
    this.running?.abort.abort();
  }

  private async run(abort: AbortController): Promise<string | undefined> {
    void vscode.commands.executeCommand('setContext', PREVIEWING_KEY, true);
    try {
      const service = await this.host.get();
      await mkdir(this.folder, { recursive: true, mode: 0o700 });
      await chmod(path.dirname(this.folder), 0o700);
      const file = path.join(this.folder, `preview-${Date.now()}.mp4`);
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: localize('Making a preview'), cancellable: true },
        async (progress, token) => {
          const sub = token.onCancellationRequested(() => abort.abort());
          let shown = 0;
          try {
            await renderPreviewVideo(service, {
              file,
              signal: abort.signal,
              onProgress: (p) => {
                const percent = Math.max(shown, Math.min(100, Math.round(p)));
                progress.report({ increment: percent - shown, message: `${percent}%` });
                shown = percent;
              },
            });
          } finally {
            sub.dispose();
          }
        },
      );
      this.show(file);
      await this.removeOthers(file);
      return file;
    } catch (e) {
      if (isCancellation(e) || abort.signal.aborted) return undefined;
      if (isApiError(e) && e.detail === PREVIEW_EMPTY) {
        void vscode.window.showInformationMessage(
          localize(
            'The timeline is empty, so there is nothing to preview yet. Upload media and describe your video in the chat first.',
          ),
        );
        return undefined;
      }
      void showError(e, localize('Preview failed:'));
      return undefined;
    }
  }

  /** The cloud renders no previews: say what does, with the two ways on (not waited for). */
  private explainCloud(): Promise<undefined> {
    const useLocal = localize('Use Local Engine');
    const exportVideo = localize('Export Video');
    void vscode.window
      .showInformationMessage(
        localize(
          'Preview needs the free local engine: it renders a quick low-resolution version on this computer. The cloud makes only full exports, which use credits.',
        ),
        useLocal,
        exportVideo,
      )
      .then((picked) => {
        if (picked === useLocal) void vscode.commands.executeCommand('videoGenerator.useLocalEngine');
        else if (picked === exportVideo) void vscode.commands.executeCommand('videoGenerator.export');
      });
    return Promise.resolve(undefined);
  }

  private show(file: string): void {
    const uri = vscode.Uri.file(file);
    if (!this.panel) {
      this.panel = createPlayerPanel(uri, localize('Preview'));
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.pageSub?.dispose();
        this.pageSub = undefined;
      });
    }
    this.pageSub?.dispose();
    this.playerState = undefined;
    this.pageSub = setPlayerPage(
      this.panel,
      uri,
      {
        note: localize('A quick low-resolution preview of the current draft. Export for the full-quality video.'),
        autoplay: true,
        extra: { label: localize('Export Video'), command: 'videoGenerator.export' },
      },
      (s) => {
        this.playerState = s;
      },
    );
    this.panel.reveal(undefined, false);
  }

  /** Earlier previews (and a cancelled one's leftovers) go: only the one shown stays. */
  private async removeOthers(keep: string): Promise<void> {
    for (const f of await readdir(this.folder).catch(() => [] as string[]))
      if (path.join(this.folder, f) !== keep) await rm(path.join(this.folder, f), { force: true });
  }

  dispose(): void {
    this.cancel();
    this.panel?.dispose();
    // The window closes: previews are for this sitting only.
    rmSync(this.folder, { recursive: true, force: true });
  }
}

/** Other windows' preview folders whose extension host is gone (a crash skipped dispose). */
function sweepDeadWindows(root: string): void {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return; // no previews yet
  }
  for (const name of names) {
    const pid = Number(name);
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && !alive(pid))
      rmSync(path.join(root, name), { recursive: true, force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
