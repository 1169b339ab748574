/**
 * The protocol's envelope codes (protocol.md, "Error codes"). The cloud and the local engine
 * answer with them; the client maps each to a typed error and its recovery. Name them here,
 * never as bare numbers.
 */
export const ErrorCode = {
  Ok: 0,
  /** Bad or expired token: get a new one (anonymous) or ask for one (registered). */
  TokenInvalid: 1001,
  /** The session is gone: start a new one. */
  SessionNotFound: 1002,
  /** No credits left. */
  InsufficientCredits: 2001,
  /** The upload is not a supported media file (or a URL was refused). */
  UnsupportedFile: 4001,
  /** The upload is over the size limit. */
  FileTooLarge: 4002,
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Codes that say more than the HTTP status they come with: they win over it. */
export const PRECISE_CODES: ReadonlySet<number> = new Set<number>([
  ErrorCode.TokenInvalid,
  ErrorCode.SessionNotFound,
  ErrorCode.InsufficientCredits,
  ErrorCode.UnsupportedFile,
  ErrorCode.FileTooLarge,
]);

/** HTTP statuses the protocol gives a meaning of their own. */
export const HttpStatus = {
  Ok: 200,
  BadRequest: 400,
  Unauthorized: 401,
  /** Render: the free plan cannot export (not credits). */
  PaymentRequired: 402,
  Forbidden: 403,
  NotFound: 404,
  MethodNotAllowed: 405,
  Conflict: 409,
  PayloadTooLarge: 413,
  TooManyRequests: 429,
  ServerError: 500,
} as const;
