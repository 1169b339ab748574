/**
 * POST /api/auth/claim-token {task_id, session_id} → {claim_token: "clm_…", expires_in}. The
 * stand-in hands out a claim token for a session the caller owns (the cloud's v1.9 flow); the
 * local engine has no web editor to open and answers with a clear refusal.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EngineContext, RouteParams } from './context';
import { HttpError, readJsonBody, sendOk, str } from './envelope';
import { ownedSession } from './sessionRoutes';

const CLAIM_TTL_S = 7 * 24 * 3600;

export async function claimToken(
  c: EngineContext,
  req: IncomingMessage,
  res: ServerResponse,
  p: RouteParams,
): Promise<void> {
  if (!c.hooks.webEditor) {
    req.resume();
    throw new HttpError(
      400,
      400,
      "Opening the session in NemoVideo's web editor is not available locally: the free local engine has no web editor. Export the video instead, or use the cloud backend.",
    );
  }
  const body = await readJsonBody(req, 16 * 1024);
  const sid = str(body.session_id) ?? '';
  const s = ownedSession(c, sid, p.userId);
  if (str(body.task_id) !== s.taskId) throw new HttpError(400, 400, 'task_id does not match the session');
  sendOk(res, { claim_token: `clm_${randomBytes(18).toString('base64url')}`, expires_in: CLAIM_TTL_S });
}
