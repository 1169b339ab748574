#!/usr/bin/env node
// Extension-host tests in a real VS Code: builds the extension and the suites, starts
// code-server with the smoke-test driver, opens the workbench in headless Chromium with a
// development extension and a suite as extensionTestsPath, and reads the mocha results the
// extension host prints to the page console. Two sessions, one after the other:
//   1. test/host/*.test.ts — our extension under development (ExtensionMode.Test, test hooks);
//   2. test/host-production/*.test.ts — a second extension (the token probe) under development,
//      ours INSTALLED from its VSIX (ExtensionMode.Production, as users run it).
//
//   node scripts/host-tests.mjs
// Env: VG_RESULT_FILE  where to write {"pass","fail","skip"} (scripts/test.mjs sets it)
//      VG_HOST_GREP    run only tests whose title matches
//      VG_HOST_TIMEOUT per-session limit in ms (default 300000)
//      VG_HOST_VERBOSE=1 echo the whole page console, not only test lines
//      VG_HOST_ONLY    test-mode | production-mode: run one session
//      VG_VSIX         the packaged extension for session 2 (built when unset)
//      VG_CACHE_DIR    where code-server/Node 24 live (scripts/setup-vscode.mjs)
// On failure a screenshot, the server log and the console land in test-results/host/.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setupVscode } from './setup-vscode.mjs';
import { startCodeServer, launchBrowser, workbenchUrl } from './lib/codeServer.mjs';
import { buildAll } from './lib/buildHostTests.mjs';
import { countTests, testFiles, withNotRun } from './lib/countTests.mjs';
import { buildVsix, installVsix } from './lib/vsix.mjs';

const root = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
process.chdir(root);
const started = Date.now();
const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const timeoutMs = Number(process.env.VG_HOST_TIMEOUT ?? 300_000);
const verbose = process.env.VG_HOST_VERBOSE === '1';
const outDir = join(root, 'test-results', 'host');

function writeResult(counts) {
  if (process.env.VG_RESULT_FILE) writeFileSync(process.env.VG_RESULT_FILE, JSON.stringify(counts));
}

// Counted from the source, so a run that cannot start (or stops early) reports every test it
// did not run. A title filter makes the expected number unknown: then only what ran counts.
const expectedIn = (dir) => (process.env.VG_HOST_GREP ? 0 : countTests(testFiles(dir)));

/** What ran, plus every expected test that did not, as failures (printed once). */
function incomplete(counts, expected, why) {
  const c = withNotRun(counts, expected);
  if (!c.fail) c.fail = 1;
  console.error(`host tests: ${why}${c.notRun ? ` — ${c.notRun} of ${expected} test(s) did not run` : ''}`);
  return c;
}

/** The last summary line the runner printed, or counts from the per-test lines. */
function parseResults(lines) {
  const summary = lines
    .map((l) => l.match(/VG-HOST-SUMMARY (\{[^}]*\})/))
    .filter(Boolean)
    .at(-1);
  if (summary) return JSON.parse(summary[1]);
  const count = (k) => new Set(lines.filter((l) => l.includes(`VG-HOST ${k} `))).size;
  return { pass: count('pass'), fail: count('fail'), skip: count('skip') };
}

/**
 * One code-server + browser session running one suite. `devPath` is the extension under
 * development, `prepare` installs others. Returns the counts (never throws).
 */
