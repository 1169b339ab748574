/**
 * Uploading media: from the picker, the Explorer's context menu (multi-selection) or a drop on
 * the Timeline. Shows byte progress with Cancel, then says in the chat what was added.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ACCEPTED_EXTENSIONS, CONVERTED_EXTENSIONS } from '../contract/uploads';
import { heifSkippedLines } from '../words';
import type { UploadResult } from '../core/api/types';
import type { ChatController } from './chatController';
import { showError } from './errors';
import type { ServiceHost } from './serviceHost';
import type { TimelineTreeProvider } from './timelineTree';
import { uiWords } from './words';
import { markStepDone } from './walkthrough';
import { localize } from './l10n';

// iPhone photos (HEIC/HEIF) are offered too: the core converts them to JPEG before upload.
const IMAGE = ['jpg', 'jpeg', 'png', 'gif', 'webp', ...CONVERTED_EXTENSIONS];
const VIDEO = ['mp4', 'mov', 'avi', 'webm', 'mkv'];
const AUDIO = ['mp3', 'wav', 'm4a', 'aac'];

export class UploadFlow {
  constructor(
    private readonly host: ServiceHost,
    private readonly tree: TimelineTreeProvider,
    private readonly chat: ChatController,
  ) {}

  async pickAndUpload(): Promise<UploadResult | undefined> {
    const uris = await vscode.window.showOpenDialog({
      canSelectMany: true,
      openLabel: localize('Upload'),
      title: localize('Upload media to Video Generator'),
      defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
      filters: {
        [localize('Media')]: [...ACCEPTED_EXTENSIONS, ...CONVERTED_EXTENSIONS],
        [localize('Images')]: IMAGE,
        [localize('Videos')]: VIDEO,
        [localize('Audio')]: AUDIO,
      },
    });
    return uris?.length ? this.upload(uris) : undefined;
  }

  /** Uploads files; problems are shown to the user, never thrown. */
  async upload(uris: readonly vscode.Uri[]): Promise<UploadResult | undefined> {
    const local = uris.filter((u) => u.scheme === 'file');
    if (local.length < uris.length) {
      void vscode.window.showWarningMessage(
        localize('Only files on this machine can be uploaded; {0} item(s) were skipped.', uris.length - local.length),
      );
    }
    if (!local.length) return undefined;
    try {
      const service = await this.host.get();
      const result = await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title:
            local.length === 1
              ? localize('Uploading {0}', path.basename(local[0].fsPath))
              : localize('Uploading {0} files', local.length),
          cancellable: true,
        },
        async (progress, token) => {
          const abort = new AbortController();
          const sub = token.onCancellationRequested(() => abort.abort());
          let shown = 0;
          try {
            return await service.upload(
              local.map((u) => u.fsPath),
              {
                signal: abort.signal,
                onProgress: ({ sentBytes, totalBytes }) => {
                  const percent = totalBytes ? Math.floor((sentBytes / totalBytes) * 100) : 0;
                  if (percent <= shown) return;
                  progress.report({
                    increment: percent - shown,
                    message: `${formatBytes(sentBytes)} / ${formatBytes(totalBytes)}`,
                  });
                  shown = percent;
                },
              },
            );
          } finally {
            sub.dispose();
          }
        },
      );
      await this.afterUpload(result);
      return result;
    } catch (e) {
      void showError(e, localize('Upload failed:'));
      return undefined;
    }
  }

  private async afterUpload(result: UploadResult): Promise<void> {
    const names = result.files.map((f) => f.filename);
    markStepDone('upload');
    await this.tree.addUploads(result.files);
    const w = uiWords();
    const converted = result.converted?.length
      ? w.converted(result.converted.map((c) => path.basename(c.from)))
      : undefined;
    const added = describeAdded(names);
    await this.chat.say(converted ? `${added}\n${converted}` : added, 'system');
    // The progress toast closes as soon as the bytes are sent: this one says what arrived, every file named.
    void vscode.window.showInformationMessage(converted ? `${added} ${converted}` : added);
    for (const line of heifSkippedLines(result, w)) void vscode.window.showWarningMessage(line);
    if (result.skippedMessage)
      void vscode.window.showWarningMessage(
        uiWords().skipped(
          (result.skipped ?? []).map((s) => path.basename(s.path)),
          result.skippedMessage,
        ),
      );
    void this.tree.refresh().catch(() => undefined);
  }
}

/** "Added 6 files: a.jpg, b.jpg, c.jpg, d.jpg, e.jpg, song.mp3." — every file named, so none hides. */
export function describeAdded(names: string[]): string {
  const shown = names.join(', ');
  return names.length === 1
    ? localize('Added 1 file: {0}', shown)
    : localize('Added {0} files: {1}', names.length, shown);
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
