/**
 * What a plug-in may change about the engine. The engine by itself is the free local engine
 * (localHooks.ts: one bearer token, loopback Host names only, unlimited credits, renders start
 * at once). The cloud's stand-in used by the tests (./standin/) is another set of these hooks:
 * anonymous tokens and credits per user, a CDN origin, fault switches. The HTTP layer and the
 * render jobs call hooks; they never ask which engine they are.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type {
  CreditsData,
  EndpointName,
  EnvelopeKind,
  RenderStatusData,
  SessionStateBody,
} from '../contract/endpoints';
import type { SseWriter } from './http/sseWriter';
import type { RenderRecord } from './store';

export interface EngineHooks {
  /** Every request, before routing: refuse it (throw HttpError) or delay it. */
  admit?(req: IncomingMessage): Promise<void> | void;
  /** May answer a matched protocol endpoint itself instead of its handler; true when it did. */
  intercept?(endpoint: EndpointName, envelope: EnvelopeKind, req: IncomingMessage, res: ServerResponse): boolean;
  /** The user behind the request's bearer token; throws HttpError when there is none. */
  authenticate(req: IncomingMessage): string;
  /** POST /api/auth/anonymous-token. */
  anonymousToken(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** The credits answer for a user. */
  credits(userId: string): CreditsData;
  /** Charges a chat turn; false when the user has no credits left. */
  chargeTurn(userId: string): boolean;
  /** Credits frozen while a render runs (released or spent when it ends); 0 = free. */
  renderCost: number;
  /** How the chat stream's events go on the wire (default: the documented form). */
  sseWriter?(res: ServerResponse, onStop: () => void): SseWriter;
  /** Runs after the stream opened and before the agent starts. */
  beforeTurn?(writer: SseWriter, signal: AbortSignal): Promise<void>;
  /** The data of GET state (default: `{...head, state: body}`). */
  stateData?(head: Record<string, unknown>, body: SessionStateBody): unknown;
  /** A whole render-status answer instead of the `{success,data}` one (another documented shape). */
  renderStatusAnswer?(r: RenderRecord, data: RenderStatusData): { status: number; body: unknown } | undefined;
  /** Time a render stays `pending` before it is processed (0: at once). */
  renderPendingMs: number;
  /** Runs when a render starts processing; may hold it (until `signal`) or throw to fail it. */
  beforeRender?(signal: AbortSignal): Promise<void>;
  /** Where an uploaded file (`<id>.<ext>`) is served from; default: the engine's own /api/media. */
  mediaUrl?(file: string): string;
  /** Where a finished render is downloaded from; default: the engine's download endpoint. */
  outputUrl?(renderId: string): string;
  /** The cloud's web editor can open a session through a claim token; absent: not available locally. */
  webEditor?: boolean;
  /** Engine shutdown. */
  close?(): Promise<void>;
}
