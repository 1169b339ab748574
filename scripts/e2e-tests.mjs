#!/usr/bin/env node
// End-to-end journeys in the real VS Code workbench (code-server) driven by Playwright in
// Debian's Chromium: test/e2e/*.test.ts, run one after another by node:test (TypeScript via tsx)
// so the stand-in server lives in the test process and its fault switches are flipped directly.
//
//   node scripts/e2e-tests.mjs [substring…]      (npm run test:e2e)
// Env: VG_RESULT_FILE   where to write {"pass","fail","skip"} (scripts/test.mjs sets it)
//      VG_E2E_OUT       screenshots + failure artifacts (default test-results/e2e, git-ignored)
//      VG_E2E_KEEP=1    keep a failed journey's code-server folder (user data, logs)
//      VG_VSIX          the packaged extension to install (packaged here when unset)
//      VG_E2E_INSTALLED (set here) the extensions folder it was installed into, copied per journey
//      VG_CACHE_DIR     where code-server/Node 24 live (scripts/setup-vscode.mjs)
// Exit code: non-zero when a journey failed or nothing ran.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setupVscode } from './setup-vscode.mjs';
import { countTests, testFiles, withNotRun } from './lib/countTests.mjs';
import { buildVsix, installVsix } from './lib/vsix.mjs';

const root = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
process.chdir(root);
const started = Date.now();
const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const filters = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const out = process.env.VG_E2E_OUT || join(root, 'test-results', 'e2e');

function writeResult(counts) {
  if (process.env.VG_RESULT_FILE) writeFileSync(process.env.VG_RESULT_FILE, JSON.stringify(counts));
}

// Counted from the source: a run that cannot start (or stops early) reports every journey test
// it did not run, as failures.
const expected = countTests(testFiles('test/e2e', filters));

function incomplete(counts, why) {
  const c = withNotRun(counts, expected);
  if (!c.fail) c.fail = 1;
  console.error(`e2e: ${why}${c.notRun ? ` — ${c.notRun} of ${expected} test(s) did not run` : ''}`);
  return c;
}

function main() {
  const paths = setupVscode();
  // The journeys install the VSIX users get (code-server --install-extension): package it once
  // unless npm test did (VG_VSIX).
  let vsix = process.env.VG_VSIX;
  if (process.env.VG_VSIX_FAILED === '1') throw new Error('packaging the VSIX failed (see above)');
  if (!vsix) {
    const vsixDir = mkdtempSync(join(tmpdir(), 'vg-e2e-vsix-'));
    process.once('exit', () => rmSync(vsixDir, { recursive: true, force: true }));
    vsix = buildVsix(join(vsixDir, 'extension.vsix'));
    console.log(`e2e: packaged ${vsix} (${seconds()})`);
  }
  // Installed once with code-server's CLI into a template extensions folder; every journey starts
  // from a copy (test/e2e/helpers/session.ts), so the install's 10–30 s is paid once, not per journey.
  const installedDir = mkdtempSync(join(tmpdir(), 'vg-e2e-installed-'));
  process.once('exit', () => rmSync(installedDir, { recursive: true, force: true }));
  installVsix(
    paths,
    { dir: installedDir, extensionsDir: join(installedDir, 'exts'), userDataDir: join(installedDir, 'user') },
    vsix,
  );
  console.log(`e2e: installed it with code-server --install-extension (${seconds()})`);

  const files = testFiles('test/e2e', filters);
  if (!files.length) throw new Error(`no e2e test files match ${filters.join(', ') || 'test/e2e/*.test.ts'}`);

  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  console.log(`e2e: ${files.length} journey file(s), screenshots in ${out} (${seconds()})`);

  const dir = mkdtempSync(join(tmpdir(), 'vg-e2e-'));
  const tap = join(dir, 'tap.txt');
  // One journey at a time: each runs its own code-server + Chromium on a 2-core machine.
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--import',
      './test/support/loopbackOnly.ts',
      '--test',
      '--test-concurrency=1',
      '--test-timeout=300000',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      ...files,
    ],
    {
      stdio: 'inherit',
      env: { ...process.env, VG_E2E_OUT: out, VG_VSIX: vsix, VG_E2E_INSTALLED: join(installedDir, 'exts') },
    },
  );
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  rmSync(dir, { recursive: true, force: true });
  const num = (k) => Number((text.match(new RegExp(`^# ${k} (\\d+)`, 'm')) ?? [])[1] ?? 0);
  const counts = { pass: num('pass'), fail: num('fail') + num('cancelled'), skip: num('skipped') + num('todo') };
  const ran = counts.pass + counts.fail + counts.skip;
  // Crashed before reporting, a journey file that did not load, or nothing ran: not a pass.
  if (r.status !== 0 || ran < expected || ran === 0)
    return incomplete(counts, `the journeys ended with exit code ${r.status ?? r.signal}`);
  console.log(`e2e: ${counts.pass} passed, ${counts.fail} failed, ${counts.skip} skipped (${seconds()})`);
  return counts;
}

let counts;
try {
  counts = main();
} catch (e) {
  counts = incomplete({ pass: 0, fail: 0, skip: 0 }, `cannot start: ${e instanceof Error ? e.message : e}`);
}
writeResult(counts);
process.exit(counts.fail ? 1 : 0);
