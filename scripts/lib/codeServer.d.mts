// Types for codeServer.mjs, so TypeScript tests (test/e2e, bench) can use the harness.
import type { BrowserContext, Page, FrameLocator } from 'playwright-core';

export interface VscodePaths {
  cacheDir: string;
  nodeDir: string;
  nodeHome: string;
  nodeBin: string;
  codeServerDir: string;
  codeServerEntry: string;
  chromium: string;
}

export interface CodeServerDirs {
  dir: string;
  userDataDir: string;
  extensionsDir: string;
}

export interface CodeServer {
  port: number;
  url: string;
  dir: string;
  logFile: string;
  userDataDir: string;
  readLog(): string;
  stop(opts?: { keep?: boolean }): Promise<void>;
}

export function freePort(): Promise<number>;
export function waitFor<T>(
  check: () => T | Promise<T>,
  opts?: { timeoutMs?: number; intervalMs?: number; what?: string },
): Promise<NonNullable<T>>;
export function startCodeServer(opts?: {
  workspace?: string;
  extraArgs?: string[];
  env?: Record<string, string>;
  settings?: Record<string, unknown>;
  prepare?: (dirs: CodeServerDirs) => void | Promise<void>;
  paths?: VscodePaths;
}): Promise<CodeServer>;
export function launchBrowser(opts?: {
  executablePath?: string;
  viewport?: { width: number; height: number };
}): Promise<{ context: BrowserContext; page: Page; close(): Promise<void> }>;
export function workbenchUrl(baseUrl: string, opts?: { folder?: string; payload?: unknown }): string;
export function openWorkbench(
  page: Page,
  baseUrl: string,
  opts?: { folder?: string; payload?: unknown; timeoutMs?: number },
): Promise<void>;
export function runCommand(page: Page, title: string, opts?: { attempts?: number }): Promise<void>;
export function webviewFrame(page: Page): FrameLocator;
