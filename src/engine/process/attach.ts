/**
 * A window's way to the per-user engine process: reuse the recorded engine when it answers its
 * token and is of our build; otherwise take the start lock, stop an engine of another build,
 * start a fresh one detached (it outlives the window) and wait for its record. Windows that
 * arrive together wait on the lock and then find the engine the first one started.
 */
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { closeSync, openSync, readFileSync, renameSync, statSync, constants } from 'node:fs';
import { isAlive, logPath, processDir, readRecord, tryLock, type EngineRecord } from './record';
import { privateDir } from '../dataDirHygiene';
import { EngineProcessError } from '../../contract/engineProcess';

export interface EngineStatus {
  build: string;
  pid: number;
  renders: number;
  inFlight: number;
}

export interface AttachOptions {
  dataDir: string;
  /** This window's build (extension version, entry file, settings): a different one is replaced. */
  build: string;
  /** How to start the engine process: `command args… --data <dataDir> --build <build>`. */
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  /** Runs before starting a new engine (the extension checks ffmpeg there for its clear message). */
  beforeStart?: () => Promise<void>;
  /** Give up starting (and waiting on another window's start) after this long (45 s). */
  timeoutMs?: number;
}

export interface AttachedEngine {
  url: string;
  token: string;
  pid: number;
  /** True when this call started it (false: reused). */
  started: boolean;
}

const POLL_MS = 50;
/** The engine log is started afresh beyond this size at the next start (the old one is kept as .1). */
const LOG_ROTATE_BYTES = 2 * 1024 * 1024;

/** GET /api/engine/status with the record's token; undefined when nothing (or something else) answers. */
export function probeEngine(
  r: Pick<EngineRecord, 'port' | 'token'>,
  timeoutMs = 2_000,
): Promise<EngineStatus | undefined> {
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: r.port,
        path: '/api/engine/status',
        method: 'GET',
        timeout: timeoutMs,
        headers: { Authorization: `Bearer ${r.token}`, Host: `127.0.0.1:${r.port}` },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          if (res.statusCode !== 200) return resolve(undefined);
          try {
            const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { data?: EngineStatus };
            resolve(body.data && typeof body.data.build === 'string' ? body.data : undefined);
          } catch {
            resolve(undefined);
          }
        });
        res.on('error', () => resolve(undefined));
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(undefined));
    req.end();
  });
}

function post(r: Pick<EngineRecord, 'port' | 'token'>, path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: r.port,
        path,
        method: 'POST',
        timeout: 2_000,
        headers: { Authorization: `Bearer ${r.token}`, Host: `127.0.0.1:${r.port}`, 'Content-Length': 0 },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode === 200));
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The recorded engine if it is alive, answers its token, is the pid it claims, and is of `build`. */
async function usable(
  dataDir: string,
  build: string,
): Promise<{ record?: EngineRecord; status?: EngineStatus; ok: boolean }> {
  const record = readRecord(dataDir);
  if (!record || !isAlive(record.pid)) return { ok: false };
  const status = await probeEngine(record);
  // Another process on a reused port, or an engine that lost its record to a successor: not ours.
  if (!status || status.pid !== record.pid) return { record, ok: false };
  return { record, status, ok: status.build === build };
}

export async function attachEngine(o: AttachOptions): Promise<AttachedEngine> {
  privateDir(processDir(o.dataDir));
  const deadline = Date.now() + (o.timeoutMs ?? 45_000);
  for (;;) {
    const found = await usable(o.dataDir, o.build);
    if (found.ok)
      return {
        url: `http://127.0.0.1:${found.record!.port}`,
        token: found.record!.token,
        pid: found.record!.pid,
        started: false,
      };
    const unlock = tryLock(o.dataDir);
    if (unlock) {
      try {
        // Someone may have finished starting one between our look and the lock.
        const again = await usable(o.dataDir, o.build);
        if (again.ok)
          return {
            url: `http://127.0.0.1:${again.record!.port}`,
            token: again.record!.token,
            pid: again.record!.pid,
            started: false,
          };
        if (again.status && again.record) await stopEngine(again.record, deadline);
        return await startEngineProcess(o, deadline);
      } finally {
        unlock();
      }
    }
    if (Date.now() > deadline) throw new EngineProcessError('lock-timeout', logPath(o.dataDir));
    await sleep(POLL_MS);
  }
}

/** Asks an engine of another build to stop and waits until its process is gone. */
async function stopEngine(r: EngineRecord, deadline: number): Promise<void> {
  await post(r, '/api/engine/shutdown');
  const until = Math.min(deadline, Date.now() + 15_000);
  while (isAlive(r.pid) && Date.now() < until) await sleep(POLL_MS);
  if (isAlive(r.pid)) {
    try {
      process.kill(r.pid, 'SIGTERM');
    } catch {
      /* gone */
    }
  }
}

function openLog(dataDir: string): number {
  const path = logPath(dataDir);
  try {
    if (statSync(path).size > LOG_ROTATE_BYTES) renameSync(path, `${path}.1`);
  } catch {
    /* no log yet */
  }
  return openSync(
    path,
    constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND | (constants.O_NOFOLLOW ?? 0),
    0o600,
  );
}

function logTail(dataDir: string): string {
  try {
    return readFileSync(logPath(dataDir), 'utf8').trimEnd().split('\n').slice(-3).join('\n');
  } catch {
    return '';
  }
}

async function startEngineProcess(o: AttachOptions, deadline: number): Promise<AttachedEngine> {
  await o.beforeStart?.();
  const fd = openLog(o.dataDir);
  let exited: string | undefined;
  let pid: number | undefined;
  try {
    // Detached (its own session) and unreferenced: the window may go, the engine stays.
    const child = spawn(o.command, [...o.args, '--data', o.dataDir, '--build', o.build], {
      detached: true,
      stdio: ['ignore', fd, fd],
      env: o.env ?? process.env,
      windowsHide: true,
    });
    child.on('error', (e) => {
      exited = e.message;
    });
    child.on('exit', (code, signal) => {
      exited = `exit ${code ?? signal}`;
    });
    child.unref();
    pid = child.pid;
  } finally {
    closeSync(fd);
  }
  for (;;) {
    const r = readRecord(o.dataDir);
    if (r && r.pid === pid) {
      const status = await probeEngine(r);
      if (status?.pid === pid) return { url: `http://127.0.0.1:${r.port}`, token: r.token, pid, started: true };
    }
    if (exited) throw new EngineProcessError('start-failed', logPath(o.dataDir), `${exited}: ${logTail(o.dataDir)}`);
    if (Date.now() > deadline) {
      if (pid)
        try {
          process.kill(pid, 'SIGTERM');
        } catch {
          /* gone */
        }
      throw new EngineProcessError('start-timeout', logPath(o.dataDir));
    }
    await sleep(POLL_MS);
  }
}
