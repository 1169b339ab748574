/**
 * The engine's HTTP server: the NemoVideo protocol on 127.0.0.1. Two modes share it:
 * 'standin' (the cloud's stand-in in tests: anonymous tokens, credits, a CDN origin, fault
 * switches) and 'local' (the free local engine: one token, unlimited credits). The agent and
 * the renderer are plugged in (contracts.ts); routes live in ./http.
 */
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import type { Agent, Renderer } from './contracts';
import { Faults } from './faults';
import { Store } from './store';
import { RenderJobs } from './renderJobs';
import { MAX_UPLOAD_BYTES } from '../core/api/errors';
import type { EngineContext } from './http/context';
import { dispatch, type RecordedRequest } from './http/dispatch';
import { startCdn, type CdnRequest } from './http/cdn';
import type { FramePreviewer } from './preview/types';

export type { RecordedRequest } from './http/dispatch';
export type { CdnRequest } from './http/cdn';
export { Faults } from './faults';

export interface EngineOptions {
  mode: 'standin' | 'local';
  /** All state lives here. */
  dataDir: string;
  agent: Agent;
  renderer: Renderer;
  /** 0 / undefined = a random free port. */
  port?: number;
  /** Local mode: THE bearer token every request needs (random 32-byte hex when omitted). */
  token?: string;
  /** Stand-in fault switches, mutable at runtime. */
  faults?: Faults;
  /** Stand-in: credits per anonymous user (100). */
  initialCredits?: number;
  /** Stand-in: anonymous token lifetime (7 days). */
  tokenTtlMs?: number;
  /** Stand-in: time per render step (pending → processing…), default 300 ms. */
  renderStepMs?: number;
  /** URL uploads to loopback/private addresses are refused unless true. */
  allowPrivateUrls?: boolean;
  /** Upload size limit per file (200 MB). */
  maxUploadBytes?: number;
  /** ffprobe binary for probing uploads and renders (default FFPROBE_PATH or PATH). */
  ffprobePath?: string;
  /** SSE keep-alive comment interval while the agent works (15 s). */
  keepAliveMs?: number;
  /** Request log lines (method path status ms) — never tokens. */
  log?: (line: string) => void;
  /** Frames without an export (agents' "look"); the local engine plugs in ffmpeg. */
  previewer?: FramePreviewer;
}

export interface Engine {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  /** Local mode's token. */
  token?: string;
  /** Stand-in: the second origin serving render outputs (and uploads) without auth. */
  cdnUrl?: string;
  /** Stand-in: every request the CDN origin got, and whether it carried Authorization. */
  cdnRequests: CdnRequest[];
  faults: Faults;
  requests: RecordedRequest[];
  /** 'sse-open' (sessionId), 'sse-close' (sessionId, {clientAborted}), 'render-cancelled' (id). */
  events: EventEmitter;
  /** Closes both servers and all open sockets, and stops running renders. */
  close(): Promise<void>;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as { port: number }).port);
    });
  });
}

function trackSockets(server: Server): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  return sockets;
}

function closeServer(server: Server, sockets: Set<Socket>): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    for (const s of sockets) s.destroy();
  });
}

export async function startEngine(opts: EngineOptions): Promise<Engine> {
  const mode = opts.mode;
  const store = new Store(opts.dataDir);
  const faults = opts.faults ?? new Faults();
  const events = new EventEmitter();
  const renderStepMs = opts.renderStepMs ?? 300;
  const localToken = mode === 'local' ? (opts.token ?? randomBytes(32).toString('hex')) : undefined;
  const renders = new RenderJobs({ store, renderer: opts.renderer, faults, events, pendingMs: mode === 'standin' ? renderStepMs : 0, ffprobePath: opts.ffprobePath });
  const cdn = mode === 'standin' ? await startCdn(store, faults) : undefined;
  const cdnSockets = cdn ? trackSockets(cdn.server) : undefined;
  const ctx: EngineContext = {
    mode, store, faults, events, agent: opts.agent, renders,
    initialCredits: opts.initialCredits ?? 100,
    tokenTtlMs: opts.tokenTtlMs ?? 7 * 24 * 3600 * 1000,
    renderStepMs,
    keepAliveMs: opts.keepAliveMs ?? 15_000,
    allowPrivateUrls: opts.allowPrivateUrls ?? false,
    maxUploadBytes: opts.maxUploadBytes ?? MAX_UPLOAD_BYTES,
    ffprobePath: opts.ffprobePath,
    baseUrl: '',
    cdnUrl: cdn?.url,
    previewer: opts.previewer,
    linkSecret: randomBytes(32),
  };
  const requests: RecordedRequest[] = [];
  let port = 0;
  const server = createServer((req, res) => {
    void dispatch(ctx, req, res, { localToken, requests, log: opts.log, port: () => port });
  });
  // Chat turns may take 15 minutes: no server-side request timeout.
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;
  const sockets = trackSockets(server);
  try {
    port = await listen(server, opts.port ?? 0);
  } catch (e) {
    if (cdn && cdnSockets) await closeServer(cdn.server, cdnSockets);
    throw e;
  }
  ctx.baseUrl = `http://127.0.0.1:${port}`;
  let closing: Promise<void> | undefined;
  return {
    url: ctx.baseUrl, port, token: localToken, cdnUrl: cdn?.url, cdnRequests: cdn?.requests ?? [],
    faults, requests, events,
    close: () => {
      closing ??= (async () => {
        await renders.closeAll();
        await Promise.all([closeServer(server, sockets), cdn && cdnSockets ? closeServer(cdn.server, cdnSockets) : undefined]);
      })();
      return closing;
    },
  };
}
