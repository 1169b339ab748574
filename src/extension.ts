/**
 * Builds the object graph and registers it; nothing else. Activation is cheap: no network, no
 * backend — the service is created on first use (ServiceHost).
 */
import * as vscode from 'vscode';
import { createVideoService } from './core/service';
import type { VideoServiceOptions } from './core/serviceApi';
import { ChatController } from './ui/chatController';
import { CHAT_VIEW_ID, ChatViewProvider } from './ui/chatView';
import { registerCommands, startNewSession, type CommandDeps } from './ui/commands';
import { ConversationStore } from './ui/conversation';
import { ExportFlow } from './ui/export';
import { PreviewFlow } from './ui/previewFlow';
import { createLogChannel } from './ui/log';
import { markStepDone, stepsDone } from './ui/walkthrough';
import { MementoStore, SecretTokenStore } from './ui/secrets';
import { SplitStateStore } from './ui/splitState';
import { ServiceHost } from './ui/serviceHost';
import { CreditsStatusBar } from './ui/statusBar';
import { TimelineDropController } from './ui/timelineDrop';
import { TIMELINE_VIEW_ID, TimelineTreeProvider } from './ui/timelineTree';
import { UploadFlow } from './ui/upload';
import { registerMcpProvider } from './ui/lm/mcpProvider';
import { registerLmTools } from './ui/lm/tools';
import { registerOpenInNemo } from './ui/openInNemo';
import { initL10n } from './ui/l10n';

/**
 * Handles for the extension-host tests (test/host); not an API for other extensions. Returned
 * only in ExtensionMode.Test: every installed extension can read another's exports, and these
 * reach the token store and the raw SecretStorage.
 */
export interface TestApi extends Omit<CommandDeps, 'globalStorage'> {
  tokenStore: SecretTokenStore;
  /** The raw SecretStorage, to play "another window changed the token". */
  secrets: vscode.SecretStorage;
  /** New Session without the confirmation dialog (dialogs are refused under the test driver). */
  startNewSession(): Promise<string | undefined>;
  /** Options merged into every new service (short poll intervals in tests). */
  setServiceOverrides(overrides: Partial<VideoServiceOptions>): void;
  /** The extension's global storage folder (the local engine keeps its data under it). */
  storageDir: string;
  /** Walkthrough steps this window marked done (their context keys are set). */
  walkthroughDone(): string[];
}

/** What activate() returns in ExtensionMode.Test; nothing in any other mode. */
export interface TestExports {
  testApi: TestApi;
}

let testApi: TestApi | undefined;

export function activate(context: vscode.ExtensionContext): TestExports | undefined {
  const started = performance.now();
  initL10n(context.extensionUri.fsPath);
  const log = createLogChannel();
  const tokenStore = new SecretTokenStore(context.secrets);
  const state = new SplitStateStore(new MementoStore(context.globalState), new MementoStore(context.workspaceState));
  let overrides: Partial<VideoServiceOptions> = {};
  const host = new ServiceHost({
    factory: createVideoService,
    tokenStore,
    state,
    log,
    version: String(context.extension.packageJSON.version ?? '0.0.0'),
    storageDir: context.globalStorageUri.fsPath,
    overrides: () => overrides,
  });

  const chatView = new ChatViewProvider(context.extensionUri, log);
  const chat = new ChatController(host, new ConversationStore(context.workspaceState), (m) => chatView.post(m), log);
  chatView.setHandlers({
    init: () => chat.init(),
    onReady: () => void chat.ensureConnected(),
    onMessage: (m) => chat.handle(m),
  });

  const tree = new TimelineTreeProvider(host, context.workspaceState, log);
  const statusBar = new CreditsStatusBar(host, log);
  const uploads = new UploadFlow(host, tree, chat);
  const afterAction = () => {
    void tree.refresh(false).catch(() => undefined);
    void statusBar.refresh();
  };
  const exports = new ExportFlow(host, chat, context.globalStorageUri, afterAction);
  const previews = new PreviewFlow(host, context.globalStorageUri);
  const deps: CommandDeps = {
    host,
    chatView,
    chat,
    tree,
    uploads,
    exports,
    previews,
    statusBar,
    globalStorage: context.globalStorageUri,
  };
  const treeView = vscode.window.createTreeView(TIMELINE_VIEW_ID, {
    treeDataProvider: tree,
    dragAndDropController: new TimelineDropController((uris) => uploads.upload(uris)),
    canSelectMany: false,
    showCollapseAll: true,
  });

  context.subscriptions.push(
    log,
    host,
    chatView,
    chat,
    tree,
    treeView,
    statusBar,
    exports,
    previews,
    vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, chatView),
    ...registerCommands(deps),
    chat.onDidFinishTurn((outcome) => {
      if (outcome?.kind === 'reply' && !outcome.interrupted) markStepDone('describe');
      afterAction();
    }),
    host.onDidChangePhase((phase) => {
      chat.postStatus();
      // Connected: draw the session's timeline and balance, and pick up an unfinished export.
      if (phase === 'ready') {
        markStepDone('connect');
        afterAction();
        void exports.resumePending().catch(() => undefined);
      }
    }),
    host.onDidReset(() => {
      statusBar.clear();
      chat.postStatus();
    }),
    // Agents: the MCP server for agent mode, and language-model tools over this window's service.
    registerMcpProvider(context, String(context.extension.packageJSON.version ?? '0.0.0')),
    registerLmTools(host, context.globalStorageUri.fsPath),
    registerOpenInNemo(host),
  );

  log.debug(`Activated in ${(performance.now() - started).toFixed(1)} ms (no backend started).`);
  // Production and development runs export nothing: see TestApi.
  if (context.extensionMode !== vscode.ExtensionMode.Test) return undefined;
  testApi = {
    host,
    chatView,
    chat,
    tree,
    uploads,
    exports,
    previews,
    statusBar,
    tokenStore,
    secrets: context.secrets,
    startNewSession: () => startNewSession(deps),
    setServiceOverrides(o) {
      overrides = o;
    },
    storageDir: context.globalStorageUri.fsPath,
    walkthroughDone: stepsDone,
  };
  return { testApi };
}

export function deactivate(): void {
  // context.subscriptions disposes everything; an export in flight stays persisted by the core
  // and is resumed on the next activation.
  testApi = undefined;
}
