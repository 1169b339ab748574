/**
 * Secrets: after whole journeys with known tokens, the token appears nowhere it should not —
 * the state store, the logs, request URLs, the CDN, temp and export files, the CLI's config dir
 * (except token.json, the token store) and its output. And it never goes to another origin,
 * across redirects either. Each scan reports `leak-scan places=N leaks=M` for the figures.
 */
import { test, before, after, beforeEach, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startStandIn, type StandIn } from '../../src/engine/standin';
import { ApiClient } from '../../src/core/api/client';
import { downloadFile } from '../../src/core/api/download';
import { httpServer, serviceFor, tempDir, writePngs } from './helpers';
import { scanForSecret, type SecretPlaces } from './secretScan';

let s: StandIn;
before(async () => {
  s = await startStandIn();
});
after(async () => {
  await s.close();
});
beforeEach(() => {
  s.faults.reset();
  s.agent?.reset();
});

function expectNoLeak(t: TestContext, tokens: string[], places: SecretPlaces): void {
  const count =
    Object.keys(places.texts ?? {}).length + Object.keys(places.values ?? {}).length + (places.paths ?? []).length;
  const leaks = tokens.flatMap((tok) => scanForSecret(tok, places));
  t.diagnostic(`leak-scan places=${count} tokens=${tokens.length} leaks=${leaks.length}`);
  assert.deepEqual(leaks, []);
}

test(
  '[leak] core journey (connect, upload, chat, 1001 re-auth, status, export): no token in state, logs, URLs, CDN or files',
  { timeout: 120_000 },
  async (t) => {
    const dir = tempDir('vg-leak-');
    const { svc, tokens, state, logs } = serviceFor(s);
    await svc.connect();
    const first = (await tokens.get())!.token;
    await svc.upload(writePngs(dir, ['a.png', 'b.png']));
    await svc.send('make a 10 second video with music');
    s.faults.failNext('credits', { code: 1001 });
    await svc.credits();
    const second = (await tokens.get())!.token;
    assert.notEqual(first, second);
    await svc.send('status');
    const out = await svc.exportVideo({ folder: join(dir, 'exports') });
    assert.ok(existsSync(out));
    expectNoLeak(t, [first, second], {
      texts: {
        logs,
        urls: s.requests.map((r) => r.path),
        cdn: s.cdnRequests.map((r) => r.path),
        events: JSON.stringify(s.requests.map((r) => r.headers)),
      },
      values: { state: (state as unknown as { map: Map<string, unknown> }).map },
      paths: [dir],
    });
    assert.ok(
      s.cdnRequests.length > 0 && s.cdnRequests.every((r) => !r.hadAuthorization),
      'the CDN never got an Authorization header',
    );
  },
);

test(
  '[leak] error messages for a rejected NEMO_TOKEN / Set Token never quote the token',
  { timeout: 120_000 },
  async (t) => {
    const bad = 'nmv_usr_BAD_SECRET_1234567890';
    const env = serviceFor(s, { env: { NEMO_TOKEN: bad } });
    const e1 = await env.svc.credits().catch((e: Error) => e);
    const set = serviceFor(s);
    await set.svc.setToken(bad);
    const e2 = await set.svc.credits().catch((e: Error) => e);
    assert.ok(e1 instanceof Error && e2 instanceof Error);
    expectNoLeak(t, [bad], {
      texts: {
        e1: `${e1.message} ${(e1 as { detail?: string }).detail ?? ''}`,
        e2: e2.message,
        logs: [...env.logs, ...set.logs],
      },
      values: { state: (set.state as unknown as { map: unknown }).map },
    });
  },
);

