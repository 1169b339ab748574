/**
 * Tokens. Stand-in: anonymous tokens issued per client id (same client id → same user) and
 * checked like the cloud does (HTTP 200 + code 1001). Local: one engine token, compared in
 * constant time; anything else is HTTP 401 + code 1001.
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { EngineContext } from './context';
import { HttpError, sendOk } from './envelope';

export const LOCAL_USER = 'local';

function bearer(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  const m = typeof h === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(h) : null;
  return m ? m[1] : undefined;
}

function sameSecret(a: string, b: string): boolean {
  // Hash first so lengths match and the comparison leaks nothing about the token's length.
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

/** The user id behind the request's bearer token, or an HttpError in the mode's style. */
export function authenticate(c: EngineContext, req: IncomingMessage, localToken: string | undefined): string {
  const token = bearer(req);
  if (c.mode === 'local') {
    if (!token || !localToken || !sameSecret(token, localToken)) {
      throw new HttpError(401, 1001, 'token invalid or expired: use the token printed by the local engine (Authorization: Bearer <token>)');
    }
    return LOCAL_USER;
  }
  const user = token ? c.store.userForToken(token) : undefined;
  if (!user) throw new HttpError(200, 1001, 'token invalid or expired');
  return user.id;
}

export async function anonymousToken(c: EngineContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (c.mode === 'local') {
    // Not 1001: a client following the skill answers 1001 by asking for a token again — a loop.
    // 403 and its own words: do not retry, use the engine's token.
    throw new HttpError(403, 403, `The local video engine does not issue tokens, so do not retry this request. Use the engine's own token: when it runs as "video-gen serve" it is in the file ${join(c.store.dataDir, 'engine-token')} (readable only by its owner). Send it as "Authorization: Bearer <token>" or set NEMO_TOKEN.`);
  }
  const clientId = req.headers['x-client-id'];
  if (typeof clientId !== 'string' || !clientId.trim()) throw new HttpError(400, 400, 'Missing X-Client-Id');
  const existing = c.store.userByClientId(clientId.trim());
  if (existing && c.faults.tokenRateLimit && Date.now() - existing.lastTokenAt < c.tokenTtlMs) {
    throw new HttpError(429, 429, 'Too many requests: one anonymous token per client every 7 days. Retry in 30 seconds.');
  }
  // The same client id keeps its user (and its credits): a new token, same account.
  const user = existing ?? c.store.createUser(clientId.trim(), c.initialCredits);
  const { token, expiresAt } = c.store.issueToken(user, c.tokenTtlMs);
  sendOk(res, { token, user_id: user.id, expires_at: new Date(expiresAt).toISOString(), credits: user.available });
}
