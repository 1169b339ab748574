/**
 * The `local` backend: the free offline engine (src/engine) on 127.0.0.1 with its own random
 * token, in this extension host. Kept in its own module so `backend.ts` loads it (and the
 * engine's code) with a dynamic import only when the setting asks for it.
 */
import * as path from 'node:path';
import type { Backend, BackendConfig } from './backend';

export async function startLocalBackend(config: BackendConfig, log?: (line: string) => void): Promise<Backend> {
  const { startLocalEngine } = await import('../engine/local.js');
  const dataDir = path.join(config.storageDir, 'local-engine');
  const engine = await startLocalEngine({
    dataDir,
    ffmpegPath: config.ffmpegPath || undefined,
    log,
  });
  return { kind: 'local', baseUrl: engine.url, fixedToken: engine.token, key: `local:${dataDir}`, dispose: () => engine.close() };
}
