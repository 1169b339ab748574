/**
 * The HTTP client: one method per endpoint of docs/protocol.md. It knows headers, envelopes,
 * timeouts and schemas — not recovery (re-auth, new session, retries live in service.ts, which
 * knows the token and the session).
 *
 * Transport: the runtime's `fetch`, which in Node 20/22 (and VS Code's extension host) IS undici.
 * Bundling the npm copy of undici as well cost 535 KB of the extension's 400 KB budget; the tests
 * and the engine use the npm package's `request` where they need its lower-level API.
 */
import { Readable } from 'node:stream';
import { unwrapEnvelope } from './envelope';
import { abortedError, inputError, networkError, timeoutError, ApiError, type ErrorContext } from './errors';
import { parseAnonymousToken, parseCredits, parseRenderStatus, parseSession, parseState, parseUpload } from './schemas';
import type {
  AnonymousToken,
  Credits,
  RenderRequest,
  RenderStatus,
  SessionInfo,
  SessionState,
  UploadResult,
} from './types';
import { silentLogger, type Logger } from '../ports';
import {
  endpointPath,
  ENDPOINTS,
  type CreateSessionRequest,
  type HttpMethod,
  type RunSseRequest,
  type UploadUrlsRequest,
} from '../../contract/endpoints';

export const SKILL_SOURCE = 'video-generator-free-app';
export const DEFAULT_API_BASE = 'https://mega-api-prod.nemovideo.ai';

export interface ApiClientOptions {
  baseUrl: string;
  version: string;
  /** X-Skill-Platform value (see detectPlatform). */
  platform: string;
  /** The bearer token for the next request (undefined only for the anonymous-token call). */
  token: () => string | undefined;
  /** What the 2001 message needs (anonymous user id). */
  errorContext?: () => ErrorContext;
  log?: Logger;
  /** Per-request timeout for JSON calls, ms (default 30 s). */
  timeoutMs?: number;
}

type Method = HttpMethod;

/** `cursor` inside Cursor, `clawhub` when installed from ClawHub, else `unknown`; env SKILL_SOURCE overrides. */
export function detectPlatform(env: Record<string, string | undefined>, appName = '', installPath = __dirname): string {
  if (env.SKILL_SOURCE) return env.SKILL_SOURCE;
  if (/cursor/i.test(appName) || env.CURSOR_TRACE_ID) return 'cursor';
  if (/clawhub/i.test(installPath)) return 'clawhub';
  return 'unknown';
}

export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

export class ApiClient {
  readonly origin: string;
  private readonly base: string;

  constructor(private readonly opts: ApiClientOptions) {
    let url: URL | undefined;
    try {
      url = new URL(opts.baseUrl);
    } catch {
      /* reported below */
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
      throw inputError(
        `The API base URL "${opts.baseUrl}" is not a valid http(s) URL. Fix the setting videoGenerator.apiBaseUrl (or NEMO_API_BASE / --api-base), or clear it to use the default.`,
      );
    }
    this.origin = url.origin;
    this.base = opts.baseUrl.replace(/\/+$/, '');
  }

  private get log(): Logger {
    return this.opts.log ?? silentLogger;
  }

  /** Headers every API request carries. The token goes only to the API origin (callers never pass foreign URLs here). */
  headers(extra: Record<string, string> = {}, withAuth = true): Record<string, string> {
    const h: Record<string, string> = {
      'x-skill-source': SKILL_SOURCE,
      'x-skill-version': this.opts.version,
      'x-skill-platform': this.opts.platform,
      ...extra,
    };
    const token = withAuth ? this.opts.token() : undefined;
    if (token) h.authorization = `Bearer ${token}`;
    return h;
  }

  url(path: string): string {
    return `${this.base}${path}`;
  }

