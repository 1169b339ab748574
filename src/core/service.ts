/**
 * The core's one object per project: wires the client, the token, the session, the chat turn,
 * uploads and exports, and applies the protocol's recoveries in one place (re-auth on 1001,
 * new session on 1002, one wait-and-retry on 429). The UI and the CLI use only this.
 */
import { ApiClient, detectPlatform } from './api/client';
import { ApiError, isApiError } from './api/errors';
import type { Credits, UploadResult } from './api/types';
import { TokenManager } from './auth';
import { SessionManager } from './session';
import { ExportRunner } from './export';
import { streamTurn } from './conversation';
import { routeIntent } from './intents';
import { parseDraft } from './timeline';
import { convertAll, HeifUploadError, removeConverted, type HeifFailure } from './heif';
import { describeRejections, multipartBody, requireSome, uploadBatches, validateFiles } from './upload';
import { realSleep, silentLogger, type Logger } from './ports';
import type {
  ConnectionPhase,
  ExportOptions,
  PersistedExport,
  SessionChange,
  SessionTimeline,
  TurnOptions,
  TurnOutcome,
  UploadProgress,
  VideoServiceApi,
  VideoServiceOptions,
} from './serviceApi';

type PhaseListener = (phase: ConnectionPhase) => void;
type SessionListener = (change: SessionChange) => void;

export class VideoService implements VideoServiceApi {
  readonly client: ApiClient;
  readonly tokens: TokenManager;
  readonly sessions: SessionManager;
  private readonly exports: ExportRunner;
  private readonly log: Logger;
  private phaseValue: ConnectionPhase = 'idle';
  private readonly listeners = new Set<PhaseListener>();
  private readonly sessionListeners = new Set<SessionListener>();
  private announcedSession: string | undefined;

  constructor(private readonly o: VideoServiceOptions) {
    const env = o.env ?? process.env;
    this.log = o.log ?? silentLogger;
    const sleep = o.sleep ?? realSleep;
    this.client = new ApiClient({
      baseUrl: o.baseUrl,
      version: o.version,
      platform: detectPlatform(env, o.appName),
      token: () => this.tokens.token,
      errorContext: () => ({ anonymousUserId: this.tokens.anonymousUserId, registered: this.tokens.isRegistered }),
      log: this.log,
    });
    this.tokens = new TokenManager({
      client: this.client,
      store: o.tokenStore,
      state: o.state,
      env,
      fixedToken: o.fixedToken,
      sleep,
      rateLimitWaitMs: o.rateLimitWaitMs ?? 30_000,
      log: this.log,
    });
    const backendKey = o.backendKey ?? o.baseUrl;
    this.sessions = new SessionManager({
      client: this.client,
      state: o.state,
      projectKey: o.projectKey,
      language: o.language,
      backendKey,
    });
    this.exports = new ExportRunner({
      client: this.client,
      state: o.state,
      jobKey: `videoGenerator.export:${backendKey}:${o.projectKey}`,
      sleep,
      pollStartMs: o.pollIntervalStartMs ?? 2_000,
      pollCapMs: o.pollIntervalCapMs ?? 30_000,
      deadlineMs: o.renderDeadlineMs ?? 20 * 60_000,
      log: this.log,
    });
  }

  get phase(): ConnectionPhase {
    return this.phaseValue;
  }

