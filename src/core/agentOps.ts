/**
 * What an agent (the MCP server, VS Code's language-model tools) does with a project beyond the
 * chat: read the whole state with the draft's version, save a whole draft with an optimistic
 * check, and look at frames without exporting. Over the service's session and recoveries.
 * Saving and previews are engine endpoints (engine/http/agentRoutes.ts); a backend without
 * them (the cloud) gets a clear "not available here" instead of a generic HTTP error.
 */
import { ApiError, inputError, isApiError } from './api/errors';
import type { VideoService as CoreService } from './service';

/** Any service that can run an operation on its session (the core's VideoService, the UI's facade). */
export type SessionRunner = Pick<CoreService, 'withSession'>;
type VideoService = SessionRunner;
import { draftIssues, describeIssues, draftVersion } from '../contract/draftSchema';
import { parseDraft, type Timeline } from './timeline';
import type { Draft } from '../contract/draft';

export interface MediaItem {
  /** The id a draft's `m.src` uses (the upload's hash). */
  id?: string;
  name: string;
  kind?: string;
  /** Seconds. */
  duration?: number;
  width?: number;
  height?: number;
}

export interface ProjectState {
  sessionId: string;
  version: string;
  draft: Draft;
  timeline: Timeline;
  media: MediaItem[];
}

export interface PreviewResult {
  bytes: Buffer;
  mime: string;
  width: number;
  height: number;
  timesMs: number[];
  grid?: string;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function mediaItems(infos: unknown[] | undefined): MediaItem[] {
  return (infos ?? []).flatMap((v) => {
    if (!v || typeof v !== 'object') return [];
    const o = v as Record<string, unknown>;
    const name = [o.filename, o.file_name, o.name].find((x): x is string => typeof x === 'string');
    if (!name) return [];
    const id = [o.hash, o.id, o.media_id].find((x): x is string => typeof x === 'string');
    return [
      {
        id,
        name,
        kind: typeof o.file_type === 'string' ? o.file_type : undefined,
        duration: num(o.duration) || undefined,
        width: num(o.width) || undefined,
        height: num(o.height) || undefined,
      },
    ];
  });
}

export async function readProject(svc: VideoService, signal?: AbortSignal): Promise<ProjectState> {
  return svc.withSession(async (sid, client) => {
    const s = await client.state(sid, { signal });
    const draft = (s.draft ?? {}) as Draft;
    const timeline = parseDraft(draft);
    return { sessionId: sid, version: draftVersion(draft), draft, timeline, media: mediaItems(s.videoInfos) };
  }, signal);
}

/** The backend's own words for 4xx answers of the agent endpoints; "not here" for a backend without them. */
function agentError(e: unknown, what: string): unknown {
  if (!isApiError(e) || e.kind !== 'server') return e;
  if (e.status === 404 || e.status === 405 || e.status === 501) {
    return new ApiError({
      kind: 'input',
      status: e.status,
      detail: e.detail,
      message: `This backend cannot ${what}. Use the local engine for that, or describe the change to the backend's agent instead.`,
    });
  }
  if (e.status === 400 || e.status === 409)
    return new ApiError({ kind: 'input', status: e.status, detail: e.detail, message: e.detail ?? e.message });
  return e;
}

export async function saveDraft(
  svc: VideoService,
  draft: unknown,
  baseVersion: string,
  signal?: AbortSignal,
): Promise<{ version: string; previousVersion?: string }> {
  const issues = draftIssues(draft);
  if (issues.length) throw inputError(`The draft is not valid: ${describeIssues(issues)}. Nothing was saved.`);
  return svc.withSession(async (sid, client) => {
    try {
      const data = (await client.json(
        'POST',
        `/api/state/nemo_agent/me/${encodeURIComponent(sid)}/draft`,
        'saving the draft',
        { draft, base_version: baseVersion },
        { signal },
      )) as Record<string, unknown>;
      const version = typeof data?.version === 'string' ? data.version : draftVersion(draft);
      return {
        version,
        previousVersion: typeof data?.previous_version === 'string' ? data.previous_version : undefined,
      };
    } catch (e) {
      throw agentError(e, 'save a whole draft');
    }
  }, signal);
}

async function preview(
  svc: VideoService,
  kind: 'frame' | 'sheet',
  body: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<PreviewResult> {
  return svc.withSession(async (sid, client) => {
    try {
      const res = await client.raw('POST', `/api/preview/nemo_agent/me/${encodeURIComponent(sid)}/${kind}`, {
        what: 'rendering a preview',
        headers: { 'content-type': 'application/json', accept: 'image/*, application/json' },
        body: JSON.stringify(body),
        signal,
        timeoutMs: 180_000,
      });
      const type = res.headers.get('content-type') ?? '';
      if (res.status !== 200 || !type.startsWith('image/')) {
        await client.readEnvelope(res, 'rendering a preview', signal);
        throw new ApiError({
          kind: 'bad-response',
          status: res.status,
          message: 'The backend answered a preview request without an image.',
        });
      }
      const bytes = Buffer.from(await res.arrayBuffer());
      return {
        bytes,
        mime: type.split(';')[0],
        width: Number(res.headers.get('x-frame-width')) || 0,
        height: Number(res.headers.get('x-frame-height')) || 0,
        timesMs: (res.headers.get('x-frame-times') ?? '').split(',').filter(Boolean).map(Number),
        grid: res.headers.get('x-sheet-grid') ?? undefined,
      };
    } catch (e) {
      throw agentError(e, 'render preview frames');
    }
  }, signal);
}

export function frame(
  svc: VideoService,
  o: { timeMs: number; width?: number; format?: 'png' | 'jpeg' },
  signal?: AbortSignal,
): Promise<PreviewResult> {
  return preview(svc, 'frame', { time_ms: o.timeMs, width: o.width, format: o.format }, signal);
}

export function contactSheet(
  svc: VideoService,
  o: { count: number; width?: number; format?: 'png' | 'jpeg' },
  signal?: AbortSignal,
): Promise<PreviewResult> {
  return preview(svc, 'sheet', { count: o.count, width: o.width, format: o.format }, signal);
}
