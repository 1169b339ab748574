/**
 * The editing session: created on first need with the user's language and remembered per
 * project and backend, so reopening the workspace continues the same timeline.
 */
import type { ApiClient } from './api/client';
import { abortedError } from './api/errors';
import { withAbort, type KeyValueStore } from './ports';

export interface SessionManagerOptions {
  client: ApiClient;
  state: KeyValueStore;
  projectKey: string;
  language: string;
  /** Sessions belong to one backend: switching backends must not reuse another's ids. */
  backendKey: string;
}

interface StoredSession {
  sessionId: string;
  taskId?: string;
  createdAt: number;
}

export class SessionManager {
  private pending: Promise<string> | undefined;

  constructor(private readonly o: SessionManagerOptions) {}

  private get key(): string {
    return `videoGenerator.session:${this.o.backendKey}:${this.o.projectKey}`;
  }

  /** The remembered session id, if any (no network). */
  get current(): string | undefined {
    return this.o.state.get<StoredSession>(this.key)?.sessionId;
  }

  /** The session id, creating a session when there is none. Concurrent callers share one creation. */
  async ensure(signal?: AbortSignal): Promise<string> {
    const id = this.current;
    if (id) return id;
    // Shared by concurrent callers, so no caller's Stop cancels it for the others.
    this.pending ??= this.create(true).finally(() => {
      this.pending = undefined;
    });
    return withAbort(this.pending, signal, () => abortedError('Connecting'));
  }

  /**
   * Start over with a new session (New Session, or after 1002). The remembered id is replaced
   * only once the new session exists: a failed creation must not lose the current timeline.
   */
  async renew(signal?: AbortSignal): Promise<string> {
    // Shared by concurrent callers, so no caller's Stop cancels it for the others.
    this.pending ??= this.create(false).finally(() => {
      this.pending = undefined;
    });
    return withAbort(this.pending, signal, () => abortedError('Connecting'));
  }

  private async create(adoptConcurrent: boolean): Promise<string> {
    const s = await this.o.client.createSession(this.o.language);
    // A second window on this project (sharing the state) may have stored a session while this
    // request was out: the first one stored wins, so both windows work on one timeline from their
    // first connect; the session created here is left unused (the backend expires it).
    const firstStored = adoptConcurrent ? this.current : undefined;
    if (firstStored) return firstStored;
    const stored: StoredSession = { sessionId: s.sessionId, taskId: s.taskId, createdAt: Date.now() };
    await this.o.state.set(this.key, stored);
    return s.sessionId;
  }
}
