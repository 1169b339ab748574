/** The route table: method + path pattern → handler, fault switch and envelope. */
import type { Route } from './context';
import { anonymousToken } from './auth';
import { createSession, credits, state } from './sessionRoutes';
import { runSse } from './sse';
import { upload } from './upload';
import { cancelRender, download, renderStatus, startRender } from './renderRoutes';
import { mediaFile } from './mediaRoute';
import { previewFrame, previewSheet, saveDraft } from './agentRoutes';
import { linkedMedia, linkedRender } from './capabilityLinks';
import { claimToken } from './claimRoute';
import { ID_PATTERN } from '../store';

// Captures are `[^/]+` and validated against ID_PATTERN afterwards, so an encoded `..` or `/`
// is answered 400 instead of silently not matching.
const SEG = '([^/]+)';

export const ROUTES: Route[] = [
  { method: 'POST', pattern: /^\/api\/auth\/anonymous-token$/, endpoint: 'token', envelope: 'code', public: true, handler: anonymousToken },
  { method: 'POST', pattern: /^\/api\/tasks\/me\/with-session\/nemo_agent$/, endpoint: 'session', envelope: 'code', handler: createSession },
  { method: 'POST', pattern: /^\/run_sse$/, endpoint: 'sse', envelope: 'code', handler: runSse },
  { method: 'POST', pattern: new RegExp(`^/api/upload-video/nemo_agent/me/${SEG}$`), endpoint: 'upload', envelope: 'code', handler: upload },
  { method: 'GET', pattern: /^\/api\/credits\/balance\/simple$/, endpoint: 'credits', envelope: 'code', handler: credits },
  { method: 'GET', pattern: new RegExp(`^/api/state/nemo_agent/me/${SEG}/latest$`), endpoint: 'state', envelope: 'code', handler: state },
  { method: 'POST', pattern: /^\/api\/render\/proxy\/lambda$/, endpoint: 'render', envelope: 'success', handler: startRender },
  { method: 'GET', pattern: new RegExp(`^/api/render/proxy/lambda/${SEG}$`), endpoint: 'renderStatus', envelope: 'success', handler: renderStatus },
  { method: 'POST', pattern: new RegExp(`^/api/render/proxy/lambda/${SEG}/cancel$`), endpoint: 'cancel', envelope: 'success', handler: cancelRender },
  { method: 'GET', pattern: new RegExp(`^/api/render/proxy/${SEG}/download$`), endpoint: 'download', envelope: 'success', handler: download },
  { method: 'POST', pattern: /^\/api\/auth\/claim-token$/, envelope: 'code', handler: claimToken },
  // Agent routes (agentRoutes.ts): beyond the cloud protocol.
  { method: 'POST', pattern: new RegExp(`^/api/state/nemo_agent/me/${SEG}/draft$`), envelope: 'code', handler: saveDraft },
  { method: 'POST', pattern: new RegExp(`^/api/preview/nemo_agent/me/${SEG}/frame$`), envelope: 'code', handler: previewFrame },
  { method: 'POST', pattern: new RegExp(`^/api/preview/nemo_agent/me/${SEG}/sheet$`), envelope: 'code', handler: previewSheet },
  // Capability links (local mode's outputUrl and cdn_url): the signature is the credential.
  { method: 'GET', pattern: new RegExp(`^/cdn/renders/${SEG}\\.mp4$`), envelope: 'code', public: true, handler: linkedRender },
  { method: 'GET', pattern: /^\/cdn\/media\/([^/.]+)\.([a-z0-9]{2,4})$/, envelope: 'code', public: true, handler: linkedMedia },
  { method: 'GET', pattern: /^\/api\/media\/([^/.]+)\.([a-z0-9]{2,4})$/, envelope: 'code', handler: mediaFile },
];

export type RouteMatch = { route: Route; ids: string[]; badId: boolean } | { methodNotAllowed: true } | undefined;

export function matchRoute(method: string, path: string): RouteMatch {
  let pathMatched = false;
  for (const route of ROUTES) {
    const m = route.pattern.exec(path);
    if (!m) continue;
    pathMatched = true;
    if (route.method !== method && !(method === 'HEAD' && route.method === 'GET')) continue;
    const ids = m.slice(1);
    return { route, ids, badId: ids.some((id) => !ID_PATTERN.test(id)) };
  }
  return pathMatched ? { methodNotAllowed: true } : undefined;
}
