/**
 * "Open in NemoVideo": a link that opens the cloud session in NemoVideo's web editor. The
 * skill's v1.9 flow (its P0 fix: never put the bearer token in a URL) — ask the API for a
 * claim token (`clm_…`, no API access) for this task and session, and link
 * `<web>/workspace/claim?ct=<clm>`. The web base is NEMO_WEB_URL or https://nemovideo.com.
 * The local engine has no web editor and says so.
 */
import { ApiError, inputError, isApiError } from './api/errors';
import type { SessionRunner } from './agentOps';

export const DEFAULT_WEB_URL = 'https://nemovideo.com';

export function webBase(env: Record<string, string | undefined> = process.env): string {
  const raw = env.NEMO_WEB_URL?.trim() || DEFAULT_WEB_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw inputError(
      `NEMO_WEB_URL "${raw.slice(0, 100)}" is not a valid URL; fix it or unset it to use ${DEFAULT_WEB_URL}.`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw inputError(`NEMO_WEB_URL must be an http(s) URL, not "${raw.slice(0, 100)}".`);
  return raw.replace(/\/+$/, '');
}

export async function claimLink(
  svc: SessionRunner,
  env: Record<string, string | undefined> = process.env,
  signal?: AbortSignal,
): Promise<string> {
  const web = webBase(env);
  return svc.withSession(async (sid, client) => {
    const state = await client.state(sid, { signal });
    let data: unknown;
    try {
      data = await client.json(
        'POST',
        '/api/auth/claim-token',
        'getting a link to the web editor',
        { task_id: state.taskId, session_id: sid },
        { signal },
      );
    } catch (e) {
      if (isApiError(e) && e.kind === 'server' && e.status && e.status < 500)
        throw new ApiError({ kind: 'input', status: e.status, detail: e.detail, message: e.detail ?? e.message });
      throw e;
    }
    const clm = (data as { claim_token?: unknown })?.claim_token;
    if (typeof clm !== 'string' || !/^clm_[A-Za-z0-9_-]{4,200}$/.test(clm)) {
      throw new ApiError({
        kind: 'bad-response',
        message: 'The video service did not send a usable claim token. Try again in a moment.',
      });
    }
    return `${web}/workspace/claim?ct=${encodeURIComponent(clm)}`;
  }, signal);
}
