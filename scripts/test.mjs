#!/usr/bin/env node
// The README's test command. Runs, in order:
//   0. type-check (src, webview, tests), lint and the Prettier format check — nothing runs on code that fails them;
//   1. unit, integration and hardening tests under plain Node (node:test, TypeScript via tsx);
//   2. extension-host tests inside a real VS Code (code-server)   — scripts/host-tests.mjs;
//   3. end-to-end journeys in the real workbench (Playwright)       — scripts/e2e-tests.mjs.
// Stages 2–3 need code-server and Chromium (scripts/setup-vscode.mjs installs them, once, below);
// locally they can be skipped with VG_SKIP_HOST=1 / VG_SKIP_E2E=1; on CI (CI=true) nothing is
// skipped. A stage that cannot start counts every test it could not run as failed. Ends with one
// "N passed, N failed" line over all stages.
//
//   node scripts/test.mjs                         everything (npm test)
//   node scripts/test.mjs --unit|--integration|--hardening [filter…]   one plain-Node layer
//   node scripts/test.mjs <filter…>               plain-Node test files whose path contains a filter
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, existsSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { ensureNpmDeps, ensureSystemPackages, say } from './lib/systemDeps.mjs';
import { countTests, testFiles, withNotRun } from './lib/countTests.mjs';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);
const args = process.argv.slice(2);
const LAYERS = ['unit', 'integration', 'hardening'];
const chosen = LAYERS.filter((l) => args.includes(`--${l}`));
const filters = args.filter((a) => !a.startsWith('--'));
// The whole suite, or only plain-Node tests (a layer flag or a filter).
const full = !chosen.length && !filters.length;
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
  totals.pass += counts.pass;
  totals.fail += counts.fail;
  totals.skip += counts.skip;
}

ensureNpmDeps(root);

// Checks first: a type error or a broken import boundary fails fast, before minutes of tests.
if (full) {
  for (const [what, script] of [
    ['type-check', 'typecheck'],
    ['lint', 'lint'],
    ['format check', 'format:check'],
  ]) {
    say(`${what}…`);
    const r = spawnSync('npm', ['run', '--silent', script], { stdio: 'inherit' });
    if (r.status !== 0) {
      say(`${what} failed (npm run ${script}); no tests were run.`);
      process.exit(1);
    }
  }
}

// ffmpeg + fonts (render tests) and Chromium (webview tests), with apt-get when this system
// allows it. The unit layer is pure and installs nothing.
if (!(chosen.length === 1 && chosen[0] === 'unit')) {
  const stillMissing = ensureSystemPackages([
    'ffmpeg',
    'fonts-dejavu-core',
    'fonts-noto-cjk',
    'fonts-inter',
    'fonts-ebgaramond',
    'fonts-comfortaa',
    'mate-backgrounds',
    // astronaut.png, a real face photo (public domain) for the face-detection tests.
    'python3-skimage',
    'chromium',
    'libkrb5-dev',
    'libheif-examples',
  ]);
  if (stillMissing.length)
    say(
      `Missing ${stillMissing.join(', ')} (could not install them here): the tests that need them will fail and say so.`,
    );
}

// The bundle is what the host and e2e stages load, and the CLI tests spawn dist/cli.js.
const build = spawnSync(process.execPath, ['esbuild.mjs'], { stdio: 'inherit' });
if (build.status !== 0) {
  console.error('Build failed.');
  process.exit(1);
}

const matching = (layers) =>
  layers.flatMap((l) => findTests(`test/${l}`)).filter((f) => !filters.length || filters.some((x) => f.includes(x)));
