/**
 * Unwraps the backend's two JSON envelopes — `{code, message, data}` and
 * `{success, data, error}` — and turns failures into typed ApiErrors. An HTTP error status may
 * carry either envelope; a precise envelope code (1001, 1002, 2001, 4001, 4002) wins over the
 * status because it says more.
 */
import { ApiError, errorFromCode, errorFromStatus, type ErrorContext } from './errors';
import { ErrorCode, PRECISE_CODES } from '../../contract/errorCodes';
import { readRefusal } from '../../contract/refusals';

function textOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object') {
    const m = (v as { message?: unknown; detail?: unknown }).message ?? (v as { detail?: unknown }).detail;
    if (typeof m === 'string') return m;
  }
  return undefined;
}

export function unwrapEnvelope(status: number, body: unknown, ctx: ErrorContext = {}): unknown {
  const obj = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  const code =
    obj && typeof obj.code === 'number'
      ? obj.code
      : obj && typeof obj.code === 'string' && /^\d+$/.test(obj.code)
        ? Number(obj.code)
        : undefined;
  const message = textOf(obj?.message) ?? textOf(obj?.error) ?? textOf(obj?.detail) ?? textOf(obj?.msg);
  // The local engine's own refusals say why as data too: kept on the error for the words.
  const refusal = readRefusal(obj?.refusal);
  const failed = (e: ApiError): ApiError => {
    if (refusal) e.refusal = refusal;
    return e;
  };

  if (code !== undefined && PRECISE_CODES.has(code)) throw failed(errorFromCode(code, message, ctx)!);
  if (status >= 400) throw failed(errorFromStatus(status, message));
  if (code !== undefined && code !== ErrorCode.Ok && code !== 200) throw failed(errorFromCode(code, message, ctx)!);
  if (obj && obj.success === false) {
    throw failed(
      new ApiError({
        kind: 'server',
        detail: message,
        message: `The video service reported a failure${message ? `: ${message}` : ''}.`,
      }),
    );
  }
  if (obj && (code !== undefined || 'success' in obj) && 'data' in obj) return obj.data;
  // No envelope (render status shape B is top level): the body is the data.
  return body;
}
