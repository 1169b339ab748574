/**
 * One journey's world: a throwaway code-server (own user-data and extensions folders, started
 * with setsid and stopped by process group) with the extension INSTALLED the way a user has it
 * (its VSIX through `code-server --install-extension`, no development mode, so notification
 * toasts show and the extension runs in ExtensionMode.Production), a
 * throwaway Chromium profile, and screenshots. When the body throws, a screenshot, the server
 * log, the extension's own logs and the stand-in's request list are saved before cleaning up.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Page } from 'playwright-core';
import type { CodeServer, VscodePaths } from '../../../scripts/lib/codeServer.mjs' with { 'resolution-mode': 'import' };
import type * as VsixLib from '../../../scripts/lib/vsix.mjs' with { 'resolution-mode': 'import' };
import type { Engine } from '../../../src/engine/server';

import { ROOT, codeServerLib, setupLib, vsixLib } from './harness';

export { ROOT };
export const OUT_DIR = process.env.VG_E2E_OUT || join(ROOT, 'test-results', 'e2e');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  publisher: string;
  name: string;
  version: string;
};
export const EXTENSION_ID = `${pkg.publisher}.${pkg.name}`;

let builtVsix: string | undefined;

/**
 * The VSIX the journeys install: VG_VSIX (scripts/e2e-tests.mjs and npm test package it once),
 * or one packaged now for a journey file run on its own.
 */
