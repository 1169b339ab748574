/**
 * The free local engine: the protocol server in 'local' mode with the planner as its agent and
 * ffmpeg as its renderer. 127.0.0.1 only, a random bearer token, state under `dataDir`.
 * Used in-process by the extension (backend `local`), by `video-gen --backend local`, and
 * standalone by `video-gen serve`.
 */
import { startEngine, type Engine } from './server';
import { PlannerAgent } from './planner/plannerAgent';
import { FfmpegRenderer } from './render/ffmpegRenderer';
import { locateFfmpeg } from './render/locate';
import { FfmpegPreviewer } from './preview/ffmpegPreviewer';

export interface LocalEngineOptions {
  dataDir: string;
  port?: number;
  /** Explicit ffmpeg binary (setting); else FFMPEG_PATH, else PATH. */
  ffmpegPath?: string;
  log?: (line: string) => void;
}

export async function startLocalEngine(o: LocalEngineOptions): Promise<Engine> {
  // Fail early with the install instructions rather than at the first export.
  const ff = await locateFfmpeg({ ffmpegPath: o.ffmpegPath });
  return startEngine({
    mode: 'local',
    dataDir: o.dataDir,
    port: o.port,
    agent: new PlannerAgent(),
    renderer: new FfmpegRenderer({ ffmpegPath: ff.ffmpegPath, ffprobePath: ff.ffprobePath }),
    ffprobePath: ff.ffprobePath,
    previewer: new FfmpegPreviewer({ ffmpegPath: ff.ffmpegPath, ffprobePath: ff.ffprobePath }),
    log: o.log,
  });
}
