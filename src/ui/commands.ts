/** Every command of the extension, each a few lines that call the flow doing the work. */
import * as fs from 'node:fs/promises';
import * as vscode from 'vscode';
import type { ChatController } from './chatController';
import type { ChatViewProvider } from './chatView';
import { showError } from './errors';
import { exportFolder, revealFile } from './exportFolder';
import type { ExportFlow } from './export';
import type { PreviewFlow } from './previewFlow';
import type { ServiceHost } from './serviceHost';
import type { CreditsStatusBar } from './statusBar';
import { uiWords } from './words';
import { summaryLine } from './timelineItems';
import { TIMELINE_VIEW_ID, type TimelineTreeProvider } from './timelineTree';
import type { UploadFlow } from './upload';
import { localize } from './l10n';

export interface CommandDeps {
  host: ServiceHost;
  chatView: ChatViewProvider;
  chat: ChatController;
  tree: TimelineTreeProvider;
  uploads: UploadFlow;
  exports: ExportFlow;
  previews: PreviewFlow;
  statusBar: CreditsStatusBar;
  globalStorage: vscode.Uri;
}

export function registerCommands(d: CommandDeps): vscode.Disposable[] {
  const reg = (id: string, fn: (...args: never[]) => unknown) =>
    vscode.commands.registerCommand(`videoGenerator.${id}`, fn);
  return [
    reg('openChat', () => d.chatView.reveal()),
    reg('upload', () => d.uploads.pickAndUpload()),
    // Explorer context menu: (clicked uri, all selected uris).
    reg('uploadFromExplorer', (uri?: vscode.Uri, uris?: vscode.Uri[]) => {
      const picked = uris?.length ? uris : uri ? [uri] : [];
      return picked.length ? d.uploads.upload(picked) : d.uploads.pickAndUpload();
    }),
    reg('export', () => d.exports.export()),
    reg('cancelExport', () => d.exports.cancel()),
    reg('preview', () => d.previews.preview()),
    reg('showCredits', () => showCredits(d)),
    reg('showTimeline', () => showTimeline(d)),
    reg('refreshTimeline', () =>
      d.tree.refresh().catch((e: unknown) => {
        void showError(e);
      }),
    ),
    reg('newSession', () => newSession(d)),
    reg('setToken', () => setToken(d)),
    reg('signOut', () => signOut(d)),
    reg('openExportsFolder', () => openExportsFolder(d)),
    reg('useLocalEngine', () => useBackend(d, 'local')),
    reg('useCloud', () => useBackend(d, 'cloud')),
  ];
}

async function showCredits(d: CommandDeps): Promise<string | undefined> {
  try {
    const credits = await (await d.host.get()).credits();
    d.statusBar.show(credits);
    const text = uiWords().credits(credits);
    void vscode.window.showInformationMessage(text);
    return text;
  } catch (e) {
    void showError(e);
    return undefined;
  }
}

async function showTimeline(d: CommandDeps): Promise<string | undefined> {
  await vscode.commands.executeCommand(`${TIMELINE_VIEW_ID}.focus`);
  try {
    const text = summaryLine(await d.tree.refresh());
    void vscode.window.showInformationMessage(text);
    return text;
  } catch (e) {
    void showError(e);
    return undefined;
  }
}

async function newSession(d: CommandDeps): Promise<string | undefined> {
  const start = localize('Start New Session');
  const answer = await vscode.window.showWarningMessage(
    localize('Start a new session? The chat and the timeline start empty; exported videos stay.'),
    { modal: true },
    start,
  );
  return answer === start ? startNewSession(d) : undefined;
}

/** New Session after the user confirmed: a new backend session, an empty chat and timeline. */
export async function startNewSession(d: CommandDeps): Promise<string | undefined> {
  try {
    // The core announces the new session; the chat and the tree follow it (onDidChangeSession).
    const { sessionId } = await (await d.host.get()).newSession();
    await d.chat.settled();
    void d.tree.refresh().catch(() => undefined);
    return sessionId;
  } catch (e) {
    void showError(e);
    return undefined;
  }
}

async function setToken(d: CommandDeps): Promise<boolean> {
  const token = await vscode.window.showInputBox({
    title: localize('Set NemoVideo Token'),
    prompt: localize(
      "Paste the token of your NemoVideo account. It is kept in VS Code's secret storage, never in settings.",
    ),
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) =>
      !v.trim() ? localize('Enter a token.') : /\s/.test(v.trim()) ? localize('A token has no spaces.') : undefined,
  });
  if (!token?.trim()) return false;
  try {
    await (await d.host.get()).setToken(token.trim());
    d.statusBar.clear();
    d.chat.postStatus();
    void vscode.window.showInformationMessage(localize('Token saved. Video Generator now uses your account.'));
    void d.statusBar.refresh();
    return true;
  } catch (e) {
    void showError(e);
    return false;
  }
}

async function signOut(d: CommandDeps): Promise<void> {
  try {
    await (await d.host.get()).signOut();
  } catch (e) {
    void showError(e);
    return;
  }
  d.statusBar.clear();
  d.tree.clear();
  await d.host.reset();
  d.chat.postStatus();
  void vscode.window.showInformationMessage(localize('Signed out. The stored token was deleted.'));
}

async function openExportsFolder(d: CommandDeps): Promise<string> {
  const folder = exportFolder(d.globalStorage);
  await fs.mkdir(folder, { recursive: true });
  await revealFile(vscode.Uri.file(folder));
  return folder;
}

/** One click from the chat's welcome or a cloud error: the setting changes (the service restarts on it) and the chat says so. */
async function useBackend(d: CommandDeps, backend: 'cloud' | 'local'): Promise<void> {
  await vscode.workspace
    .getConfiguration('videoGenerator')
    .update('backend', backend, vscode.ConfigurationTarget.Global);
  await d.chat.say(
    backend === 'local'
      ? localize(
          'Switched to the free local engine: your videos are made on this computer, offline, with no credits needed.',
        )
      : localize('Your videos will be made in the cloud (NemoVideo). New users get free starter credits.'),
    'system',
  );
}
