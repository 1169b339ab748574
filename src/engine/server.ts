/**
 * The engine's HTTP server: the NemoVideo protocol on 127.0.0.1. By itself it is the free local
 * engine (one token, unlimited credits: localHooks.ts); a plug-in may replace those rules through
 * hooks (hooks.ts) — the cloud's stand-in for the tests does (standin/). The agent and the
 * renderer are plugged in (contracts.ts); routes live in ./http.
 */
import type { EngineLog } from './engineLog';
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import type { Agent, Renderer } from './contracts';
import type { EngineHooks } from './hooks';
import { createLocalHooks } from './localHooks';
import { Store } from './store';
import { RenderJobs } from './renderJobs';
import { MAX_UPLOAD_BYTES } from '../contract/uploads';
import type { EngineContext } from './http/context';
import { dispatch, type RecordedRequest } from './http/dispatch';
import type { FramePreviewer } from './preview/types';

export type { RecordedRequest } from './http/dispatch';
export type { EngineHooks } from './hooks';

/** What a plug-in's hooks may use of the engine. */
export interface EngineParts {
  store: Store;
  events: EventEmitter;
}

export interface EngineOptions {
  /** All state lives here. */
  dataDir: string;
  agent: Agent;
  renderer: Renderer;
  /** 0 / undefined = a random free port. */
  port?: number;
  /** THE bearer token every request needs (random 32-byte hex when omitted); unused with `hooks`. */
  token?: string;
  /** A plug-in's rules instead of the local engine's (the stand-in's). */
  hooks?: (parts: EngineParts) => EngineHooks | Promise<EngineHooks>;
  /** URL uploads to loopback/private addresses are refused unless true. */
  allowPrivateUrls?: boolean;
  /** Which resolved addresses count as private for URL uploads (default: loopback, private, link-local…). */
  isPrivateAddress?: (ip: string) => boolean;
  /** Whole-download limit for one URL upload (10 min). */
  urlDownloadDeadlineMs?: number;
  /**
   * Time to receive a whole request, body included (10 min): a client dripping its body is cut
   * off with 408. Responses are not limited by it (a chat stream may run 15 minutes).
   */
  requestBodyDeadlineMs?: number;
  /** Renders at once, the rest queue (unlimited when absent; the local engine: cores / 2). */
  renderConcurrency?: number;
  /** A render running longer than this is stopped and failed (60 min). */
  renderDeadlineMs?: number;
  /** Upload size limit per file (200 MB). */
  maxUploadBytes?: number;
  /** ffprobe binary for probing uploads and renders (default FFPROBE_PATH or PATH). */
  ffprobePath?: string;
  /** ffmpeg binary for analysing uploads: beats, the photo's subject (default FFMPEG_PATH or PATH). */
  ffmpegPath?: string;
  /** SSE keep-alive comment interval while the agent works (15 s). */
  keepAliveMs?: number;
  /** Request log lines (method path status ms) and warnings — never tokens. */
  log?: EngineLog;
  /** Where that log is written, for the messages that point to it. */
  logFile?: string;
  /** Frames without an export (agents' "look"); the local engine plugs in ffmpeg. */
  previewer?: FramePreviewer;
  /** The per-user engine process's own routes (status, shutdown): absent = they answer 404. */
  control?: EngineControl;
}

/** What the engine process (engineProcess/main.ts) plugs in for its token-protected control routes. */
export interface EngineControl {
  /** Who started this engine (the extension's build and settings): a window with another one restarts it. */
  build: string;
  /** Asked by a window whose build differs; the process closes the engine and exits. */
  shutdown(): void;
}

/** How busy the engine is: the engine process exits only when all of these say idle. */
export interface EngineActivity {
  /** Requests being answered (an open chat stream counts until it ends). */
  inFlight: number;
  /** When the last request arrived (ms since epoch; the engine's start before any). */
  lastRequestAt: number;
  /** Renders running or waiting in line. */
  renders: number;
}

