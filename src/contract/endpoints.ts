/**
 * The protocol's endpoint table (protocol.md): method, path, envelope and the request/response
 * shapes, written once. The client (core/api/client.ts) builds its URLs from it and the engine
 * (engine/http/routes.ts) matches requests against it.
 *
 * Response types are what a server SENDS (the engine uses them with `satisfies`); the client
 * reads answers more tolerantly (core/api/schemas.ts), because the cloud's shapes vary.
 */
import type { Draft } from './draft';
import type { EngineRefusal } from './refusals';

export type EnvelopeKind = 'code' | 'success';
export type HttpMethod = 'GET' | 'POST';

export interface EndpointSpec {
  method: HttpMethod;
  /** Path template; `:name` is one path segment (an id). */
  path: string;
  /** `{code,message,data}` or `{success,data|error}`. */
  envelope: EnvelopeKind;
  /** No bearer token (the anonymous-token call). */
  public?: boolean;
}

export const ENDPOINTS = {
  token: { method: 'POST', path: '/api/auth/anonymous-token', envelope: 'code', public: true },
  session: { method: 'POST', path: '/api/tasks/me/with-session/nemo_agent', envelope: 'code' },
  sse: { method: 'POST', path: '/run_sse', envelope: 'code' },
  upload: { method: 'POST', path: '/api/upload-video/nemo_agent/me/:sessionId', envelope: 'code' },
  credits: { method: 'GET', path: '/api/credits/balance/simple', envelope: 'code' },
  state: { method: 'GET', path: '/api/state/nemo_agent/me/:sessionId/latest', envelope: 'code' },
  render: { method: 'POST', path: '/api/render/proxy/lambda', envelope: 'success' },
  renderStatus: { method: 'GET', path: '/api/render/proxy/lambda/:id', envelope: 'success' },
  cancel: { method: 'POST', path: '/api/render/proxy/lambda/:id/cancel', envelope: 'success' },
  download: { method: 'GET', path: '/api/render/proxy/:id/download', envelope: 'success' },
} as const satisfies Record<string, EndpointSpec>;

export type EndpointName = keyof typeof ENDPOINTS;

const PARAM = /:[A-Za-z]+/g;

/** The path of `name` with its `:params` filled in order (each URI-encoded). */
export function endpointPath(name: EndpointName, ...ids: string[]): string {
  let i = 0;
  const path = ENDPOINTS[name].path.replace(PARAM, () => encodeURIComponent(ids[i++] ?? ''));
  if (i !== ids.length) throw new Error(`endpoint ${name} takes ${i} id(s), got ${ids.length}`);
  return path;
}

/**
 * A matcher for `name`'s path. Params capture `[^/]+` (the server validates them afterwards,
 * so an encoded `..` or `/` is answered 400 instead of silently not matching).
 */
export function endpointPattern(name: EndpointName): RegExp {
  const escaped = ENDPOINTS[name].path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped.replace(PARAM, '([^/]+)')}$`);
}

// ---- request bodies -----------------------------------------------------------------------

export interface CreateSessionRequest {
  task_name: string;
  language: string;
}

export interface RunSseRequest {
  app_name: 'nemo_agent';
  user_id: string;
  session_id: string;
  new_message: { role: 'user'; parts: Array<{ text: string }> };
  streaming: boolean;
}

export interface UploadUrlsRequest {
  urls: string[];
  source_type: 'url';
}

export interface RenderRequest {
  id: string;
  /** The protocol's one camelCase field. */
  sessionId: string;
  draft: Draft;
  /**
   * `preview: true` (the local engine only; the cloud has no preview): a quick low-resolution
   * render to watch in the editor — see previewRender.ts. Free, never an export; the engine keeps
   * only a user's newest preview.
   */
  output: { format: 'mp4'; quality: 'high' | string; preview?: boolean };
}

// ---- response data (inside the envelope) -----------------------------------------------------

export interface AnonymousTokenData {
  token: string;
  user_id: string;
  expires_at: string;
  credits: number;
}
export interface SessionData {
  task_id: string;
  session_id: string;
  user_id: string;
}
export interface CreditsData {
  available: number;
  frozen: number;
  total: number;
  unlimited?: boolean;
}

export interface MediaInfoData {
  filename: string;
  file_type: string;
  mime_type?: string;
  cdn_url: string;
  duration: number;
  width: number;
  height: number;
  fps: number;
  hash: string;
  size?: number;
}

export interface UploadData {
  files: MediaInfoData[];
  session_state_applied?: boolean;
}

export interface SessionStateBody {
  draft: Draft;
  video_infos: MediaInfoData[];
  generated_media: unknown[];
  canvas_config: { width: number; height: number };
}

export type RenderStatusName = 'pending' | 'processing' | 'completed' | 'failed' | 'cancelled';

/** Render status, shape A (inside `{success,data}`). Shape B is `{taskId,status,progress,output}` at top level. */
export interface RenderStatusData {
  id: string;
  status: RenderStatusName;
  progress: number;
  outputUrl?: string | null;
  createdAt?: string;
  completedAt?: string | null;
  error?: string;
  /** A failure the engine refused, as data (refusals.ts); `error` says it in English. */
  refusal?: EngineRefusal;
}
