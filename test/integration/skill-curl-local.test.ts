/**
 * The skill's own flow (seed document: plain HTTP, here literally curl) against `video-gen
 * serve`: asking for an anonymous token gets a clear, non-retryable answer pointing at the
 * engine's token file; with that token: session, upload, the request, state, export, status;
 * then the render's outputUrl and the upload's cdn_url download WITHOUT the bearer (signed,
 * expiring links bound to one file), while every other request still needs the token.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { tempDir } from './coreHelpers';
import { CLI, ffprobe, writePhotos } from './mcpHelpers';

const run = promisify(execFile);
const H = [
  '-H',
  'X-Skill-Source: video-generator-free-app',
  '-H',
  'X-Skill-Version: 0.1.0',
  '-H',
  'X-Skill-Platform: unknown',
];
let serve: ChildProcess;
let base: string;
let dir: string;
let token: string;

/** curl -s …; returns the HTTP status and the body. */
async function curl(args: string[]): Promise<{ status: number; body: string; json: any }> {
  const { stdout } = await run('curl', ['-s', '--max-time', '300', '-w', '\n%{http_code}', ...args], {
    maxBuffer: 64 * 1024 * 1024,
  });
  const cut = stdout.lastIndexOf('\n');
  const body = stdout.slice(0, cut);
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  return { status: Number(stdout.slice(cut + 1)), body, json };
}

before(async () => {
  dir = tempDir('vg-skill-curl-');
  serve = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--data', join(dir, 'engine')], {
    env: { PATH: process.env.PATH ?? '', VIDEO_GEN_CONFIG_DIR: join(dir, 'config') },
  });
  let out = '';
  base = await new Promise<string>((resolve, reject) => {
    serve.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve(m[1]);
    });
    serve.on('exit', (code) => reject(new Error(`serve exited ${code}`)));
  });
  token = readFileSync(join(dir, 'engine', 'engine-token'), 'utf8');
});
after(() => {
  serve?.kill('SIGINT');
});

test(
  "the skill's curl flow works against the local engine; links download without the token, nothing else does",
  { timeout: 800_000 },
  async () => {
    // §1 Getting connected: the anonymous-token step gets a clear refusal, not 1001 (which means "re-auth" → a loop).
    const anon = await curl([
      '-X',
      'POST',
      `${base}/api/auth/anonymous-token`,
      '-H',
      'X-Client-Id: 6d1f0c38-0c7e-4c7a-9d7e-3f0f7b3f1a11',
      ...H,
    ]);
    assert.equal(anon.status, 403);
    assert.notEqual(anon.json.code, 1001);
    assert.match(anon.json.message, /do not retry/);
    assert.ok(anon.json.message.includes(join(dir, 'engine', 'engine-token')), 'it says where the token is');
    assert.ok(!anon.body.includes(token), 'and does not hand it out');

    const auth = ['-H', `Authorization: Bearer ${token}`, ...H];
    const session = await curl([
      '-X',
      'POST',
      `${base}/api/tasks/me/with-session/nemo_agent`,
      ...auth,
      '-H',
      'Content-Type: application/json',
      '-d',
      '{"task_name":"project","language":"en"}',
    ]);
    assert.equal(session.json.code, 0, session.body);
    const sid = session.json.data.session_id;

    const photos = writePhotos(join(dir, 'photos'));
    const up = await curl([
      '-X',
      'POST',
      `${base}/api/upload-video/nemo_agent/me/${sid}`,
      ...auth,
      ...photos.flatMap((p) => ['-F', `files=@${p}`]),
    ]);
    assert.equal(up.json.code, 0, up.body);
    assert.equal(up.json.data.files.length, 5);

    const sse = await curl([
      '-N',
      '-X',
      'POST',
      `${base}/run_sse`,
      ...auth,
      '-H',
      'Accept: text/event-stream',
      '-H',
      'Content-Type: application/json',
      '-d',
      JSON.stringify({
        app_name: 'nemo_agent',
        user_id: 'me',
        session_id: sid,
        new_message: {
          role: 'user',
          parts: [{ text: 'turn these photos into a 30-second promo video with music and text overlays' }],
        },
      }),
    ]);
    assert.equal(sse.status, 200);
    assert.match(sse.body, /^data: \{/m);

    const state = await curl([`${base}/api/state/nemo_agent/me/${sid}/latest`, ...auth]);
    const draft = state.json.data.state.draft;
    assert.ok(draft.t.length >= 3, 'video, music and text tracks');

    // The upload's cdn_url: no bearer needed; the bytes are the photo's.
    const cdn = state.json.data.state.video_infos[0].cdn_url as string;
    assert.ok(!cdn.includes(token), 'the token is never in a URL');
    const mediaFile = join(dir, 'got.jpg');
    const got = await curl(['-o', mediaFile, cdn]);
    assert.equal(got.status, 200);
    assert.deepEqual(readFileSync(mediaFile), readFileSync(photos[0]));

    // A link opens its one file only, and only as signed.
    const u = new URL(cdn);
    const other = state.json.data.state.video_infos[1].cdn_url as string;
    const swapped = `${new URL(other).origin}${new URL(other).pathname}${u.search}`;
    assert.equal((await curl([swapped])).status, 403, 'another file with this signature');
    assert.equal(
      (
        await curl([
          `${u.origin}${u.pathname}?exp=${Number(u.searchParams.get('exp')) + 86_400}&sig=${u.searchParams.get('sig')}`,
        ])
      ).status,
      403,
      'a longer expiry',
    );
    assert.equal((await curl([`${u.origin}${u.pathname}`])).status, 403, 'no signature');

    // §3.5 Export, poll, download outputUrl without the bearer.
    const id = `render_${Date.now()}`;
    const start = await curl([
      '-X',
      'POST',
      `${base}/api/render/proxy/lambda`,
      ...auth,
      '-H',
      'Content-Type: application/json',
      '-d',
      JSON.stringify({ id, sessionId: sid, draft, output: { format: 'mp4', quality: 'high' } }),
    ]);
    assert.equal(start.json.success, true, start.body);
    let st: any;
    const deadline = Date.now() + 700_000; // a shared, loaded machine can take minutes for a 30 s render
    do {
      assert.ok(Date.now() < deadline, 'render finished in time');
      await new Promise((r) => setTimeout(r, 2000));
      st = (await curl([`${base}/api/render/proxy/lambda/${id}`, ...auth])).json.data;
    } while (st.status === 'pending' || st.status === 'processing');
    assert.equal(st.status, 'completed', st.error);
    assert.ok(!st.outputUrl.includes(token));
    const mp4 = join(dir, 'promo.mp4');
    const dl = await curl(['-o', mp4, st.outputUrl]);
    assert.equal(dl.status, 200);
    const probe = ffprobe(mp4);
    assert.deepEqual(probe.codecs, ['h264', 'aac']);
    assert.ok(Math.abs(probe.duration - 30) < 0.2);

    // Everything else still needs the token.
    for (const url of [
      `${base}/api/credits/balance/simple`,
      `${base}/api/state/nemo_agent/me/${sid}/latest`,
      `${base}/api/render/proxy/${id}/download`,
      `${base}/api/media/${u.pathname.split('/').pop()}`,
      `${base}/api/render/proxy/lambda/${id}`,
    ]) {
      assert.equal((await curl([url, ...H])).status, 401, url);
    }
  },
);
