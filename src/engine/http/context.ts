/** What every route handler gets: the engine's parts and settings. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventEmitter } from 'node:events';
import type { Agent } from '../contracts';
import type { Faults, FaultEndpoint } from '../faults';
import type { Store } from '../store';
import type { RenderJobs } from '../renderJobs';
import type { EnvelopeKind } from './envelope';
import type { FramePreviewer } from '../preview/types';

export interface EngineContext {
  mode: 'standin' | 'local';
  store: Store;
  faults: Faults;
  events: EventEmitter;
  agent: Agent;
  renders: RenderJobs;
  initialCredits: number;
  tokenTtlMs: number;
  renderStepMs: number;
  keepAliveMs: number;
  allowPrivateUrls: boolean;
  maxUploadBytes: number;
  /** ffprobe binary (located next to the configured ffmpeg); default FFPROBE_PATH or PATH. */
  ffprobePath?: string;
  /** The engine's own origin, e.g. http://127.0.0.1:PORT (set once listening). */
  baseUrl: string;
  /** Stand-in: the second origin that serves outputs and media without auth. */
  cdnUrl?: string;
  /** Signs capability links (capabilityLinks.ts); made at start, never leaves the process. */
  linkSecret: Buffer;
  /** Renders frames of a draft without exporting (absent: previews answer 501). */
  previewer?: FramePreviewer;
}

export interface RouteParams {
  /** Path captures, already validated against ID_PATTERN. */
  ids: string[];
  /** The authenticated user ('local' in local mode); '' on public routes. */
  userId: string;
}

export type Handler = (c: EngineContext, req: IncomingMessage, res: ServerResponse, p: RouteParams) => Promise<void>;

export interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  /** Which fault switch applies. */
  endpoint?: FaultEndpoint;
  envelope: EnvelopeKind;
  /** No bearer token needed (the anonymous-token endpoint). */
  public?: boolean;
  handler: Handler;
}
