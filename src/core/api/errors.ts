/**
 * One typed error for everything that can go wrong talking to the backend. `kind` says what
 * happened, `message` is for people (what was wrong, what to do), `recovery` says what the
 * client does about it automatically.
 */
import { ACCEPTED_EXTENSIONS, MAX_UPLOAD_BYTES } from '../../contract/uploads';
import { ErrorCode, HttpStatus } from '../../contract/errorCodes';
import type { EngineRefusal } from '../../contract/refusals';

export type ApiErrorKind =
  | 'auth' // 1001: bad or expired token
  | 'session' // 1002 (or HTTP 404 "Session not found"): session gone
  | 'credits' // 2001: no credits
  | 'unsupported-file' // 4001
  | 'file-too-large' // 4002
  | 'client-id' // HTTP 400: missing X-Client-Id
  | 'plan' // HTTP 402: free plan cannot export
  | 'rate-limit' // HTTP 429
  | 'server' // 5xx or an unknown non-zero code
  | 'network' // connection refused, DNS, reset
  | 'timeout' // no answer in time
  | 'aborted' // the user pressed Stop / Cancel
  | 'bad-response' // the answer did not have the documented shape
  | 'input' // bad input caught before sending (files, empty draft…)
  | 'render'; // a render job failed

export type Recovery = 'reauth' | 'new-session' | 'new-client-id' | 'wait-retry' | 'none';

export const REGISTER_URL = 'https://nemovideo.com/register';

export interface ApiErrorInit {
  kind: ApiErrorKind;
  message: string;
  code?: number;
  status?: number;
  /** Backend's own words, kept for logs; never shown raw when it may hold secrets. */
  detail?: string;
  /** A page the user can open to fix it (register / upgrade). */
  url?: string;
  /** The local engine's refusal as data: the words put it in the user's language. */
  refusal?: EngineRefusal;
  cause?: unknown;
}

