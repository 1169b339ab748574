/**
 * The `local` backend: the free offline engine in its own per-user process (src/engine/process),
 * shared by this user's windows. Off the extension host, a slow turn never freezes the editor;
 * detached, it outlives a window reload, so the reloaded window re-attaches to a running export.
 * This window only finds or starts it, and tells it once a minute that it is still here.
 * Kept in its own module so `backend.ts` loads it only when the setting asks for it.
 */
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import type { Backend, BackendConfig } from './backend';

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

/** Two failed heartbeats in a row: the engine is gone (killed, crashed); the next use starts one. */
const LOST_AFTER_FAILURES = 2;

/**
 * Which engine this window wants: the extension's version, the engine bundle itself (a rebuilt
 * dist/engine.js in development) and the settings the engine runs with. Another value means
 * another window of a different build started the recorded engine: it is replaced.
 */
function buildId(entry: string, ffmpegPath: string): string {
  let mtime = 0;
  try {
    mtime = statSync(entry).mtimeMs;
  } catch {
    /* reported when it fails to start */
  }
  return createHash('sha256')
    .update(JSON.stringify([VERSION, entry, mtime, ffmpegPath]))
    .digest('hex')
    .slice(0, 16);
}

export async function startLocalBackend(
  config: BackendConfig,
  log?: (line: string) => void,
  onLost?: () => void,
): Promise<Backend> {
  const [{ attachEngine, probeEngine }, { HEARTBEAT_MS }, { locateFfmpeg }] = await Promise.all([
    import('../engine/process/attach.js'),
    import('../engine/process/record.js'),
    import('../engine/render/locate.js'),
  ]);
  const dataDir = path.join(config.storageDir, 'local-engine');
  // The bundle next to extension.js (esbuild.mjs), run by the Node inside this editor.
  const entry = path.join(__dirname, 'engine.js');
  const idle = Number(process.env.VG_ENGINE_IDLE_EXIT_MS);
  const engine = await attachEngine({
    dataDir,
    build: buildId(entry, config.ffmpegPath),
    command: process.execPath,
    args: [
      entry,
      ...(config.ffmpegPath ? ['--ffmpeg', config.ffmpegPath] : []),
      ...(idle > 0 ? ['--idle-exit-ms', String(idle)] : []),
    ],
    // Desktop VS Code's execPath is Electron: this makes it plain Node.
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    // A missing or old ffmpeg is reported here, with what to install, before anything starts.
    beforeStart: async () => {
      await locateFfmpeg({ ffmpegPath: config.ffmpegPath || undefined });
    },
  });
  log?.(`${engine.started ? 'started' : 'reusing'} the local engine process ${engine.pid} at ${engine.url}`);
  let failures = 0;
  const heartbeat = setInterval(() => {
    void probeEngine({ port: Number(new URL(engine.url).port), token: engine.token }).then((status) => {
      failures = status ? 0 : failures + 1;
      if (failures === LOST_AFTER_FAILURES) onLost?.();
    });
  }, HEARTBEAT_MS);
  heartbeat.unref();
  return {
    kind: 'local',
    baseUrl: engine.url,
    fixedToken: engine.token,
    key: `local:${dataDir}`,
    enginePid: engine.pid,
    // The window lets go; the engine keeps running its jobs and exits on its own once idle.
    dispose: async () => {
      clearInterval(heartbeat);
    },
  };
}
