/** Render endpoints: start, status (shape A or B), cancel, download. `{success,…}` envelope. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Draft } from '../../contract/draft';
import { isExportable } from '../../contract/draftRead';
import { ID_PATTERN, type RenderRecord } from '../store';
import type { EngineContext, RouteParams } from './context';
import { HttpError, readJsonBody, sendJson, sendSuccess, str } from './envelope';
import { serveFile } from './fileServe';
import type { RenderStatusData } from '../../contract/endpoints';
import { ErrorCode } from '../../contract/errorCodes';
import { capabilityUrl } from './capabilityLinks';
import { textLimitProblem } from '../../contract/textLimits';
import { refused } from '../refusalText';

const RENDER_BODY = 10 * 1024 * 1024;
const SKILL_HEADERS = ['x-skill-source', 'x-skill-version', 'x-skill-platform'] as const;

function ownedRender(c: EngineContext, id: string, userId: string): RenderRecord {
  const r = c.store.render(id);
  if (!r || r.userId !== userId) throw new HttpError(404, 404, `render ${id} not found`);
  return r;
}

export function outputUrl(c: EngineContext, r: RenderRecord): string | undefined {
  if (r.status !== 'completed') return undefined;
  return c.hooks.outputUrl?.(r.id) ?? capabilityUrl(c, `renders/${r.id}.mp4`);
}

export async function startRender(
  c: EngineContext,
  req: IncomingMessage,
  res: ServerResponse,
  p: RouteParams,
): Promise<void> {
  const missing = SKILL_HEADERS.filter((h) => !String(req.headers[h] ?? '').trim());
  if (missing.length) {
    req.resume();
    throw new HttpError(
      402,
      402,
      `Export blocked: missing attribution header(s) ${missing.join(', ')}. Register or upgrade your plan to unlock export.`,
    );
  }
  const body = await readJsonBody(req, RENDER_BODY);
  const id = str(body.id);
  if (!id || !ID_PATTERN.test(id))
    throw new HttpError(
      400,
      400,
      'id is missing or malformed: use "render_<ms timestamp>" (letters, digits, _ and -, at most 80).',
    );
  const sid = str(body.sessionId) ?? str(body.session_id);
  const session = sid ? c.store.session(sid) : undefined;
  if (!session || session.userId !== p.userId) throw new HttpError(404, ErrorCode.SessionNotFound, 'session not found');
  if (c.store.render(id)) throw new HttpError(409, 409, 'duplicate render id');
  const draft = body.draft as Draft;
  if (!isExportable(draft)) throw new HttpError(400, 400, 'draft has no segments');
  // Checked before any job exists: a 1 MB caption costs milliseconds here, minutes in layout + ffmpeg.
  const tooMuch = textLimitProblem(draft);
  if (tooMuch) throw refused(400, 400, { reason: 'text_limit', stage: 'render', ...tooMuch });
  const out = (body.output ?? {}) as Record<string, unknown>;
  const format = str(out.format) ?? 'mp4';
  if (format !== 'mp4')
    throw new HttpError(400, 400, `output.format "${format.slice(0, 20)}" is not supported: use "mp4".`);
  const preview = out.preview === true;
  // A preview is a look at the draft, not an export: it costs no credits.
  const frozen = preview ? 0 : c.hooks.renderCost;
  if (frozen && !c.store.freezeCredits(p.userId, frozen))
    throw new HttpError(200, ErrorCode.InsufficientCredits, 'insufficient credits');
  const r: RenderRecord = {
    id,
    sessionId: session.id,
    userId: p.userId,
    status: 'pending',
    progress: 5,
    output: { format, quality: str(out.quality) ?? 'high', ...(preview ? { preview } : {}) },
    createdAt: Date.now(),
    ...(frozen ? { frozen } : {}),
  };
  c.store.saveRender(r);
  c.renders.start(r, draft, session.media);
  sendSuccess(res, { id, status: 'pending', progress: 5 });
}

export async function renderStatus(
  c: EngineContext,
  _req: IncomingMessage,
  res: ServerResponse,
  p: RouteParams,
): Promise<void> {
  const r = ownedRender(c, p.ids[0], p.userId);
  const url = outputUrl(c, r);
  const data: RenderStatusData = {
    id: r.id,
    status: r.status,
    progress: r.progress,
    outputUrl: url ?? null,
    createdAt: new Date(r.createdAt).toISOString(),
    completedAt: r.completedAt ? new Date(r.completedAt).toISOString() : null,
    ...(r.error ? { error: r.error } : {}),
    ...(r.refusal ? { refusal: r.refusal } : {}),
    // Waiting behind other renders (local engine's queue): its place in line, 1 = next.
    ...(r.status === 'pending' && r.queuePosition ? { queuePosition: r.queuePosition } : {}),
  };
  const other = c.hooks.renderStatusAnswer?.(r, data);
  if (other) sendJson(res, other.status, other.body);
  else sendSuccess(res, data);
}

export async function cancelRender(
  c: EngineContext,
  _req: IncomingMessage,
  res: ServerResponse,
  p: RouteParams,
): Promise<void> {
  const r = ownedRender(c, p.ids[0], p.userId);
  if (!(await c.renders.cancel(r)))
    throw new HttpError(409, 409, `render ${r.id} already ended (${r.status}); nothing to cancel`);
  sendSuccess(res, { id: r.id, status: 'cancelled', progress: r.progress });
}

export async function download(
  c: EngineContext,
  req: IncomingMessage,
  res: ServerResponse,
  p: RouteParams,
): Promise<void> {
  const r = ownedRender(c, p.ids[0], p.userId);
  if (r.status !== 'completed')
    throw new HttpError(409, 409, `render ${r.id} is ${r.status}, not completed: nothing to download yet`);
  if (!serveFile(req, res, c.store.renderFile(r.id), `${r.id}.mp4`))
    throw new HttpError(404, 404, `the output of render ${r.id} is gone`);
}
