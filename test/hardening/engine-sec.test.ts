/**
 * The local engine's security boundary, tested over real sockets: loopback only, its token on
 * every request, no path traversal through ids or file names, state confined to its data dir,
 * body size limits, and loopback Host names only.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { request as httpRequest } from 'node:http';
import { request } from 'undici';
import { startLocalEngine } from '../../src/engine/local';
import type { Engine } from '../../src/engine/server';
import { call, uploadFiles } from '../integration/engine-helpers';
import { pngBytes } from './helpers';

let e: Engine;
let dir: string;
let sid: string;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vg-engsec-'));
  e = await startLocalEngine({ dataDir: dir });
  sid = (
    await call(e.url, 'POST', '/api/tasks/me/with-session/nemo_agent', { token: e.token, body: { language: 'en' } })
  ).body.data.session_id;
});
after(async () => {
  await e.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A raw request with the path exactly as written (undici would normalise `..`). */
function raw(
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<{ status: number; text: string }> {
  return new Promise((res, rej) => {
    const r = httpRequest(
      { host: '127.0.0.1', port: e.port, method, path, headers: { authorization: `Bearer ${e.token}`, ...headers } },
      (m) => {
        let text = '';
        m.on('data', (c) => {
          text += c;
        });
        m.on('end', () => res({ status: m.statusCode ?? 0, text }));
      },
    );
    r.on('error', rej);
    r.end();
  });
}

test(
  '[engine-sec] binds 127.0.0.1 only: the kernel lists its socket on 127.0.0.1, nothing on 0.0.0.0, :: or ::1',
  { timeout: 10_000 },
  (t) => {
    assert.equal(e.url, `http://127.0.0.1:${e.port}`);
    if (process.platform !== 'linux') {
      t.skip('reads /proc/net');
      return;
    }
    // Every listening TCP socket this process owns, as the kernel reports it: no connection to
    // any other address is needed to know where the engine accepts connections.
    const sockets = listeningSocketsOfThisProcess();
    const engine = sockets.filter((sk) => sk.port === e.port);
    assert.deepEqual(
      engine.map((sk) => sk.address),
      ['127.0.0.1'],
      `the engine's port ${e.port} listens on 127.0.0.1 and nowhere else`,
    );
    for (const sk of sockets)
      assert.match(sk.address, /^127\./, `nothing this process opened listens on ${sk.address}:${sk.port}`);
  },
);

/** LISTEN sockets of this process from /proc/net/tcp{,6}, matched to /proc/self/fd by inode. */
function listeningSocketsOfThisProcess(): { address: string; port: number }[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`));
      if (m) inodes.add(m[1]);
    } catch {
      /* closed meanwhile */
    }
  }
  const out: { address: string; port: number }[] = [];
  for (const [file, v6] of [
    ['/proc/net/tcp', false],
    ['/proc/net/tcp6', true],
  ] as const) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length < 10 || f[3] !== '0A' || !inodes.has(f[9])) continue; // 0A = LISTEN
      const [hexAddr, hexPort] = f[1].split(':');
      out.push({ address: v6 ? ipv6FromProc(hexAddr) : ipv4FromProc(hexAddr), port: parseInt(hexPort, 16) });
    }
  }
  return out;
}
/** /proc/net/tcp writes an IPv4 address as one little-endian 32-bit hex word. */
function ipv4FromProc(hex: string): string {
  return [3, 2, 1, 0].map((i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16)).join('.');
}
/** …and an IPv6 address as four such words; 127.x mapped into v6 is reported as its v4 form. */
function ipv6FromProc(hex: string): string {
  const bytes = [0, 1, 2, 3].flatMap((w) =>
    [3, 2, 1, 0].map((i) => parseInt(hex.slice(w * 8 + i * 2, w * 8 + i * 2 + 2), 16)),
  );
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 255 && bytes[11] === 255)
    return bytes.slice(12).join('.');
  const groups = [0, 1, 2, 3, 4, 5, 6, 7].map((g) => ((bytes[g * 2] << 8) | bytes[g * 2 + 1]).toString(16));
  return groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
}

test(
  '[engine-sec] every request needs its token: none, wrong, lower-case scheme garbage or a query-string token → 401 + 1001',
  { timeout: 120_000 },
  async () => {
    for (const headers of [
      {},
      { authorization: 'Bearer wrong' },
      { authorization: `Basic ${e.token}` },
      { authorization: `Bearer ${e.token}x` },
    ]) {
      const r = await request(`${e.url}/api/credits/balance/simple`, { headers });
      assert.equal(r.statusCode, 401, JSON.stringify(headers));
      assert.equal(((await r.body.json()) as { code: number }).code, 1001);
    }
    const q = await request(`${e.url}/api/credits/balance/simple?token=${e.token}`);
    assert.equal(q.statusCode, 401);
    await q.body.dump();
  },
);

test(
  '[engine-sec] path traversal in ids is impossible: ../, %2e%2e, encoded slashes, absolute paths → 400/404, always JSON',
  { timeout: 120_000 },
  async () => {
    for (const p of [
      '/api/state/nemo_agent/me/../../auth/latest',
      '/api/state/nemo_agent/me/%2e%2e/latest',
      '/api/state/nemo_agent/me/%2E%2E%2F%2E%2E%2Fauth/latest',
      '/api/state/nemo_agent/me/%2Fetc%2Fpasswd/latest',
      '/api/render/proxy/lambda/..%5C..%5Cwin',
      '/api/render/proxy/%2e%2e%2fsessions%2fx/download',
      '/api/media/..%2F..%2Fauth.json',
      '/api/media/../sessions/x.json',
      '/../../etc/passwd',
    ]) {
      const r = await raw(p);
      assert.ok(r.status === 400 || r.status === 404, `${p} → ${r.status}`);
      const body = JSON.parse(r.text);
      assert.equal(typeof (body.message ?? body.error), 'string');
      assert.doesNotMatch(r.text, /root:|"tokens"|"userId"/);
    }
  },
);

test(
  '[engine-sec] uploaded file names with ../ and absolute paths are stored under the data dir only',
  { timeout: 120_000 },
  async () => {
    const names = ['../../../../tmp/vg-evil.png', '/etc/vg-evil2.png', '..\\..\\vg-evil3.png'];
    const r = await uploadFiles(
      e.url,
      e.token!,
      sid,
      names.map((n, i) => ({ name: n, data: pngBytes(9 + i, 9) })),
    );
    assert.equal(r.body.code, 0, r.text);
    assert.deepEqual(
      r.body.data.files.map((f: { filename: string }) => f.filename),
      ['vg-evil.png', 'vg-evil2.png', 'vg-evil3.png'],
    );
    assert.equal(existsSync('/tmp/vg-evil.png') || existsSync('/etc/vg-evil2.png'), false);
    for (const f of readdirSync(join(dir, 'media'))) assert.match(f, /^[a-f0-9]{32}\.[a-z0-9]+$/);
    assert.deepEqual(
      readdirSync(join(dir, 'tmp')).filter((f) => f !== 'render'),
      [],
      'no upload temp file is left',
    );
  },
);

test(
  '[engine-sec] render ids are confined: "../x", absolute and over-long ids refused before anything is written',
  { timeout: 120_000 },
  async () => {
    const st = await call(e.url, 'GET', `/api/state/nemo_agent/me/${sid}/latest`, { token: e.token });
    for (const id of ['../../x', '/tmp/x', 'render_1/../../x', 'r'.repeat(81), 'render 1']) {
      const r = await call(e.url, 'POST', '/api/render/proxy/lambda', {
        token: e.token,
        body: { id, sessionId: sid, draft: st.body.data.state.draft, output: { format: 'mp4' } },
      });
      assert.equal(r.status, 400, id);
      assert.match(r.body.error, /id is missing or malformed/);
    }
    for (const f of readdirSync(join(dir, 'renders'))) assert.ok(resolve(dir, 'renders', f).startsWith(resolve(dir)));
  },
);

test(
  "[engine-sec] body size limits: JSON over each endpoint's limit → 413 with the limit named",
  { timeout: 120_000 },
  async () => {
    const big = (n: number) => ({ task_name: 'x'.repeat(n) });
    const s = await call(e.url, 'POST', '/api/tasks/me/with-session/nemo_agent', {
      token: e.token,
      body: big(70 * 1024),
    });
    assert.equal(s.status, 413);
    assert.match(s.body.message, /64 KB/);
    const u = await call(e.url, 'POST', `/api/upload-video/nemo_agent/me/${sid}`, {
      token: e.token,
      body: { urls: ['https://x.example/'.padEnd(300 * 1024, 'a')], source_type: 'url' },
    });
    assert.equal(u.status, 413);
    const chat = await call(e.url, 'POST', '/run_sse', {
      token: e.token,
      body: { session_id: sid, new_message: { role: 'user', parts: [{ text: 'x'.repeat(1024 * 1024 + 1) }] } },
    });
    assert.equal(chat.status, 413);
    const declared = await raw(
      '/api/tasks/me/with-session/nemo_agent',
      { 'content-length': String(10 * 1024 * 1024 * 1024), 'content-type': 'application/json' },
      'POST',
    );
    assert.equal(declared.status, 413, 'a declared 10 GB body is refused without reading it');
  },
);

test(
  '[engine-sec] a Host header that is not loopback → 403 (DNS rebinding), even with the right token',
  { timeout: 120_000 },
  async () => {
    for (const host of ['evil.example', `evil.example:${e.port}`, `127.0.0.1.nip.io:${e.port}`, `0.0.0.0:${e.port}`]) {
      const r = await raw('/api/credits/balance/simple', { host });
      assert.equal(r.status, 403, host);
    }
    for (const host of [`127.0.0.1:${e.port}`, `localhost:${e.port}`])
      assert.equal((await raw('/api/credits/balance/simple', { host })).status, 200, host);
  },
);

test(
  '[engine-sec] a request body dripped a byte at a time is cut off at the request deadline (408), and the engine goes on serving',
  { timeout: 30_000 },
  async () => {
    const ddir = mkdtempSync(join(tmpdir(), 'vg-engsec-drip-'));
    const d = await startLocalEngine({ dataDir: ddir, requestBodyDeadlineMs: 1_000 });
    try {
      const started = Date.now();
      const status = await new Promise<number | string>((resolve) => {
        const r = httpRequest(
          {
            host: '127.0.0.1',
            port: d.port,
            method: 'POST',
            path: '/api/tasks/me/with-session/nemo_agent',
            headers: {
              authorization: `Bearer ${d.token}`,
              'content-type': 'application/json',
              'content-length': '10000',
            },
          },
          (m) => {
            m.resume();
            resolve(m.statusCode ?? 0);
          },
        );
        r.on('error', (err) => resolve(err.message));
        const drip = setInterval(() => {
          if (r.destroyed) clearInterval(drip);
          else r.write(' ');
        }, 100);
        r.on('close', () => clearInterval(drip));
        setTimeout(() => {
          r.destroy();
          resolve('still receiving after 6 s');
        }, 6_000).unref();
      });
      assert.ok(
        status === 408 || /socket hang up|ECONNRESET/.test(String(status)),
        `dripping client cut off (${status})`,
      );
      assert.ok(Date.now() - started < 8_000, `within the deadline's reach (${Date.now() - started} ms)`);
      const ok = await call(d.url, 'GET', '/api/credits/balance/simple', { token: d.token });
      assert.equal(ok.status, 200);
    } finally {
      await d.close();
      rmSync(ddir, { recursive: true, force: true });
    }
  },
);

test(
  '[engine-sec] a chat message over 20,000 characters is refused by the engine itself (413, the limit named), before any work',
  { timeout: 30_000 },
  async () => {
    // The state carries signed media links whose expiry moves with the clock; the session is what must not change.
    const session = async () =>
      (await call(e.url, 'GET', `/api/state/nemo_agent/me/${sid}/latest`, { token: e.token })).text.replace(
        /exp=\d+&sig=[0-9a-f]+/g,
        'exp=…&sig=…',
      );
    const before = await session();
    const r = await call(e.url, 'POST', '/run_sse', {
      token: e.token,
      body: { session_id: sid, new_message: { role: 'user', parts: [{ text: '7'.repeat(20_001) }] } },
    });
    assert.equal(r.status, 413);
    assert.match(
      r.body.message,
      /20,001 characters long; the engine reads at most 20,000\. Describe the edit in a few sentences\./,
    );
    assert.equal(await session(), before, 'the session is unchanged');
  },
);
