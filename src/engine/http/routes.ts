/**
 * The route table: the contract's endpoints (src/contract/endpoints.ts — the same table the
 * client builds its URLs from) → handlers, plus the engine's own media route.
 */
import type { Handler, Route } from './context';
import { ENDPOINTS, endpointPattern, type EndpointName, type EndpointSpec } from '../../contract/endpoints';
import { anonymousToken } from './auth';
import { createSession, credits, state } from './sessionRoutes';
import { runSse } from './sse';
import { upload } from './upload';
import { cancelRender, download, renderStatus, startRender } from './renderRoutes';
import { mediaFile } from './mediaRoute';
import { previewFrame, previewSheet, saveDraft } from './agentRoutes';
import { linkedMedia, linkedRender } from './capabilityLinks';
import { claimToken } from './claimRoute';
import { engineShutdown, engineStatus } from './controlRoutes';
import { ID_PATTERN } from '../store';

/** One path segment (an id), validated against ID_PATTERN after matching. */
const SEG = '([^/]+)';

/** Every protocol endpoint has a handler: a new endpoint in the contract is a compile error here. */
const HANDLERS: Record<EndpointName, Handler> = {
  token: anonymousToken,
  session: createSession,
  sse: runSse,
  upload,
  credits,
  state,
  render: startRender,
  renderStatus,
  cancel: cancelRender,
  download,
};

// Captures are `[^/]+` and validated against ID_PATTERN afterwards, so an encoded `..` or `/`
// is answered 400 instead of silently not matching.
export const ROUTES: Route[] = [
  ...(Object.keys(HANDLERS) as EndpointName[]).map((name): Route => {
    const spec: EndpointSpec = ENDPOINTS[name];
    return {
      method: spec.method,
      pattern: endpointPattern(name),
      endpoint: name,
      envelope: spec.envelope,
      public: spec.public,
      handler: HANDLERS[name],
    };
  }),
  // Not in the endpoint table (the cloud's newer flow): a claim token for the web editor.
  { method: 'POST', pattern: /^\/api\/auth\/claim-token$/, envelope: 'code', handler: claimToken },
  // Agent routes (agentRoutes.ts): beyond the cloud protocol.
  {
    method: 'POST',
    pattern: new RegExp(`^/api/state/nemo_agent/me/${SEG}/draft$`),
    envelope: 'code',
    handler: saveDraft,
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/api/preview/nemo_agent/me/${SEG}/frame$`),
    envelope: 'code',
    handler: previewFrame,
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/api/preview/nemo_agent/me/${SEG}/sheet$`),
    envelope: 'code',
    handler: previewSheet,
  },
  // Capability links (local mode's outputUrl and cdn_url): the signature is the credential.
  {
    method: 'GET',
    pattern: new RegExp(`^/cdn/renders/${SEG}\\.mp4$`),
    envelope: 'code',
    public: true,
    handler: linkedRender,
  },
  {
    method: 'GET',
    pattern: /^\/cdn\/media\/([^/.]+)\.([a-z0-9]{2,4})$/,
    envelope: 'code',
    public: true,
    handler: linkedMedia,
  },
  // Not part of the protocol: the local engine's same-origin `cdn_url` for uploads.
  { method: 'GET', pattern: /^\/api\/media\/([^/.]+)\.([a-z0-9]{2,4})$/, envelope: 'code', handler: mediaFile },
  // The per-user engine process's control (controlRoutes.ts): status for discovery, shutdown for a stale build.
  { method: 'GET', pattern: /^\/api\/engine\/status$/, envelope: 'code', handler: engineStatus },
  { method: 'POST', pattern: /^\/api\/engine\/shutdown$/, envelope: 'code', handler: engineShutdown },
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
