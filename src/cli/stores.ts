/**
 * The CLI's stores: the token in a 0600 JSON file and non-secret state in another, both in the
 * user's config dir ($XDG_CONFIG_HOME or ~/.config on Linux, Library/Application Support on
 * macOS, %APPDATA% on Windows). Writes are atomic (temp file + rename).
 */
import { mkdirSync, readFileSync, rmSync, chmodSync } from 'node:fs';
import { writeFileAtomic } from '../engine/atomicFile';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { KeyValueStore, StoredToken, TokenStore } from '../core/ports';

const APP = 'video-generator-free-app';

export function configDir(env = process.env): string {
  if (env.VIDEO_GEN_CONFIG_DIR) return env.VIDEO_GEN_CONFIG_DIR;
  if (process.platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP);
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP);
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), APP);
}

export function dataDir(env = process.env): string {
  if (env.VIDEO_GEN_DATA_DIR) return env.VIDEO_GEN_DATA_DIR;
  if (process.platform === 'win32') return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), APP);
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP, 'data');
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), APP);
}

function readJson<T>(path: string): T | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

function writeJsonAtomic(path: string, value: unknown, mode: number): void {
  writeFileAtomic(path, JSON.stringify(value, null, 2));
  chmodSync(path, mode); // already 0600 from the exclusive create; explicit in case umask or mode differs
}

export class FileTokenStore implements TokenStore {
  private readonly path: string;
  constructor(dir: string) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.path = join(dir, 'token.json');
  }
  async get(): Promise<StoredToken | undefined> {
    return readJson<StoredToken>(this.path);
  }
  async set(token: StoredToken): Promise<void> {
    writeJsonAtomic(this.path, token, 0o600);
  }
  async delete(): Promise<void> {
    rmSync(this.path, { force: true });
  }
}

export class FileKeyValueStore implements KeyValueStore {
  private readonly path: string;
  private cache: Record<string, unknown>;
  constructor(dir: string) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.path = join(dir, 'state.json');
    this.cache = readJson<Record<string, unknown>>(this.path) ?? {};
  }
  get<T>(key: string): T | undefined {
    return this.cache[key] as T | undefined;
  }
  async set(key: string, value: unknown): Promise<void> {
    // Re-read first: another video-gen process may have written meanwhile.
    this.cache = { ...(readJson<Record<string, unknown>>(this.path) ?? {}) };
    if (value === undefined) delete this.cache[key];
    else this.cache[key] = value;
    writeJsonAtomic(this.path, this.cache, 0o600);
  }
}
