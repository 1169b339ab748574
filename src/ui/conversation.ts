/**
 * The chat history, owned by the host (a hidden webview receives nothing, so it redraws from
 * here on every `ready`). One list per session in workspaceState, bounded so the state stays
 * small; the message being streamed lives in memory until its final text arrives.
 */
import type * as vscode from 'vscode';
import type { ChatMessage } from '../protocol';

const KEY_PREFIX = 'videoGenerator.conversation.';
const CURRENT_KEY = 'videoGenerator.conversation.currentSession';
export const MAX_MESSAGES = 200;

export class ConversationStore {
  private live: ChatMessage[] | undefined;
  private counter = 0;

  constructor(private readonly memento: vscode.Memento) {}

  /** The session whose messages are shown (the last one connected in this workspace). */
  get sessionId(): string | undefined {
    return this.memento.get<string>(CURRENT_KEY);
  }

  async switchTo(sessionId: string): Promise<boolean> {
    if (sessionId === this.sessionId) return false;
    await this.memento.update(CURRENT_KEY, sessionId);
    this.live = undefined;
    return true;
  }

  /** Carries the shown history over to a renewed session (the old one expired mid-chat). */
  async moveTo(sessionId: string): Promise<void> {
    const carried = [...this.messages()];
    await this.switchTo(sessionId);
    this.live = carried;
    await this.save();
  }

  messages(): ChatMessage[] {
    this.live ??= [...(this.memento.get<ChatMessage[]>(this.key()) ?? [])];
    return this.live;
  }

  newId(): string {
    return `m${Date.now().toString(36)}${(this.counter++).toString(36)}`;
  }

  /** Adds a message; `persist: false` for a reply still streaming. */
  async add(message: ChatMessage, persist = true): Promise<ChatMessage> {
    const list = this.messages();
    list.push(message);
    if (list.length > MAX_MESSAGES) list.splice(0, list.length - MAX_MESSAGES);
    if (persist) await this.save();
    return message;
  }

  /** Changes a message in place (streamed text, final text, interrupted flag). */
  async update(id: string, patch: Partial<Omit<ChatMessage, 'id'>>, persist = true): Promise<void> {
    const m = this.messages().find((x) => x.id === id);
    if (!m) return;
    Object.assign(m, patch);
    if (persist) await this.save();
  }

  async remove(id: string): Promise<void> {
    const list = this.messages();
    const i = list.findIndex((x) => x.id === id);
    if (i >= 0) {
      list.splice(i, 1);
      await this.save();
    }
  }

  lastUserText(): string | undefined {
    return [...this.messages()].reverse().find((m) => m.role === 'user')?.text;
  }

  async clear(): Promise<void> {
    this.live = [];
    await this.save();
  }

  private key(): string {
    return KEY_PREFIX + (this.sessionId ?? 'none');
  }

  private async save(): Promise<void> {
    await this.memento.update(this.key(), this.messages().slice(-MAX_MESSAGES));
  }
}
