/**
 * One request through the engine: record it, let the hooks admit it, match the route, check
 * ids, let the hooks answer it instead (a plug-in's canned failure) or check the token and run
 * the handler, and turn any error into the route's envelope. Logs `METHOD path status ms` — never headers, so never tokens.
 */
import type { EngineLog } from '../engineLog';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EngineContext } from './context';
import { HttpError, sendError, sendJson, type EnvelopeKind } from './envelope';
import { authenticate } from './auth';
import { matchRoute } from './routes';
import { diskFullRefusal, isDiskFull } from '../diskFull';
import { refused } from '../refusalText';

const MAX_RECORDED = 5000;

export interface RecordedRequest {
  method: string;
  path: string;
  /** Lower-case names; authorization redacted to 'Bearer <present>'. */
  headers: Record<string, string | string[] | undefined>;
  time: number;
}

export interface DispatchDeps {
  requests: RecordedRequest[];
  log?: EngineLog;
  /** The log's file, named in "see the engine log" answers. */
  logFile?: string;
}

function redact(h: IncomingMessage['headers']): RecordedRequest['headers'] {
  const out: RecordedRequest['headers'] = { ...h };
  if (out.authorization !== undefined)
    out.authorization = /^bearer\s/i.test(String(out.authorization)) ? 'Bearer <present>' : '<present>';
  if (out.cookie !== undefined) out.cookie = '<present>';
  return out;
}

export async function dispatch(
  c: EngineContext,
  req: IncomingMessage,
  res: ServerResponse,
  d: DispatchDeps,
): Promise<void> {
  const started = Date.now();
  const method = req.method ?? 'GET';
  const path = (req.url ?? '/').split('?')[0];
  d.requests.push({ method, path, headers: redact(req.headers), time: started });
  // A long-running local engine must not grow without bound.
  if (d.requests.length > MAX_RECORDED) d.requests.splice(0, d.requests.length - MAX_RECORDED);
  let logged = false;
  const logLine = () => {
    if (logged || !d.log) return;
    logged = true;
    d.log(`${method} ${path.slice(0, 200)} ${res.statusCode} ${Date.now() - started}ms`);
  };
  res.on('finish', logLine);
  res.on('close', logLine);
  let envelope: EnvelopeKind = 'code';
  try {
    await c.hooks.admit?.(req);
    const m = matchRoute(method, path);
    if (!m) throw new HttpError(404, 404, `Not found: ${method} ${path.slice(0, 200)}`);
    if ('methodNotAllowed' in m)
      throw new HttpError(405, 405, `Method ${method} is not allowed on ${path.slice(0, 200)}`);
    envelope = m.route.envelope;
    if (m.badId) throw new HttpError(400, 400, 'Invalid id in the path: ids are 1–80 letters, digits, _ or -.');
    if (m.route.endpoint && c.hooks.intercept?.(m.route.endpoint, envelope, req, res)) return;
    const userId = m.route.public ? '' : authenticate(c, req);
    await m.route.handler(c, req, res, { ids: m.ids, userId });
  } catch (thrown) {
    // An unread body must not be taken for the next request on this connection.
    if (!req.complete && !res.headersSent) {
      res.setHeader('Connection', 'close');
      req.resume();
    }
    const e = isDiskFull(thrown) ? refused(507, 507, diskFullRefusal(c.store.dataDir)) : thrown;
    if (e instanceof HttpError) {
      if (e.status === 401 && !res.headersSent) res.setHeader('WWW-Authenticate', 'Bearer');
      sendError(res, envelope, e.status, e.code, e.message, e.refusal);
    } else {
      d.log?.(`${method} ${path.slice(0, 200)} failed: ${(e as Error)?.stack ?? String(e)}`, 'error');
      const message = `Internal engine error; see the engine log${d.logFile ? ` (${d.logFile})` : ''}.`;
      if (res.headersSent) res.destroy();
      else sendJson(res, 500, envelope === 'success' ? { success: false, error: message } : { code: 500, message });
    }
  }
}
