/**
 * Where a window finds the per-user engine process: `<dataDir>/process/engine.json` (0600 in a
 * 0700 dir, written atomically by the engine itself once it listens) holds its port, token, pid
 * and build. The token lives only here and in the engine's memory — never in settings, argv,
 * logs or URLs. `engine.lock` (created O_EXCL) lets one window at a time start an engine, so
 * two windows opening at once converge on one.
 */
import { closeSync, constants, linkSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { readJson, writeJsonAtomic } from '../atomicFile';
import { privateDir } from '../dataDirHygiene';

export interface EngineRecord {
  pid: number;
  port: number;
  token: string;
  /** Who started it (extension version, entry file and settings): another build restarts it. */
  build: string;
  startedAt: number;
}

/** Idle time before the engine process exits with no window, request or render: 10 minutes. */
export const IDLE_EXIT_MS = 10 * 60_000;
/** How often a window tells the engine it is still there (well inside IDLE_EXIT_MS). */
export const HEARTBEAT_MS = 60_000;

/** A lock older than this is from a window that died while starting an engine (a start takes seconds). */
export const LOCK_STALE_MS = 60_000;

export function processDir(dataDir: string): string {
  return join(dataDir, 'process');
}

export const recordPath = (dataDir: string) => join(processDir(dataDir), 'engine.json');
export const lockPath = (dataDir: string) => join(processDir(dataDir), 'engine.lock');
export const logPath = (dataDir: string) => join(processDir(dataDir), 'engine.log');

export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function readRecord(dataDir: string): EngineRecord | undefined {
  const r = readJson<Partial<EngineRecord>>(recordPath(dataDir));
  if (
    !r ||
    typeof r.pid !== 'number' ||
    typeof r.port !== 'number' ||
    typeof r.token !== 'string' ||
    typeof r.build !== 'string'
  )
    return undefined;
  return r as EngineRecord;
}

export function writeRecord(dataDir: string, r: EngineRecord): void {
  privateDir(processDir(dataDir));
  writeJsonAtomic(recordPath(dataDir), r);
}

/** Removes the record if it is still this process's (a successor may already have written its own). */
export function removeOwnRecord(dataDir: string, pid = process.pid): void {
  if (readRecord(dataDir)?.pid !== pid) return;
  try {
    unlinkSync(recordPath(dataDir));
  } catch {
    /* already gone */
  }
}

/** Takes the start lock, or returns undefined when another live window holds it. A dead holder's lock is broken. */
export function tryLock(dataDir: string, now = Date.now()): (() => void) | undefined {
  privateDir(processDir(dataDir));
  const path = lockPath(dataDir);
  const mine = JSON.stringify({ pid: process.pid, at: now, nonce: randomBytes(8).toString('hex') });
  // The lock appears with its content in one step (a hard link of a finished temp file), so a
  // window reading it never sees an empty lock and takes it for a crashed one.
  const take = (): boolean => {
    const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    const fd = openSync(
      tmp,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0),
      0o600,
    );
    try {
      writeSync(fd, mine);
    } finally {
      closeSync(fd);
    }
    try {
      linkSync(tmp, path);
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e;
    } finally {
      unlinkSync(tmp);
    }
  };
  if (!take()) {
    if (!lockIsStale(path, now)) return undefined;
    try {
      unlinkSync(path);
    } catch {
      /* another window broke it first */
    }
    if (!take()) return undefined;
  }
  return () => {
    // Only our own lock: if ours was broken as stale, the new holder's stays.
    try {
      if (readFileSync(path, 'utf8') === mine) unlinkSync(path);
    } catch {
      /* gone */
    }
  };
}

function lockIsStale(path: string, now: number): boolean {
  try {
    const held = JSON.parse(readFileSync(path, 'utf8')) as { pid?: number; at?: number };
    if (typeof held.pid !== 'number' || !isAlive(held.pid)) return true;
    return now - statSync(path).mtimeMs > LOCK_STALE_MS;
  } catch (e) {
    // Gone (the holder released it): not stale, just retry. Unreadable or torn: a crashed writer.
    return (e as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}
