/**
 * The free local engine's rules (the engine's default hooks): one bearer token, compared in
 * constant time; only loopback Host names (a web page re-pointing its DNS at 127.0.0.1 is
 * refused); unlimited credits; renders start at once; files served from the engine itself.
 */
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { ErrorCode, HttpStatus } from '../contract/errorCodes';
import type { EngineHooks } from './hooks';
import { bearer, LOCAL_USER, sameSecret } from './http/auth';
import { HttpError } from './http/envelope';

export const UNLIMITED_CREDITS = 999_999;

function hostAllowed(req: IncomingMessage, port: number): boolean {
  const host = String(req.headers.host ?? '').toLowerCase();
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`].includes(host);
}

export function createLocalHooks(token: string, port: () => number, dataDir: string): EngineHooks {
  return {
    admit: (req) => {
      if (!hostAllowed(req, port()))
        throw new HttpError(
          HttpStatus.Forbidden,
          HttpStatus.Forbidden,
          'Requests must address the engine as 127.0.0.1 or localhost.',
        );
    },
    authenticate: (req) => {
      const given = bearer(req);
      if (!given || !sameSecret(given, token)) {
        throw new HttpError(
          HttpStatus.Unauthorized,
          ErrorCode.TokenInvalid,
          'token invalid or expired: use the token printed by the local engine (Authorization: Bearer <token>)',
        );
      }
      return LOCAL_USER;
    },
    anonymousToken: async () => {
      // Not 1001: a client following the skill answers 1001 by asking for a token again — a loop.
      // 403 and its own words: do not retry, use the engine's token.
      throw new HttpError(
        HttpStatus.Forbidden,
        HttpStatus.Forbidden,
        `The local video engine does not issue tokens, so do not retry this request. Use the engine's own token: when it runs as "video-gen serve" it is in the file ${join(dataDir, 'engine-token')} (readable only by its owner). Send it as "Authorization: Bearer <token>" or set NEMO_TOKEN.`,
      );
    },
    credits: () => ({ available: UNLIMITED_CREDITS, frozen: 0, total: UNLIMITED_CREDITS, unlimited: true }),
    chargeTurn: () => true,
    renderCost: 0,
    renderPendingMs: 0,
  };
}
