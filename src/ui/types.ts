/**
 * What the UI needs of the core's service: the facade plus its phase notifications. The core's
 * `VideoService` (src/core/service.ts) satisfies this; the UI codes against this type so the
 * object graph (extension.ts) is the only place that names the implementation.
 */
import type { ConnectionPhase, VideoServiceApi, VideoServiceOptions } from '../core/serviceApi';
import type { SessionRunner } from '../core/agentOps';

export interface UiVideoService extends VideoServiceApi, SessionRunner {
  onDidChangePhase(listener: (phase: ConnectionPhase) => void): () => void;
  /** Another window changed the stored token: forget ours and reconnect lazily. */
  resetConnection(): void;
}

export type VideoServiceFactory = (options: VideoServiceOptions) => UiVideoService;
