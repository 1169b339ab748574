/**
 * Small interfaces the core needs from its host. The extension backs them with SecretStorage,
 * workspaceState/globalState and a LogOutputChannel; the CLI with files in the user's config
 * dir and stderr; tests with in-memory objects.
 */

export interface StoredToken {
  token: string;
  /** `anon_…` for anonymous tokens; used for the 2001 register link. */
  userId?: string;
  /** ISO-8601; refreshed shortly before. */
  expiresAt?: string;
  /** True for a token fetched anonymously (false: a registered token the user set). */
  anonymous: boolean;
}

/** Where the token lives: SecretStorage in VS Code, a 0600 file for the CLI. */
export interface TokenStore {
  get(): Promise<StoredToken | undefined>;
  set(token: StoredToken): Promise<void>;
  delete(): Promise<void>;
}

/** Non-secret persistent values (client id, session id per project, in-flight render jobs). */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  set(key: string, value: unknown): Promise<void>;
}

/** Levels as in VS Code's LogOutputChannel. Never pass tokens or message text at info. */
export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: Logger = {
  trace() {},
  debug() {},
  info() {},
  warn() {},
  error() {},
};

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** In-memory stores for tests and one-shot CLI runs. */
export class MemoryKeyValueStore implements KeyValueStore {
  private readonly map = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.map.get(key) as T | undefined;
  }
  async set(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.map.delete(key);
    else this.map.set(key, structuredClone(value));
  }
}

export class MemoryTokenStore implements TokenStore {
  private value: StoredToken | undefined;
  async get() {
    return this.value;
  }
  async set(token: StoredToken) {
    this.value = { ...token };
  }
  async delete() {
    this.value = undefined;
  }
}

/**
 * Waits for a promise that several callers share, giving up (for this caller only) when its own
 * signal aborts — the shared work goes on for the others.
 */
export function withAbort<T>(shared: Promise<T>, signal: AbortSignal | undefined, aborted: () => Error): Promise<T> {
  if (!signal) return shared;
  if (signal.aborted) return Promise.reject(aborted());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(aborted());
    signal.addEventListener('abort', onAbort, { once: true });
    shared.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