export interface Engine {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  /** The local engine's token (undefined when a plug-in decides who may call). */
  token?: string;
  requests: RecordedRequest[];
  /** 'sse-open' (sessionId), 'sse-close' (sessionId, {clientAborted}), 'render-cancelled' (id). */
  events: EventEmitter;
  /** How busy it is (requests in flight, last request, renders): the idle exit reads it. */
  activity(): EngineActivity;
  /** Closes the server and all open sockets, stops running renders and closes the plug-in. */
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

export function trackSockets(server: Server): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return sockets;
}

export function closeServer(server: Server, sockets: Set<Socket>): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    for (const s of sockets) s.destroy();
  });
}

export async function startEngine(opts: EngineOptions): Promise<Engine> {
  const store = new Store(opts.dataDir);
  const events = new EventEmitter();
  let port = 0;
  const localToken = opts.hooks ? undefined : (opts.token ?? randomBytes(32).toString('hex'));
  const hooks = opts.hooks
    ? await opts.hooks({ store, events })
    : createLocalHooks(localToken!, () => port, opts.dataDir);
  const renders = new RenderJobs({
    store,
    renderer: opts.renderer,
    events,
    pendingMs: hooks.renderPendingMs,
    ffprobePath: opts.ffprobePath,
    beforeRender: hooks.beforeRender?.bind(hooks),
    concurrency: opts.renderConcurrency,
    deadlineMs: opts.renderDeadlineMs,
  });
  const ctx: EngineContext = {
    store,
    hooks,
    events,
    agent: opts.agent,
    renders,
    keepAliveMs: opts.keepAliveMs ?? 15_000,
    allowPrivateUrls: opts.allowPrivateUrls ?? false,
    isPrivateAddress: opts.isPrivateAddress,
    urlDownloadDeadlineMs: opts.urlDownloadDeadlineMs,
    maxUploadBytes: opts.maxUploadBytes ?? MAX_UPLOAD_BYTES,
    mediaTools: { ffprobe: opts.ffprobePath, ffmpeg: opts.ffmpegPath },
    baseUrl: '',
    previewer: opts.previewer,
    linkSecret: randomBytes(32),
    log: opts.log,
    logFile: opts.logFile,
    control: opts.control,
    activity: () => activity(),
  };
  const requests: RecordedRequest[] = [];
  let inFlight = 0;
  let lastRequestAt = Date.now();
  const activity = (): EngineActivity => ({ inFlight, lastRequestAt, renders: renders.active });
  const requestTimeout = opts.requestBodyDeadlineMs ?? 10 * 60_000;
  const server = createServer(
    {
      // Receiving a request (headers and body) is bounded; the response is not — Node's
      // requestTimeout ends when the request has arrived, so a 15-minute chat stream is unaffected.
      requestTimeout,
      // How often Node checks that limit (its default is 30 s, too coarse for a short limit).
      connectionsCheckingInterval: Math.max(100, Math.min(30_000, Math.floor(requestTimeout / 4))),
    },
    (req, res) => {
      inFlight += 1;
      lastRequestAt = Date.now();
      res.once('close', () => {
        inFlight -= 1;
        lastRequestAt = Date.now();
      });
      void dispatch(ctx, req, res, { requests, log: opts.log, logFile: opts.logFile });
    },
  );
  server.headersTimeout = Math.min(60_000, requestTimeout);
  // Idle keep-alive connections stay open a minute: clients poll every few seconds, and with
  // Node's 5 s default a poll could reuse a socket at the very moment the server closes it.
  server.keepAliveTimeout = 60_000;
  const sockets = trackSockets(server);
  try {
    port = await listen(server, opts.port ?? 0);
  } catch (e) {
    await hooks.close?.();
    throw e;
  }
  ctx.baseUrl = `http://127.0.0.1:${port}`;
  let closing: Promise<void> | undefined;
  return {
    url: ctx.baseUrl,
    port,
    token: localToken,
    requests,
    events,
    activity,
    close: () => {
      closing ??= (async () => {
        await renders.closeAll();
        await Promise.all([closeServer(server, sockets), hooks.close?.()]);
      })();
      return closing;
    },
  };
}
