/**
 * Capability links for the local engine's files. The protocol treats a render's `outputUrl`
 * and an upload's `cdn_url` as CDN links fetched WITHOUT the bearer token (the skill's curl
 * flow does exactly that), while the engine must stay closed to callers without its token.
 * So those two URLs carry their own proof instead: an HMAC, under a secret made at engine
 * start, of the one file's path and an expiry. A link opens that file until it expires and
 * nothing else; every other request still needs the token, and the token never goes in a URL.
 *   GET /cdn/renders/<id>.mp4?exp=<unix s>&sig=<hex>
 *   GET /cdn/media/<hash>.<ext>?exp=<unix s>&sig=<hex>
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { EngineContext, RouteParams } from './context';
import { HttpError } from './envelope';
import { serveFile } from './fileServe';

/** How long a link works: long enough for a slow download, short enough to be worthless later. */
export const LINK_TTL_S = 3600;

function signature(secret: Buffer, resource: string, exp: number): string {
  return createHmac('sha256', secret).update(`${resource}\n${exp}`).digest('hex');
}

/** A link to `resource` (e.g. `renders/render_1.mp4`) on the engine's origin. */
export function capabilityUrl(c: EngineContext, resource: string, now = Date.now()): string {
  const exp = Math.floor(now / 1000) + LINK_TTL_S;
  return `${c.baseUrl}/cdn/${resource}?exp=${exp}&sig=${signature(c.linkSecret, resource, exp)}`;
}

function verify(c: EngineContext, req: IncomingMessage, resource: string): void {
  const q = new URL(req.url ?? '/', 'http://engine').searchParams;
  const exp = Number(q.get('exp'));
  const sig = q.get('sig') ?? '';
  const want = Buffer.from(signature(c.linkSecret, resource, exp), 'hex');
  const got = /^[a-f0-9]{64}$/.test(sig) ? Buffer.from(sig, 'hex') : Buffer.alloc(want.length);
  if (!Number.isInteger(exp) || !timingSafeEqual(got, want) || !/^[a-f0-9]{64}$/.test(sig)) {
    throw new HttpError(
      403,
      403,
      'This link is not valid for this file. Read the render status or the session state again for a fresh link.',
    );
  }
  if (exp * 1000 < Date.now())
    throw new HttpError(
      403,
      403,
      'This link has expired. Read the render status or the session state again for a fresh link.',
    );
}

export async function linkedRender(
  c: EngineContext,
  req: IncomingMessage,
  res: ServerResponse,
  p: RouteParams,
): Promise<void> {
  const id = p.ids[0];
  verify(c, req, `renders/${id}.mp4`);
  const r = c.store.render(id);
  if (r?.status !== 'completed' || !serveFile(req, res, c.store.renderFile(id), `${id}.mp4`))
    throw new HttpError(404, 404, `the output of render ${id} is gone`);
}

export async function linkedMedia(
  c: EngineContext,
  req: IncomingMessage,
  res: ServerResponse,
  p: RouteParams,
): Promise<void> {
  const [id, ext] = p.ids;
  if (!/^[a-f0-9]{32}$/.test(id)) throw new HttpError(400, 400, 'invalid media id');
  verify(c, req, `media/${id}.${ext}`);
  if (!serveFile(req, res, join(c.store.mediaDir, `${id}.${ext}`))) throw new HttpError(404, 404, 'media not found');
}
