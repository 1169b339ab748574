/** What every route handler gets: the engine's parts and settings. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventEmitter } from 'node:events';
import type { Agent } from '../contracts';
import type { EngineHooks } from '../hooks';
import type { EndpointName } from '../../contract/endpoints';
import type { Store } from '../store';
import type { RenderJobs } from '../renderJobs';
import type { EnvelopeKind } from './envelope';
import type { FramePreviewer } from '../preview/types';
import type { MediaTools } from '../mediaIngest';
import type { EngineLog } from '../engineLog';
import type { EngineActivity, EngineControl } from '../server';

export interface EngineContext {
  store: Store;
  /** What a plug-in (the stand-in) changes; the local engine's rules otherwise. */
  hooks: EngineHooks;
  events: EventEmitter;
  agent: Agent;
  renders: RenderJobs;
  keepAliveMs: number;
  allowPrivateUrls: boolean;
  /** Which resolved addresses a URL upload treats as private (urlFetch's default when absent). */
  isPrivateAddress?: (ip: string) => boolean;
  /** Whole-download limit for one URL upload (urlFetch's default when absent). */
  urlDownloadDeadlineMs?: number;
  maxUploadBytes: number;
  /** The ffprobe/ffmpeg uploads are probed and analysed with (render/locate.ts found them). */
  mediaTools: MediaTools;
  /** The engine's own origin, e.g. http://127.0.0.1:PORT (set once listening). */
  baseUrl: string;
  /** Signs capability links (capabilityLinks.ts); made at start, never leaves the process. */
  linkSecret: Buffer;
  /** Renders frames of a draft without exporting (absent: previews answer 501). */
  previewer?: FramePreviewer;
  /** The engine's log (warnings the user may need later); absent in tests that do not look. */
  log?: EngineLog;
  logFile?: string;
  /** The engine process's control (status/shutdown routes); absent in-process. */
  control?: EngineControl;
  activity(): EngineActivity;
}

export interface RouteParams {
  /** Path captures, already validated against ID_PATTERN. */
  ids: string[];
  /** The authenticated user ('local' for the local engine); '' on public routes. */
  userId: string;
}

export type Handler = (c: EngineContext, req: IncomingMessage, res: ServerResponse, p: RouteParams) => Promise<void>;

export interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  /** The protocol endpoint (src/contract/endpoints.ts); undefined for the engine's own routes. */
  endpoint?: EndpointName;
  envelope: EnvelopeKind;
  /** No bearer token needed (the anonymous-token endpoint). */
  public?: boolean;
  handler: Handler;
}