  /** Low-level request with timeout, abort and network-error mapping. Returns the fetch Response. */
  async raw(
    method: Method,
    path: string,
    init: {
      headers?: Record<string, string>;
      body?: string | Uint8Array | Readable;
      withAuth?: boolean;
      what: string;
      timeoutMs?: number | null;
      signal?: AbortSignal;
    },
  ): Promise<Response> {
    const started = Date.now();
    const timeoutMs = init.timeoutMs === null ? undefined : (init.timeoutMs ?? this.opts.timeoutMs ?? 30_000);
    const signals = [init.signal, timeoutMs ? AbortSignal.timeout(timeoutMs) : undefined].filter(
      (s): s is AbortSignal => !!s,
    );
    const signal = signals.length ? AbortSignal.any(signals) : undefined;
    const send = () =>
      fetch(this.url(path), {
        method,
        headers: this.headers(init.headers, init.withAuth !== false),
        body: init.body as RequestInit['body'],
        signal,
        redirect: 'error', // API calls never redirect; a redirect must not carry the token anywhere
        ...(init.body instanceof Readable ? { duplex: 'half' } : {}),
      } as RequestInit);
    try {
      let res: Response;
      try {
        res = await send();
      } catch (e) {
        // A kept-alive connection the server closed just as we reused it: a GET (no side
        // effects) is sent once more on a fresh connection, as browsers do.
        if (method !== 'GET' || signal?.aborted || !closedUnderUs(e)) throw e;
        this.log.info(`${method} ${redactPath(path)}: connection closed under us, sending once more`);
        res = await send();
      }
      this.log.info(`${method} ${redactPath(path)} → ${res.status} (${Date.now() - started} ms)`);
      return res;
    } catch (e) {
      this.log.warn(`${method} ${redactPath(path)} failed after ${Date.now() - started} ms: ${(e as Error).name}`);
      throw this.mapError(e, init.what, init.signal, timeoutMs);
    }
  }

  mapError(e: unknown, what: string, userSignal?: AbortSignal, timeoutMs?: number): ApiError {
    if (e instanceof ApiError) return e;
    if (userSignal?.aborted) return abortedError('The request');
    const name = (e as Error)?.name;
    if (name === 'TimeoutError') return timeoutError(what, Math.round((timeoutMs ?? 30_000) / 1000));
    if (name === 'AbortError') return abortedError('The request');
    return networkError(e, what);
  }

