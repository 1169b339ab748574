/**
 * The chat panel's webview plumbing: HTML with a fresh nonce and a strict CSP, the `ready`
 * handshake (nothing is posted before it: such messages are lost), and validation of every
 * message the page sends. What the messages mean is ChatController's job.
 */
import * as vscode from 'vscode';
import { parseToHost, type ToHostMessage, type ToWebviewMessage } from '../protocol';
import { makeNonce, renderChatHtml } from './chatHtml';
import { chatStrings } from './chatStrings';

export const CHAT_VIEW_ID = 'videoGenerator.chat';

/** Transient messages that `init` does not redraw, so they are replayed after `ready`. */
const REPLAYED: ReadonlySet<ToWebviewMessage['type']> = new Set(['error', 'notice']);

export interface ChatViewHandlers {
  /** The full-redraw message answered to every `ready`. */
  init(): ToWebviewMessage;
  onReady(): void;
  onMessage(message: ToHostMessage): void;
}

export class ChatViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private ready = false;
  private queue: ToWebviewMessage[] = [];
  private handlers: ChatViewHandlers | undefined;
  private readonly viewDisposables: vscode.Disposable[] = [];
  private readonly readyEmitter = new vscode.EventEmitter<void>();
  /** Fires on every `ready` (first load, show after hide, reload). */
  readonly onDidBecomeReady = this.readyEmitter.event;
  /** How many times the page said `ready` (tests). */
  readyCount = 0;
  /** The last messages posted, newest last (tests and diagnostics). */
  readonly recent: ToWebviewMessage[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  setHandlers(handlers: ChatViewHandlers): void {
    this.handlers = handlers;
  }

  get resolved(): boolean {
    return this.view !== undefined;
  }
  get visible(): boolean {
    return this.view?.visible ?? false;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.disposeView();
    this.view = view;
    this.ready = false;
    const distWebview = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    const webview = view.webview;
    webview.options = {
      enableScripts: true,
      localResourceRoots: [distWebview, vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
    webview.html = renderChatHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(distWebview, 'main.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(distWebview, 'chat.css')).toString(),
      codiconUri: webview.asWebviewUri(vscode.Uri.joinPath(distWebview, 'codicon.css')).toString(),
      lang: vscode.env.language,
      strings: chatStrings(),
    });
    this.viewDisposables.push(
      webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      // A hidden webview is torn down; it says `ready` again when shown.
      view.onDidChangeVisibility(() => {
        if (!view.visible) this.ready = false;
      }),
      view.onDidDispose(() => {
        if (this.view === view) {
          this.view = undefined;
          this.ready = false;
        }
      }),
    );
  }

  /** Posts now when the page listens; otherwise keeps it for after `ready` (see REPLAYED). */
  post(message: ToWebviewMessage): void {
    this.recent.push(message);
    if (this.recent.length > 300) this.recent.splice(0, this.recent.length - 300);
    if (this.view && this.ready) {
      void this.view.webview.postMessage(message);
    } else if (REPLAYED.has(message.type)) {
      this.queue.push(message);
      if (this.queue.length > 20) this.queue.shift();
    }
  }

  /** Brings the panel into view (the container opens when needed). */
  async reveal(): Promise<void> {
    if (this.view) this.view.show(true);
    else await vscode.commands.executeCommand(`${CHAT_VIEW_ID}.focus`);
  }

  private receive(raw: unknown): void {
    const message = parseToHost(raw);
    if (!message) {
      this.log.warn('Ignored a malformed message from the chat panel.');
      return;
    }
    if (message.type === 'ready') {
      this.ready = true;
      this.readyCount++;
      if (this.view && this.handlers) void this.view.webview.postMessage(this.handlers.init());
      const queued = this.queue;
      this.queue = [];
      for (const m of queued) void this.view?.webview.postMessage(m);
      this.handlers?.onReady();
      this.readyEmitter.fire();
      return;
    }
    this.handlers?.onMessage(message);
  }

  private disposeView(): void {
    for (const d of this.viewDisposables.splice(0)) d.dispose();
  }

  dispose(): void {
    this.disposeView();
    this.readyEmitter.dispose();
  }
}
