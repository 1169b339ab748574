/**
 * The stand-in's rules, plugged into the engine (hooks.ts): the cloud's behaviour the tests need
 * — anonymous tokens per client id, credits per user (a chat turn costs 1, a render freezes 5),
 * render steps that take time, outputs and uploads on a second origin — and the fault switches
 * (faults.ts) that make it misbehave the way the real backend does.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode, HttpStatus } from '../../contract/errorCodes';
import type { EndpointName, EnvelopeKind } from '../../contract/endpoints';
import { abortableDelay } from '../delay';
import type { EngineHooks } from '../hooks';
import { bearer } from '../http/auth';
import { HttpError, sendError, sendJson, sendOk } from '../http/envelope';
import type { Store } from '../store';
import type { Cdn } from './cdn';
import type { Faults } from './faults';
import { createFaultSseWriter } from './streamModes';

/** Credits a render freezes while it runs (spent when it completes). */
export const RENDER_COST = 5;

export interface StandInRules {
  store: Store;
  faults: Faults;
  cdn: Cdn;
  /** Credits per new anonymous user. */
  initialCredits: number;
  /** Anonymous token lifetime. */
  tokenTtlMs: number;
  /** Time per render step (pending → processing…). */
  renderStepMs: number;
  /** The engine's keep-alive interval: 'keepalive-only' never waits longer between pings. */
  keepAliveMs: number;
}

/** Words for the codes a fault switch may ask for. */
export function messageForCode(code: number): string {
  switch (code) {
    case ErrorCode.TokenInvalid:
      return 'token invalid or expired';
    case ErrorCode.SessionNotFound:
      return 'session not found';
    case ErrorCode.InsufficientCredits:
      return 'insufficient credits';
    case ErrorCode.UnsupportedFile:
      return 'unsupported file type';
    case ErrorCode.FileTooLarge:
      return 'file too large (max 200 MB)';
    case HttpStatus.BadRequest:
      return 'Missing X-Client-Id';
    case HttpStatus.PaymentRequired:
      return 'free plan cannot export: register or upgrade your plan';
    case HttpStatus.TooManyRequests:
      return 'rate limited: one anonymous token per client every 7 days';
    default:
      return code >= HttpStatus.ServerError ? 'internal server error' : `error ${code}`;
  }
}

export function createStandInHooks(r: StandInRules): EngineHooks {
  const { store, faults } = r;
  return {
    admit: async () => {
      if (faults.slowMs) await new Promise((done) => setTimeout(done, faults.slowMs));
    },

    intercept: (endpoint: EndpointName, envelope: EnvelopeKind, req: IncomingMessage, res: ServerResponse) => {
      const fault = faults.take(endpoint);
      if (!fault) return false;
      req.resume();
      if (endpoint === 'sse' && fault.status === HttpStatus.NotFound && fault.code === undefined) {
        sendJson(res, HttpStatus.NotFound, { detail: fault.message ?? 'Session not found' }); // ADK's own shape
        return true;
      }
      const code = fault.code ?? fault.status ?? HttpStatus.ServerError;
      sendError(res, envelope, fault.status ?? HttpStatus.Ok, code, fault.message ?? messageForCode(code));
      return true;
    },

    authenticate: (req) => {
      const token = bearer(req);
      const user = token ? store.userForToken(token) : undefined;
      // The cloud answers a bad token with HTTP 200 and code 1001.
      if (!user) throw new HttpError(HttpStatus.Ok, ErrorCode.TokenInvalid, 'token invalid or expired');
      return user.id;
    },

    anonymousToken: async (req, res) => {
      const clientId = req.headers['x-client-id'];
      if (typeof clientId !== 'string' || !clientId.trim())
        throw new HttpError(HttpStatus.BadRequest, HttpStatus.BadRequest, 'Missing X-Client-Id');
      const existing = store.userByClientId(clientId.trim());
      if (existing && faults.tokenRateLimit && Date.now() - existing.lastTokenAt < r.tokenTtlMs) {
        throw new HttpError(
          HttpStatus.TooManyRequests,
          HttpStatus.TooManyRequests,
          'Too many requests: one anonymous token per client every 7 days. Retry in 30 seconds.',
        );
      }
      // The same client id keeps its user (and its credits): a new token, same account.
      const user = existing ?? store.createUser(clientId.trim(), r.initialCredits);
      const { token, expiresAt } = store.issueToken(user, r.tokenTtlMs);
      sendOk(res, { token, user_id: user.id, expires_at: new Date(expiresAt).toISOString(), credits: user.available });
    },

    credits: (userId) => {
      const u = store.user(userId);
      const available = u?.available ?? 0;
      const frozen = u?.frozen ?? 0;
      return { available, frozen, total: available + frozen };
    },
    chargeTurn: (userId) => store.spendCredits(userId, 1),
    renderCost: RENDER_COST,
    webEditor: true,

    sseWriter: (res, onStop) => createFaultSseWriter(faults.stream, res, onStop),
    beforeTurn: async (writer, signal) => {
      if (faults.stream !== 'keepalive-only') return;
      const until = Date.now() + faults.keepaliveOnlyMs;
      const tick = Math.max(5, Math.min(r.keepAliveMs, faults.keepaliveOnlyMs / 4));
      for (let i = 0; Date.now() < until && !signal.aborted; i += 1) {
        writer.raw(i % 2 === 0 ? ': ping\n\n' : 'data:\n\n');
        await abortableDelay(tick, signal);
      }
    },

    stateData: (head, body) => (faults.stateShape === 'flat' ? { ...head, ...body } : { ...head, state: body }),
    renderStatusAnswer: (rec, data) => {
      if (faults.renderStatusShape !== 'B') return undefined;
      const url = data.outputUrl ?? undefined;
      return {
        status: HttpStatus.Ok,
        body: {
          taskId: rec.id,
          status: rec.status,
          progress: rec.progress,
          output: url ? { url, duration: rec.duration ?? 0, size: rec.size ?? 0 } : null,
          ...(rec.error ? { error: rec.error } : {}),
        },
      };
    },

    renderPendingMs: r.renderStepMs,
    beforeRender: async (signal) => {
      if (faults.renderStuck) {
        await abortableDelay(2 ** 31 - 1, signal);
        return;
      }
      if (faults.renderFail) {
        await abortableDelay(r.renderStepMs, signal);
        if (!signal.aborted) throw new Error(faults.renderFail);
      }
    },

    mediaUrl: (file) => `${r.cdn.url}/media/${file}`,
    outputUrl: (id) => `${r.cdn.url}/renders/${id}.mp4`,
    close: () => r.cdn.close(),
  };
}