  /** JSON call: sends/receives JSON, unwraps either envelope. */
  async json(
    method: Method,
    path: string,
    what: string,
    body?: unknown,
    opts: CallOptions & { headers?: Record<string, string>; withAuth?: boolean } = {},
  ): Promise<unknown> {
    const res = await this.raw(method, path, {
      what,
      headers: {
        accept: 'application/json',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...opts.headers,
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
      withAuth: opts.withAuth,
      signal: opts.signal,
      timeoutMs: opts.timeoutMs,
    });
    return this.readEnvelope(res, what, opts.signal);
  }

  async readEnvelope(res: Response, what: string, signal?: AbortSignal): Promise<unknown> {
    let text: string;
    try {
      text = await res.text();
    } catch (e) {
      throw this.mapError(e, what, signal);
    }
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (parsed === undefined && res.status < 400) {
      throw new ApiError({
        kind: 'bad-response',
        status: res.status,
        detail: text.slice(0, 200),
        message: `The video service sent an answer that is not JSON while ${what}. Check the API base URL setting.`,
      });
    }
    return unwrapEnvelope(res.status, parsed ?? { message: text.slice(0, 200) }, this.opts.errorContext?.() ?? {});
  }

  // --- endpoints -----------------------------------------------------------------------

  async anonymousToken(clientId: string, opts: CallOptions = {}): Promise<AnonymousToken> {
    const data = await this.json(ENDPOINTS.token.method, endpointPath('token'), 'getting a free token', undefined, {
      ...opts,
      withAuth: false,
      headers: { 'x-client-id': clientId },
    });
    return parseAnonymousToken(data);
  }

  async createSession(language: string, opts: CallOptions = {}): Promise<SessionInfo> {
    const body: CreateSessionRequest = { task_name: 'project', language };
    const data = await this.json(ENDPOINTS.session.method, endpointPath('session'), 'starting a session', body, opts);
    return parseSession(data);
  }

  /**
   * Starts a chat run. Resolves once the server accepted it (status checked, envelope errors
   * thrown) with the raw SSE byte stream; parse it with readEventStream (sse.ts).
   */
  async runSse(
    sessionId: string,
    text: string,
    opts: { signal?: AbortSignal } = {},
  ): Promise<ReadableStream<Uint8Array>> {
    const body: RunSseRequest = {
      app_name: 'nemo_agent',
      user_id: 'me',
      session_id: sessionId,
      new_message: { role: 'user', parts: [{ text }] },
      streaming: true,
    };
    const res = await this.raw(ENDPOINTS.sse.method, endpointPath('sse'), {
      what: 'sending your message',
      headers: { accept: 'text/event-stream', 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: opts.signal,
      timeoutMs: null, // the stream has its own 15-minute limit
    });
    const type = res.headers.get('content-type') ?? '';
    if (res.status >= 400 || !type.includes('text/event-stream') || !res.body) {
      // Errors before streaming come as JSON (1001/1002/2001 envelope, ADK's 404 detail).
      const data = await this.readEnvelope(res, 'sending your message', opts.signal);
      throw new ApiError({
        kind: 'bad-response',
        status: res.status,
        detail: JSON.stringify(data)?.slice(0, 200),
        message: 'The video service did not start a reply stream. Try again in a moment.',
      });
    }
    return res.body as ReadableStream<Uint8Array>;
  }

  async uploadMultipart(
    sessionId: string,
    form: { body: Readable; contentType: string; length: number },
    opts: CallOptions = {},
  ): Promise<UploadResult> {
    const res = await this.raw(ENDPOINTS.upload.method, endpointPath('upload', sessionId), {
      what: 'uploading files',
      headers: { 'content-type': form.contentType, 'content-length': String(form.length), accept: 'application/json' },
      body: form.body,
      signal: opts.signal,
      // No overall limit: a 200 MB upload on a slow link takes long; Stop/Cancel ends it.
      timeoutMs: opts.timeoutMs ?? null,
    });
    return parseUpload(await this.readEnvelope(res, 'uploading files', opts.signal));
  }

  async uploadUrls(sessionId: string, urls: string[], opts: CallOptions = {}): Promise<UploadResult> {
    const body: UploadUrlsRequest = { urls, source_type: 'url' };
    const data = await this.json(
      ENDPOINTS.upload.method,
      endpointPath('upload', sessionId),
      'uploading from URLs',
      body,
      { ...opts, timeoutMs: opts.timeoutMs ?? 5 * 60_000 },
    );
    return parseUpload(data);
  }

  async credits(opts: CallOptions = {}): Promise<Credits> {
    return parseCredits(
      await this.json(ENDPOINTS.credits.method, endpointPath('credits'), 'checking credits', undefined, opts),
    );
  }

  async state(sessionId: string, opts: CallOptions = {}): Promise<SessionState> {
    return parseState(
      await this.json(
        ENDPOINTS.state.method,
        endpointPath('state', sessionId),
        'reading the timeline',
        undefined,
        opts,
      ),
    );
  }

  async submitRender(req: RenderRequest, opts: CallOptions = {}): Promise<RenderStatus> {
    return parseRenderStatus(
      await this.json(ENDPOINTS.render.method, endpointPath('render'), 'starting the export', req, opts),
      req.id,
    );
  }

  async renderStatus(id: string, opts: CallOptions = {}): Promise<RenderStatus> {
    return parseRenderStatus(
      await this.json(
        ENDPOINTS.renderStatus.method,
        endpointPath('renderStatus', id),
        'checking the export',
        undefined,
        opts,
      ),
      id,
    );
  }

  async cancelRender(id: string, opts: CallOptions = {}): Promise<void> {
    await this.json(ENDPOINTS.cancel.method, endpointPath('cancel', id), 'cancelling the export', {}, opts);
  }

  /** Path of the authenticated download fallback on the API origin. */
  downloadPath(id: string): string {
    return endpointPath('download', id);
  }
}

/** Session ids are not secret, but keep logs short and free of query strings. */
function redactPath(path: string): string {
  return path.split('?')[0];
}

/** fetch's error for a connection that the other side reset or closed before answering. */
function closedUnderUs(e: unknown): boolean {
  const code = (e as { cause?: { code?: string } })?.cause?.code;
  return code === 'ECONNRESET' || code === 'UND_ERR_SOCKET';
}
