/**
 * Bad-input catalogue, part 2: URL uploads to the LOCAL engine (no SSRF). file:, data:,
 * loopback, private and link-local addresses, and redirects to them, are refused with a clear
 * message and nothing is fetched from the private side.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import { startEngine, type Engine } from '../../src/engine/server';
import { ScriptedAgent } from '../../src/engine/standin/scriptedAgent';
import { FixtureRenderer } from '../../src/engine/standin/fixtureRenderer';
import { isPrivateAddress } from '../../src/engine/urlFetch';
import { httpServer, pngBytes, rejectsWith, serviceFor } from './helpers';

let e: Engine;
let dir: string;
let secret: Awaited<ReturnType<typeof httpServer>>;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vg-ssrf-'));
  e = await startEngine({ dataDir: dir, agent: new ScriptedAgent(), renderer: new FixtureRenderer({ stepMs: 5 }) });
  // A "private" service on loopback that must never be reached through the engine.
  secret = await httpServer((_req, res) => {
    res.setHeader('content-type', 'image/png');
    res.end(pngBytes());
  });
});
after(async () => {
  await e.close();
  await secret.close();
  rmSync(dir, { recursive: true, force: true });
});

const local = () => serviceFor(e, { fixedToken: e.token });
const REFUSED = /private or local network address.*only public http\(s\) URLs can be uploaded/;

test(
  '[input] URL upload with file: or data: — refused before sending ("Only http(s) links")',
  { timeout: 120_000 },
  async () => {
    const { svc } = local();
    await rejectsWith(
      svc.uploadUrls(['file:///etc/passwd']),
      'input',
      /Only http\(s\) links can be uploaded; not: file:\/\/\/etc\/passwd/,
    );
    await rejectsWith(svc.uploadUrls(['data:image/png;base64,iVBORw0KGgo=']), 'input', /Only http\(s\) links/);
  },
);

test(
  '[input] file: and data: sent to the engine directly anyway: refused by the engine too',
  { timeout: 120_000 },
  async () => {
    const { svc } = local();
    const { sessionId } = await svc.connect();
    for (const url of ['file:///etc/passwd', 'data:text/plain,hello', 'gopher://127.0.0.1/']) {
      await rejectsWith(
        svc.client.uploadUrls(sessionId, [url]),
        'unsupported-file',
        /Only http:\/\/ and https:\/\/ URLs can be uploaded/,
      );
    }
  },
);

for (const host of [
  '127.0.0.1',
  'localhost',
  '[::1]',
  '10.0.0.1',
  '192.168.1.1',
  '172.16.0.1',
  '169.254.169.254',
  '0.0.0.0',
  '100.64.0.1',
  '[::ffff:127.0.0.1]',
]) {
  test(`[input] URL upload to ${host}: refused (no SSRF), nothing fetched`, { timeout: 120_000 }, async () => {
    const { svc } = local();
    const port = new URL(secret.url).port;
    const before = secret.seen.length;
    await rejectsWith(svc.uploadUrls([`http://${host}:${port}/photo.png`]), 'unsupported-file', REFUSED);
    assert.equal(secret.seen.length, before, 'the private server was not contacted');
    assert.equal((await svc.timeline()).media.length, 0);
  });
}

/**
 * A "public" first hop without leaving the machine: this engine classifies one loopback address
 * (127.0.0.2, inside 127.0.0.0/8 — no alias added) as public, so the redirector on it passes the
 * first check; the redirect then points at 127.0.0.1, which must be refused at that hop.
 */
const PUBLIC_LOOKING = '127.0.0.2';
let redirectorHits = 0;

test(
  '[input] a public URL that redirects to a loopback address: refused at the redirect, the target never contacted',
  { timeout: 30_000 },
  async () => {
    const hopDir = mkdtempSync(join(tmpdir(), 'vg-ssrf-hop-'));
    const hopEngine = await startEngine({
      dataDir: hopDir,
      agent: new ScriptedAgent(),
      renderer: new FixtureRenderer({ stepMs: 5 }),
      isPrivateAddress: (ip) => ip !== PUBLIC_LOOKING && isPrivateAddress(ip),
    });
    const redirector: Server = createServer((_req, res) => {
      redirectorHits += 1;
      res.writeHead(302, { location: `${secret.url}/photo.png` });
      res.end();
    });
    try {
      await new Promise<void>((r) => redirector.listen(0, PUBLIC_LOOKING, r));
      const port = (redirector.address() as { port: number }).port;
      const { svc } = serviceFor(hopEngine, { fixedToken: hopEngine.token });
      const before = secret.seen.length;
      const hopsBefore = redirectorHits;
      await rejectsWith(svc.uploadUrls([`http://${PUBLIC_LOOKING}:${port}/go`]), 'unsupported-file', REFUSED);
      assert.equal(
        redirectorHits,
        hopsBefore + 1,
        'the public-looking first hop was fetched (so the refusal came from the redirect check)',
      );
      assert.equal(secret.seen.length, before, 'the redirect target was not contacted');
    } finally {
      redirector.close();
      await hopEngine.close();
      rmSync(hopDir, { recursive: true, force: true });
    }
  },
);

test(
  '[input] a URL upload from a server that drips a byte at a time ends at the download deadline with a clear message',
  { timeout: 30_000 },
  async () => {
    const dripDir = mkdtempSync(join(tmpdir(), 'vg-drip-'));
    const engine = await startEngine({
      dataDir: dripDir,
      agent: new ScriptedAgent(),
      renderer: new FixtureRenderer({ stepMs: 5 }),
      allowPrivateUrls: true,
      urlDownloadDeadlineMs: 1_500,
    });
    let timer: NodeJS.Timeout | undefined;
    const drip: Server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': '100000' });
      timer = setInterval(() => res.write('x'), 100); // never idle for long, never done
      res.on('close', () => clearInterval(timer));
    });
    try {
      await new Promise<void>((r) => drip.listen(0, '127.0.0.1', r));
      const port = (drip.address() as { port: number }).port;
      const { svc } = serviceFor(engine, { fixedToken: engine.token });
      const started = Date.now();
      await rejectsWith(
        svc.uploadUrls([`http://127.0.0.1:${port}/slow.png`]),
        'unsupported-file',
        /took longer than 2 s, so it was stopped\. Download the file yourself/,
      );
      assert.ok(Date.now() - started < 10_000, 'ended by the deadline, not by an idle timeout');
      assert.deepEqual(readdirSync(join(dripDir, 'tmp')), [], 'nothing half-downloaded is left');
    } finally {
      clearInterval(timer);
      drip.closeAllConnections();
      drip.close();
      await engine.close();
      rmSync(dripDir, { recursive: true, force: true });
    }
  },
);
