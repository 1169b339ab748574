/**
 * The per-user engine process: the free local engine in a process of its own, shared by every
 * VS Code window of this user (they find it through record.ts). Off the extension host, a slow
 * chat turn or a render's text layout never blocks the editor's event loop; detached from any
 * window, a window reload does not stop the export it started.
 *
 * It exits on its own once idle: no request for `idleExitMs` (windows send one a minute while
 * they use it), none in flight (an open chat stream counts), no render running or queued. It
 * also exits when its data dir is deleted, on SIGTERM/SIGINT/SIGHUP, and when a window of
 * another build asks it to. Its ffmpeg children die with it (tiedSpawn.ts).
 */
import { existsSync } from 'node:fs';
import { startLocalEngine } from '../local';
import { privateDir } from '../dataDirHygiene';
import { IDLE_EXIT_MS, processDir, removeOwnRecord, writeRecord } from './record';

export interface EngineProcessOptions {
  dataDir: string;
  build: string;
  ffmpegPath?: string;
  idleExitMs?: number;
  log?: (line: string) => void;
}

/** Starts the engine, publishes its record, and resolves with the reason once it has stopped. */
export async function runEngineProcess(o: EngineProcessOptions): Promise<string> {
  const log = o.log ?? (() => undefined);
  const idleExitMs = o.idleExitMs ?? IDLE_EXIT_MS;
  privateDir(processDir(o.dataDir));
  let stop: (reason: string) => void = () => undefined;
  const stopped = new Promise<string>((resolve) => {
    stop = resolve;
  });
  const engine = await startLocalEngine({
    dataDir: o.dataDir,
    ffmpegPath: o.ffmpegPath,
    log,
    control: { build: o.build, shutdown: () => stop('asked to stop by a window of another build') },
  });
  writeRecord(o.dataDir, {
    pid: process.pid,
    port: engine.port,
    token: engine.token!,
    build: o.build,
    startedAt: Date.now(),
  });
  log(
    `engine process ${process.pid} listening on ${engine.url} (build ${o.build}); exits after ${Math.round(idleExitMs / 1000)} s idle`,
  );

  const check = setInterval(
    () => {
      if (!existsSync(o.dataDir)) return stop('its data dir was removed');
      const a = engine.activity();
      if (a.inFlight === 0 && a.renders === 0 && Date.now() - a.lastRequestAt >= idleExitMs) stop('idle');
    },
    Math.max(50, Math.min(5_000, Math.floor(idleExitMs / 4))),
  );
  const onSignal = (s: NodeJS.Signals) => stop(s);
  for (const s of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(s, onSignal);

  const reason = await stopped;
  clearInterval(check);
  // The record goes first: a window arriving now starts a fresh engine instead of reusing this one.
  removeOwnRecord(o.dataDir);
  await engine.close();
  log(`engine process ${process.pid} stopped: ${reason}`);
  for (const s of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.off(s, onSignal);
  return reason;
}
