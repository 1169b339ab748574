/**
 * Where the bearer token comes from, in order: NEMO_TOKEN from the environment (used as is), a
 * fixed token (the local engine's), a stored token (SecretStorage / 0600 file), else a free
 * anonymous token fetched with a stable per-installation client id. Remembers `expires_at` and
 * `user_id`, and refreshes an anonymous token shortly before it expires.
 */
import { v4 as uuidv4 } from 'uuid';
import { ApiError, abortedError, isApiError } from './api/errors';
import type { ApiClient } from './api/client';
import type { KeyValueStore, Logger, Sleep, StoredToken, TokenStore } from './ports';
import { silentLogger, withAbort } from './ports';
import { ErrorCode } from '../contract/errorCodes';

/** State key of the per-installation client id (the UI keeps it in globalState). */
export const CLIENT_ID_KEY = 'videoGenerator.clientId';
/** Refresh anonymous tokens this long before they expire. */
const REFRESH_MARGIN_MS = 60 * 60_000;

export type TokenSource = 'env' | 'fixed' | 'stored' | 'anonymous';

export interface TokenManagerOptions {
  client: ApiClient;
  store: TokenStore;
  state: KeyValueStore;
  env: Record<string, string | undefined>;
  fixedToken?: string;
  sleep: Sleep;
  rateLimitWaitMs: number;
  log?: Logger;
  now?: () => number;
}

export class TokenManager {
  private current: StoredToken | undefined;
  private source: TokenSource | undefined;
  private pending: Promise<string> | undefined;

  constructor(private readonly o: TokenManagerOptions) {}

  private get log(): Logger {
    return this.o.log ?? silentLogger;
  }
  private now(): number {
    return (this.o.now ?? Date.now)();
  }

  /** The token the client sends right now (undefined before the first `ensure`). */
  get token(): string | undefined {
    return this.current?.token;
  }

  /** The anonymous user's id, for the 2001 register link. */
  get anonymousUserId(): string | undefined {
    return this.current?.anonymous ? this.current.userId : undefined;
  }

  get isRegistered(): boolean {
    return !!this.current && !this.current.anonymous;
  }

  get tokenSource(): TokenSource | undefined {
    return this.source;
  }

  /** A stable per-installation id (not a secret). */
  clientId(): string {
    let id = this.o.state.get<string>(CLIENT_ID_KEY);
    if (!id) {
      id = uuidv4();
      void this.o.state.set(CLIENT_ID_KEY, id);
    }
    return id;
  }

  /** Returns a usable token, fetching or refreshing one when needed. Concurrent callers share one fetch. */
  async ensure(signal?: AbortSignal): Promise<string> {
    if (this.current && !this.expiresSoon(this.current)) return this.current.token;
    // Shared by concurrent callers, so no caller's Stop cancels it for the others.
    this.pending ??= this.resolve().finally(() => {
      this.pending = undefined;
    });
    return withAbort(this.pending, signal, () => abortedError('Connecting'));
  }

  /** Called after a 1001: forget the token and get a new one (anonymous tokens only). */
  async refresh(signal?: AbortSignal): Promise<string> {
    const rejected = this.current;
    this.current = undefined;
    if (this.source === 'env' || this.source === 'fixed' || (rejected && !rejected.anonymous)) {
      // A token the user chose cannot be renewed by us: say what to do.
      if (this.source === 'stored') await this.o.store.delete();
      const where =
        this.source === 'env'
          ? 'NEMO_TOKEN in your environment'
          : this.source === 'fixed'
            ? 'the local engine token'
            : 'the token you set';
      throw new ApiError({
        kind: 'auth',
        code: ErrorCode.TokenInvalid,
        message: `The service rejected ${where} (invalid or expired). Set a new token (Video Generator: Set Token…) or sign out to use a free anonymous token.`,
      });
    }
    await this.o.store.delete();
    return this.ensure(signal);
  }

  /** Forget everything stored (Sign Out). */
  async signOut(): Promise<void> {
    this.current = undefined;
    this.source = undefined;
    await this.o.store.delete();
  }

  /** Store a registered token the user typed. */
  async setRegistered(token: string): Promise<void> {
    const t = token.trim();
    if (!t)
      throw new ApiError({
        kind: 'input',
        message: 'The token is empty. Paste the token from your NemoVideo account.',
      });
    const stored: StoredToken = { token: t, anonymous: false };
    await this.o.store.set(stored);
    // On the local engine the stored (cloud) token is kept for later but never sent.
    if (this.o.fixedToken) return;
    this.current = stored;
    this.source = 'stored';
  }

  /** Drop the in-memory token so the next call re-reads the store (another window changed it). */
  forget(): void {
    this.current = undefined;
    this.source = undefined;
  }

  private expiresSoon(t: StoredToken): boolean {
    if (!t.anonymous || !t.expiresAt) return false;
    const at = Date.parse(t.expiresAt);
    return Number.isFinite(at) && at - REFRESH_MARGIN_MS <= this.now();
  }

  private async resolve(): Promise<string> {
    // The local engine's own token first: NEMO_TOKEN and stored tokens belong to the cloud.
    if (this.o.fixedToken) return this.use({ token: this.o.fixedToken, anonymous: false }, 'fixed');
    const envToken = this.o.env.NEMO_TOKEN?.trim();
    if (envToken) return this.use({ token: envToken, anonymous: false }, 'env');
    const stored = await this.o.store.get();
    if (stored?.token && !this.expiresSoon(stored)) return this.use(stored, 'stored');
    const fresh = await this.fetchAnonymous();
    await this.o.store.set(fresh);
    return this.use(fresh, 'anonymous');
  }

  private use(t: StoredToken, source: TokenSource): string {
    this.current = t;
    this.source = source;
    return t.token;
  }

  /** POST anonymous-token; new client id on 400, one wait-and-retry on 429. */
  private async fetchAnonymous(signal?: AbortSignal): Promise<StoredToken> {
    let rateLimited = false;
    let newClientId = false;
    for (;;) {
      try {
        const t = await this.o.client.anonymousToken(this.clientId(), { signal });
        this.log.info('Got a free anonymous token.');
        return { token: t.token, userId: t.userId, expiresAt: t.expiresAt, anonymous: true };
      } catch (e) {
        if (!isApiError(e)) throw e;
        if (e.kind === 'client-id' && !newClientId) {
          newClientId = true;
          await this.o.state.set(CLIENT_ID_KEY, uuidv4());
          continue;
        }
        if (e.kind === 'rate-limit' && !rateLimited) {
          rateLimited = true;
          this.log.warn(`Token request rate-limited; retrying once in ${Math.round(this.o.rateLimitWaitMs / 1000)} s.`);
          await this.o.sleep(this.o.rateLimitWaitMs, signal);
          continue;
        }
        if (e.kind === 'rate-limit') {
          throw new ApiError({
            kind: 'rate-limit',
            status: 429,
            message:
              'The service allows one free token per installation every 7 days and is rate-limiting this one. Set a registered token (Video Generator: Set Token…), use the free local engine, or try again later.',
          });
        }
        throw e;
      }
    }
  }
}
