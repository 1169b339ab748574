#!/usr/bin/env node
// Regenerates docs/reliability.md from a real run of the hardening suite (test/hardening):
// runs it with node:test's TAP reporter, counts tests per title tag ([fault] [input] [xss]
// [xss-sanitize] [leak] [load] [engine-sec]), reads the figures the tests report as TAP
// diagnostics (leak-scan …, load …, xss-executed=…), runs `npm audit --omit=dev`, and writes
// the tables. Exit code 1 when any hardening test failed (the doc is still written).
//
//   node scripts/reliability.mjs            # run + write docs/reliability.md
//   node scripts/reliability.mjs --tap FILE # reuse a saved TAP file (no test run)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);
const args = process.argv.slice(2);
const savedTap = args.includes('--tap') ? args[args.indexOf('--tap') + 1] : undefined;

// ---- 1. run the suite ---------------------------------------------------------------------
let tap;
const started = Date.now();
if (savedTap) {
  tap = readFileSync(savedTap, 'utf8');
} else {
  const build = spawnSync(process.execPath, ['esbuild.mjs'], { stdio: 'inherit' }); // the CLI tests spawn dist/cli.js
  if (build.status !== 0) {
    console.error('Build failed.');
    process.exit(1);
  }
  const files = readdirSync('test/hardening')
    .filter((f) => f.endsWith('.test.ts'))
    .sort()
    .map((f) => join('test/hardening', f));
  files.push('test/integration/render-queue.test.ts'); // the render queue and deadline rows of 'Resource limits'
  files.push('test/integration/render-memory.test.ts'); // the render memory rows of 'Resource limits'
  const dir = mkdtempSync(join(tmpdir(), 'vg-reliability-'));
  const tapFile = join(dir, 'tap.txt');
  spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--import',
      './test/support/loopbackOnly.ts',
      '--test',
      '--test-concurrency=2',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tapFile}`,
      ...files,
    ],
    { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
  );
  tap = existsSync(tapFile) ? readFileSync(tapFile, 'utf8') : '';
  rmSync(dir, { recursive: true, force: true });
}
const seconds = Math.round((Date.now() - started) / 1000);

// ---- 2. count per tag -----------------------------------------------------------------------
const TAGS = ['fault', 'input', 'xss', 'xss-sanitize', 'leak', 'load', 'engine-sec', 'crash'];
const byTag = Object.fromEntries(
  TAGS.map((t) => [t, { tested: 0, passed: 0, failed: 0, skipped: 0, todo: 0, titles: [] }]),
);
for (const line of tap.split('\n')) {
  // Top-level results only (subtests are indented).
  const m = /^(not ok|ok) \d+ - \[([a-z-]+)\] (.*?)(?: # (SKIP|TODO)\b.*)?$/.exec(line);
  if (!m) continue;
  const [, status, tag, title, directive] = m;
  const c = byTag[tag];
  if (!c) continue;
  c.tested += 1;
  let mark = 'passed';
  if (directive === 'SKIP') {
    c.skipped += 1;
    mark = 'skipped';
  } else if (directive === 'TODO') {
    c.todo += 1;
    mark = status === 'ok' ? 'passed (todo)' : 'known issue (todo)';
  } else if (status === 'ok') c.passed += 1;
  else {
    c.failed += 1;
    mark = 'FAILED';
  }
  c.titles.push({ title: title.replace(/\\#/g, '#'), mark });
}

// ---- 3. figures from diagnostics --------------------------------------------------------------
const diag = (re) => [...tap.matchAll(re)].map((m) => m.slice(1).map(Number));
const leakScans = diag(/^# leak-scan places=(\d+) tokens=(\d+) leaks=(\d+)/gm);
const leaks = leakScans.reduce((n, [, , l]) => n + l, 0) + byTag.leak.failed;
const placesScanned = leakScans.reduce((n, [p]) => n + p, 0);
const xssExecuted = diag(/^# xss-executed=(\d+)/gm).reduce((n, [x]) => n + x, 0);
const xssPayloads = diag(/^# xss-executed=(\d+)/gm).length;
const load = diag(/^# load requests=(\d+) streams=(\d+) errors=(\d+) lost=(\d+) ms=(\d+)/gm)[0];
const loadReal = diag(
  /^# load-real sessions=(\d+) renders=(\d+) errors=(\d+) lost=(\d+) peak_rss_mb=(\d+) ms=(\d+)/gm,
)[0];

// ---- 4. npm audit ---------------------------------------------------------------------------
function audit() {
  const r = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8', timeout: 120_000 });
  let json;
  try {
    json = JSON.parse(r.stdout);
  } catch {
    json = undefined;
  }
  if (json?.metadata?.vulnerabilities) {
    const v = json.metadata.vulnerabilities;
    const findings = Object.values(json.vulnerabilities ?? {}).map(
      (x) =>
        `${x.name} (${x.severity}): ${[]
          .concat(x.via)
          .map((y) => (typeof y === 'string' ? y : y.title))
          .join('; ')}`,
    );
    return {
      ran: true,
      total: v.total ?? 0,
      text: `${v.total ?? 0} finding(s) (critical ${v.critical ?? 0}, high ${v.high ?? 0}, moderate ${v.moderate ?? 0}, low ${v.low ?? 0})`,
      findings,
    };
  }
  const why =
    json?.message ??
    json?.error?.summary ??
    (r.stderr || r.error?.message || 'no output').split('\n').find((l) => l.trim() && !/npm warn/i.test(l)) ??
    'unknown';
  return { ran: false, total: undefined, text: `could not run here: ${String(why).trim()}`, findings: [] };
}
const auditResult = audit();
const prodDeps = (() => {
  const r = spawnSync('npm', ['ls', '--omit=dev', '--depth=0', '--json'], { encoding: 'utf8' });
  try {
    return Object.entries(JSON.parse(r.stdout).dependencies ?? {}).map(([n, d]) => `${n}@${d.version}`);
  } catch {
    return [];
  }
})();

// ---- 5. write the doc -------------------------------------------------------------------------
const git = (a) => spawnSync('git', a, { encoding: 'utf8' }).stdout.trim();
const commit = git(['rev-parse', '--short', 'HEAD']);
const date = new Date().toISOString().slice(0, 10);
const c = (t) => byTag[t];
const totalFailed = TAGS.reduce((n, t) => n + byTag[t].failed, 0);
const row = (what, a, b, note = '') => `| ${what} | ${a} | ${b} |${note ? ` ${note}` : ''}`;
const list = (t) =>
  byTag[t].titles
    .map(
      (x) =>
        `- ${x.mark === 'passed' ? '✅' : x.mark === 'FAILED' ? '❌' : '⚠️'} ${x.title}${x.mark === 'passed' ? '' : ` — ${x.mark}`}`,
    )
    .join('\n');

const allTitles = TAGS.flatMap((t) => byTag[t].titles);
const titlesOf = (tapText) =>
  [...tapText.matchAll(/^(not ok|ok) \d+ - (.*?)(?: # (SKIP|TODO)\b.*)?$/gm)].map((m) => ({
    ok: m[1] === 'ok',
    skip: !!m[3],
    title: m[2],
  }));
const everyTitle = titlesOf(tap);
/** ✅ / ❌ / skipped for the test whose title contains `part` (from this run's TAP). */
function mark(part) {
  const hit = everyTitle.find((t) => t.title.includes(part)) ?? allTitles.find((t) => t.title.includes(part));
  if (!hit) return 'not run';
  if ('ok' in hit) return hit.skip ? 'skipped here' : hit.ok ? '✅' : '❌';
  return hit.mark === 'passed' ? '✅' : hit.mark;
}
const LIMITS = [
  [
    'chat message: 20,000 characters',
    '413 "The message is N characters long; the engine reads at most 20,000. Describe the edit in a few sentences."',
    'over 20,000 characters is refused by the engine',
  ],
  ['JSON bodies: 64 KB / 256 KB / 1 MB per endpoint', '413 naming the limit', 'body size limits'],
  ['receiving a request body: 10 min', '408, connection closed', 'dripped a byte at a time'],
  [
    'a URL download, redirects and body: 10 min',
    '"Downloading … took longer than 10 min, so it was stopped. Download the file yourself and upload it as a file."',
    'drips a byte at a time',
  ],
  [
    'photos 50 MP, video frames 4096×4096',
    '"x.jpg" is W×H pixels (N MP); photos up to 50 MP are accepted. Resize it…',
    'over 50 megapixels',
  ],
  ['uploads 200 MB a file', '"… is larger than 200 MB, the upload limit. Compress or trim it…"', '200 MB + 1 byte'],
  [
    'renders at once: cores / 2 (the rest queue, with their place in line)',
    'status pending + queuePosition',
    'three exports at concurrency 1',
  ],
  [
    'a render: 60 min',
    'failed: "the render took longer than 60 min and was stopped; shorten the video or export again"',
    'render deadline',
  ],
  ['finished renders kept a week', '(removed at the next start)', 'retention'],
  ['disk full', '507 "The disk is full (N MB free at <data dir>). Free some space…"', 'disk full during an upload'],
  [
    'render memory: ≤ 700 MB whatever the photo count (bench/renderMany.ts: 5 / 20 / 60 camera photos at 1080x1920 → 430 / 583 / 562 MiB)',
    '(nothing: many photos are drawn in chunks, one ffmpeg after another)',
    '48 photos on a 720x1280 canvas',
  ],
  [
    'render memory per photo: its stage, not its 12 MP decode',
    '(nothing: each photo is scaled once by its own short ffmpeg)',
    'camera-size photos cost a graph',
  ],
];
const CRASH = [
  ['upload (a partial `tmp/*.part`)', 'removed at start', '0', 'kill -9 of the engine mid-render'],
  [
    'render (ffmpeg running, `renders/*.part.mp4`, work dir)',
    'ffmpeg killed with its engine (pdeathsig); job failed as interrupted (reason as data); partials removed at start',
    '0',
    'kill -9 of the engine mid-render',
  ],
  [
    'a neighbour engine on the same data dir still working',
    'its fresh partials are kept',
    "only the neighbour's own",
    'live engine on the same data dir',
  ],
  [
    'store write (drafts, sessions, token file)',
    'old or new content, never half (temp file + fsync + rename); the token file is a new 0600 file, a planted symlink is replaced',
    '0',
    'symlink planted',
  ],
  ['disk full during an upload', 'the upload answered 507, the engine goes on', '0', 'disk full during an upload'],
];

const doc = `# Reliability: faults, bad input, security — measured

_Generated by \`node scripts/reliability.mjs\` on ${date} at commit \`${commit}\` (Node ${process.version}, ${seconds} s).
Do not edit by hand: change the tests in \`test/hardening/\` and re-run the script._

Every figure below comes from one run of the hardening suite (\`test/hardening/*.test.ts\`, also
part of \`npm run test:unit\`). Each test is one row of the catalogue, tagged in its title, and
asserts what the **user** sees: the error kind and message the chat/CLI shows, the files left on
disk, the persisted export job, the reply's \`interrupted\` flag. Everything runs over real
sockets on 127.0.0.1 against the stand-in cloud or the local engine, real files, real Chromium.

## Figures

| figure | measured | required |
|---|---|---|
${row('Faults tested / survived', `${c('fault').tested} / ${c('fault').passed}`, 'all survived')}
${row('Bad inputs tried / handled', `${c('input').tested} / ${c('input').passed}`, 'all handled')}
${row('XSS payloads (real Chromium, 4 channels each) / executed', `${xssPayloads} / ${xssExecuted}`, '≥ 50 / **0**')}
${row('XSS sanitiser checks (jsdom + CSP) passed / total', `${c('xss-sanitize').passed} / ${c('xss-sanitize').tested}${c('xss-sanitize').todo ? ` (${c('xss-sanitize').todo} known text-loss issue, nothing executes)` : ''}`, 'all')}
${row('Token leaks found', `${leaks} (in ${placesScanned} places scanned over ${leakScans.length} journeys)`, '**0**')}
${row('Leak / origin tests passed', `${c('leak').passed} / ${c('leak').tested}`, 'all')}
${row('Local-engine security tests passed', `${c('engine-sec').passed} / ${c('engine-sec').tested}`, 'all')}
${row('Load test, scripted agent + fixture renderer: requests + streams / errors / lost writes', load ? `${load[0]} + ${load[1]} / ${load[2]} / ${load[3]} (${(load[4] / 1000).toFixed(1)} s)` : 'not run', '0 errors, 0 lost')}
${row('Load test, real planner + ffmpeg renderer (180×320): sessions / concurrent renders / errors / lost writes / peak RSS engine + ffmpeg', loadReal ? `${loadReal[0]} / ${loadReal[1]} / ${loadReal[2]} / ${loadReal[3]} / ${loadReal[4]} MB (${(loadReal[5] / 1000).toFixed(1)} s)` : 'not run', '0 errors, 0 lost, < 700 MB')}
${row('`npm audit --omit=dev`', auditResult.text, 'clean or explained')}

Skipped: ${TAGS.reduce((n, t) => n + byTag[t].skipped, 0)} (tests that need root for tmpfs, /proc or Chromium skip themselves elsewhere). Failed: ${totalFailed}.

## What each category covers

- **Faults** (\`faults-network\`, \`faults-stream\`, \`faults-export\`, \`faults-reload\`): connection refused, DNS
  failure (\`.invalid\`), a TLS-like abrupt close and garbage instead of HTTP; HTTP 5xx on every endpoint
  (token, session, chat, upload, credits, state, render submit — retried once with a new id —, render status —
  polled again, job kept —, cancel — job kept so Cancel can be retried —, download fallback); 429 on the token
  endpoint (one wait, one retry, then a clear message); 1001 mid-session (silent re-auth + retry); 1002 (new
  session, user told); a stream dropped mid-text (partial text kept, \`interrupted\`, retry works); keep-alives
  past the "still working" interval; the 15-minute reply limit (injected small: \`maxStreamMs\`); malformed JSON
  and unknown event kinds (skipped, logged); a 10 MB reply event; \`{"error"}\` mid-stream; a text-less turn;
  render \`failed\`; a render stuck past its deadline (\`renderDeadlineMs\`: cancelled on the backend, job cleared);
  a download cut halfway (CDN fault \`downloadCut\`, and any origin: no partial file, retry succeeds); a full disk
  (64 KiB tmpfs) and a read-only export folder; the window reloaded during upload / chat / export (simulated as a
  new service on the same stores); two windows on one workspace (one session, no double export).
- **Bad input** (\`input-files\`, \`input-urls\`, \`input-chat-draft\`, \`input-cli\`): unsupported, renamed, empty,
  200 MB + 1 byte (sparse file), unreadable (as an unprivileged user), symlinks out of the workspace, folders in
  the selection, names with spaces/quotes/unicode/RTL marks (round-tripped), 100 files at once, 51 files in one
  raw request; URL uploads with \`file:\`/\`data:\`/\`gopher:\`, loopback, private, link-local, CGNAT, mapped IPv6
  and a public URL redirecting to loopback (SSRF refused, target never contacted); chat messages of 0 and
  100,000 characters; hostile drafts (unknown track types, negative/huge/NaN durations, missing fields, huge
  canvas) through the timeline model, the summary, the render planner and the service; wrong CLI arguments
  (usage, exit 2, nothing contacted).
- **XSS** (\`xssCorpus.ts\`, \`xss-sanitize\`, \`xss-browser\`): ${xssPayloads || 'the'} payloads — script tags, event handlers,
  \`javascript:\`/\`data:\`/\`vbscript:\`/\`command:\` links, SVG/MathML, CSS injection, markdown link/image tricks,
  unicode tricks — each posted in real Chromium with the real bundle under the real CSP as agent markdown, as a
  file name in a system line, as an error and as a notice; a canary \`__xss()\` counts executions. The same corpus
  goes through the markdown renderer under jsdom; the CSP is compared to the exact expected policy.
- **Secrets** (\`leak\`, \`secretScan.ts\`): after a core journey (connect, upload, chat, 1001 re-auth, status,
  export) and a CLI \`make\` journey, the tokens are searched (plain, base64, URL-encoded) in the state store, the
  logs, every recorded request path and header set, the CDN requests, temp/export files, the CLI config dir
  (except \`token.json\`) and its output; error messages for rejected tokens; and the bearer token never reaches
  another origin, across redirects (a hop back to the API origin is authenticated by design). A control proves
  the scanner finds a planted token. VS Code-side places (settings, globalState, workspaceState, webview DOM)
  are scanned by the e2e suite with the same \`scanForSecret\`.
- **Local engine** (\`engine-sec\`): binds 127.0.0.1 only (the kernel's socket table lists its listening socket on 127.0.0.1 and nothing on 0.0.0.0, :: or ::1); every
  request needs its token (none/wrong/Basic/query-string → 401 + 1001); traversal through ids and file names
  impossible; uploads and renders confined to the data dir; body limits (64 KB / 256 KB / 1 MB / a declared
  10 GB → 413); non-loopback Host → 403.
- **Load** (\`load\`) — on the **stand-in** with its scripted agent and fixture renderer (it measures the
  protocol layer, store and streams, not the planner or ffmpeg; the real renderer's concurrency is the render
  queue's, below): in-process, bounded and self-stopping: ${load ? load[0] : 200} concurrent requests (state, credits,
  uploads to ${4} sessions, render submits) and ${load ? load[1] : 20} concurrent chat streams on loopback; afterwards every upload is
  found in its session, every render completed, every turn's draft persisted.

## Resource limits (local engine)

Each limit is enforced by the engine itself and named in what the user is told; the test named
proves it (result from this run). \`docs/mutations.md\` (\`node scripts/mutations.mjs\`) shows each
guard's test failing when the guard is removed.

| limit | what the user is told | test | result |
|---|---|---|---|
${LIMITS.map(([limit, told, title]) => `| ${limit} | ${told} | ${title} | ${mark(title)} |`).join('\n')}

## Crash recovery

What \`kill -9\` and a full disk leave behind, checked with real processes (\`[crash]\` tests): the
engine is killed mid-render, then started again on the same data dir.

| stage | state after restart | files left | result |
|---|---|---|---|
${CRASH.map(([stage, state, left, title]) => `| ${stage} | ${state} | ${left} | ${mark(title)} |`).join('\n')}

## Dependencies (\`npm audit --omit=dev\`)

${
  auditResult.ran
    ? auditResult.total
      ? auditResult.findings.map((f) => `- ${f}`).join('\n')
      : 'No known vulnerabilities in the production dependencies.'
    : `The audit endpoint is not reachable from this build machine (${auditResult.text.replace(/^could not run here: /, '')}); the
registry mirror here serves packages but not \`/-/npm/v1/security/advisories/bulk\`. Run \`npm audit --omit=dev\`
where the public registry is reachable. Production dependencies audited by that command:`
}
${prodDeps.length ? `\n${prodDeps.map((d) => `- \`${d}\``).join('\n')}\n` : ''}
## Every test, by category

${TAGS.map((t) => `### [${t}] — ${byTag[t].passed} passed of ${byTag[t].tested}\n\n${list(t) || '- (none)'}`).join('\n\n')}
`;
writeFileSync('docs/reliability.md', doc);
console.log(
  `\ndocs/reliability.md written: faults ${c('fault').passed}/${c('fault').tested}, inputs ${c('input').passed}/${c('input').tested}, xss ${xssPayloads} payloads / ${xssExecuted} executed, leaks ${leaks}, load ${load ? load.join('/') : 'n/a'}, audit: ${auditResult.text}`,
);
process.exit(totalFailed ? 1 : 0);
