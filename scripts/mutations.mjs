#!/usr/bin/env node
// Guards and the tests that die without them. For each guard below: patch the product code to
// remove it (one exact text replacement), run the one test that names it, expect it to FAIL,
// restore the file. Writes docs/mutations.md with the table. A guard whose test still passes
// without it — or whose patch no longer applies — is reported and makes the exit code 1.
//
//   node scripts/mutations.mjs            # all guards (a few minutes: some tests render video)
//   node scripts/mutations.mjs render     # only guards whose name contains "render"
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);
const only = process.argv.slice(2);

/** name, file, exact text, replacement (the guard removed), test file, test name pattern. */
const GUARDS = [
  [
    'engine binds 127.0.0.1 only',
    'src/engine/server.ts',
    "server.listen(port, '127.0.0.1'",
    "server.listen(port, '::1'",
    'test/hardening/engine-sec.test.ts',
    'binds 127',
  ],
  [
    'Host header must be loopback (DNS rebinding)',
    'src/engine/localHooks.ts',
    'if (!hostAllowed(req, port()))',
    'if (false)',
    'test/hardening/engine-sec.test.ts',
    'Host header',
  ],
  [
    'JSON body size limit (413)',
    'src/engine/http/envelope.ts',
    'return new HttpError(413, 413, `Request body too large',
    'return new HttpError(400, 400, `Request body too large',
    'test/hardening/engine-sec.test.ts',
    'body size limits',
  ],
  [
    'chat message length limit (20,000 chars)',
    'src/engine/http/sse.ts',
    'if (text.length > MAX_CHAT_CHARS) {',
    'if (false) {',
    'test/hardening/engine-sec.test.ts',
    '20,000 characters',
  ],
  [
    'request body deadline (408)',
    'src/engine/server.ts',
    '    requestTimeout,\n',
    '    requestTimeout: 0,\n',
    'test/hardening/engine-sec.test.ts',
    'dripped',
  ],
  [
    'SSRF check on every redirect hop',
    'src/engine/urlFetch.ts',
    'resolveChecked(url.hostname, opts.allowPrivate,',
    'resolveChecked(url.hostname, opts.allowPrivate || hop > 0,',
    'test/hardening/input-urls.test.ts',
    'redirects to a loopback',
  ],
  [
    'URL download deadline',
    'src/engine/urlFetch.ts',
    '    active?.destroy(expired);',
    '    void active;',
    'test/hardening/input-urls.test.ts',
    'drips a byte',
  ],
  [
    'photo pixel cap at upload',
    'src/engine/mediaIngest.ts',
    'if (width * height <= limit) return undefined;',
    'return undefined;',
    'test/hardening/input-files.test.ts',
    'megapixels',
  ],
  [
    'render memory: many photos drawn in chunks',
    'src/engine/render/graph.ts',
    '    budget !== undefined && vsegs.reduce(',
    '    false && budget !== undefined && vsegs.reduce(',
    'test/integration/render-memory.test.ts',
    '48 photos',
  ],
  [
    'render memory: photos read from their staged frame',
    'src/engine/render/graph.ts',
    "seg.media.kind === 'image' ? stageInput(stages.get(seg.index)!, canvas.fps) : clipInput(seg)",
    "seg.media.kind === 'image' ? ['-framerate', String(canvas.fps), '-i', seg.media.path] : clipInput(seg)",
    'test/integration/render-memory.test.ts',
    'camera-size',
  ],
  [
    'render memory: a transition starts when concat reaches it',
    'src/engine/render/transitionFilters.ts',
    '`${b}fifo,format=yuva420p',
    '`${b}format=yuva420p',
    'test/integration/render-memory.test.ts',
    'old shot draw',
  ],
  [
    'ffmpeg dies with its engine (pdeathsig)',
    'src/engine/tiedSpawn.ts',
    'const helper = parentDeathHelper();',
    'const helper = null;',
    'test/hardening/crash-hygiene.test.ts',
    'tied ffmpeg with no pipe',
  ],
  [
    'stale partials swept at start',
    'src/engine/local.ts',
    'const swept = sweepDataDir(o.dataDir);',
    'const swept = { removed: [] as string[] };',
    'test/hardening/crash-hygiene.test.ts',
    'kill -9',
  ],
  [
    'token file never written through a symlink',
    'src/cli/run.ts',
    "writeFileAtomic(tokenFile, engine.token ?? '');",
    "require('node:fs').writeFileSync(tokenFile, engine.token ?? '', { mode: 0o600 });",
    'test/hardening/crash-hygiene.test.ts',
    'symlink planted',
  ],
  [
    'rendered MP4 is 0600',
    'src/engine/renderJobs.ts',
    'chmodSync(outFile, 0o600);',
    '',
    'test/hardening/crash-hygiene.test.ts',
    'private',
  ],
  [
    'disk full is said as such (507)',
    'src/engine/http/dispatch.ts',
    'const e = isDiskFull(thrown) ?',
    'const e = false ?',
    'test/hardening/crash-hygiene.test.ts',
    'disk full',
  ],
  [
    'render retention (a week)',
    'src/engine/dataDirHygiene.ts',
    'removed.push(...expireRenders(',
    'void (',
    'test/hardening/crash-hygiene.test.ts',
    'retention',
  ],
  [
    'render queue (cores / 2 at once)',
    'src/engine/renderJobs.ts',
    'this.queue = new RenderQueue(o.concurrency ?? Number.POSITIVE_INFINITY);',
    'this.queue = new RenderQueue(Number.POSITIVE_INFINITY);',
    'test/integration/render-queue.test.ts',
    'three exports',
  ],
  [
    'render deadline',
    'src/engine/renderJobs.ts',
    'const timer = setTimeout(() => deadline.abort(), deadlineMs);',
    'const timer = setTimeout(() => undefined, deadlineMs);',
    'test/integration/render-queue.test.ts',
    'render deadline',
  ],
  [
    'text limits at render start',
    'src/engine/http/renderRoutes.ts',
    "if (tooMuch) throw refused(400, 400, { reason: 'text_limit', stage: 'render', ...tooMuch });",
    '',
    'test/hardening/input-text-limits.test.ts',
    '1 MB caption sent to render',
  ],
  [
    'text limits when a draft is saved',
    'src/engine/http/agentRoutes.ts',
    "if (tooMuch) throw refused(400, 400, { reason: 'text_limit', stage: 'save', ...tooMuch });",
    '',
    'test/hardening/input-text-limits.test.ts',
    'saving a draft over a text limit',
  ],
  [
    'text limits in the planner',
    'src/engine/planner/turn.ts',
    'const tooMuch = textLimitProblem(draft);',
    'const tooMuch = undefined as ReturnType<typeof textLimitProblem>;',
    'test/hardening/input-text-limits.test.ts',
    'planner will not add a caption',
  ],
  [
    'text limits in the renderer',
    'src/engine/render/ffmpegRenderer.ts',
    "if (tooMuch) throw refusalError({ reason: 'text_limit', stage: 'render', ...tooMuch });",
    '',
    'test/hardening/input-text-limits.test.ts',
    'renderer itself refuses',
  ],
  [
    'text layout linear in the text (running line width)',
    'src/engine/render/text.ts',
    'const nextEm = space ? wordsEm : wordsEm + trailEm + em;',
    "const nextEm = textWidth([...line, space ? '' : tok].join('').trimEnd(), 1);",
    'test/hardening/input-text-limits.test.ts',
    'text layout is linear',
  ],
  [
    'a stale export (failed, unknown, engine gone) is cleared before a new one',
    'src/core/export.ts',
    '    if (!stale) return;\n    await this.clear();',
    '    return;\n    await this.clear();',
    'test/hardening/faults-cli-export.test.ts',
    'no longer wedges the folder',
  ],
  [
    'the CLI names its own commands for a running export',
    'src/cli/run.ts',
    'if (isApiError(e) && e.detail === EXPORT_RUNNING) throw',
    'if (false) throw',
    'test/hardening/faults-cli-export.test.ts',
    'refused naming',
  ],
  [
    'a draft is on disk before the reply says it changed',
    'src/engine/planner/plannerAgent.ts',
    'if (turn.draft && ctx.persist) {',
    'if (false) {',
    'test/hardening/crash-store-write.test.ts',
    'disk full during a chat turn',
  ],
  [
    'a failed draft write leaves memory as the disk has it',
    'src/engine/http/sse.ts',
    '        session.draft = before;\n',
    '',
    'test/hardening/crash-store-write.test.ts',
    'disk full during a chat turn',
  ],
  [
    'serve writes its log (file, levels) and errors name it',
    'src/cli/run.ts',
    'engine = await startLocalEngine({ dataDir: dir, port: args.port ?? 0, log: engineLog.log, logFile });',
    'engine = await startLocalEngine({ dataDir: dir, port: args.port ?? 0 });',
    'test/hardening/crash-store-write.test.ts',
    'writes a 0600 log',
  ],
  [
    'video-gen --backend local writes the engine log too',
    'src/cli/run.ts',
    '        log: engineLog.log,\n        logFile: engineLog.logFile,\n',
    '',
    'test/hardening/crash-store-write.test.ts',
    'backend local',
  ],
  [
    'music bed verified (sha-256) before use',
    'src/engine/render/ffmpegRenderer.ts',
    'if (await bedIsIntact(path)) return;',
    'if ((await lstat(path).catch(() => undefined))?.isFile()) return;',
    'test/hardening/engine-sec-music-bed.test.ts',
    'planted or corrupted music bed',
  ],
  [
    'tests reach only loopback (runtime guard)',
    'scripts/test.mjs',
    "      '--import',\n      './test/support/loopbackOnly.ts',\n",
    '',
    'test/unit/network-guard.test.ts',
    'guard is loaded',
  ],
];

