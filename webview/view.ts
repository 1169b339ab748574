/**
 * DOM building blocks of the chat log: one <article> per message with its body, a quiet
 * activity line (tool / "still working" notices), suggested-action buttons and a toolbar.
 * Everything user-visible goes through textContent or the sanitising markdown renderer.
 */
import type { ChatMessage, ChatRole, ChatStrings } from '../src/protocol';
import type { RenderMarkdown } from './markdown';

type Suggestion = NonNullable<ChatMessage['suggestions']>[number];
type Thumbnail = NonNullable<ChatMessage['thumbnails']>[number];

export function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A button with a codicon and a label (visible, or for screen readers only when `iconOnly`). */
export function iconButton(doc: Document, icon: string, label: string, iconOnly = false): HTMLButtonElement {
  const b = el(doc, 'button', iconOnly ? 'icon-button' : 'text-button');
  b.type = 'button';
  const i = el(doc, 'span', `codicon codicon-${icon}`);
  i.setAttribute('aria-hidden', 'true');
  b.append(i);
  if (iconOnly) {
    b.title = label;
    b.setAttribute('aria-label', label);
  } else {
    b.append(el(doc, 'span', 'label', label));
  }
  return b;
}

export class MessageView {
  readonly root: HTMLElement;
  private readonly body: HTMLElement;
  private readonly activity: HTMLElement;
  private readonly suggestions: HTMLElement;
  private readonly thumbs: HTMLElement;
  private readonly footer: HTMLElement;

  constructor(
    private readonly doc: Document,
    readonly id: string,
    readonly role: ChatRole,
    private readonly strings: ChatStrings,
    private readonly render: RenderMarkdown,
  ) {
    this.root = el(doc, 'article', `message message-${role} empty`);
    this.root.dataset.id = id;
    this.root.setAttribute('aria-label', role === 'user' ? strings.you : role === 'assistant' ? strings.assistant : '');
    this.body = el(doc, 'div', role === 'assistant' ? 'body markdown' : 'body plain');
    this.activity = el(doc, 'div', 'activity');
    this.activity.hidden = true;
    this.suggestions = el(doc, 'div', 'suggestions');
    this.suggestions.hidden = true;
    this.thumbs = el(doc, 'div', 'thumbs');
    this.thumbs.hidden = true;
    this.thumbs.setAttribute('role', 'group');
    this.thumbs.setAttribute('aria-label', strings.thumbnails);
    this.footer = el(doc, 'div', 'footer');
    this.root.append(this.body, this.activity, this.thumbs, this.suggestions, this.footer);
    if (role === 'assistant') {
      const copy = iconButton(doc, 'copy', strings.copy, true);
      copy.dataset.copy = id;
      this.footer.append(copy);
    }
  }

  /** Show the whole text so far. Only assistant replies are markdown; user text stays literal. */
  setText(text: string): void {
    if (this.role === 'assistant') this.body.innerHTML = this.render(text);
    else this.body.textContent = text;
    this.root.classList.toggle('empty', text.length === 0);
    if (this.file) this.linkFile();
  }

  /** The quiet line under the message ("Working on: …", "⏳ Still working..."); undefined hides it. */
  setActivity(text: string | undefined): void {
    this.activity.textContent = text ?? '';
    this.activity.hidden = text === undefined;
  }

  setSuggestions(actions: readonly Suggestion[]): void {
    this.suggestions.replaceChildren(
      ...actions.map((a) => {
        const b = el(this.doc, 'button', 'suggestion', a.label);
        b.type = 'button';
        b.dataset.action = a.action;
        return b;
      }),
    );
    this.suggestions.hidden = actions.length === 0;
  }

  /** The exported video this message names: its path in the text becomes a link (kept across setText). */
  private file: string | undefined;

  setFile(file: string): void {
    this.file = file;
    this.linkFile();
  }

  private linkFile(): void {
    const text = this.body.textContent ?? '';
    const at = this.file ? text.indexOf(this.file) : -1;
    if (!this.file || at < 0 || this.body.querySelector('.file-link')) return;
    const a = el(this.doc, 'a', 'file-link', this.file);
    a.href = '#';
    a.title = this.strings.openFile;
    a.dataset.openFile = this.id;
    this.body.replaceChildren(text.slice(0, at), a, text.slice(at + this.file.length));
  }

  /** A user message that did not go out: say so and offer to send it again. Idempotent. */
  markUnsent(): void {
    if (this.root.classList.contains('unsent')) return;
    this.root.classList.add('unsent');
    const note = el(this.doc, 'span', 'unsent-note', this.strings.unsent);
    const again = el(this.doc, 'button', 'resend', this.strings.resend);
    again.type = 'button';
    again.dataset.resend = this.id;
    this.footer.prepend(note, again);
  }

  /** Frames of the video as this reply left it, each with its time; an empty list removes the strip. */
  setThumbnails(images: readonly Thumbnail[]): void {
    this.thumbs.replaceChildren(
      ...images.map((t) => {
        const fig = el(this.doc, 'figure', 'thumb');
        const img = this.doc.createElement('img');
        img.src = t.src;
        if (t.width && t.height) {
          img.width = t.width;
          img.height = t.height;
        }
        img.alt = this.strings.thumbnailAt.replace('{0}', t.time);
        fig.append(img, el(this.doc, 'figcaption', undefined, t.time));
        return fig;
      }),
    );
    // The strip is the moment the video changed: offer to watch it, before any export.
    if (images.length) {
      const play = iconButton(this.doc, 'play', this.strings.preview);
      play.classList.add('preview-button');
      play.dataset.action = 'preview';
      this.thumbs.append(play);
    }
    this.thumbs.hidden = images.length === 0;
  }

  /** The reply stopped early: say so and offer Retry. Idempotent. */
  markInterrupted(): void {
    if (this.root.classList.contains('interrupted')) return;
    this.root.classList.add('interrupted');
    const note = el(this.doc, 'span', 'interrupted-note', this.strings.interrupted);
    const retry = iconButton(this.doc, 'refresh', this.strings.retry);
    retry.dataset.retry = '';
    this.footer.prepend(note, retry);
  }
}
