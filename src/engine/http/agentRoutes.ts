/**
 * What agents need beyond the cloud protocol, on the engine: save a whole draft with an
 * optimistic version check, and look at it (one frame, or a contact sheet) without exporting.
 *   POST /api/state/nemo_agent/me/<sid>/draft    {draft, base_version} → {version}
 *   POST /api/preview/nemo_agent/me/<sid>/frame  {time_ms | t (s), width?, format?} → image bytes
 *   POST /api/preview/nemo_agent/me/<sid>/sheet  {count?, width?, format?} → image bytes
 * The version is a digest of the draft (draftSchema.ts), so a client computes the same value
 * from the state it read. A stale save is refused with 409 and changes nothing.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describeIssues, draftIssues, draftVersion, MAX_DRAFT_MS } from '../../contract/draftSchema';
import type { Draft } from '../../contract/draft';
import { durationOf } from '../render/graph';
import { isExportable, segmentsOf, tracksOf } from '../../contract/draftRead';
import type { PreviewImage } from '../preview/types';
import type { EngineContext, RouteParams } from './context';
import { HttpError, readJsonBody, sendOk, str } from './envelope';
import { ownedSession } from './sessionRoutes';
import { textLimitProblem } from '../../contract/textLimits';
import { refused } from '../refusalText';

const DRAFT_BODY = 2 * 1024 * 1024;
const SMALL_BODY = 16 * 1024;

export async function saveDraft(
  c: EngineContext,
  req: IncomingMessage,
  res: ServerResponse,
  p: RouteParams,
): Promise<void> {
  const s = ownedSession(c, p.ids[0], p.userId);
  const body = await readJsonBody(req, DRAFT_BODY);
  const base = str(body.base_version) ?? str(body.baseVersion);
  if (!base)
    throw new HttpError(
      400,
      400,
      'base_version is missing: read the state first and send the version of the draft you edited.',
    );
  // Text limits first: they name the limit (the schema's own bound would only say "too big").
  const tooMuch = textLimitProblem(body.draft);
  if (tooMuch) throw refused(400, 400, { reason: 'text_limit', stage: 'save', ...tooMuch });
  const issues = draftIssues(body.draft);
  if (issues.length) throw new HttpError(400, 400, `The draft is not valid: ${describeIssues(issues)}.`);
  const draft = body.draft as Draft;
  const known = new Set(s.media.map((m) => m.id));
  for (const [ti, t] of tracksOf(draft).entries()) {
    for (const [si, seg] of segmentsOf(t).entries()) {
      const src = seg.m?.src;
      if (typeof src === 'string' && src !== 'builtin:bed' && !known.has(src)) {
        throw new HttpError(
          400,
          400,
          `The draft is not valid: t[${ti}].sg[${si}].m.src: "${src.slice(0, 80)}" is not a media id of this session (list the session's media for the ids).`,
        );
      }
    }
  }
  if (durationOf(draft) > MAX_DRAFT_MS)
    throw new HttpError(
      400,
      400,
      `The draft is not valid: it lasts ${Math.round(durationOf(draft) / 1000)} s; at most ${MAX_DRAFT_MS / 1000} s.`,
    );
  const current = draftVersion(s.draft ?? {});
  if (base !== current) {
    throw new HttpError(
      409,
      409,
      `The draft changed since version ${base.slice(0, 40)}: it is now ${current}. Nothing was saved. Read the draft again, re-apply your change, and save with base_version ${current}.`,
    );
  }
  s.draft = draft;
  c.store.saveSession(s);
  sendOk(res, { version: draftVersion(draft), previous_version: current });
}

function intIn(v: unknown, lo: number, hi: number, dflt: number, name: string): number {
  if (v === undefined || v === null) return dflt;
  const n = typeof v === 'number' ? v : Number.NaN;
  if (!Number.isFinite(n) || n < lo || n > hi)
    throw new HttpError(400, 400, `${name} must be a number from ${lo} to ${hi}.`);
  return Math.round(n);
}

function previewParts(c: EngineContext, p: RouteParams, body: Record<string, unknown>) {
  if (!c.previewer)
    throw new HttpError(501, 501, 'This engine cannot render previews. Export the video and look at the MP4 instead.');
  const s = ownedSession(c, p.ids[0], p.userId);
  if (!isExportable(s.draft))
    throw new HttpError(
      400,
      400,
      'The timeline is empty: there is nothing to look at yet. Upload media and describe the video first.',
    );
  const tooMuch = textLimitProblem(s.draft);
  if (tooMuch) throw refused(400, 400, { reason: 'text_limit', stage: 'render', ...tooMuch });
  const format = str(body.format) ?? 'jpeg';
  if (format !== 'png' && format !== 'jpeg') throw new HttpError(400, 400, 'format must be "png" or "jpeg".');
  const byId = new Map(s.media.map((m) => [m.id, m]));
  return {
    previewer: c.previewer,
    draft: s.draft!,
    media: (id: string) => byId.get(id),
    format: format as 'png' | 'jpeg',
    width: intIn(body.width, 64, 1080, 540, 'width'),
  };
}

function sendImage(res: ServerResponse, img: PreviewImage): void {
  res.writeHead(200, {
    'Content-Type': img.mime,
    'Content-Length': img.bytes.length,
    'Cache-Control': 'no-store',
    'X-Frame-Width': String(img.width),
    'X-Frame-Height': String(img.height),
    'X-Frame-Times': img.timesMs.join(','),
    ...(img.columns ? { 'X-Sheet-Grid': `${img.columns}x${img.rows}` } : {}),
  });
  res.end(img.bytes);
}

/** The client going away stops ffmpeg. */
function abortOnClose(req: IncomingMessage, res: ServerResponse): AbortSignal {
  const ac = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) ac.abort();
  });
  req.on('aborted', () => ac.abort());
  return ac.signal;
}

export async function previewFrame(
  c: EngineContext,
  req: IncomingMessage,
  res: ServerResponse,
  p: RouteParams,
): Promise<void> {
  const body = await readJsonBody(req, SMALL_BODY);
  const x = previewParts(c, p, body);
  const D = durationOf(x.draft);
  const timeMs =
    typeof body.time_ms === 'number' ? body.time_ms : typeof body.t === 'number' ? body.t * 1000 : Number.NaN;
  if (!Number.isFinite(timeMs) || timeMs < 0)
    throw new HttpError(400, 400, 'time_ms (or t in seconds) is missing or negative.');
  if (timeMs >= D)
    throw new HttpError(
      400,
      400,
      `Time ${(timeMs / 1000).toFixed(2)} s is past the end of the timeline, which lasts ${(D / 1000).toFixed(2)} s: ask for a time from 0 to ${((D - 1) / 1000).toFixed(2)} s.`,
    );
  sendImage(res, await x.previewer.frame({ ...x, timeMs, signal: abortOnClose(req, res) }));
}

export async function previewSheet(
  c: EngineContext,
  req: IncomingMessage,
  res: ServerResponse,
  p: RouteParams,
): Promise<void> {
  const body = await readJsonBody(req, SMALL_BODY);
  const x = previewParts(c, p, body);
  const count = intIn(body.count, 1, 16, 6, 'count');
  sendImage(
    res,
    await x.previewer.sheet({
      ...x,
      width: intIn(body.width, 64, 540, 270, 'width'),
      count,
      signal: abortOnClose(req, res),
    }),
  );
}
