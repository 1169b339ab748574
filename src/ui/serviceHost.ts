/**
 * Owns the one VideoService of this window and builds it lazily on first use (activation does
 * no network and loads no backend). Settings changes and token changes in other windows drop
 * the instance; the next use builds a fresh one with the new settings.
 */
import * as vscode from 'vscode';
import type { ConnectionPhase, SessionChange, VideoServiceOptions } from '../core/serviceApi';
import type { Logger } from '../core/ports';
import { readBackendConfig, startBackend, type Backend } from './backend';
import { LOOPBACK_POLL_MS } from '../core/export';
import type { SecretTokenStore } from './secrets';
import type { SplitStateStore } from './splitState';
import type { UiVideoService, VideoServiceFactory } from './types';

const RESET_SETTINGS = ['apiBaseUrl', 'backend', 'language', 'pollIntervalCapSeconds', 'ffmpegPath'];

export interface ServiceHostDeps {
  factory: VideoServiceFactory;
  tokenStore: SecretTokenStore;
  state: SplitStateStore;
  log: Logger;
  version: string;
  storageDir: string;
  /** Extra options, used by the extension-host tests to shorten poll intervals. */
  overrides?: () => Partial<VideoServiceOptions>;
}

/** VS Code's display language as the ISO code sessions expect (`zh-cn` → `zh-CN`). */
export function sessionLanguage(): string {
  const setting = vscode.workspace.getConfiguration('videoGenerator').get<string>('language')?.trim();
  const lang = setting || vscode.env.language || 'en';
  const [base, region] = lang.split('-');
  return region ? `${base.toLowerCase()}-${region.toUpperCase()}` : base.toLowerCase();
}

export function projectKey(): string {
  return vscode.workspace.workspaceFolders?.[0]?.uri.toString() ?? 'no-folder';
}

export class ServiceHost implements vscode.Disposable {
  private current: Promise<{ service: UiVideoService; backend: Backend; unsubscribe: () => void }> | undefined;
  private readonly phaseEmitter = new vscode.EventEmitter<ConnectionPhase>();
  private readonly resetEmitter = new vscode.EventEmitter<void>();
  private readonly sessionEmitter = new vscode.EventEmitter<SessionChange>();
  private readonly disposables: vscode.Disposable[] = [];
  private lastPhase: ConnectionPhase = 'idle';

  readonly onDidChangePhase = this.phaseEmitter.event;
  /** The service was dropped (settings, token or sign-out): views should redraw. */
  readonly onDidReset = this.resetEmitter.event;
  /** The core changed the session it works in (first connect, renewal after 1002, New Session). */
  readonly onDidChangeSession = this.sessionEmitter.event;

  constructor(private readonly deps: ServiceHostDeps) {
    this.disposables.push(
      this.phaseEmitter,
      this.resetEmitter,
      this.sessionEmitter,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (RESET_SETTINGS.some((s) => e.affectsConfiguration(`videoGenerator.${s}`))) void this.reset();
      }),
      // Another window signed in or out: our connection holds a stale token.
      deps.tokenStore.onDidChange(() => void this.resetConnection()),
    );
  }

  get phase(): ConnectionPhase {
    return this.lastPhase;
  }

  /** True when the service exists (used to skip work that would trigger a connection). */
  get started(): boolean {
    return this.current !== undefined;
  }

  get(): Promise<UiVideoService> {
    this.current ??= this.create().catch((e: unknown) => {
      this.current = undefined;
      this.setPhase('error');
      throw e;
    });
    return this.current.then((c) => c.service);
  }

  /** Is the backend the local engine (credits are unlimited, export is free)? */
  async backendKind(): Promise<Backend['kind'] | undefined> {
    return this.current ? (await this.current).backend.kind : undefined;
  }

  /** Keeps the service but makes it fetch the token again on next use. */
  async resetConnection(): Promise<void> {
    const c = await this.current?.catch(() => undefined);
    c?.service.resetConnection();
    this.resetEmitter.fire();
  }

  async reset(): Promise<void> {
    const old = this.current;
    this.current = undefined;
    this.setPhase('idle');
    if (old) {
      try {
        const c = await old;
        c.unsubscribe();
        await c.backend.dispose();
      } catch {
        /* it never started */
      }
    }
    this.resetEmitter.fire();
  }

  private async create() {
    const config = readBackendConfig(this.deps.storageDir);
    // The engine process died under us (killed, crashed): the next use finds or starts a new one.
    const onLost = async () => {
      const c = await this.current?.catch(() => undefined);
      if (c?.backend !== backend) return;
      this.deps.log.info('The local engine process is gone; the next use starts a new one');
      await this.reset();
    };
    const backend: Backend = await startBackend(
      config,
      (line) => this.deps.log.debug(`engine: ${line}`),
      () => void onLost(),
    );
    const capSeconds = vscode.workspace.getConfiguration('videoGenerator').get<number>('pollIntervalCapSeconds') ?? 30;
    const service = this.deps.factory({
      baseUrl: backend.baseUrl,
      version: this.deps.version,
      tokenStore: this.deps.tokenStore,
      state: this.deps.state,
      projectKey: projectKey(),
      language: sessionLanguage(),
      env: process.env,
      fixedToken: backend.fixedToken,
      backendKey: backend.key,
      appName: vscode.env.appName,
      log: this.deps.log,
      // The local engine is polled fast (progress as it happens); the cloud with its back-off.
      ...(backend.kind === 'local'
        ? { pollIntervalStartMs: LOOPBACK_POLL_MS, pollIntervalCapMs: LOOPBACK_POLL_MS }
        : { pollIntervalCapMs: Math.max(1, capSeconds) * 1000 }),
      ...this.deps.overrides?.(),
    });
    const offPhase = service.onDidChangePhase((p) => this.setPhase(p));
    const offSession = service.onDidChangeSession((change) => this.sessionEmitter.fire(change));
    const unsubscribe = () => {
      offPhase();
      offSession();
    };
    this.deps.log.info(`Using the ${backend.kind} backend at ${backend.baseUrl}`);
    return { service, backend, unsubscribe };
  }

  private setPhase(p: ConnectionPhase): void {
    if (p === this.lastPhase) return;
    this.lastPhase = p;
    this.phaseEmitter.fire(p);
  }

  dispose(): void {
    void this.reset();
    for (const d of this.disposables) d.dispose();
  }
}
