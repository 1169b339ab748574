/**
 * Tests may send traffic only to loopback (127.0.0.0/8, ::1). Two guards keep it so:
 * - at run time, test/support/loopbackOnly.ts (loaded into every test process by
 *   scripts/test.mjs) makes any other connect, listen or DNS query throw before anything is sent;
 * - in the source, no test, bench or script picks a connect target from the machine's
 *   interfaces, adds an address to an interface, or listens/connects on a literal address
 *   outside loopback.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import dns from 'node:dns';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { nonLoopbackTraffic } from '../support/trafficScan';

const root = join(__dirname, '..', '..');
const guarded = () => (globalThis as { __vgLoopbackOnly?: boolean }).__vgLoopbackOnly === true;

test('[net-guard] the loopback-only guard is loaded into this test process', { timeout: 5_000 }, () => {
  assert.ok(guarded(), 'scripts/test.mjs must run tests with --import ./test/support/loopbackOnly.ts');
});

/**
 * What the guard does to traffic aimed elsewhere, seen from a child process in a network
 * namespace of its own (test/support/guardProbe.ts): even with the guard broken, no packet could
 * leave that namespace. Skipped where unprivileged namespaces are not allowed.
 */
function probeInOwnNetwork(t: { skip(why: string): void }): Record<string, string> | undefined {
  const probe = spawnSync(
    'unshare',
    [
      '-rn',
      process.execPath,
      '--import',
      'tsx',
      '--import',
      './test/support/loopbackOnly.ts',
      'test/support/guardProbe.ts',
    ],
    { cwd: root, encoding: 'utf8', timeout: 20_000 },
  );
  if (probe.error || (probe.status !== 0 && /unshare/.test(probe.stderr))) {
    t.skip(`no network namespace here: ${(probe.error?.message ?? probe.stderr).trim().slice(0, 120)}`);
    return undefined;
  }
  assert.equal(probe.status, 0, probe.stderr);
  return JSON.parse(probe.stdout) as Record<string, string>;
}

test(
  '[net-guard] connects, listens and DNS queries aimed beyond loopback throw before anything is sent',
  { timeout: 30_000 },
  (t) => {
    const seen = probeInOwnNetwork(t);
    if (!seen) return;
    assert.equal(seen.guarded, 'true');
    assert.match(seen.connectLiteral, /test network guard: connect to 192\.0\.2\.1 refused/);
    assert.match(seen.connectV6, /test network guard/);
    assert.match(
      seen.ownResolver,
      /test network guard: connect to 192\.0\.2\.1 \(resolved from photos\.example\.com\) refused/,
    );
    assert.match(seen.defaultResolver, /^ENOTFOUND .*test network guard/);
    assert.match(seen.listenAll, /every interface/);
    assert.match(seen.listenAny4, /listen on 0\.0\.0\.0 refused/);
    assert.match(seen.listenAny6, /listen on :: refused/);
    assert.match(seen.dnsName, /^ENOTFOUND .*test network guard/);
  },
);

test(
  '[net-guard] loopback still works under the guard: connect, listen and localhost',
  { timeout: 5_000 },
  async (t) => {
    if (!guarded()) {
      t.skip('guard not loaded (the first test fails)');
      return;
    }
    const s = net.createServer();
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    const port = (s.address() as net.AddressInfo).port;
    await new Promise<void>((resolve, reject) =>
      net
        .connect({ host: '127.0.0.1', port })
        .on('connect', function (this: net.Socket) {
          this.destroy();
          resolve();
        })
        .on('error', reject),
    );
    await new Promise<void>((r) => s.close(() => r()));
    const local = await dns.promises.lookup('localhost');
    assert.ok(['127.0.0.1', '::1'].includes(local.address));
  },
);

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (/\.(ts|mts|mjs|js|cjs|sh)$/.test(name)) out.push(p);
  }
  return out;
}

test(
  '[net-guard] the scan recognises each kind of non-loopback traffic (and leaves loopback alone)',
  { timeout: 5_000 },
  () => {
    assert.equal(nonLoopbackTraffic('const ips = Object.values(networkInterfaces()).flat();').length, 1);
    assert.equal(nonLoopbackTraffic("execFileSync('ip', ['addr', 'add', `${ip}/32`, 'dev', 'lo']);").length, 1);
    assert.equal(nonLoopbackTraffic("sh -c 'ip addr add 198.51.100.7/32 dev lo'").length, 1);
    assert.equal(nonLoopbackTraffic("server.listen(0, '198.51.100.7', r);").length, 1);
    assert.equal(nonLoopbackTraffic("server.listen(0, '0.0.0.0');").length, 1);
    assert.equal(nonLoopbackTraffic("net.connect({ host: '10.1.2.3', port: 80 });").length, 1);
    assert.equal(
      nonLoopbackTraffic(
        "server.listen(0, '127.0.0.2', r); net.connect({ host: '127.0.0.1', port }); s.listen(0, '::1');",
      ).length,
      0,
    );
  },
);

test('[net-guard] no test, bench or script aims traffic beyond loopback', { timeout: 30_000 }, () => {
  const self = new Set([
    __filename,
    join(root, 'test', 'support', 'loopbackOnly.ts'),
    join(root, 'test', 'support', 'trafficScan.ts'),
    join(root, 'test', 'support', 'guardProbe.ts'),
  ]);
  const findings = ['test', 'bench', 'scripts', '.ci']
    .flatMap((d) => {
      try {
        return sources(join(root, d));
      } catch {
        return [];
      }
    })
    .filter((f) => !self.has(f))
    .flatMap((f) => nonLoopbackTraffic(readFileSync(f, 'utf8')).map((x) => `${relative(root, f)} ${x}`));
  assert.deepEqual(findings, []);
});
