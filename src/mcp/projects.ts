/**
 * The MCP server's projects: one editing session each, on the local engine or the cloud, over
 * the same core service as the CLI. Projects are remembered in the CLI's state file, so a
 * restarted server (or the CLI) continues them. The local engine starts on first use and its
 * token stays inside this process.
 */
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { createVideoService, type VideoService } from '../core/service';
import { DEFAULT_API_BASE } from '../core/api/client';
import type { Logger } from '../core/ports';
import { FileKeyValueStore, FileTokenStore, configDir, dataDir } from '../cli/stores';
import { startLocalEngine } from '../engine/local';
import type { Engine } from '../engine/server';

export type Backend = 'local' | 'cloud';
export type Platform = 'tiktok' | 'reels' | 'shorts' | 'youtube' | 'instagram-post' | 'square';

export interface ProjectRecord {
  id: string;
  backend: Backend;
  platform?: Platform;
  canvas?: { width: number; height: number };
  createdAt: number;
}

export interface ProjectsOptions {
  version: string;
  language: string;
  /** Local engine data (default: the CLI's data dir). */
  dataDir?: string;
  apiBase?: string;
  env?: Record<string, string | undefined>;
  log: Logger;
}

const KEY = 'videoGenerator.mcp.projects';

/** Words the planner (and the cloud agent) understand for each platform. */
export const PLATFORM_WORDS: Record<Platform, string> = {
  tiktok: 'vertical 9:16 for TikTok',
  reels: 'vertical 9:16 for Instagram Reels',
  shorts: 'vertical 9:16 for YouTube Shorts',
  youtube: 'landscape 16:9 for YouTube',
  'instagram-post': '4:5 for an Instagram post',
  square: 'square 1:1',
};

export class Projects {
  private readonly state: FileKeyValueStore;
  private readonly tokens: FileTokenStore;
  private engine: Promise<Engine> | undefined;
  private readonly services = new Map<string, VideoService>();

  constructor(private readonly o: ProjectsOptions) {
    const dir = configDir(o.env);
    this.state = new FileKeyValueStore(dir);
    this.tokens = new FileTokenStore(dir);
  }

  get engineDir(): string {
    return resolve(this.o.dataDir ?? join(dataDir(this.o.env), 'engine'));
  }

  apiBase(): string {
    const env = this.o.env ?? process.env;
    return this.o.apiBase ?? env.NEMO_API_URL ?? env.NEMO_API_BASE ?? DEFAULT_API_BASE;
  }

  private all(): Record<string, ProjectRecord> {
    return this.state.get<Record<string, ProjectRecord>>(KEY) ?? {};
  }

  list(): ProjectRecord[] {
    return Object.values(this.all()).sort((a, b) => b.createdAt - a.createdAt);
  }

  get(id: string): ProjectRecord {
    const p = Object.hasOwn(this.all(), id) ? this.all()[id] : undefined;
    if (!p) {
      const known = this.list()
        .slice(0, 5)
        .map((r) => r.id);
      throw new Error(
        `Unknown project_id "${id.slice(0, 80)}". ${known.length ? `Known projects: ${known.join(', ')}.` : 'There are no projects yet.'} Call create_video_project to start one.`,
      );
    }
    return p;
  }

  private async localEngine(): Promise<Engine> {
    this.engine ??= startLocalEngine({ dataDir: this.engineDir }).catch((e) => {
      this.engine = undefined;
      throw e;
    });
    return this.engine;
  }

  private async serviceFor(backend: Backend, projectKey: string): Promise<VideoService> {
    const common = {
      version: this.o.version,
      tokenStore: this.tokens,
      state: this.state,
      projectKey,
      language: this.o.language,
      env: this.o.env,
      log: this.o.log,
      pollIntervalStartMs: 1000,
      pollIntervalCapMs: 5000,
    };
    if (backend === 'local') {
      const e = await this.localEngine();
      return createVideoService({
        ...common,
        baseUrl: e.url,
        fixedToken: e.token,
        backendKey: `local:${this.engineDir}`,
      });
    }
    return createVideoService({ ...common, baseUrl: this.apiBase() });
  }

  async create(
    backend: Backend,
    platform?: Platform,
    canvas?: { width: number; height: number },
  ): Promise<{ record: ProjectRecord; svc: VideoService; sessionId: string }> {
    const id = `prj_${randomBytes(6).toString('hex')}`;
    const svc = await this.serviceFor(backend, `mcp:${id}`);
    const { sessionId } = await svc.newSession();
    const record: ProjectRecord = {
      id,
      backend,
      createdAt: Date.now(),
      ...(platform ? { platform } : {}),
      ...(canvas ? { canvas } : {}),
    };
    await this.state.set(KEY, { ...this.all(), [id]: record });
    this.services.set(id, svc);
    return { record, svc, sessionId };
  }

  async service(id: string): Promise<{ record: ProjectRecord; svc: VideoService }> {
    const record = this.get(id);
    let svc = this.services.get(id);
    if (!svc) {
      svc = await this.serviceFor(record.backend, `mcp:${id}`);
      this.services.set(id, svc);
    }
    return { record, svc };
  }

  /** A service for account-wide questions (credits) on a backend. */
  async accountService(backend: Backend): Promise<VideoService> {
    const key = `account:${backend}`;
    let svc = this.services.get(key);
    if (!svc) {
      svc = await this.serviceFor(backend, 'mcp:account');
      this.services.set(key, svc);
    }
    return svc;
  }

  async close(): Promise<void> {
    const e = await this.engine?.catch(() => undefined);
    await e?.close();
  }
}
