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
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { nonLoopbackTraffic } from '../support/trafficScan';

const root = join(__dirname, '..', '..');
const guarded = () => (globalThis as { __vgLoopbackOnly?: boolean }).__vgLoopbackOnly === true;

test('[net-guard] the loopback-only guard is loaded into this test process', { timeout: 5_000 }, () => {
  assert.ok(guarded(), 'scripts/test.mjs must run tests with --import ./test/support/loopbackOnly.ts');
});

// The probes below would send real traffic if the guard were missing, so each runs only when the
// test above passed (a missing guard fails that test instead).
test('[net-guard] a connect to a non-loopback address throws before anything is sent', { timeout: 5_000 }, async (t) => {
  if (!guarded()) { t.skip('guard not loaded (the test above fails)'); return; }
  // 192.0.2.1 is TEST-NET-1, documentation only: nothing would answer even if a packet left.
  assert.throws(() => net.connect({ host: '192.0.2.1', port: 9 }), /test network guard: connect to 192\.0\.2\.1 refused/);
  assert.throws(() => net.connect(9, '2001:db8::1'), /test network guard/);
  // A name resolved by the caller's own resolver to an outside address is refused before connecting.
  const viaOwnResolver = await new Promise<Error>((resolve) => {
    const s = net.connect({ host: 'photos.example.com', port: 9, lookup: (_h, _o, cb) => (cb as (e: null, a: string, f: number) => void)(null, '192.0.2.1', 4) });
    s.on('connect', () => resolve(new Error('connected')));
    s.on('error', resolve);
  });
  assert.match(viaOwnResolver.message, /test network guard: connect to 192\.0\.2\.1 \(resolved from photos\.example\.com\) refused/);
  // A name through the default resolver: "not found", answered locally.
  const viaDns = await new Promise<NodeJS.ErrnoException>((resolve) => net.connect({ host: 'example.com', port: 80 }).on('error', resolve));
  assert.equal(viaDns.code, 'ENOTFOUND');
  assert.match(viaDns.message, /test network guard/);
  const ok = net.connect({ host: '127.0.0.1', port: 9 });
  ok.on('error', () => undefined);
  ok.destroy();
});

test('[net-guard] listening on every interface or a non-loopback address throws', { timeout: 5_000 }, async (t) => {
  if (!guarded()) { t.skip('guard not loaded (the test above fails)'); return; }
  const s = net.createServer();
  assert.throws(() => s.listen(0), /every interface/);
  assert.throws(() => s.listen(0, '0.0.0.0'), /listen on 0\.0\.0\.0 refused/);
  assert.throws(() => s.listen({ port: 0, host: '::' }), /listen on :: refused/);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  await new Promise<void>((r) => s.close(() => r()));
});

test('[net-guard] DNS names other than localhost are answered "not found" locally', { timeout: 5_000 }, async (t) => {
  if (!guarded()) { t.skip('guard not loaded (the test above fails)'); return; }
  await assert.rejects(dns.promises.lookup('photos.example.com'), (e: NodeJS.ErrnoException) => e.code === 'ENOTFOUND' && /test network guard/.test(e.message));
  const local = await dns.promises.lookup('localhost');
  assert.ok(['127.0.0.1', '::1'].includes(local.address));
});

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

test('[net-guard] the scan recognises each kind of non-loopback traffic (and leaves loopback alone)', { timeout: 5_000 }, () => {
  assert.equal(nonLoopbackTraffic("const ips = Object.values(networkInterfaces()).flat();").length, 1);
  assert.equal(nonLoopbackTraffic("execFileSync('ip', ['addr', 'add', `${ip}/32`, 'dev', 'lo']);").length, 1);
  assert.equal(nonLoopbackTraffic("sh -c 'ip addr add 198.51.100.7/32 dev lo'").length, 1);
  assert.equal(nonLoopbackTraffic("server.listen(0, '198.51.100.7', r);").length, 1);
  assert.equal(nonLoopbackTraffic("server.listen(0, '0.0.0.0');").length, 1);
  assert.equal(nonLoopbackTraffic("net.connect({ host: '10.1.2.3', port: 80 });").length, 1);
  assert.equal(nonLoopbackTraffic("server.listen(0, '127.0.0.2', r); net.connect({ host: '127.0.0.1', port }); s.listen(0, '::1');").length, 0);
});

test('[net-guard] no test, bench or script aims traffic beyond loopback', { timeout: 30_000 }, () => {
  const self = new Set([__filename, join(root, 'test', 'support', 'loopbackOnly.ts'), join(root, 'test', 'support', 'trafficScan.ts')]);
  const findings = ['test', 'bench', 'scripts', '.ci']
    .flatMap((d) => { try { return sources(join(root, d)); } catch { return []; } })
    .filter((f) => !self.has(f))
    .flatMap((f) => nonLoopbackTraffic(readFileSync(f, 'utf8')).map((x) => `${relative(root, f)} ${x}`));
  assert.deepEqual(findings, []);
});