async function runSession({ name, paths, devPath, testsPath, expected, prepare, env = {} }) {
  const workspace = mkdtempSync(join(tmpdir(), 'vg-host-ws-'));
  writeFileSync(join(workspace, 'README.md'), '# Extension-host test workspace\n');
  let server;
  let browser;
  const lines = [];
  let counts;
  let ok = false;
  try {
    server = await startCodeServer({
      paths,
      extraArgs: ['--vscode-option', 'enable-smoke-test-driver'],
      env: { ...env, ...(process.env.VG_HOST_GREP ? { VG_HOST_GREP: process.env.VG_HOST_GREP } : {}) },
      prepare,
    });
    console.log(`host tests (${name}): code-server on port ${server.port} (${seconds()})`);
    browser = await launchBrowser({ executablePath: paths.chromium });
    const { page } = browser;
    page.on('console', (msg) => {
      const text = msg.text();
      lines.push(text);
      const m = text.match(/VG-HOST.*$/s);
      if (m) console.log(`  ${m[0].split('\n')[0].replace(/%c/g, '')}`);
      else if (verbose) console.log(`  [page ${msg.type()}] ${text.slice(0, 500)}`);
    });
    page.on('pageerror', (e) => lines.push(`pageerror: ${e.message}`));
    const exited = new Promise((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code) => resolve(Number(code)));
    });
    const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
    await page.goto(
      workbenchUrl(server.url, {
        folder: workspace,
        payload: [
          ['extensionDevelopmentPath', remote(devPath)],
          ['extensionTestsPath', remote(testsPath)],
        ],
      }),
    );
    let timer;
    const timedOut = new Promise((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const code = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    if (code === 'timeout') throw new Error(`the test run did not finish within ${timeoutMs} ms`);
    counts = parseResults(lines);
    const ran = counts.pass + counts.fail + counts.skip;
    // Crashed outside a test (a file that fails to load…), or nothing ran: not a pass.
    if (code !== 0 || ran < expected || ran === 0)
      counts = incomplete(counts, expected, `${name}: the test run ended with code ${code}`);
    ok = counts.fail === 0;
    console.log(
      `host tests (${name}): exit code ${code}; ${counts.pass} passed, ${counts.fail} failed, ${counts.skip} skipped (${seconds()})`,
    );
  } catch (e) {
    counts = incomplete(parseResults(lines), expected, `${name}: ${e instanceof Error ? e.message : e}`);
    ok = false;
  } finally {
    if (!ok) {
      const dir = join(outDir, name);
      mkdirSync(dir, { recursive: true });
      await browser?.page.screenshot({ path: join(dir, 'failure.png') }).catch(() => {});
      if (server) copyFileSync(server.logFile, join(dir, 'server.log'));
      writeFileSync(join(dir, 'console.log'), lines.join('\n'));
      console.error(`host tests (${name}): screenshot, server log and console saved in ${dir}`);
    }
    await browser?.close();
    await server?.stop();
    rmSync(workspace, { recursive: true, force: true });
  }
  return counts;
}

async function main() {
  const only = process.env.VG_HOST_ONLY;
  const expectedTest = only === 'production-mode' ? 0 : expectedIn('test/host');
  const expectedProduction = only === 'test-mode' ? 0 : expectedIn('test/host-production');
  let paths;
  try {
    paths = setupVscode();
  } catch (e) {
    writeResult(
      incomplete(
        { pass: 0, fail: 0, skip: 0 },
        expectedTest + expectedProduction,
        `cannot start: ${e instanceof Error ? e.message : e}`,
      ),
    );
    return false;
  }
  rmSync(outDir, { recursive: true, force: true });
  // The VSIX first: packaging rebuilds dist/ for production, buildAll() then rebuilds it for tests.
  let vsix = process.env.VG_VSIX;
  let vsixError = process.env.VG_VSIX_FAILED === '1' ? new Error('see above') : undefined;
  if (!vsix && !vsixError && only !== 'test-mode') {
    const vsixDir = mkdtempSync(join(tmpdir(), 'vg-host-vsix-'));
    process.once('exit', () => rmSync(vsixDir, { recursive: true, force: true }));
    try {
      vsix = buildVsix(join(vsixDir, 'extension.vsix'));
    } catch (e) {
      vsixError = e;
    }
  }
  const fileCount = await buildAll();
  console.log(`host tests: ${fileCount} file(s) built (${seconds()})`);

  const total = { pass: 0, fail: 0, skip: 0 };
  const add = (c) => {
    total.pass += c.pass;
    total.fail += c.fail;
    total.skip += c.skip;
  };
  if (only !== 'production-mode')
    add(
      await runSession({
        name: 'test-mode',
        paths,
        expected: expectedTest,
        devPath: root,
        testsPath: join(root, 'dist/test/host/index.js'),
      }),
    );
  if (only === 'test-mode') {
    // production-mode not asked for
  } else if (vsixError) {
    add(
      incomplete(
        { pass: 0, fail: 0, skip: 0 },
        expectedProduction,
        `production-mode: packaging the VSIX failed: ${vsixError instanceof Error ? vsixError.message : vsixError}`,
      ),
    );
  } else if (expectedProduction || process.env.VG_HOST_GREP) {
    add(
      await runSession({
        name: 'production-mode',
        paths,
        expected: expectedProduction,
        devPath: join(root, 'test/host-production/probe-extension'),
        testsPath: join(root, 'dist/test/host-production/index.js'),
        prepare: (dirs) => installVsix(paths, dirs, vsix),
        env: { VG_HOST_REPO_ROOT: root },
      }),
    );
  }
  writeResult(total);
  console.log(`host tests: ${total.pass} passed, ${total.fail} failed, ${total.skip} skipped (${seconds()})`);
  return total.fail === 0;
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (e) => {
    writeResult(
      incomplete(
        { pass: 0, fail: 0, skip: 0 },
        expectedIn('test/host') + expectedIn('test/host-production'),
        `cannot start: ${e instanceof Error ? e.message : e}`,
      ),
    );
    process.exit(1);
  },
);
