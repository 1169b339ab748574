// Types for vsix.mjs (used by the TypeScript e2e tests).
import type { CodeServerDirs, VscodePaths } from './codeServer.d.mts';

export function buildVsix(outFile: string, opts?: { skipTypecheck?: boolean }): string;
export function listZip(file: string): { bytes: number; entries: Array<{ name: string; size: number }> };
export function installVsix(
  paths: VscodePaths,
  dirs: Pick<CodeServerDirs, 'extensionsDir' | 'userDataDir'> & { dir?: string },
  vsix: string,
): void;