test(
  '[leak] CLI journey (make: upload, chat, export): config dir (except token.json), stdout and stderr are clean',
  { timeout: 120_000, skip: existsSync('dist/cli.js') ? false : 'needs the bundle' },
  async (t) => {
    const home = tempDir('vg-leak-cli-');
    const files = writePngs(home, ['a.png', 'b.png']);
    const env = { PATH: process.env.PATH ?? '', VIDEO_GEN_CONFIG_DIR: join(home, 'config'), NEMO_API_BASE: s.url };
    // Async spawn: the stand-in runs in this process and must keep answering.
    const r = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const p = spawn(
        process.execPath,
        ['dist/cli.js', 'make', 'a 10 second promo with music', ...files, '-o', join(home, 'out.mp4'), '--json'],
        { env },
      );
      let stdout = '';
      let stderr = '';
      p.stdout.on('data', (d) => {
        stdout += d;
      });
      p.stderr.on('data', (d) => {
        stderr += d;
      });
      p.on('close', (status) => resolve({ status, stdout, stderr }));
    });
    assert.equal(r.status, 0, r.stderr);
    const token = JSON.parse(readFileSync(join(home, 'config', 'token.json'), 'utf8')).token as string;
    expectNoLeak(t, [token], {
      texts: { stdout: r.stdout, stderr: r.stderr, urls: s.requests.map((x) => x.path) },
      paths: [home],
      except: [join(home, 'config', 'token.json')],
    });
  },
);

test(
  '[leak] the token is never sent to another origin: API-origin download redirecting to a second server',
  { timeout: 120_000 },
  async () => {
    const other = await httpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': 4 });
      res.end('mp4!');
    });
    const api = await httpServer((req, res) => {
      res.writeHead(302, { location: `${other.url}/file.mp4` });
      res.end();
    });
    try {
      const client = new ApiClient({
        baseUrl: api.url,
        version: 't',
        platform: 'unknown',
        token: () => 'nmv_usr_SECRET_TOKEN_42',
      });
      const dir = tempDir('vg-leak-redir-');
      await downloadFile(client, `${api.url}/api/render/proxy/r1/download`, join(dir, 'v.mp4'));
      assert.equal(api.seen[0].authorization, 'Bearer nmv_usr_SECRET_TOKEN_42', 'the API origin gets it');
      assert.equal(other.seen.length, 1);
      assert.equal(other.seen[0].authorization, undefined, 'the second origin does not');
    } finally {
      await other.close();
      await api.close();
    }
  },
);

test(
  '[leak] redirect chains: foreign → third origin carries no token; foreign → back to the API origin does (it is the API)',
  { timeout: 120_000 },
  async () => {
    const third = await httpServer((_req, res) => {
      res.writeHead(200, { 'content-length': 2 });
      res.end('ok');
    });
    const api = await httpServer((_req, res) => {
      res.writeHead(200, { 'content-length': 2 });
      res.end('ok');
    });
    const foreign = await httpServer((req, res) => {
      res.writeHead(302, {
        location: req.url === '/to-third' ? `${third.url}/x` : `${api.url}/api/render/proxy/r1/download`,
      });
      res.end();
    });
    try {
      const client = new ApiClient({
        baseUrl: api.url,
        version: 't',
        platform: 'unknown',
        token: () => 'nmv_usr_SECRET_TOKEN_43',
      });
      const dir = tempDir('vg-leak-chain-');
      await downloadFile(client, `${foreign.url}/to-third`, join(dir, 'a.mp4'));
      await downloadFile(client, `${foreign.url}/to-api`, join(dir, 'b.mp4'));
      assert.ok(
        foreign.seen.every((r) => r.authorization === undefined),
        'the foreign origin never',
      );
      assert.ok(
        third.seen.every((r) => r.authorization === undefined),
        'the third origin never',
      );
      assert.equal(
        api.seen[0].authorization,
        'Bearer nmv_usr_SECRET_TOKEN_43',
        'a hop back to the API origin is authenticated by design',
      );
    } finally {
      await third.close();
      await api.close();
      await foreign.close();
    }
  },
);

test(
  '[leak] control: the scanner finds a planted token in text, values, files (plain, base64, URL-encoded)',
  { timeout: 120_000 },
  () => {
    const tok = 'nmv_usr_PLANTED_abc/+=';
    const dir = tempDir('vg-leak-ctl-');
    writeFileSync(join(dir, 'x.log'), `auth=${Buffer.from(tok).toString('base64')}`);
    const leaks = scanForSecret(tok, {
      texts: { url: `/x?t=${encodeURIComponent(tok)}` },
      values: { m: new Map([['k', tok]]) },
      paths: [dir],
    });
    assert.deepEqual(
      leaks.map((l) => l.where),
      ['url', 'm', join(dir, 'x.log')],
    );
  },
);
