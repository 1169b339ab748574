/** Session creation, credits and timeline state. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MediaFile } from '../contracts';
import type { SessionRecord } from '../store';
import type { EngineContext, RouteParams } from './context';
import { HttpError, readJsonBody, sendOk, str } from './envelope';
import type { MediaInfoData, SessionData, SessionStateBody } from '../../contract/endpoints';
import { ErrorCode } from '../../contract/errorCodes';
import { capabilityUrl } from './capabilityLinks';

const SMALL_BODY = 64 * 1024;

/** The session if it exists and belongs to the user; code 1002 otherwise. */
export function ownedSession(c: EngineContext, sid: string, userId: string): SessionRecord {
  const s = c.store.session(sid);
  if (!s || s.userId !== userId) throw new HttpError(200, ErrorCode.SessionNotFound, 'session not found');
  return s;
}

export async function createSession(
  c: EngineContext,
  req: IncomingMessage,
  res: ServerResponse,
  p: RouteParams,
): Promise<void> {
  const body = await readJsonBody(req, SMALL_BODY);
  const language = str(body.language)?.trim() || 'en';
  if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(language))
    throw new HttpError(
      400,
      400,
      `language must be an ISO code such as en, zh-CN or ja (got "${language.slice(0, 40)}")`,
    );
  const taskName = (str(body.task_name) ?? str(body.taskName) ?? 'project').slice(0, 200) || 'project';
  const s = c.store.createSession(p.userId, taskName, language);
  sendOk(res, { task_id: s.taskId, session_id: s.id, user_id: s.userId } satisfies SessionData);
}

export async function credits(
  c: EngineContext,
  _req: IncomingMessage,
  res: ServerResponse,
  p: RouteParams,
): Promise<void> {
  sendOk(res, c.hooks.credits(p.userId));
}

/** How an upload is described on the wire (upload answer and state.video_infos). */
export function mediaInfo(c: EngineContext, m: MediaFile): MediaInfoData {
  const file = m.path.split(/[\\/]/).pop() ?? '';
  const cdn = c.hooks.mediaUrl?.(file) ?? capabilityUrl(c, `media/${file}`);
  return {
    filename: m.name,
    file_type: m.kind,
    mime_type: m.mime,
    cdn_url: cdn,
    duration: m.duration ?? 0,
    width: m.width ?? 0,
    height: m.height ?? 0,
    fps: m.fps ?? 0,
    hash: m.id,
    size: m.size,
  };
}

export async function state(
  c: EngineContext,
  _req: IncomingMessage,
  res: ServerResponse,
  p: RouteParams,
): Promise<void> {
  const s = ownedSession(c, p.ids[0], p.userId);
  const draft = s.draft ?? {};
  const videoInfos = s.media.map((m) => mediaInfo(c, m));
  const canvas = { width: Number(draft.m?.width) || 1080, height: Number(draft.m?.height) || 1920 };
  const head = { session_id: s.id, task_id: s.taskId, task_name: s.taskName, user_id: s.userId };
  const body: SessionStateBody = { draft, video_infos: videoInfos, generated_media: [], canvas_config: canvas };
  sendOk(res, c.hooks.stateData?.(head, body) ?? { ...head, state: body });
}
