/**
 * Where the API lives for the `videoGenerator.backend` setting: the cloud origin from the
 * settings, or the local engine started on 127.0.0.1 (loaded only when chosen, so activation
 * stays fast and cloud users never load ffmpeg code).
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

/** `log` receives the local engine's request lines (method, path, status, ms — never tokens). */
export async function startBackend(config: BackendConfig, log?: (line: string) => void): Promise<Backend> {
  if (config.backend === 'cloud') {
    return { kind: 'cloud', baseUrl: config.apiBaseUrl, async dispose() {} };
  }
  const { startLocalBackend } = await import('./localBackend.js');
  return startLocalBackend(config, log);
}
