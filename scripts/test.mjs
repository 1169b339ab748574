#!/usr/bin/env node
// The README's test command. Runs, in order:
//   1. unit + integration tests under plain Node (node:test, TypeScript through tsx);
//   2. extension-host tests inside a real VS Code (code-server)   — scripts/host-tests.mjs;
//   3. end-to-end journeys in the real workbench (Playwright)       — scripts/e2e-tests.mjs.
// Stages 2–3 need code-server and Chromium (scripts/setup-vscode.mjs installs them, run below);
// locally they can be skipped with VG_SKIP_HOST=1 / VG_SKIP_E2E=1 or `--unit`; on CI
// (CI=true) nothing is skipped. Ends with one "N passed, N failed" line over all stages.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, existsSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { ensureNpmDeps, ensureSystemPackages, say } from './lib/systemDeps.mjs';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);
const args = process.argv.slice(2);
const onlyUnit = args.includes('--unit');
const filters = args.filter((a) => !a.startsWith('--'));
const ci = process.env.CI === 'true' || process.env.CI === '1';

function findTests(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...findTests(p));
    else if (/\.test\.(ts|mjs|js)$/.test(name)) out.push(p);
  }
  return out.sort();
}

const totals = { pass: 0, fail: 0, skip: 0 };
function add(counts) {
  totals.pass += counts.pass; totals.fail += counts.fail; totals.skip += counts.skip;
}

// A fresh clone passes `npm test` on its own: npm dependencies, then ffmpeg + fonts (render
// tests) and Chromium (webview tests), installed with apt-get when this system allows it.
ensureNpmDeps(root);
const stillMissing = ensureSystemPackages(['ffmpeg', 'fonts-dejavu-core', 'fonts-noto-cjk', 'fonts-inter', 'mate-backgrounds', 'chromium', 'libkrb5-dev']);
if (stillMissing.length) say(`Missing ${stillMissing.join(', ')} (could not install them here): the tests that need them will fail and say so.`);

// The bundle is what the host and e2e stages load, and the CLI tests spawn dist/cli.js.
const build = spawnSync(process.execPath, ['esbuild.mjs'], { stdio: 'inherit' });
if (build.status !== 0) { console.error('Build failed.'); process.exit(1); }

let files = [...findTests('test/unit'), ...findTests('test/integration'), ...findTests('test/hardening')];
if (filters.length) files = files.filter((f) => filters.some((x) => f.includes(x)));
if (files.length) {
  const dir = mkdtempSync(join(tmpdir(), 'vg-test-'));
  const tap = join(dir, 'tap.txt');
  const r = spawnSync(process.execPath, [
    '--import', 'tsx', '--test', '--test-concurrency=2',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tap}`,
    ...files,
  ], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } });
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const num = (k) => Number((text.match(new RegExp(`^# ${k} (\\d+)`, 'm')) ?? [])[1] ?? 0);
  const counts = { pass: num('pass'), fail: num('fail') + num('cancelled'), skip: num('skipped') + num('todo') };
  if (r.status !== 0 && counts.fail === 0) counts.fail = 1; // crashed before reporting
  add(counts);
  rmSync(dir, { recursive: true, force: true });
}

function stage(script, skipVar) {
  if (onlyUnit || filters.length) return;
  if (!existsSync(script)) return;
  if (!ci && process.env[skipVar] === '1') { console.log(`(skipping ${script}: ${skipVar}=1)`); return; }
  const dir = mkdtempSync(join(tmpdir(), 'vg-stage-'));
  const result = join(dir, 'result.json');
  const r = spawnSync(process.execPath, [script], { stdio: 'inherit', env: { ...process.env, VG_RESULT_FILE: result } });
  const counts = existsSync(result) ? JSON.parse(readFileSync(result, 'utf8')) : { pass: 0, fail: 1, skip: 0 };
  if (r.status !== 0 && !counts.fail) counts.fail = 1;
  add(counts);
  rmSync(dir, { recursive: true, force: true });
}
// Node 24 + code-server for the VS Code stages (cached outside the clone; instant when present).
if (!onlyUnit && !filters.length && (ci || process.env.VG_SKIP_HOST !== '1' || process.env.VG_SKIP_E2E !== '1')) {
  const setup = spawnSync(process.execPath, ['scripts/setup-vscode.mjs'], { stdio: 'inherit' });
  if (setup.status !== 0) say('Setting up code-server failed; the VS Code stages will fail.');
}
stage('scripts/host-tests.mjs', 'VG_SKIP_HOST');
stage('scripts/e2e-tests.mjs', 'VG_SKIP_E2E');

console.log(`\n${totals.pass} passed, ${totals.fail} failed${totals.skip ? `, ${totals.skip} skipped` : ''}`);
process.exit(totals.fail ? 1 : 0);
