/**
 * Where the API lives for the `videoGenerator.backend` setting: the cloud origin from the
 * settings, or the local engine's per-user process on 127.0.0.1 (found or started only when
 * chosen, so activation stays fast and cloud users never start it).
 */
import * as vscode from 'vscode';

export type BackendSetting = 'cloud' | 'local';

export interface Backend {
  kind: BackendSetting;
  baseUrl: string;
  /** The local engine's own token (never stored). */
  fixedToken?: string;
  /** Stable identity for remembered sessions/exports (the local engine's port changes per start). */
  key?: string;
  /** The local engine's own process (never this extension host's). */
  enginePid?: number;
  dispose(): Promise<void>;
}

export interface BackendConfig {
  backend: BackendSetting;
  apiBaseUrl: string;
  ffmpegPath: string;
  /** Where the local engine keeps uploads and renders. */
  storageDir: string;
}

export function readBackendConfig(storageDir: string): BackendConfig {
  const c = vscode.workspace.getConfiguration('videoGenerator');
  return {
    backend: c.get<string>('backend') === 'local' ? 'local' : 'cloud',
    apiBaseUrl: (c.get<string>('apiBaseUrl') || 'https://mega-api-prod.nemovideo.ai').replace(/\/+$/, ''),
    ffmpegPath: c.get<string>('ffmpegPath') || '',
    storageDir,
  };
}

/** `log` receives lines about the local engine (never tokens); `onLost` is called when its process is gone. */
export async function startBackend(
  config: BackendConfig,
  log?: (line: string) => void,
  onLost?: () => void,
): Promise<Backend> {
  if (config.backend === 'cloud') {
    return { kind: 'cloud', baseUrl: config.apiBaseUrl, async dispose() {} };
  }
  const { startLocalBackend } = await import('./localBackend.js');
  return startLocalBackend(config, log, onLost);
}
