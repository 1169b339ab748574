/**
 * DOM building blocks of the chat log: one <article> per message with its body, a quiet
 * activity line (tool / "still working" notices), suggested-action buttons and a toolbar.
 * Everything user-visible goes through textContent or the sanitising markdown renderer.
 */
import type { ChatMessage, ChatRole, ChatStrings } from '../src/protocol';
import type { RenderMarkdown } from './markdown';

type Suggestion = NonNullable<ChatMessage['suggestions']>[number];

export function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document, tag: K, className?: string, text?: string,
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
    this.footer = el(doc, 'div', 'footer');
    this.root.append(this.body, this.activity, this.suggestions, this.footer);
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
  }

  /** The quiet line under the message ("Working on: …", "⏳ Still working..."); undefined hides it. */
  setActivity(text: string | undefined): void {
    this.activity.textContent = text ?? '';
    this.activity.hidden = text === undefined;
  }

  setSuggestions(actions: readonly Suggestion[]): void {
    this.suggestions.replaceChildren(...actions.map((a) => {
      const b = el(this.doc, 'button', 'suggestion', a.label);
      b.type = 'button';
      b.dataset.action = a.action;
      return b;
    }));
    this.suggestions.hidden = actions.length === 0;
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
