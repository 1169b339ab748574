import { CLIENT_ID_KEY } from '../core/auth';
import type { KeyValueStore } from '../core/ports';

/**
 * One KeyValueStore for the core that puts installation-wide keys (the client id) in
 * globalState and everything else (session id, the in-flight export job) in workspaceState.
 */
export class SplitStateStore implements KeyValueStore {
  constructor(
    private readonly global: KeyValueStore,
    private readonly workspace: KeyValueStore,
    // Exactly the client id: session/export keys embed workspace paths that may contain "client".
    private readonly isGlobalKey: (key: string) => boolean = (key) => key === CLIENT_ID_KEY,
  ) {}
  private pick(key: string): KeyValueStore {
    return this.isGlobalKey(key) ? this.global : this.workspace;
  }
  get<T>(key: string): T | undefined {
    return this.pick(key).get<T>(key);
  }
  set(key: string, value: unknown): Promise<void> {
    return this.pick(key).set(key, value);
  }
}
