/**
 * Tokens. Who may call the engine is the hooks' decision (hooks.ts): the local engine has one
 * token compared in constant time (localHooks.ts); the stand-in issues anonymous tokens per
 * client id (standin/). This file holds the pieces both use and the route that delegates.
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EngineContext } from './context';

export const LOCAL_USER = 'local';

/** The bearer token of a request, if it carries one. */
export function bearer(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  const m = typeof h === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(h) : null;
  return m ? m[1] : undefined;
}

export function sameSecret(a: string, b: string): boolean {
  // Hash first so lengths match and the comparison leaks nothing about the token's length.
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

/** The user id behind the request's bearer token, or an HttpError in the engine's style. */
export function authenticate(c: EngineContext, req: IncomingMessage): string {
  return c.hooks.authenticate(req);
}

export async function anonymousToken(c: EngineContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  await c.hooks.anonymousToken(req, res);
}
