/**
 * The chat panel's controller: applies the host's messages to the DOM and turns the user's
 * clicks and keys into messages for the host. The HOST owns the conversation; this side keeps
 * only what a reload must not lose that the host does not know: the draft and the scroll spot.
 *
 * Works on any Document with the shell from src/ui/chatHtml.ts, so tests drive it under jsdom.
 */
import {
  parseToWebview,
  type ChatMessage,
  type ChatStrings,
  type ChatStatus,
  type ToHostMessage,
} from '../src/protocol';
import { ChunkCoalescer, type FrameScheduler } from './coalescer';
import { CompositionTracker, decideKey } from './keys';
import type { RenderMarkdown } from './markdown';
import { readClick } from './clicks';
import { AutoScroller } from './scroll';
import { MessageView } from './view';
import { buildWelcome } from './welcome';
import { WorkingRow } from './workingRow';

export interface VsCodeApiLike {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

export interface ChatAppOptions {
  schedule: FrameScheduler;
  render: RenderMarkdown;
  strings: ChatStrings;
  /** navigator.clipboard.writeText in the webview; the host's clipboard is the fallback. */
  clipboard?: (text: string) => Promise<void>;
}

/** The status line's codicon per connection phase. */
const STATUS_ICONS: Record<ChatStatus['phase'], string> = {
  connecting: 'codicon-loading codicon-modifier-spin',
  ready: 'codicon-pass',
  error: 'codicon-error',
  idle: 'codicon-circle-outline',
};

/** What survives a reload of the webview (vscode.setState). */
interface SavedState {
  draft: string;
  scrollTop: number;
  stick: boolean;
}

function readState(raw: unknown): SavedState {
  const s = (raw && typeof raw === 'object' ? raw : {}) as Partial<SavedState>;
  return {
    draft: typeof s.draft === 'string' ? s.draft : '',
    scrollTop: typeof s.scrollTop === 'number' ? s.scrollTop : 0,
    stick: typeof s.stick === 'boolean' ? s.stick : true,
  };
}

function byId<T extends HTMLElement>(doc: Document, id: string): T {
  const node = doc.getElementById(id);
  if (!node) throw new Error(`chat shell is missing #${id}`);
  return node as T;
}

export class ChatApp {
  private readonly views = new Map<string, MessageView>();
  private readonly coalescer: ChunkCoalescer;
  private readonly scroller: AutoScroller;
  private readonly ime = new CompositionTracker();
  private readonly log: HTMLElement;
  private readonly input: HTMLTextAreaElement;
  private readonly ui: Record<
    | 'status'
    | 'statusText'
    | 'activity'
    | 'announcer'
    | 'error'
    | 'errorText'
    | 'errorLink'
    | 'errorLocal'
    | 'send'
    | 'stop',
    HTMLElement
  >;
  /** The empty chat's welcome: what this is, example requests to click, and where videos are made. */
  private readonly welcome: HTMLElement;
  private state: SavedState;
  private busy = false;
  /** The working indicator: the last row of the log while a turn runs. */
  private readonly working: WorkingRow;
  /** What this panel sent for the running turn: put back into an empty input when the turn fails. */
  private lastSent: string | undefined;

  constructor(
    private readonly doc: Document,
    private readonly api: VsCodeApiLike,
    private readonly opts: ChatAppOptions,
  ) {
    this.log = byId(doc, 'log');
    this.input = byId<HTMLTextAreaElement>(doc, 'input');
    this.ui = {
      status: byId(doc, 'status'),
      statusText: byId(doc, 'status-text'),
      activity: byId(doc, 'activity'),
      announcer: byId(doc, 'announcer'),
      error: byId(doc, 'error'),
      errorText: byId(doc, 'error-text'),
      errorLink: byId(doc, 'error-link'),
      errorLocal: byId(doc, 'error-local'),
      send: byId(doc, 'send'),
      stop: byId(doc, 'stop'),
    };
    this.welcome = buildWelcome(doc, opts.strings);
    this.working = new WorkingRow(doc, opts.strings.working);
    this.log.append(this.welcome, this.working.root);
    this.scroller = new AutoScroller(this.log);
    this.coalescer = new ChunkCoalescer(
      {
        render: (id, text, final) => this.renderText(id, text, final),
        afterFrame: () => this.scroller.follow(),
      },
      opts.schedule,
    );
    this.state = readState(api.getState());
    this.input.value = this.state.draft;
    this.wire();
  }

