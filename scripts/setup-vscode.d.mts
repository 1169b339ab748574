// Types for setup-vscode.mjs (used by TypeScript tests and benches).
import type { VscodePaths } from './lib/codeServer.d.mts';

export const NODE_MAJOR: string;
export const CODE_SERVER_VERSION: string;
export function vscodePaths(cacheDir?: string): VscodePaths;
export function setupVscode(paths?: VscodePaths): VscodePaths;
export function cleanInstallEnv(env?: NodeJS.ProcessEnv, extra?: Record<string, string>): Record<string, string>;
export function nestedNpmInstall(
  prefix: string,
  spec: string,
  opts?: { nodeHome?: string; env?: NodeJS.ProcessEnv },
): void;