let files = matching(chosen.length ? chosen : LAYERS);
if (!files.length && chosen.length && filters.length) {
  // `npm run test:unit -- render-output` used to search every plain-Node layer: keep that working.
  files = matching(LAYERS);
  if (files.length)
    say(
      `No ${chosen.join('/')} test matches ${filters.join(', ')}; running the matching plain-Node tests of every layer.`,
    );
}
if (!full && !files.length) {
  say(`No test file matches ${filters.join(', ')}.`);
  process.exit(1);
}
if (files.length) {
  const dir = mkdtempSync(join(tmpdir(), 'vg-test-'));
  const tap = join(dir, 'tap.txt');
  const r = spawnSync(
    process.execPath,
    [
      // loopbackOnly: tests may reach only 127.0.0.0/8 and ::1 (any other connect/listen/DNS throws).
      '--import',
      'tsx',
      '--import',
      './test/support/loopbackOnly.ts',
      '--test',
      '--test-concurrency=2',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      ...files,
    ],
    { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
  );
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const num = (k) => Number((text.match(new RegExp(`^# ${k} (\\d+)`, 'm')) ?? [])[1] ?? 0);
  const counts = { pass: num('pass'), fail: num('fail') + num('cancelled'), skip: num('skipped') + num('todo') };
  if (r.status !== 0 && counts.fail === 0) counts.fail = 1; // crashed before reporting
  add(counts);
  rmSync(dir, { recursive: true, force: true });
}

const STAGES = [
  {
    name: 'host tests',
    script: 'scripts/host-tests.mjs',
    skipVar: 'VG_SKIP_HOST',
    tests: () => countTests([...testFiles('test/host'), ...testFiles('test/host-production')]),
  },
  {
    name: 'e2e journeys',
    script: 'scripts/e2e-tests.mjs',
    skipVar: 'VG_SKIP_E2E',
    tests: () => countTests(testFiles('test/e2e')),
  },
];
const stages = full ? STAGES.filter((s) => existsSync(s.script) && (ci || process.env[s.skipVar] !== '1')) : [];
for (const s of STAGES)
  if (full && !stages.includes(s) && existsSync(s.script)) console.log(`(skipping ${s.script}: ${s.skipVar}=1)`);

// Node 24 + code-server for the VS Code stages (cached outside the clone; instant when present).
// Run once here: when it fails, it is reported once and the stages are counted as not run.
let setupFailed = false;
const stageEnv = {};
if (stages.length) {
  const setup = spawnSync(process.execPath, ['scripts/setup-vscode.mjs'], { stdio: 'inherit' });
  setupFailed = setup.status !== 0;
  // The VSIX users get, packaged once (type-checked above): the host stage's production-mode
  // session and the e2e journeys install it. A failure is reported here, once.
  if (!setupFailed) {
    const vsixDir = mkdtempSync(join(tmpdir(), 'vg-vsix-'));
    process.once('exit', () => rmSync(vsixDir, { recursive: true, force: true }));
    const vsix = join(vsixDir, 'extension.vsix');
    const r = spawnSync(process.execPath, ['scripts/package-vsix.mjs', '--out', vsix], {
      stdio: 'inherit',
      env: { ...process.env, VG_PREPUBLISH_SKIP_TYPECHECK: '1' },
    });
    if (r.status === 0) stageEnv.VG_VSIX = vsix;
    else {
      say('Packaging the VSIX failed: the tests that install it will count as not run.');
      stageEnv.VG_VSIX_FAILED = '1';
    }
  }
}

for (const s of stages) {
  const expected = s.tests();
  if (setupFailed) {
    say(`${s.name}: ${expected} test(s) not run — setting up code-server failed (see above).`);
    add({ pass: 0, fail: expected, skip: 0 });
    continue;
  }
  const dir = mkdtempSync(join(tmpdir(), 'vg-stage-'));
  const result = join(dir, 'result.json');
  const r = spawnSync(process.execPath, [s.script], {
    stdio: 'inherit',
    env: { ...process.env, ...stageEnv, VG_RESULT_FILE: result },
  });
  let counts = existsSync(result) ? JSON.parse(readFileSync(result, 'utf8')) : { pass: 0, fail: 0, skip: 0 };
  if (r.status !== 0) {
    counts = withNotRun(counts, expected);
    if (!counts.fail) counts.fail = 1; // failed outside any test
    if (counts.notRun) say(`${s.name}: ${counts.notRun} of ${expected} test(s) did not run.`);
  }
  add(counts);
  rmSync(dir, { recursive: true, force: true });
}

console.log(`\n${totals.pass} passed, ${totals.fail} failed${totals.skip ? `, ${totals.skip} skipped` : ''}`);
process.exit(totals.fail ? 1 : 0);