  onDidChangePhase(listener: PhaseListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get sessionId(): string | undefined {
    return this.announcedSession;
  }

  onDidChangeSession(listener: SessionListener): () => void {
    this.sessionListeners.add(listener);
    return () => this.sessionListeners.delete(listener);
  }

  /** Tells the listeners when the session in use is not the one they last heard of. */
  private announceSession(sessionId: string, reason: SessionChange['reason']): void {
    if (sessionId === this.announcedSession) return;
    const previous = this.announcedSession;
    this.announcedSession = sessionId;
    for (const l of this.sessionListeners) l({ sessionId, previous, reason });
  }

  private setPhase(p: ConnectionPhase): void {
    if (p === this.phaseValue) return;
    this.phaseValue = p;
    for (const l of this.listeners) l(p);
  }

  async connect(signal?: AbortSignal): Promise<{ sessionId: string }> {
    if (this.phaseValue !== 'ready') this.setPhase('connecting');
    try {
      const sessionId = await this.call((sid) => Promise.resolve(sid), signal);
      this.setPhase('ready');
      return { sessionId };
    } catch (e) {
      this.setPhase('error');
      throw e;
    }
  }

  /**
   * Runs `op` with a token and a session, recovering once from each of: 1001 (new token),
   * 1002 (new session — reported through `renewed`), 429 (wait, retry).
   */
  private async call<T>(
    op: (sessionId: string) => Promise<T>,
    signal?: AbortSignal,
    renewed?: { value: boolean },
  ): Promise<T> {
    const tried = new Set<string>();
    for (;;) {
      // The token flow applies its own recoveries (new client id, one 429 wait): not retried here.
      await this.tokens.ensure(signal);
      try {
        const sid = await this.sessions.ensure(signal);
        this.announceSession(sid, 'connected');
        return await op(sid);
      } catch (e) {
        if (!isApiError(e) || tried.has(e.kind)) throw e;
        tried.add(e.kind);
        if (e.kind === 'auth') {
          this.log.warn('Token rejected (1001); getting a new one and retrying once.');
          await this.tokens.refresh(signal);
        } else if (e.kind === 'session') {
          this.log.warn('Session not found (1002); starting a new session and retrying once.');
          this.announceSession(await this.sessions.renew(signal), 'renewed');
          if (renewed) renewed.value = true;
        } else if (e.kind === 'rate-limit') {
          this.log.warn('Rate-limited (429); retrying once after a pause.');
          await (this.o.sleep ?? realSleep)(this.o.rateLimitWaitMs ?? 30_000, signal);
        } else {
          throw e;
        }
      }
    }
  }

  /** Runs `op` on this project's session with the same recoveries as every call (agent tools: agentOps.ts). */
  withSession<T>(op: (sessionId: string, client: ApiClient) => Promise<T>, signal?: AbortSignal): Promise<T> {
    return this.call((sid) => op(sid, this.client), signal);
  }

  async send(text: string, options: TurnOptions = {}): Promise<TurnOutcome> {
    const words = text.trim();
    if (!words)
      throw new ApiError({
        kind: 'input',
        message:
          'The message is empty. Describe the video you want, e.g. "turn these photos into a 30-second promo video with music".',
      });
    if (words.length > 20_000)
      throw new ApiError({
        kind: 'input',
        message: `The message is ${words.length.toLocaleString('en')} characters long; keep it under 20,000. Describe the edit in a few sentences.`,
      });
    const intent = routeIntent(words);
    if (intent === 'credits') return { kind: 'answer', intent, credits: await this.credits() };
    if (intent === 'status') return { kind: 'answer', intent, timeline: await this.timeline() };
    if (intent === 'export' || intent === 'upload') return { kind: 'action', intent };

    await this.connect(options.signal);
    const renewed = { value: false };
    const result = await this.call(
      (sid) =>
        streamTurn({
          open: () => this.client.runSse(sid, words, { signal: options.signal }),
          snapshot: () => this.client.state(sid, { signal: options.signal }).then((s) => parseDraft(s.draft)),
          signal: options.signal,
          onEvent: options.onEvent,
          stillWorkingIntervalMs: this.o.stillWorkingIntervalMs,
          maxDurationMs: this.o.maxStreamMs,
          log: this.log,
        }),
      options.signal,
      renewed,
    );
    return { kind: 'reply', ...result, sessionRenewed: renewed.value };
  }

  async upload(
    paths: string[],
    options: { signal?: AbortSignal; onProgress?: (p: UploadProgress) => void; root?: string } = {},
  ): Promise<UploadResult> {
    // iPhone photos become JPEGs here first (both backends take JPEG, neither HEIF).
    const heif = await convertAll(paths, { converter: this.o.heifConverter, signal: options.signal });
    try {
      const result = await this.uploadFiles(heif.paths, options, heif.failed);
      return {
        ...result,
        ...(heif.converted.length ? { converted: heif.converted.map((c) => ({ from: c.from, to: c.name })) } : {}),
        ...(heif.failed.length ? { heifSkipped: heif.failed } : {}),
      };
    } finally {
      await Promise.all(heif.converted.map(removeConverted));
    }
  }

  private async uploadFiles(
    paths: string[],
    options: { signal?: AbortSignal; onProgress?: (p: UploadProgress) => void; root?: string },
    heifFailed: Array<{ path: string; reason: HeifFailure }>,
  ): Promise<UploadResult> {
    const v = await validateFiles(paths, { root: options.root });
    if (!v.valid.length && heifFailed.length && !v.rejected.length) throw new HeifUploadError(heifFailed);
    requireSome(v);
    const totalBytes = v.valid.reduce((n, f) => n + f.size, 0);
    const result: UploadResult = { files: [] };
    let done = 0;
    // Several requests for big selections (servers cap the files per request); progress spans all.
    for (const batch of uploadBatches(v.valid)) {
      const part = await this.call(async (sid) => {
        // A fresh body per attempt: a consumed stream cannot be sent twice.
        const mp = multipartBody(batch, (sent) =>
          options.onProgress?.({ sentBytes: Math.min(done + sent, totalBytes), totalBytes }),
        );
        return this.client.uploadMultipart(sid, mp, { signal: options.signal });
      }, options.signal);
      done += batch.reduce((n, f) => n + f.size, 0);
      result.files.push(...part.files);
      if (part.sessionStateApplied !== undefined) result.sessionStateApplied = part.sessionStateApplied;
    }
    return v.rejected.length
      ? { ...result, skipped: v.rejected, skippedMessage: describeRejections(v.rejected) }
      : result;
  }

  async uploadUrls(urls: string[], options: { signal?: AbortSignal } = {}): Promise<UploadResult> {
    const bad = urls.filter((u) => !/^https?:\/\//i.test(u));
    if (bad.length)
      throw new ApiError({ kind: 'input', message: `Only http(s) links can be uploaded; not: ${bad.join(', ')}.` });
    return this.call((sid) => this.client.uploadUrls(sid, urls, options), options.signal);
  }

  async credits(): Promise<Credits> {
    return this.call(() => this.client.credits());
  }

  async timeline(): Promise<SessionTimeline> {
    const state = await this.call((sid) => this.client.state(sid));
    return { ...parseDraft(state.draft), media: mediaOf(state.videoInfos) };
  }

  async exportVideo(options: ExportOptions): Promise<string> {
    // Recovery (new token / session) covers reading the draft and submitting it — not the
    // polling: a new session then would re-submit a job that is already rendering.
    await this.tokens.ensure(options.signal);
    await this.exports.clearStale(options);
    const job = await this.call(async (sid) => {
      const state = await this.client.state(sid, { signal: options.signal });
      return this.exports.submitJob(sid, state.draft, options.folder, options.fileName, options);
    }, options.signal);
    return this.exports.follow(job, options);
  }

  async cancelExport(): Promise<void> {
    await this.tokens.ensure();
    await this.exports.cancel();
  }

  pendingExport(): PersistedExport | undefined {
    return this.exports.pending();
  }

  async resumeExport(options: Omit<ExportOptions, 'folder' | 'fileName'>): Promise<string> {
    const job = this.exports.pending();
    if (!job) throw new ApiError({ kind: 'input', message: 'There is no unfinished export to resume.' });
    await this.tokens.ensure(options.signal);
    return this.exports.follow(job, options);
  }

  async newSession(): Promise<{ sessionId: string }> {
    await this.tokens.ensure();
    const sessionId = await this.sessions.renew();
    this.announceSession(sessionId, 'new');
    return { sessionId };
  }

  async signOut(): Promise<void> {
    await this.tokens.signOut();
    this.setPhase('idle');
  }

  async setToken(token: string): Promise<void> {
    await this.tokens.setRegistered(token);
    this.setPhase('idle');
  }

  /** Another window changed the stored token: reconnect lazily. */
  resetConnection(): void {
    this.tokens.forget();
    this.setPhase('idle');
  }
}

export function createVideoService(o: VideoServiceOptions): VideoService {
  return new VideoService(o);
}

function mediaOf(infos: unknown[] | undefined): SessionTimeline['media'] {
  return (infos ?? []).flatMap((v) => {
    if (!v || typeof v !== 'object') return [];
    const o = v as Record<string, unknown>;
    const name = [o.filename, o.file_name, o.name, o.title].find((x): x is string => typeof x === 'string');
    if (!name) return [];
    return [
      {
        name,
        kind: typeof o.file_type === 'string' ? o.file_type : typeof o.kind === 'string' ? o.kind : undefined,
        duration: typeof o.duration === 'number' ? o.duration : undefined,
      },
    ];
  });
}
