/**
 * The engine's state on disk, under one data dir:
 *   auth.json               anonymous users + tokens (stand-in)
 *   sessions/<sid>.json     session, its draft and its media list (upload order)
 *   media/<id>.<ext>        uploaded bytes, one copy per content hash
 *   renders/<id>.json|.mp4  render jobs and their outputs
 * Everything is loaded at start, kept in memory and written through atomically, so a restarted
 * engine with the same data dir knows its sessions and renders.
 */
import type { EngineRefusal } from '../contract/refusals';
import { readdirSync, rmSync } from 'node:fs';
import { privateDir } from './dataDirHygiene';
import { join } from 'node:path';
import { randomBytes, randomInt } from 'node:crypto';
import type { Draft } from '../contract/draft';
import type { MediaFile } from './contracts';
import { readJson, writeJsonAtomic } from './atomicFile';
import { refusalMessage } from './refusalText';

/** What a job running when the engine stopped becomes at the next start: failed, and why. */
const INTERRUPTED: EngineRefusal = { reason: 'interrupted' };

export interface SessionRecord {
  id: string;
  taskId: string;
  userId: string;
  taskName: string;
  language: string;
  createdAt: number;
  draft?: Draft;
  media: MediaFile[];
  history?: { role: 'user' | 'agent'; text: string; at: number }[];
}

export type RenderState = 'pending' | 'processing' | 'completed' | 'failed' | 'cancelled';

export interface RenderRecord {
  id: string;
  sessionId: string;
  userId: string;
  status: RenderState;
  progress: number;
  /** `preview`: a quick low-resolution render for the editor (contract/previewRender.ts). */
  output: { format: string; quality: string; preview?: boolean };
  createdAt: number;
  completedAt?: number;
  error?: string;
  /** Why it failed, as data, when the engine refused it (src/contract/refusals.ts). */
  refusal?: EngineRefusal;
  size?: number;
  /** Output duration, seconds. */
  duration?: number;
  /** Credits frozen for this job (released or deducted when it ends). */
  frozen?: number;
  /** While pending behind other renders: its place in line (1 = next). In memory only. */
  queuePosition?: number;
}

export interface UserRecord {
  id: string;
  clientId: string;
  available: number;
  frozen: number;
  lastTokenAt: number;
}

interface AuthFile {
  users: Record<string, UserRecord>;
  tokens: Record<string, { userId: string; expiresAt: number }>;
}

export const ID_PATTERN = /^[A-Za-z0-9_-]{1,80}$/;

export class Store {
  readonly sessionsDir: string;
  readonly mediaDir: string;
  readonly rendersDir: string;
  readonly tmpDir: string;
  private sessions = new Map<string, SessionRecord>();
  private renders = new Map<string, RenderRecord>();
  private auth: AuthFile = { users: {}, tokens: {} };

  constructor(readonly dataDir: string) {
    this.sessionsDir = join(dataDir, 'sessions');
    this.mediaDir = join(dataDir, 'media');
    this.rendersDir = join(dataDir, 'renders');
    this.tmpDir = join(dataDir, 'tmp');
    // The user's media, drafts and renders: private to them (0700 dirs, 0600 files).
    for (const d of [this.sessionsDir, this.mediaDir, this.rendersDir, this.tmpDir]) privateDir(d);
    this.load();
  }

  private load(): void {
    this.auth = readJson<AuthFile>(join(this.dataDir, 'auth.json')) ?? { users: {}, tokens: {} };
    for (const f of readdirSync(this.sessionsDir)) {
      if (!f.endsWith('.json') || f.startsWith('.')) continue;
      const s = readJson<SessionRecord>(join(this.sessionsDir, f));
      if (s && ID_PATTERN.test(s.id)) this.sessions.set(s.id, s);
    }
    for (const f of readdirSync(this.rendersDir)) {
      if (!f.endsWith('.json') || f.startsWith('.')) continue;
      const r = readJson<RenderRecord>(join(this.rendersDir, f));
      if (!r || !ID_PATTERN.test(r.id)) continue;
      this.renders.set(r.id, r);
      // Nobody is working on it any more: say so instead of leaving it spinning forever.
      if (r.status === 'pending' || r.status === 'processing') {
        this.updateRender(r, {
          status: 'failed',
          error: refusalMessage(INTERRUPTED),
          refusal: INTERRUPTED,
          completedAt: Date.now(),
        });
        if (r.frozen) this.releaseCredits(r.userId, r.frozen, false);
      }
    }
  }

