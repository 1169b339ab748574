// Runs the real VS Code workbench headless for tests: code-server (Node 24, installed by
// scripts/setup-vscode.mjs) on a random loopback port with throwaway profile folders, and
// Debian's Chromium driven by playwright-core. See CONTRIBUTING.md, "Tests in a real VS Code".
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, openSync, closeSync, readFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { vscodePaths } from '../setup-vscode.mjs';

/** A port nobody listens on right now (the OS picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Polls `check` until it returns a truthy value or `timeoutMs` passes. */
export async function waitFor(check, { timeoutMs = 30_000, intervalMs = 200, what = 'condition' } = {}) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await delay(intervalMs);
  }
}

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts code-server in its own session (setsid via `detached`), so stopping kills the whole
 * process group: the server, the extension host and the file watcher.
 * Options: workspace (folder opened when no ?folder=), extraArgs, env (added to the server's —
 * the extension host inherits it), settings (merged into the seeded settings.json), prepare
 * ({ dir, userDataDir, extensionsDir } → void|Promise: runs before the server starts, e.g. to
 * install an extension by copying it into extensionsDir).
 * Returns { port, url, dir, logFile, userDataDir, readLog(), stop({ keep }) }.
 */
export async function startCodeServer({
  workspace,
  extraArgs = [],
  env = {},
  settings = {},
  prepare,
  paths = vscodePaths(),
} = {}) {
  if (!existsSync(paths.codeServerEntry)) {
    throw new Error(`code-server is not installed (${paths.codeServerEntry}). Run: node scripts/setup-vscode.mjs`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'vg-code-server-'));
  const userDataDir = join(dir, 'user');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoUpdate': false,
        'extensions.autoCheckUpdates': false,
        'security.workspace.trust.enabled': false,
        'chat.disableAIFeatures': true,
        ...settings,
      },
      null,
      2,
    ),
  );
  const extensionsDir = join(dir, 'exts');
  mkdirSync(extensionsDir, { recursive: true });
  if (prepare) await prepare({ dir, userDataDir, extensionsDir });
  const port = await freePort();
  const logFile = join(dir, 'server.log');
  const out = openSync(logFile, 'a');
  const args = [
    paths.codeServerEntry,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--reconnection-grace-time',
    '5',
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    ...extraArgs,
  ];
  if (workspace) args.push(workspace);
  const child = spawn(paths.nodeBin, args, {
    detached: true, // setsid(): a process group of its own
    stdio: ['ignore', out, out],
    env: {
      ...process.env,
      ...env,
      PATH: `${join(paths.nodeHome, 'bin')}:${process.env.PATH}`,
      XDG_CONFIG_HOME: join(dir, 'config'),
      XDG_DATA_HOME: join(dir, 'data'),
      XDG_CACHE_HOME: join(dir, 'cache'),
    },
  });
  closeSync(out);
  let exited = null;
  child.once('exit', (code, signal) => {
    exited = { code, signal };
  });
  const url = `http://127.0.0.1:${port}`;
  const readLog = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');

  const stop = async ({ keep = false } = {}) => {
    if (groupAlive(child.pid)) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      try {
        await waitFor(() => !groupAlive(child.pid), { timeoutMs: 5_000, intervalMs: 100, what: 'code-server to stop' });
      } catch {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
    }
    if (!keep) rmSync(dir, { recursive: true, force: true });
  };

  try {
    await waitFor(
      async () => {
        if (exited) throw new Error(`code-server exited (${JSON.stringify(exited)}):\n${readLog().slice(-3000)}`);
        try {
          return (await fetch(`${url}/healthz`)).ok;
        } catch {
          return false;
        }
      },
      { timeoutMs: 60_000, what: `code-server /healthz on port ${port}` },
    );
  } catch (e) {
    await stop({ keep: true });
    throw e;
  }
  return { port, url, dir, logFile, userDataDir, readLog, stop };
}

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's Chromium through playwright-core, in a fresh profile. Returns { context, page, close() }. */
export async function launchBrowser({
  executablePath = vscodePaths().chromium,
  viewport = { width: 1400, height: 900 },
} = {}) {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'vg-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const close = async () => {
    await context.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, page, close };
}

/** The workbench URL for a folder, with an optional payload (extensionDevelopmentPath …). */
export function workbenchUrl(baseUrl, { folder, payload } = {}) {
  const q = new URLSearchParams();
  if (folder) q.set('folder', folder);
  if (payload) q.set('payload', JSON.stringify(payload));
  const qs = q.toString();
  return `${baseUrl}/${qs ? `?${qs}` : ''}`;
}

/** Opens the workbench and waits until it is usable (explorer rows shown when a folder is open). */
export async function openWorkbench(page, baseUrl, { folder, payload, timeoutMs = 60_000 } = {}) {
  await page.goto(workbenchUrl(baseUrl, { folder, payload }));
  await page.locator('.monaco-workbench').waitFor({ timeout: timeoutMs });
  if (folder) await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: timeoutMs });
}

/** Runs a command by its palette title: F1, '>' + title, wait for the row, Enter. Retries F1. */
export async function runCommand(page, title, { attempts = 4 } = {}) {
  const input = page.locator('.quick-input-widget input.input');
  for (let i = 1; ; i++) {
    try {
      await page.keyboard.press('F1');
      await input.waitFor({ state: 'visible', timeout: 3_000 });
      await input.fill(`>${title}`);
      await page
        .locator('.quick-input-widget .monaco-list-row', { hasText: title })
        .first()
        .waitFor({ timeout: 5_000 });
      await page.keyboard.press('Enter');
      return;
    } catch (e) {
      if (i >= attempts) throw new Error(`Could not run command "${title}": ${e instanceof Error ? e.message : e}`);
      await page.keyboard.press('Escape').catch(() => {});
    }
  }
}

/** The chat webview's content document (two iframes deep). */
export function webviewFrame(page) {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}
