/**
 * The `local` backend: the free offline engine (src/engine) on 127.0.0.1 with its own token.
 * Kept in its own module so `backend.ts` loads it with a dynamic import only when chosen.
 *
 * SEAM: wire `startLocalEngine()` here once src/engine exports it, e.g.
 *   const { startLocalEngine } = await import('../engine/local');
 *   const engine = await startLocalEngine({ dataDir: config.storageDir, ffmpegPath: config.ffmpegPath || undefined });
 *   return { kind: 'local', baseUrl: engine.baseUrl, fixedToken: engine.token, dispose: () => engine.close() };
 */
import * as vscode from 'vscode';
import type { Backend, BackendConfig } from './backend';

export async function startLocalBackend(config: BackendConfig): Promise<Backend> {
  void config;
  throw new Error(vscode.l10n.t('The local engine is not available in this build. Set "videoGenerator.backend" to "cloud" to use NemoVideo.'));
}