  // ---- users and tokens (stand-in) ----
  private saveAuth(): void {
    writeJsonAtomic(join(this.dataDir, 'auth.json'), this.auth);
  }

  userByClientId(clientId: string): UserRecord | undefined {
    return Object.values(this.auth.users).find((u) => u.clientId === clientId);
  }

  createUser(clientId: string, credits: number): UserRecord {
    const u: UserRecord = {
      id: `anon_${randomBytes(8).toString('hex')}`,
      clientId,
      available: credits,
      frozen: 0,
      lastTokenAt: 0,
    };
    this.auth.users[u.id] = u;
    this.saveAuth();
    return u;
  }

  issueToken(user: UserRecord, ttlMs: number): { token: string; expiresAt: number } {
    const token = `nmv_usr_${randomBytes(24).toString('hex')}`;
    const expiresAt = Date.now() + ttlMs;
    this.auth.tokens[token] = { userId: user.id, expiresAt };
    user.lastTokenAt = Date.now();
    this.saveAuth();
    return { token, expiresAt };
  }

  /** The user a token belongs to; undefined when unknown or expired. */
  userForToken(token: string): UserRecord | undefined {
    const t = Object.hasOwn(this.auth.tokens, token) ? this.auth.tokens[token] : undefined;
    if (!t || t.expiresAt <= Date.now()) return undefined;
    return this.auth.users[t.userId];
  }

  user(id: string): UserRecord | undefined {
    return Object.hasOwn(this.auth.users, id) ? this.auth.users[id] : undefined;
  }

  /** Takes `n` credits; false (nothing taken) when not enough. */
  spendCredits(userId: string, n: number): boolean {
    const u = this.user(userId);
    if (!u) return true; // local user: unlimited
    if (u.available < n) return false;
    u.available -= n;
    this.saveAuth();
    return true;
  }

  freezeCredits(userId: string, n: number): boolean {
    const u = this.user(userId);
    if (!u) return true;
    if (u.available < n) return false;
    u.available -= n;
    u.frozen += n;
    this.saveAuth();
    return true;
  }

  /** Ends a freeze: `spend` deducts the credits, otherwise they go back to available. */
  releaseCredits(userId: string, n: number, spend: boolean): void {
    const u = this.user(userId);
    if (!u) return;
    u.frozen = Math.max(0, u.frozen - n);
    if (!spend) u.available += n;
    this.saveAuth();
  }

  // ---- sessions ----
  createSession(userId: string, taskName: string, language: string): SessionRecord {
    // Numeric string ids, like the cloud's.
    const id = `${Date.now()}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
    const s: SessionRecord = {
      id,
      taskId: `task_${randomBytes(8).toString('hex')}`,
      userId,
      taskName,
      language,
      createdAt: Date.now(),
      media: [],
    };
    this.saveSession(s);
    return s;
  }

  session(id: string): SessionRecord | undefined {
    return this.sessions.get(id);
  }

  saveSession(s: SessionRecord): void {
    this.sessions.set(s.id, s);
    writeJsonAtomic(join(this.sessionsDir, `${s.id}.json`), s);
  }

  // ---- renders ----
  render(id: string): RenderRecord | undefined {
    return this.renders.get(id);
  }

  saveRender(r: RenderRecord): void {
    this.renders.set(r.id, r);
    writeJsonAtomic(join(this.rendersDir, `${r.id}.json`), r);
  }

  /** Applies a change and persists it. */
  updateRender(r: RenderRecord, patch: Partial<RenderRecord>): void {
    Object.assign(r, patch);
    this.saveRender(r);
  }

  /** Every render record (finished ones until the retention sweep removes them). */
  allRenders(): RenderRecord[] {
    return [...this.renders.values()];
  }

  /** Forgets a render: its record and video (a superseded preview). */
  removeRender(id: string): void {
    this.renders.delete(id);
    for (const f of [`${id}.json`, `${id}.mp4`]) rmSync(join(this.rendersDir, f), { force: true });
  }

  renderFile(id: string): string {
    return join(this.rendersDir, `${id}.mp4`);
  }
}