export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly code?: number;
  readonly status?: number;
  readonly detail?: string;
  readonly url?: string;
  /** Set when the engine said why as data (src/contract/refusals.ts), read by src/words. */
  refusal?: EngineRefusal;

  constructor(init: ApiErrorInit) {
    super(init.message, init.cause !== undefined ? { cause: init.cause } : undefined);
    this.name = 'ApiError';
    this.kind = init.kind;
    this.code = init.code;
    this.status = init.status;
    this.detail = init.detail;
    this.url = init.url;
    if (init.refusal) this.refusal = init.refusal;
  }

  /** What the client does about this error by itself (docs/protocol.md, "Error codes"). */
  get recovery(): Recovery {
    switch (this.kind) {
      case 'auth':
        return 'reauth';
      case 'session':
        return 'new-session';
      case 'client-id':
        return 'new-client-id';
      case 'rate-limit':
        return 'wait-retry';
      default:
        return 'none';
    }
  }

  /** Worth offering the user a "Retry" for (transient). */
  get transient(): boolean {
    return this.kind === 'network' || this.kind === 'timeout' || this.kind === 'server' || this.kind === 'rate-limit';
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** Where to send an anonymous user who ran out of credits. */
export function registerUrl(userId?: string): string {
  return userId ? `${REGISTER_URL}?bind=${encodeURIComponent(userId)}` : REGISTER_URL;
}

export interface ErrorContext {
  /** The anonymous user's id, for the 2001 register link; undefined for registered tokens. */
  anonymousUserId?: string;
  /** True when the token came from NEMO_TOKEN / Set Token (a registered account). */
  registered?: boolean;
}

/** Turns a backend envelope code into the typed error (code 0 is not an error: returns undefined). */
export function errorFromCode(
  code: number,
  backendMessage: string | undefined,
  ctx: ErrorContext = {},
): ApiError | undefined {
  const detail = backendMessage;
  switch (code) {
    case ErrorCode.Ok:
      return undefined;
    case ErrorCode.TokenInvalid:
      return new ApiError({
        kind: 'auth',
        code,
        detail,
        message: 'Your sign-in token is invalid or expired. Reconnecting with a new token…',
      });
    case ErrorCode.SessionNotFound:
      return new ApiError({
        kind: 'session',
        code,
        detail,
        message: 'The editing session was not found on the server; a new session was started.',
      });
    case ErrorCode.InsufficientCredits:
      if (ctx.registered || !ctx.anonymousUserId) {
        return new ApiError({
          kind: 'credits',
          code,
          detail,
          message: 'You are out of credits. Top up credits in your account, or switch to the free local engine.',
        });
      }
      return new ApiError({
        kind: 'credits',
        code,
        detail,
        url: registerUrl(ctx.anonymousUserId),
        message:
          'You are out of free credits. Register to keep your work and get more credits, or switch to the free local engine.',
      });
    case ErrorCode.UnsupportedFile: {
      // The backend's own reason says more when it is specific (a refused URL, an empty file,
      // which file): show it. The bare "unsupported file type" gets the formats list instead.
      const formats = `Use one of: ${ACCEPTED_EXTENSIONS.join(', ')}.`;
      const why = detail?.trim().slice(0, 300);
      if (!why || /^unsupported file( type)?\.?$/i.test(why))
        return new ApiError({
          kind: 'unsupported-file',
          code,
          detail,
          message: `This file type is not supported. ${formats}`,
        });
      const end = /[.!?]$/.test(why) ? '' : '.';
      return new ApiError({
        kind: 'unsupported-file',
        code,
        detail,
        message: `The upload was refused: ${why}${end}${/\bmp4\b|URL/i.test(why) ? '' : ` ${formats}`}`,
      });
    }
    case ErrorCode.FileTooLarge: {
      // A specific reason from the backend (which file, pixels rather than bytes) says more.
      const why = detail?.trim().slice(0, 300);
      if (why && /"[^"]+"/.test(why)) return new ApiError({ kind: 'file-too-large', code, detail, message: why });
      return new ApiError({
        kind: 'file-too-large',
        code,
        detail,
        message: `This file is too large (the limit is ${MAX_UPLOAD_BYTES / 1024 / 1024} MB). Compress it or trim it, then upload again.`,
      });
    }
    default:
      return new ApiError({
        kind: 'server',
        code,
        detail,
        message: `The video service reported an error (code ${code})${detail ? `: ${detail}` : ''}. Try again in a moment.`,
      });
  }
}

/** Turns an HTTP status (when the body did not carry a more precise code) into the typed error. */
export function errorFromStatus(status: number, backendMessage: string | undefined): ApiError {
  const detail = backendMessage;
  if (status === HttpStatus.BadRequest && /client.?id/i.test(detail ?? ''))
    return new ApiError({
      kind: 'client-id',
      status,
      detail,
      message: 'The service asked for a client id; retrying with a new one.',
    });
  if (status === HttpStatus.BadRequest)
    return new ApiError({
      kind: 'server',
      status,
      detail,
      message: `The video service refused the request (HTTP 400)${detail ? `: ${detail}` : ''}.`,
    });
  if (status === HttpStatus.Unauthorized)
    return new ApiError({
      kind: 'auth',
      status,
      detail,
      message: 'Your sign-in token was rejected. Reconnecting with a new token…',
    });
  if (status === HttpStatus.PaymentRequired)
    return new ApiError({
      kind: 'plan',
      status,
      detail,
      url: REGISTER_URL,
      message:
        'Register or upgrade your plan to unlock export. (This is the plan tier, not credits — or export free with the local engine.)',
    });
  if (status === HttpStatus.NotFound && /session/i.test(detail ?? ''))
    return new ApiError({
      kind: 'session',
      status,
      detail,
      message: 'The editing session was not found on the server; a new session was started.',
    });
  if (status === HttpStatus.TooManyRequests)
    return new ApiError({
      kind: 'rate-limit',
      status,
      detail,
      message: 'The service is rate-limiting requests. Wait a minute and try again.',
    });
  if (status >= HttpStatus.ServerError)
    return new ApiError({
      kind: 'server',
      status,
      detail,
      message: `The video service is having trouble (HTTP ${status}). Try again in a moment.`,
    });
  return new ApiError({
    kind: 'server',
    status,
    detail,
    message: `The video service answered HTTP ${status}${detail ? `: ${detail}` : ''}.`,
  });
}

export function networkError(cause: unknown, what: string): ApiError {
  // fetch wraps the socket error: TypeError('fetch failed') with `cause` {code} (or an AggregateError of them).
  const inner = (cause as { cause?: { code?: string; message?: string; errors?: { code?: string }[] } })?.cause;
  const code = (cause as { code?: string })?.code ?? inner?.code ?? inner?.errors?.find((x) => x.code)?.code;
  if (inner?.message === 'bad port') {
    return new ApiError({
      kind: 'network',
      cause,
      detail: 'bad port',
      message: `Could not reach the video service while ${what}: that port is blocked for web requests. Use another port for the API base URL.`,
    });
  }
  const why =
    code === 'ENOTFOUND' || code === 'EAI_AGAIN'
      ? 'the server name could not be resolved'
      : code === 'ECONNREFUSED'
        ? 'the connection was refused'
        : code === 'ECONNRESET' || code === 'UND_ERR_SOCKET'
          ? 'the connection was closed unexpectedly'
          : 'the network failed';
  return new ApiError({
    kind: 'network',
    cause,
    detail: code,
    message: `Could not reach the video service while ${what}: ${why}. Check your connection or the API base URL, then try again.`,
  });
}

export function timeoutError(what: string, seconds: number): ApiError {
  return new ApiError({
    kind: 'timeout',
    message: `The video service did not answer within ${seconds} s while ${what}. Try again in a moment.`,
  });
}

export function abortedError(what: string): ApiError {
  return new ApiError({ kind: 'aborted', message: `${what} was cancelled.` });
}

export function inputError(message: string): ApiError {
  return new ApiError({ kind: 'input', message });
}
