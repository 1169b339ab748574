/**
 * Bad-input catalogue, part 2: URL uploads to the LOCAL engine (no SSRF). file:, data:,
 * loopback, private and link-local addresses, and redirects to them, are refused with a clear
 * message and nothing is fetched from the private side.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import { startEngine, type Engine } from '../../src/engine/server';
import { ScriptedAgent } from '../../src/engine/standin/scriptedAgent';
import { FixtureRenderer } from '../../src/engine/standin/fixtureRenderer';
import { httpServer, pngBytes, rejectsWith, serviceFor } from './helpers';

let e: Engine;
let dir: string;
let secret: Awaited<ReturnType<typeof httpServer>>;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vg-ssrf-'));
  e = await startEngine({ dataDir: dir, agent: new ScriptedAgent(), renderer: new FixtureRenderer({ stepMs: 5 }) });
  // A "private" service on loopback that must never be reached through the engine.
  secret = await httpServer((_req, res) => { res.setHeader('content-type', 'image/png'); res.end(pngBytes()); });
});
after(async () => { await e.close(); await secret.close(); rmSync(dir, { recursive: true, force: true }); });

const local = () => serviceFor(e, { fixedToken: e.token });
const REFUSED = /private or local network address.*only public http\(s\) URLs can be uploaded/;

test('[input] URL upload with file: or data: — refused before sending ("Only http(s) links")', async () => {
  const { svc } = local();
  await rejectsWith(svc.uploadUrls(['file:///etc/passwd']), 'input', /Only http\(s\) links can be uploaded; not: file:\/\/\/etc\/passwd/);
  await rejectsWith(svc.uploadUrls(['data:image/png;base64,iVBORw0KGgo=']), 'input', /Only http\(s\) links/);
});

test('[input] file: and data: sent to the engine directly anyway: refused by the engine too', async () => {
  const { svc } = local();
  const { sessionId } = await svc.connect();
  for (const url of ['file:///etc/passwd', 'data:text/plain,hello', 'gopher://127.0.0.1/']) {
    await rejectsWith(svc.client.uploadUrls(sessionId, [url]), 'unsupported-file', /Only http:\/\/ and https:\/\/ URLs can be uploaded/);
  }
});

for (const host of ['127.0.0.1', 'localhost', '[::1]', '10.0.0.1', '192.168.1.1', '172.16.0.1', '169.254.169.254', '0.0.0.0', '100.64.0.1', '[::ffff:127.0.0.1]']) {
  test(`[input] URL upload to ${host}: refused (no SSRF), nothing fetched`, async () => {
    const { svc } = local();
    const port = new URL(secret.url).port;
    const before = secret.seen.length;
    await rejectsWith(svc.uploadUrls([`http://${host}:${port}/photo.png`]), 'unsupported-file', REFUSED);
    assert.equal(secret.seen.length, before, 'the private server was not contacted');
    assert.equal((await svc.timeline()).media.length, 0);
  });
}

/** A loopback alias outside the private ranges (TEST-NET-2), so a "public" first hop can be simulated. */
function addPublicAlias(ip: string): boolean {
  try { execFileSync('ip', ['addr', 'add', `${ip}/32`, 'dev', 'lo'], { stdio: 'ignore' }); return true; } catch { return false; }
}
const PUBLIC_IP = '198.51.100.7';

test('[input] a public URL that redirects to a loopback address: refused at the redirect, the target never contacted', async (t) => {
  if (!addPublicAlias(PUBLIC_IP)) { t.skip('needs root to add a loopback alias'); return; }
  let redirector: Server | undefined;
  try {
    redirector = createServer((_req, res) => { res.writeHead(302, { location: `${secret.url}/photo.png` }); res.end(); });
    await new Promise<void>((r) => redirector!.listen(0, PUBLIC_IP, r));
    const port = (redirector.address() as { port: number }).port;
    const { svc } = local();
    const before = secret.seen.length;
    await rejectsWith(svc.uploadUrls([`http://${PUBLIC_IP}:${port}/go`]), 'unsupported-file', REFUSED);
    assert.equal(secret.seen.length, before, 'the redirect target was not contacted');
  } finally {
    redirector?.close();
    execFileSync('ip', ['addr', 'del', `${PUBLIC_IP}/32`, 'dev', 'lo'], { stdio: 'ignore' });
  }
});
