/**
 * What the chat means: connecting on first use, one turn per message with its own
 * AbortController (Stop really cancels the request), stream events turned into panel messages,
 * and the turn's outcome (a reply, a direct answer, or an action run with its own UI).
 */
import * as vscode from 'vscode';
import type { StreamEvent } from '../core/api/events';
import type { SessionChange, TurnOutcome } from '../core/serviceApi';
import type { ChatStatus, PanelAction, PanelSuggestion, ToHostMessage, ToWebviewMessage } from '../protocol';
import type { ConversationStore } from './conversation';
import { errorLink, errorText, isCancellation, offersLocalEngine } from './errors';
import type { ServiceHost } from './serviceHost';
import { runTurnStream } from './chatTurn';
import { summarizeTimeline } from '../words/timeline';
import { uiWords } from './words';
import { ThumbnailStrip } from './thumbnails';
import { showPreview } from './preview';
import type { Logger } from '../core/ports';
import { localize } from './l10n';

/** Commands the panel's buttons run (the same commands as the palette). */
const ACTION_COMMANDS: Record<Exclude<PanelAction, 'open-external'>, string> = {
  export: 'videoGenerator.export',
  upload: 'videoGenerator.upload',
  'show-timeline': 'videoGenerator.showTimeline',
  credits: 'videoGenerator.showCredits',
  'use-local': 'videoGenerator.useLocalEngine',
  'use-cloud': 'videoGenerator.useCloud',
  'open-in-nemo': 'videoGenerator.openInNemoVideo',
  preview: 'videoGenerator.preview',
};

export class ChatController implements vscode.Disposable {
  private turn: AbortController | undefined;
  private connecting: Promise<boolean> | undefined;
  /** Following the core's latest session change (the shown history moves with it). */
  private following: Promise<void> = Promise.resolve();
  private readonly subscription: vscode.Disposable;
  private readonly turnEmitter = new vscode.EventEmitter<TurnOutcome | undefined>();
  /** A chat turn ended (any outcome, or failed): the timeline and credits may have changed. */
  readonly onDidFinishTurn = this.turnEmitter.event;
  private readonly strip: ThumbnailStrip;
  /** The strip being rendered after the last turn (tests wait on it). */
  thumbnailsDone: Promise<void> = Promise.resolve();

  constructor(
    private readonly host: ServiceHost,
    private readonly store: ConversationStore,
    private readonly post: (m: ToWebviewMessage) => void,
    log?: Logger,
  ) {
    this.strip = new ThumbnailStrip(log);
    this.subscription = host.onDidChangeSession((change) => {
      this.following = this.following.then(() => this.follow(change)).catch(() => undefined);
    });
  }

  /** The core owns the session id: the shown history follows it. */
  private async follow(change: SessionChange): Promise<void> {
    if (change.reason === 'renewed') {
      // The old session was gone: keep the history on screen under the new session.
      await this.store.moveTo(change.sessionId);
    } else if (change.reason === 'new') {
      // New Session: a fresh, empty history.
      this.turn?.abort();
      this.strip.reset();
      await this.store.switchTo(change.sessionId);
      await this.store.clear();
      this.post(this.init());
    } else if (this.store.sessionId === undefined) {
      // The first session ever keeps what was typed before it.
      await this.store.moveTo(change.sessionId);
    } else if (await this.store.switchTo(change.sessionId)) {
      // Another session shows its own history.
      this.post(this.init());
    }
  }

  get busy(): boolean {
    return this.turn !== undefined;
  }

  init(): ToWebviewMessage {
    return { type: 'init', messages: this.store.messages(), status: this.status(), busy: this.busy };
  }

  status(): ChatStatus {
    switch (this.host.phase) {
      case 'connecting':
        return { phase: 'connecting', text: localize('Connecting...') };
      case 'ready':
        return { phase: 'ready', text: localize('Ready') };
      case 'error':
        return { phase: 'error', text: localize('Not connected') };
      default:
        return { phase: 'idle', text: '' };
    }
  }

  postStatus(): void {
    this.post({ type: 'status', ...this.status() });
  }