  /** The handshake: the host posts nothing before this, then answers with `init`. */
  start(): void {
    this.post({ type: 'ready' });
  }

  /** Entry point for `window.addEventListener('message', e => app.receive(e.data))`. */
  receive(raw: unknown): void {
    const m = parseToWebview(raw);
    if (!m) return; // not ours, or malformed: ignore
    switch (m.type) {
      case 'init':
        return this.redraw(m.messages, m.status, m.busy);
      case 'status':
        return this.setStatus(m);
      case 'message-start':
        this.view(m.id, m.role);
        this.coalescer.begin(m.id);
        return this.scroller.follow();
      case 'chunk':
        this.view(m.id, 'assistant');
        return this.coalescer.chunk(m.id, m.text);
      case 'message-final':
        this.view(m.id, 'assistant');
        return this.coalescer.final(m.id, m.text);
      case 'tool':
        return this.showWorking(m.name);
      case 'notice':
        if (m.id && this.views.has(m.id)) this.views.get(m.id)!.setActivity(m.text);
        else this.setGlobalActivity(m.text);
        return this.scroller.follow();
      case 'suggestions':
        this.view(m.id, 'assistant').setSuggestions(m.actions);
        return this.scroller.follow();
      case 'busy':
        return this.setBusy(m.busy);
      case 'error':
        this.restoreDraft();
        return this.showError(m.text, m.url, m.linkLabel, m.offerLocal);
      case 'message-remove':
        this.views.get(m.id)?.root.remove();
        this.views.delete(m.id);
        return this.updateWelcome();
      case 'file-link':
        this.view(m.id, 'system').setFile(m.file);
        return;
      case 'message-unsent':
        this.view(m.id, 'user').markUnsent();
        return this.scroller.follow();
      case 'thumbnails':
        // Only the newest version's strip stays: older ones would show a video that is gone.
        for (const v of this.views.values()) if (v.id !== m.id) v.setThumbnails([]);
        this.view(m.id, 'assistant').setThumbnails(m.images);
        return this.scroller.follow();
      case 'message-interrupted':
        this.coalescer.flush();
        this.view(m.id, 'assistant').markInterrupted();
        this.view(m.id, 'assistant').setActivity(undefined);
        return this.pinToNewest();
      default:
        // A message type the host can send but this switch forgets is a compile error here.
        return m satisfies never;
    }
  }

  private post(message: ToHostMessage): void {
    this.api.postMessage(message);
  }

  private saveState(patch: Partial<SavedState>): void {
    this.state = { ...this.state, ...patch };
    this.api.setState(this.state);
  }

  private view(id: string, role: ChatMessage['role']): MessageView {
    let v = this.views.get(id);
    if (!v) {
      v = new MessageView(this.doc, id, role, this.opts.strings, this.opts.render);
      this.views.set(id, v);
      this.log.insertBefore(v.root, this.working.root); // the working indicator stays the last row
      this.updateWelcome();
    }
    return v;
  }

  private renderText(id: string, text: string, final: boolean): void {
    const v = this.views.get(id);
    if (!v) return;
    v.setText(text);
    if (final) {
      v.setActivity(undefined);
      if (v.role === 'assistant')
        this.announce(`${this.opts.strings.assistant}: ${v.root.querySelector('.body')?.textContent ?? text}`);
    }
  }

