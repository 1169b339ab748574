/**
 * The two JSON envelopes of the protocol and the helpers every route uses: `{code,message,data}`
 * for most endpoints, `{success,data|error}` for render endpoints. Handlers throw HttpError;
 * the server renders it in the route's envelope.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EnvelopeKind } from '../../contract/endpoints';
import type { EngineRefusal } from '../../contract/refusals';

export type { EnvelopeKind } from '../../contract/endpoints';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    /** The refusal as data (src/contract/refusals.ts), sent next to the message. */
    readonly refusal?: EngineRefusal,
  ) {
    super(message);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

export function sendOk(res: ServerResponse, data: unknown): void {
  sendJson(res, 200, { code: 0, message: 'success', data });
}

export function sendSuccess(res: ServerResponse, data: unknown, status = 200): void {
  sendJson(res, status, { success: true, data });
}

export function sendError(
  res: ServerResponse,
  kind: EnvelopeKind,
  status: number,
  code: number,
  message: string,
  refusal?: EngineRefusal,
): void {
  const data = refusal ? { refusal } : {};
  if (kind === 'success') sendJson(res, status, { success: false, code, error: message, ...data });
  else sendJson(res, status, { code, message, ...data });
}

/** Reads a JSON body up to `limit` bytes; 413 beyond it, 400 when it is not a JSON object. */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<Record<string, unknown>> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (!text) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpError(400, 400, 'The request body is not valid JSON.');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new HttpError(400, 400, 'The request body must be a JSON object.');
  return value as Record<string, unknown>;
}

function tooLarge(limit: number): HttpError {
  const size = limit >= 1024 * 1024 ? `${Math.round(limit / 1024 / 1024)} MB` : `${Math.round(limit / 1024)} KB`;
  return new HttpError(413, 413, `Request body too large: the limit for this endpoint is ${size}.`);
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
