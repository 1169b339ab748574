import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startStandIn, type StandIn } from '../../src/engine/standin';
import { anonSession, call, media, uploadFiles, waitFor } from './engine-helpers';

let e: StandIn;
let strict: StandIn; // allowPrivateUrls: false
let files: Server;
let filesUrl = '';
const hits: string[] = [];

before(async () => {
  e = await startStandIn({ maxUploadBytes: 64 * 1024 });
  strict = await startStandIn({ allowPrivateUrls: false });
  // A second loopback server the URL uploads fetch from.
  files = createServer((req, res) => {
    hits.push(req.url ?? '');
    if (req.url === '/photo.png') {
      res.writeHead(200, { 'Content-Type': 'image/png' });
      res.end(media('png'));
      return;
    }
    if (req.url === '/hop1') {
      res.writeHead(302, { Location: '/hop2' });
      res.end();
      return;
    }
    if (req.url === '/hop2') {
      res.writeHead(301, { Location: `${filesUrl}/photo.png` });
      res.end();
      return;
    }
    if (req.url === '/loop') {
      res.writeHead(302, { Location: '/loop' });
      res.end();
      return;
    }
    if (req.url === '/big') {
      res.writeHead(200);
      res.end(Buffer.concat([media('png'), Buffer.alloc(100 * 1024)]));
      return;
    }
    if (req.url === '/to-file') {
      res.writeHead(302, { Location: 'file:///etc/passwd' });
      res.end();
      return;
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((r) => files.listen(0, '127.0.0.1', r));
  filesUrl = `http://127.0.0.1:${(files.address() as { port: number }).port}`;
});
after(async () => {
  await Promise.all([e.close(), strict.close(), new Promise((r) => files.close(r))]);
});

test('multipart: two files in one request, probed, kept in upload order, stored once per hash', async () => {
  const { token, sid } = await anonSession(e.url);
  const up = await uploadFiles(e.url, token, sid, [
    { name: 'clip.mp4', data: media('mp4') },
    { name: 'red.png', data: media('png') },
  ]);
  assert.equal(up.body.code, 0, up.text);
  const [clip, photo] = up.body.data.files;
  assert.equal(up.body.data.session_state_applied, true);
  assert.deepEqual(
    [clip.filename, clip.file_type, clip.width, clip.height, clip.fps],
    ['clip.mp4', 'video', 96, 160, 10],
  );
  assert.ok(clip.duration > 0.9 && clip.duration < 1.2, String(clip.duration));
  assert.deepEqual([photo.filename, photo.file_type, photo.width, photo.height], ['red.png', 'image', 64, 96]);
  assert.match(photo.hash, /^[a-f0-9]{32}$/);
  assert.ok(photo.cdn_url.startsWith(`${e.cdnUrl}/media/${photo.hash}.png`));
  // Same photo again (another name): no second copy, order unchanged.
  const again = await uploadFiles(e.url, token, sid, [{ name: 'copy.png', data: media('png') }]);
  assert.equal(again.body.data.files[0].hash, photo.hash);
  assert.equal(readdirSync(join(e.dataDir, 'media')).filter((f) => f.startsWith(photo.hash)).length, 1);
  const st = await call(e.url, 'GET', `/api/state/nemo_agent/me/${sid}/latest`, { token });
  assert.deepEqual(
    st.body.data.state.video_infos.map((v: { filename: string }) => v.filename),
    ['clip.mp4', 'red.png'],
  );
  // The CDN serves the upload without auth.
  const got = await fetch(photo.cdn_url);
  assert.equal(got.status, 200);
  assert.deepEqual(Buffer.from(await got.arrayBuffer()), media('png'));
});

test('4001: a text file renamed .png, a .txt, an empty file — and nothing is added', async () => {
  const { token, sid } = await anonSession(e.url);
  const renamed = await uploadFiles(e.url, token, sid, [
    { name: 'ok.png', data: media('png') },
    { name: 'notes.png', data: Buffer.from('just some text, not an image') },
  ]);
  assert.equal(renamed.status, 200);
  assert.equal(renamed.body.code, 4001);
  assert.match(renamed.body.message, /notes\.png/);
  assert.match(renamed.body.message, /mp4, mov.*png.*aac/);
  const txt = await uploadFiles(e.url, token, sid, [{ name: 'photo.txt', data: media('png') }]);
  assert.equal(txt.body.code, 4001);
  assert.match(txt.body.message, /\.txt/);
  const empty = await uploadFiles(e.url, token, sid, [{ name: 'empty.png', data: new Uint8Array(0) }]);
  assert.equal(empty.body.code, 4001);
  assert.match(empty.body.message, /empty/);
  const st = await call(e.url, 'GET', `/api/state/nemo_agent/me/${sid}/latest`, { token });
  assert.deepEqual(st.body.data.state.video_infos, []);
  assert.deepEqual(readdirSync(join(e.dataDir, 'tmp')), [], 'no partial files left');
});

test('4002: a file over the limit is refused and its partial file removed', async () => {
  const { token, sid } = await anonSession(e.url);
  const big = Buffer.concat([media('png'), Buffer.alloc(70 * 1024)]);
  const r = await uploadFiles(e.url, token, sid, [{ name: 'big.png', data: big }]);
  assert.equal(r.body.code, 4002);
  assert.match(r.body.message, /big\.png.*limit.*Compress or trim/);
  assert.deepEqual(readdirSync(join(e.dataDir, 'tmp')), []);
  // The connection is still usable afterwards.
  const ok = await uploadFiles(e.url, token, sid, [{ name: 'small.png', data: media('png') }]);
  assert.equal(ok.body.code, 0);
});

test('URL upload: fetched from another loopback server, redirects followed', async () => {
  const { token, sid } = await anonSession(e.url);
  const r = await call(e.url, 'POST', `/api/upload-video/nemo_agent/me/${sid}`, {
    token,
    body: { urls: [`${filesUrl}/hop1`], source_type: 'url' },
  });
  assert.equal(r.body.code, 0, r.text);
  assert.equal(r.body.data.files[0].filename, 'photo.png');
  assert.equal(r.body.data.files[0].width, 64);
  assert.ok(hits.includes('/hop1') && hits.includes('/hop2') && hits.includes('/photo.png'));
  const loop = await call(e.url, 'POST', `/api/upload-video/nemo_agent/me/${sid}`, {
    token,
    body: { urls: [`${filesUrl}/loop`], source_type: 'url' },
  });
  assert.equal(loop.body.code, 4001);
  assert.match(loop.body.message, /Too many redirects/);
  const big = await call(e.url, 'POST', `/api/upload-video/nemo_agent/me/${sid}`, {
    token,
    body: { urls: [`${filesUrl}/big`], source_type: 'url' },
  });
  assert.equal(big.body.code, 4002);
  const toFile = await call(e.url, 'POST', `/api/upload-video/nemo_agent/me/${sid}`, {
    token,
    body: { urls: [`${filesUrl}/to-file`], source_type: 'url' },
  });
  assert.equal(toFile.body.code, 4001);
  assert.match(toFile.body.message, /Only http:\/\/ and https:\/\//);
});

test('URL upload refuses file:, data:, and private addresses unless allowed', async () => {
  const { token, sid } = await anonSession(strict.url);
  const post = (urls: string[]) =>
    call(strict.url, 'POST', `/api/upload-video/nemo_agent/me/${sid}`, { token, body: { urls, source_type: 'url' } });
  const before = hits.length;
  for (const u of ['file:///etc/passwd', 'data:image/png;base64,iVBORw0KGgo=', 'ftp://example.com/a.png']) {
    const r = await post([u]);
    assert.equal(r.body.code, 4001, u);
    assert.match(r.body.message, /Only http:\/\/ and https:\/\//);
  }
  for (const u of [
    `${filesUrl}/photo.png`,
    'http://localhost:9/x.png',
    'http://[::1]:9/x.png',
    'http://10.1.2.3/x.png',
    'http://169.254.169.254/latest',
  ]) {
    const r = await post([u]);
    assert.equal(r.body.code, 4001, u);
    assert.match(r.body.message, /private or local network address/, u);
  }
  assert.equal(hits.length, before, 'no request reached the private server');
  const bad = await post(['not a url']);
  assert.match(bad.body.message, /not a valid URL/);
});

test('upload to an unknown session answers 1002; a wrong content type 4001', async () => {
  const { token } = await anonSession(e.url);
  const r = await uploadFiles(e.url, token, '123456', [{ name: 'a.png', data: media('png') }]);
  assert.equal(r.body.code, 1002);
  const mine = await anonSession(e.url);
  const other = await call(e.url, 'POST', `/api/upload-video/nemo_agent/me/${mine.sid}`, {
    token,
    headers: { 'content-type': 'image/png' },
  });
  assert.equal(other.body.code, 1002, 'a session of another user is not found');
  const plain = await call(e.url, 'POST', `/api/upload-video/nemo_agent/me/${mine.sid}`, {
    token: mine.token,
    headers: { 'content-type': 'image/png' },
  });
  assert.equal(plain.body.code, 4001);
  assert.match(plain.body.message, /multipart\/form-data/);
});

test('an interrupted multipart upload leaves no temp file and adds nothing', async () => {
  const { token, sid } = await anonSession(e.url);
  const { request: httpRequest } = await import('node:http');
  const boundary = 'xxBOUNDARYxx';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="cut.png"\r\nContent-Type: image/png\r\n\r\n`;
  await new Promise<void>((resolve) => {
    const req = httpRequest(`${e.url}/api/upload-video/nemo_agent/me/${sid}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': 100_000,
      },
    });
    req.on('error', () => resolve());
    req.write(head);
    req.write(media('png'), () => {
      // Wait until the server has the partial file on disk, then cut the connection.
      void waitFor(() => readdirSync(join(e.dataDir, 'tmp')).length > 0, 'partial file').then(() => {
        req.destroy();
        resolve();
      });
    });
  });
  await waitFor(() => readdirSync(join(e.dataDir, 'tmp')).length === 0, 'temp file removed');
  const st = await call(e.url, 'GET', `/api/state/nemo_agent/me/${sid}/latest`, { token });
  assert.deepEqual(st.body.data.state.video_infos, []);
});