  private redraw(messages: ChatMessage[], status: ChatStatus, busy: boolean): void {
    this.coalescer.reset();
    this.views.clear();
    this.log.replaceChildren(this.welcome, this.working.root);
    this.updateWelcome();
    for (const m of messages) {
      const v = this.view(m.id, m.role);
      this.coalescer.final(m.id, m.text);
      if (m.suggestions?.length) v.setSuggestions(m.suggestions);
      if (m.thumbnails?.length) v.setThumbnails(m.thumbnails);
      if (m.interrupted) v.markInterrupted();
      if (m.unsent) v.markUnsent();
    }
    this.coalescer.flush();
    for (const m of messages) if (m.file) this.views.get(m.id)?.setFile(m.file);
    this.setStatus(status);
    this.setBusy(busy);
    this.hideError();
    this.ui.announcer.textContent = ''; // history is not news
    this.scroller.restore(this.state.stick, this.state.scrollTop);
    this.updateWelcome();
  }

  private setStatus(s: ChatStatus): void {
    this.ui.status.dataset.phase = s.phase;
    this.ui.statusText.textContent = s.text;
    // codicon.css gives the icon font only to elements with a `codicon-…` class: without one
    // the glyph showed as an empty box.
    const icon = this.ui.status.querySelector('.status-icon');
    if (icon) icon.className = `status-icon codicon ${STATUS_ICONS[s.phase]}`;
  }

  private setGlobalActivity(text: string | undefined): void {
    this.ui.activity.textContent = text ?? '';
    this.ui.activity.hidden = text === undefined;
  }

  private setBusy(busy: boolean): void {
    const hadFocus = this.doc.activeElement === this.ui.send || this.doc.activeElement === this.ui.stop;
    this.busy = busy;
    this.doc.body.classList.toggle('busy', busy);
    if (busy) this.showWorking(undefined);
    else {
      this.working.hide();
      this.lastSent = undefined;
    }
    this.ui.send.hidden = busy;
    this.ui.stop.hidden = !busy;
    if (!busy) {
      // Notices and tool lines describe a running turn only.
      this.coalescer.flush();
      this.setGlobalActivity(undefined);
      for (const v of this.views.values()) v.setActivity(undefined);
    }
    if (hadFocus) (busy ? this.ui.stop : this.input).focus();
  }

  private updateWelcome(): void {
    const wasShown = !this.welcome.hidden;
    this.welcome.hidden = this.views.size > 0;
    if (!this.welcome.hidden) {
      // The welcome reads from its top (pinned to the bottom its title was scrolled away).
      this.scroller.stick = false;
      this.log.scrollTop = 0;
    } else if (wasShown) {
      this.scroller.stick = true; // the conversation starts: follow it
    }
  }

  /** ArrowUp in an empty message box: the last message sent comes back to edit or send again. */
  private recallLast(): boolean {
    const users = [...this.views.values()].filter((v) => v.role === 'user');
    const text = users.length ? this.coalescer.text(users.at(-1)!.id) : undefined;
    if (!text) return false;
    this.input.value = text;
    this.input.setSelectionRange(text.length, text.length);
    this.saveState({ draft: text });
    return true;
  }

  private showError(text: string, url?: string, linkLabel?: string, offerLocal = false): void {
    this.ui.errorLocal.hidden = !offerLocal;
    this.ui.errorText.textContent = text;
    this.ui.errorLink.hidden = !url;
    this.ui.errorLink.dataset.url = url ?? '';
    const label = this.ui.errorLink.querySelector('.label');
    if (label) label.textContent = linkLabel ?? url ?? '';
    this.ui.error.hidden = false;
    this.setGlobalActivity(undefined);
    this.pinToNewest();
  }

  /** The working row with what happens now (the host's words), or the general words. */
  private showWorking(text: string | undefined): void {
    this.working.show(text);
    this.scroller.follow();
  }

  /**
   * An error or a cut-short reply concerns the newest turn: show it (the "Reply interrupted /
   * Retry" row) even when the banner took the log's space or a late scroll event unpinned it.
   */
  private pinToNewest(): void {
    this.scroller.stick = true;
    this.scroller.follow();
  }

  /** The turn failed: the message goes back into an empty input, so "your message is kept" is true. */
  private restoreDraft(): void {
    if (this.lastSent === undefined || this.input.value.trim()) return;
    this.input.value = this.lastSent;
    this.saveState({ draft: this.lastSent });
  }