// The loopback guard's own row needs the runner's arguments, so every test runs as the runner does.
function runTest(file, pattern) {
  const runner = readFileSync('scripts/test.mjs', 'utf8');
  const guarded = runner.includes("'./test/support/loopbackOnly.ts'");
  const args = [
    '--import',
    'tsx',
    ...(guarded ? ['--import', './test/support/loopbackOnly.ts'] : []),
    '--test',
    '--test-timeout=240000',
    `--test-name-pattern=${pattern}`,
    file,
  ];
  const r = spawnSync(process.execPath, args, {
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'test' },
    timeout: 300_000,
  });
  const text = `${r.stdout}${r.stderr}`;
  const num = (k) => Number((text.match(new RegExp(`^# ${k} (\\d+)`, 'm')) ?? [])[1] ?? 0);
  return { pass: num('pass'), fail: num('fail') + num('cancelled'), status: r.status, text };
}

/** Tests that spawn the built CLI (dist/cli.js) see a change only after a build. */
const needsBuild = (file) => file.startsWith('src/');
spawnSync(process.execPath, ['esbuild.mjs'], { stdio: 'ignore' }); // CLI tests spawn dist/cli.js
const rows = [];
let bad = 0;
for (const [name, file, from, to, testFile, pattern] of GUARDS) {
  if (only.length && !only.some((o) => name.includes(o))) continue;
  const original = readFileSync(file, 'utf8');
  if (!original.includes(from)) {
    rows.push([name, file, testFile, pattern, '⚠ patch no longer applies']);
    bad += 1;
    continue;
  }
  const baseline = runTest(testFile, pattern);
  let verdict;
  try {
    writeFileSync(file, original.replace(from, to));
    if (needsBuild(file)) spawnSync(process.execPath, ['esbuild.mjs'], { stdio: 'ignore' });
    const mutated = runTest(testFile, pattern);
    verdict =
      baseline.fail === 0 && baseline.pass > 0
        ? mutated.status !== 0
          ? '✅ fails without the guard'
          : '❌ still passes without the guard'
        : '⚠ the test does not pass with the guard';
  } finally {
    writeFileSync(file, original);
    if (needsBuild(file)) spawnSync(process.execPath, ['esbuild.mjs'], { stdio: 'ignore' }); // the next baseline must not run the mutant
  }
  if (!verdict.startsWith('✅')) bad += 1;
  rows.push([name, file, testFile, pattern, verdict]);
  console.log(`${verdict.padEnd(36)} ${name}`);
}
spawnSync(process.execPath, ['esbuild.mjs'], { stdio: 'ignore' });

if (!only.length) {
  const table = rows.map((r) => `| ${r[0]} | \`${r[1]}\` | \`${r[2]}\` “${r[3]}” | ${r[4]} |`).join('\n');
  writeFileSync(
    'docs/mutations.md',
    `# Guards and the tests that die without them

Generated by \`node scripts/mutations.mjs\` on ${new Date().toISOString().slice(0, 10)}: each guard is removed from the
product code by one exact replacement (listed in the script), the one test that names it is run,
and the file is restored. A guard counts only when its test passes with it and fails without it.

| guard | removed from | test (file, name) | result |
|---|---|---|---|
${table}

${rows.length - bad} of ${rows.length} guards have a test that fails without them.
`,
  );
}
console.log(`\n${rows.length - bad} of ${rows.length} guards have a test that fails without them.`);
process.exit(bad ? 1 : 0);