  /** Connects once (token, then session) and switches the shown history to that session. False: failed (shown). */
  ensureConnected(): Promise<boolean> {
    this.connecting ??= this.connect().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private async connect(): Promise<boolean> {
    this.post({ type: 'status', phase: 'connecting', text: localize('Connecting...') });
    try {
      const service = await this.host.get();
      await service.connect();
      await this.following;
      this.post({ type: 'status', phase: 'ready', text: localize('Ready') });
      return true;
    } catch (e) {
      this.post({ type: 'status', phase: 'error', text: localize('Not connected') });
      this.postError(e);
      return false;
    }
  }

  handle(message: ToHostMessage): void {
    switch (message.type) {
      case 'send':
        void this.send(message.text);
        break;
      case 'retry': {
        const last = this.store.lastUserText();
        if (last) void this.send(last, false);
        break;
      }
      case 'stop':
        this.turn?.abort();
        break;
      case 'copy':
        void vscode.env.clipboard.writeText(message.text);
        break;
      case 'action':
        if (message.action === 'open-external') void vscode.env.openExternal(vscode.Uri.parse(message.url));
        else void vscode.commands.executeCommand(ACTION_COMMANDS[message.action]);
        break;
      case 'open-file': {
        // Only a file this window exported and named in the chat: the webview passes an id, never a path.
        const file = this.store.messages().find((m) => m.id === message.id)?.file;
        if (file) showPreview(vscode.Uri.file(file));
        break;
      }
      case 'resend': {
        const m = this.store.messages().find((x) => x.id === message.id && x.unsent);
        if (m)
          void this.store.remove(m.id).then(() => {
            this.post({ type: 'message-remove', id: m.id });
            return this.send(m.text);
          });
        break;
      }
      case 'ready':
        break;
      default:
        // A message type the panel can send but this switch forgets is a compile error here.
        message satisfies never;
    }
  }

  /** One chat turn. Whatever happens, the panel leaves the busy state at the end. */
  async send(text: string, addUserMessage = true): Promise<TurnOutcome | undefined> {
    if (this.turn) {
      this.post({ type: 'notice', text: localize('Wait for the current reply, or press Stop.') });
      return undefined;
    }
    const abort = new AbortController();
    this.turn = abort;
    this.post({ type: 'busy', busy: true });
    let outcome: TurnOutcome | undefined;
    let stopped = false;
    try {
      // The words are kept before anything can fail, so Retry can send them again.
      const user = addUserMessage ? await this.store.add({ id: this.store.newId(), role: 'user', text }) : undefined;
      if (user) {
        this.post({ type: 'message-start', id: user.id, role: 'user' });
        this.post({ type: 'message-final', id: user.id, text });
      }
      if (!(await this.ensureConnected())) {
        // It never left: it must not look sent. Send again is on it (and in the store after a reload).
        if (user) {
          await this.store.update(user.id, { unsent: true });
          this.post({ type: 'message-unsent', id: user.id });
        }
        return undefined;
      }
      if (user && !this.store.messages().some((m) => m.id === user.id)) {
        // Connecting switched to another session's history: the message belongs there now.
        await this.store.add(user);
        this.post(this.init());
      }
      const service = await this.host.get();
      outcome = await runTurnStream(service, text, abort.signal, this.store, this.post, (e) => this.postError(e));
      await this.afterOutcome(outcome);
      // After the reply, without holding the turn: frames of the new version under it.
      // The reply is named now: rendering takes a while, and a credits answer or another turn
      // may add a newer message meanwhile; the strip belongs under the reply that changed the video.
      const replyId = [...this.store.messages()].reverse().find((m) => m.role === 'assistant')?.id;
      if (outcome.kind === 'reply' && !outcome.interrupted && replyId)
        this.thumbnailsDone = this.thumbnailsDone.then(() => this.showStrip(service, replyId));
    } catch (e) {
      if (isCancellation(e) || abort.signal.aborted) stopped = true;
      else this.postError(e);
    } finally {
      this.turn = undefined;
      this.post({ type: 'busy', busy: false });
      // After `busy: false`, which clears the running turn's notices: posted before it, the
      // confirmation was wiped at once and Stop looked like nothing happened.
      if (stopped) this.post({ type: 'notice', text: localize('Stopped.') });
      this.turnEmitter.fire(outcome);
    }
    return outcome;
  }

  private async afterOutcome(outcome: TurnOutcome): Promise<void> {
    if (outcome.kind === 'answer') {
      // The core answers with data; it is worded here, in the UI's language.
      const w = uiWords();
      await this.say(
        outcome.intent === 'credits' ? w.credits(outcome.credits) : summarizeTimeline(outcome.timeline, w),
      );
    } else if (outcome.kind === 'action') {
      void vscode.commands.executeCommand(ACTION_COMMANDS[outcome.intent]);
    } else if (outcome.sessionRenewed) {
      await this.following; // the history moved to the new session (follow)
      await this.say(
        localize(
          'The previous editing session had expired, so a new session was started. Earlier uploads may need to be added again.',
        ),
        'system',
      );
    }
  }

  /** The thumbnail strip under the turn's reply when the turn changed the video; the only one kept. */
  private async showStrip(service: Awaited<ReturnType<ServiceHost['get']>>, replyId: string): Promise<void> {
    const images = await this.strip.render(service);
    const last = this.store.messages().find((m) => m.id === replyId); // gone after New Session: no strip
    if (!images || !last) return;
    for (const m of this.store.messages())
      if (m.thumbnails && m.id !== last.id) await this.store.update(m.id, { thumbnails: undefined }, false);
    await this.store.update(last.id, { thumbnails: images });
    this.post({ type: 'thumbnails', id: last.id, images });
  }

  /** Adds a message from the app itself ("Added 6 files…", credits answers). */
  async say(
    text: string,
    role: 'assistant' | 'system' = 'assistant',
    suggestions?: PanelSuggestion[],
    file?: string,
  ): Promise<void> {
    const m = await this.store.add({
      id: this.store.newId(),
      role,
      text,
      ...(suggestions ? { suggestions } : {}),
      ...(file ? { file } : {}),
    });
    this.post({ type: 'message-start', id: m.id, role });
    this.post({ type: 'message-final', id: m.id, text });
    if (file) this.post({ type: 'file-link', id: m.id, file });
    if (suggestions?.length) this.post({ type: 'suggestions', id: m.id, actions: suggestions });
  }

  /** Resolves once the shown history follows the core's latest session change. */
  settled(): Promise<void> {
    return this.following;
  }

  postError(e: unknown): void {
    if (isCancellation(e)) return;
    const link = errorLink(e);
    this.post({
      type: 'error',
      text: errorText(e),
      ...(link ? { url: link.url, linkLabel: link.label } : {}),
      ...(offersLocalEngine(e) ? { offerLocal: true } : {}),
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.turn?.abort();
    this.turnEmitter.dispose();
  }
}

export type { StreamEvent };
