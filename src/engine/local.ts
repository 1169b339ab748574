/**
 * The free local engine: the protocol server in 'local' mode with the planner as its agent and
 * ffmpeg as its renderer. 127.0.0.1 only, a random bearer token, state under `dataDir`.
 * Used in-process by `video-gen --backend local` and the MCP server, standalone by `video-gen serve`,
 * and in its own per-user process (process/main.ts) by the extension, so windows share it.
 */
import type { EngineLog } from './engineLog';
import { startEngine, type Engine, type EngineControl } from './server';
import { join } from 'node:path';
import { PlannerAgent } from './planner/plannerAgent';
import { FileHistoryStore } from './planner/historyStore';
import { FfmpegRenderer } from './render/ffmpegRenderer';
import { locateFfmpeg } from './render/locate';
import { privateDir, sweepDataDir, unregisterInstance } from './dataDirHygiene';
import { defaultRenderConcurrency } from './renderQueue';
import { FfmpegPreviewer } from './preview/ffmpegPreviewer';

export interface LocalEngineOptions {
  dataDir: string;
  port?: number;
  /** Explicit ffmpeg binary (setting); else FFMPEG_PATH, else PATH. */
  ffmpegPath?: string;
  log?: EngineLog;
  /** Where `log` writes (named in error answers). */
  logFile?: string;
  /** See EngineOptions.requestBodyDeadlineMs. */
  requestBodyDeadlineMs?: number;
  /** See EngineOptions.renderConcurrency (default: cores / 2). */
  renderConcurrency?: number;
  /** See EngineOptions.renderDeadlineMs. */
  renderDeadlineMs?: number;
  /** See EngineOptions.control (the per-user engine process). */
  control?: EngineControl;
}

export async function startLocalEngine(o: LocalEngineOptions): Promise<Engine> {
  // Fail early with the install instructions rather than at the first export.
  const ff = await locateFfmpeg({ ffmpegPath: o.ffmpegPath });
  privateDir(o.dataDir);
  // What a killed engine left (partial uploads and renders, work dirs) goes before we start.
  const swept = sweepDataDir(o.dataDir);
  if (swept.removed.length)
    o.log?.(
      `removed ${swept.removed.length} partial file(s) left by an engine that stopped: ${swept.removed.slice(0, 5).join(', ')}`,
    );
  // Render work dirs and the music-bed cache live in the user's own 0700 data dir, not in the
  // shared temp dir where another local user could plant a file the renderer would trust.
  const workDir = join(o.dataDir, 'tmp', 'render');
  privateDir(workDir);
  const engine = await startEngine({
    dataDir: o.dataDir,
    port: o.port,
    agent: new PlannerAgent({ history: new FileHistoryStore(join(o.dataDir, 'history')) }),
    renderer: new FfmpegRenderer({ ffmpegPath: ff.ffmpegPath, ffprobePath: ff.ffprobePath, workDir }),
    ffprobePath: ff.ffprobePath,
    ffmpegPath: ff.ffmpegPath,
    previewer: new FfmpegPreviewer({ ffmpegPath: ff.ffmpegPath, ffprobePath: ff.ffprobePath }),
    log: o.log,
    logFile: o.logFile,
    requestBodyDeadlineMs: o.requestBodyDeadlineMs,
    renderConcurrency: o.renderConcurrency ?? defaultRenderConcurrency(),
    renderDeadlineMs: o.renderDeadlineMs,
    control: o.control,
  });
  const close = engine.close.bind(engine);
  return {
    ...engine,
    close: async () => {
      await close();
      unregisterInstance(o.dataDir);
    },
  };
}