export async function vsixPath(): Promise<string> {
  if (process.env.VG_VSIX) return process.env.VG_VSIX;
  if (!builtVsix) {
    const { buildVsix } = await vsixLib();
    const dir = mkdtempSync(join(tmpdir(), 'vg-e2e-vsix-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    builtVsix = buildVsix(join(dir, 'extension.vsix'));
  }
  return builtVsix;
}

let installed: Promise<string> | undefined;

/**
 * The extension installed from its VSIX by code-server's own CLI, once (by the e2e runner, or
 * here once per process), into a template extensions folder: each journey starts from a copy of
 * it (the CLI takes 10–30 s on a busy machine; a copy takes milliseconds). extensions.json names the folder it was installed
 * in, so the copy's entry is pointed at the journey's folder.
 */
function installedTemplate(paths: VscodePaths, installVsix: typeof VsixLib.installVsix): Promise<string> {
  // scripts/e2e-tests.mjs installs it once for all journey files (each runs in its own process).
  if (process.env.VG_E2E_INSTALLED) return Promise.resolve(process.env.VG_E2E_INSTALLED);
  installed ??= vsixPath().then((vsix) => {
    const dir = mkdtempSync(join(tmpdir(), 'vg-e2e-installed-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    installVsix(paths, { dir, extensionsDir: join(dir, 'exts'), userDataDir: join(dir, 'user') }, vsix);
    return join(dir, 'exts');
  });
  return installed;
}

function copyInstalled(template: string, extensionsDir: string): void {
  cpSync(template, extensionsDir, { recursive: true });
  const registry = join(extensionsDir, 'extensions.json');
  if (existsSync(registry)) writeFileSync(registry, readFileSync(registry, 'utf8').split(template).join(extensionsDir));
}

export interface Journey {
  name: string;
  page: Page;
  server: CodeServer;
  workspace: string;
  /** Screenshot `<journey>-<nn>-<step>.png` in OUT_DIR; returns its path. */
  shot(step: string): Promise<string>;
  /** Opens (or re-opens after a reload) the workbench on the workspace. */
  open(): Promise<void>;
  /** Every file under the user-data folder whose path matches (logs, state). */
  userFiles(match?: RegExp): string[];
}

export interface JourneyOptions {
  workspace: string;
  settings?: Record<string, unknown>;
  /** The stand-in whose requests are saved on failure. */
  backend?: Engine;
  viewport?: { width: number; height: number };
  /** Extra code-server arguments (e.g. ['--log', 'trace']). */
  serverArgs?: string[];
}

function walk(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p, { throwIfNoEntry: false });
    if (!st) continue;
    if (st.isDirectory()) walk(p, out);
    else if (st.isFile()) out.push(p);
  }
  return out;
}

export { walk as listFiles };

/** A running journey: `step` saves artifacts when a step fails; `finish` stops everything. */
export interface OpenJourney extends Journey {
  /** Runs one named step; on failure saves `<journey>-FAILED-<step>/` (screenshot, logs) and rethrows. */
  step<T>(title: string, body: () => Promise<T>): Promise<T>;
  finish(): Promise<void>;
}

export async function startJourney(name: string, o: JourneyOptions): Promise<OpenJourney> {
  mkdirSync(OUT_DIR, { recursive: true });
  const { launchBrowser, openWorkbench, startCodeServer } = await codeServerLib();
  const { installVsix } = await vsixLib();
  const paths = (await setupLib()).vscodePaths();
  const template = await installedTemplate(paths, installVsix);
  const server = await startCodeServer({
    paths,
    settings: {
      'workbench.colorTheme': 'Default Dark Modern',
      'explorer.autoReveal': false,
      'explorer.confirmDragAndDrop': false,
      'window.commandCenter': false,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      ...o.settings,
    },
    prepare: ({ extensionsDir }) => copyInstalled(template, extensionsDir),
    extraArgs: o.serverArgs ?? [],
  });
  const browser = await launchBrowser({ viewport: o.viewport ?? { width: 1400, height: 900 } }).catch(
    async (e: unknown) => {
      await server.stop();
      throw e;
    },
  );
  const { page } = browser;
  const consoleLines: string[] = [];
  page.on('console', (m) => {
    consoleLines.push(`[${m.type()}] ${m.text()}`);
  });
  page.on('pageerror', (e) => {
    consoleLines.push(`[pageerror] ${e.message}`);
  });
  let n = 0;
  let failed = false;
  const started = Date.now();
  const j: OpenJourney = {
    name,
    page,
    server,
    workspace: o.workspace,
    async shot(step) {
      const file = join(OUT_DIR, `${name}-${String(++n).padStart(2, '0')}-${step}.png`);
      await page.screenshot({ path: file });
      return file;
    },
    open: () => openWorkbench(page, server.url, { folder: o.workspace }),
    userFiles: (match) => walk(server.userDataDir).filter((f) => !match || match.test(f)),
    async step(title, body) {
      const t0 = Date.now();
      try {
        const value = await body();
        console.log(`  ${name} · ${title}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
        return value;
      } catch (e) {
        failed = true;
        await saveFailure(j, `${name}-FAILED-${title.replace(/[^\w]+/g, '-')}`, o, consoleLines).catch((err: unknown) =>
          console.error(`could not save failure artifacts: ${String(err)}`),
        );
        throw e;
      }
    },
    async finish() {
      console.log(`  ${name}: ${failed ? 'FAILED' : 'done'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      await browser.close();
      await server.stop({ keep: failed && process.env.VG_E2E_KEEP === '1' });
    },
  };
  try {
    await j.step('open the workbench', () => j.open());
  } catch (e) {
    await j.finish();
    throw e;
  }
  return j;
}

/** A whole journey as one step: start, run `body`, save artifacts if it throws, stop. */
export async function withJourney(name: string, o: JourneyOptions, body: (j: Journey) => Promise<void>): Promise<void> {
  const j = await startJourney(name, o);
  try {
    await j.step('journey', () => body(j));
  } finally {
    await j.finish();
  }
}

async function saveFailure(j: Journey, folder: string, o: JourneyOptions, consoleLines: string[]): Promise<void> {
  const dir = join(OUT_DIR, folder);
  mkdirSync(dir, { recursive: true });
  await j.page.screenshot({ path: join(dir, 'screen.png') }).catch(() => undefined);
  writeFileSync(join(dir, 'server.log'), j.server.readLog());
  writeFileSync(join(dir, 'browser-console.log'), consoleLines.join('\n'));
  // The extension host's logs, including the "Video Generator" output channel.
  for (const f of j.userFiles(/\/logs\/.*\.log$/)) {
    const to = join(dir, 'logs', relative(join(j.server.userDataDir, 'logs'), f));
    cpSync(f, to);
  }
  if (o.backend) {
    writeFileSync(
      join(dir, 'backend-requests.json'),
      JSON.stringify(
        o.backend.requests.map((r) => ({ method: r.method, path: r.path, time: r.time })),
        null,
        2,
      ),
    );
  }
  console.error(`  ${j.name}: screenshot and logs saved in ${dir}`);
}

/** Removes a folder made for a journey (workspace, stand-in data). */
export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
