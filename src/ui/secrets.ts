/**
 * Storage adapters the core runs on inside VS Code: the token in SecretStorage (shared by all
 * windows, encrypted by the OS keychain or the browser), everything else in Mementos.
 */
import * as vscode from 'vscode';
import type { KeyValueStore, StoredToken, TokenStore } from '../core/ports';

export const TOKEN_SECRET_KEY = 'videoGenerator.token';

export class SecretTokenStore implements TokenStore {
  /** The raw value this window last read or wrote: our own writes are not "changes elsewhere". */
  private known: string | undefined;

  constructor(private readonly secrets: vscode.SecretStorage) {}

  async get(): Promise<StoredToken | undefined> {
    const raw = await this.secrets.get(TOKEN_SECRET_KEY);
    this.known = raw;
    if (!raw) return undefined;
    try {
      const parsed = JSON.parse(raw) as Partial<StoredToken>;
      if (typeof parsed.token !== 'string' || !parsed.token) return undefined;
      return {
        token: parsed.token,
        userId: parsed.userId,
        expiresAt: parsed.expiresAt,
        anonymous: parsed.anonymous !== false,
      };
    } catch {
      // A damaged entry is as good as none: the core fetches a fresh token.
      return undefined;
    }
  }

  async set(token: StoredToken): Promise<void> {
    const raw = JSON.stringify(token);
    this.known = raw;
    await this.secrets.store(TOKEN_SECRET_KEY, raw);
  }

  async delete(): Promise<void> {
    this.known = undefined;
    await this.secrets.delete(TOKEN_SECRET_KEY);
  }

  /**
   * Fires when another window signed in or out (the stored token differs from ours). The event
   * can arrive before the new value is readable (seen under code-server), so the value is read
   * after a short settle delay, and several events in a row make one check.
   */
  onDidChange(listener: () => void, settleMs = 250): vscode.Disposable {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = async () => {
      timer = undefined;
      const raw = await this.secrets.get(TOKEN_SECRET_KEY);
      if (raw === this.known) return;
      this.known = raw;
      listener();
    };
    const sub = this.secrets.onDidChange((e) => {
      if (e.key !== TOKEN_SECRET_KEY) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void check(), settleMs);
    });
    return new vscode.Disposable(() => {
      if (timer) clearTimeout(timer);
      sub.dispose();
    });
  }
}

export class MementoStore implements KeyValueStore {
  constructor(private readonly memento: vscode.Memento) {}
  get<T>(key: string): T | undefined {
    return this.memento.get<T>(key);
  }
  async set(key: string, value: unknown): Promise<void> {
    await this.memento.update(key, value);
  }
}