  private hideError(): void {
    this.ui.error.hidden = true;
  }

  private announce(text: string): void {
    // Cleared first so that the same words twice are announced twice.
    const words = text.replace(/\s+/g, ' ').trim();
    this.ui.announcer.textContent = '';
    this.ui.announcer.textContent = words.length > 1000 ? `${words.slice(0, 1000)}…` : words;
  }

  private submit(): void {
    const text = this.input.value.trim();
    if (!text || this.busy) return;
    this.post({ type: 'send', text });
    this.lastSent = text;
    this.input.value = '';
    this.saveState({ draft: '' });
    this.hideError();
    this.setGlobalActivity(undefined); // "Stopped." and the like belong to the previous turn
    this.scroller.stick = true; // the user wants to see the answer to what they just sent
  }

  private async copy(id: string, button: HTMLElement): Promise<void> {
    const text = this.coalescer.text(id) ?? '';
    try {
      if (!this.opts.clipboard) throw new Error('no clipboard');
      await this.opts.clipboard(text);
    } catch {
      this.post({ type: 'copy', text });
    }
    button.classList.add('copied');
    button.title = this.opts.strings.copied;
    button.setAttribute('aria-label', this.opts.strings.copied);
    this.announce(this.opts.strings.copied);
  }

  private onClick(target: Element, event: Event): void {
    const click = readClick(target);
    switch (click?.kind) {
      case undefined:
        return;
      case 'action':
        if (click.action === 'use-local') this.hideError();
        return this.post({ type: 'action', action: click.action });
      case 'prompt':
        this.input.value = click.text;
        this.saveState({ draft: this.input.value });
        return this.input.focus();
      case 'copy':
        return void this.copy(click.id, click.button);
      case 'open-file':
        event.preventDefault();
        return this.post({ type: 'open-file', id: click.id });
      case 'resend':
        return this.post({ type: 'resend', id: click.id });
      case 'retry':
        this.hideError();
        return this.post({ type: 'retry' });
      case 'link':
        event.preventDefault();
        return this.post({ type: 'action', action: 'open-external', url: click.url });
      case 'ignored-link':
        return event.preventDefault();
      default:
        return click satisfies never;
    }
  }

  private wire(): void {
    this.doc.addEventListener('click', (e) => {
      if (e.target instanceof this.doc.defaultView!.Element) this.onClick(e.target, e);
    });
    this.ui.send.addEventListener('click', () => this.submit());
    this.ui.stop.addEventListener('click', () => this.post({ type: 'stop' }));
    byId(this.doc, 'error-dismiss').addEventListener('click', () => this.hideError());
    this.input.addEventListener('compositionstart', () => this.ime.start());
    this.input.addEventListener('compositionend', () => this.ime.end());
    this.input.addEventListener('keydown', (e) => {
      if (decideKey(e, this.ime.composing) === 'send') {
        e.preventDefault();
        this.submit();
        return;
      }
      const plain = !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey && !e.isComposing && !this.ime.composing;
      if (e.key === 'ArrowUp' && plain && this.input.value === '' && this.recallLast()) e.preventDefault();
    });
    // Escape stops a running reply from anywhere in the panel (the keyboard path to Stop).
    // Not while an IME is composing: there Escape cancels the candidate.
    this.doc.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape' || !this.busy || e.isComposing || this.ime.composing) return;
      e.preventDefault();
      this.post({ type: 'stop' });
    });
    this.input.addEventListener('input', () => this.saveState({ draft: this.input.value }));
    // The log shrinks when the error banner shows or the message box grows: keep the newest
    // line in view (a shrink fires no scroll event, so `follow` would not run otherwise).
    const Resize = this.doc.defaultView?.ResizeObserver;
    if (Resize) new Resize(() => this.scroller.follow()).observe(this.log);
    this.log.addEventListener(
      'scroll',
      () => {
        this.scroller.onScroll();
        this.saveState({ scrollTop: this.log.scrollTop, stick: this.scroller.stick });
      },
      { passive: true },
    );
  }
}
