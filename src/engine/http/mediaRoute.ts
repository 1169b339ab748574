/** GET /api/media/<id>.<ext>: an uploaded file, same origin, bearer auth (local mode's cdn_url). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { EngineContext, RouteParams } from './context';
import { HttpError } from './envelope';
import { serveFile } from './fileServe';

export async function mediaFile(
  c: EngineContext,
  req: IncomingMessage,
  res: ServerResponse,
  p: RouteParams,
): Promise<void> {
  const [id, ext] = p.ids;
  if (!/^[a-f0-9]{32}$/.test(id)) throw new HttpError(400, 400, 'invalid media id');
  if (!serveFile(req, res, join(c.store.mediaDir, `${id}.${ext}`))) throw new HttpError(404, 404, 'media not found');
}
