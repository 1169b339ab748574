/**
 * Crash hygiene of the local engine, with real processes: `video-gen serve` (the built CLI) is
 * killed with SIGKILL in the middle of a real ffmpeg render, and we check what a person would
 * find afterwards — no ffmpeg still burning the CPU, no partial files once the engine is back —
 * plus the private modes of the user's data and a token file that cannot be redirected.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { startLocalEngine } from '../../src/engine/local';
import { parentDeathHelper } from '../../src/engine/tiedSpawn';
import { call, chat, media, uploadFiles, waitFor } from '../integration/engine-helpers';
import { tempDir } from './helpers';
import { childrenNamed } from '../support/processes';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

async function serve(
  data: string,
  env: Record<string, string> = {},
): Promise<{ p: ChildProcess; url: string; token: string }> {
  const p = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--data', data], {
    env: { PATH: process.env.PATH ?? '', VIDEO_GEN_CONFIG_DIR: join(data, '..', 'config'), ...env },
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    p.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve(m[1]);
    });
    p.on('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
  return { p, url, token: readFileSync(join(data, 'engine-token'), 'utf8') };
}

const running = (pid: number) => existsSync(`/proc/${pid}`) && !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));

/** A session with three photos and a draft of `seconds`, ready to render. */
async function readyToRender(url: string, token: string, seconds = 40): Promise<{ sid: string; draft: unknown }> {
  const sid = (await call(url, 'POST', '/api/tasks/me/with-session/nemo_agent', { token, body: { language: 'en' } }))
    .body.data.session_id;
  const up = await uploadFiles(
    url,
    token,
    sid,
    ['a.png', 'b.png', 'c.png'].map((name) => ({ name, data: media('png'), type: 'image/png' })),
  );
  assert.equal(up.body.code, 0, up.text);
  await chat(url, token, sid, `make a ${seconds} second video with music`);
  const st = await call(url, 'GET', `/api/state/nemo_agent/me/${sid}/latest`, { token });
  return { sid, draft: st.body.data.state.draft };
}

test(
  '[crash] kill -9 of the engine mid-render: its ffmpeg dies with it, and the next start removes every partial file',
  { timeout: 120_000 },
  async (t) => {
    if (process.platform !== 'linux') {
      t.skip('reads /proc');
      return;
    }
    if (!parentDeathHelper()) {
      t.skip('setpriv --pdeathsig is not available here');
      return;
    }
    const data = join(tempDir('vg-crash-'), 'engine');
    const { p, url, token } = await serve(data);
    let ffmpegPid = 0;
    try {
      const { sid, draft } = await readyToRender(url, token);
      // A partial upload as a killed upload would leave it.
      writeFileSync(join(data, 'tmp', 'deadbeef.part'), 'half an upload');
      const id = `render_${Date.now()}`;
      const start = await call(url, 'POST', '/api/render/proxy/lambda', {
        token,
        body: { id, sessionId: sid, draft, output: { format: 'mp4' } },
      });
      assert.equal(start.body.success, true, start.text);
      ffmpegPid = await waitFor(() => childrenNamed(p.pid!, 'ffmpeg')[0], 'ffmpeg running under the engine', 30_000);
      await waitFor(
        () => readdirSync(join(data, 'renders')).some((f) => f.endsWith('.part.mp4')),
        'a partial render on disk',
        30_000,
      );
    } finally {
      p.kill('SIGKILL');
    }
    await new Promise((r) => p.once('exit', r));
    await waitFor(
      () => !running(ffmpegPid) || undefined,
      `ffmpeg ${ffmpegPid} gone after its engine was killed`,
      5_000,
    );

    const left = () => [
      ...readdirSync(join(data, 'renders')).filter((f) => f.endsWith('.part.mp4')),
      ...readdirSync(join(data, 'tmp')).filter((f) => f.endsWith('.part')),
      ...readdirSync(join(data, 'tmp', 'render')).filter((f) => f.startsWith('vg-render-')),
    ];
    assert.ok(left().length >= 3, `the kill left partials behind to sweep: ${left().join(', ')}`);
    const logged: string[] = [];
    const again = await startLocalEngine({ dataDir: data, log: (l) => logged.push(l) });
    try {
      assert.deepEqual(left(), [], 'no partial file survives the next start');
      assert.ok(
        logged.some((l) => /removed \d+ partial file/.test(l)),
        logged.join('\n'),
      );
      assert.deepEqual(
        readdirSync(join(data, 'instances')),
        [String(process.pid)],
        'the dead engine is no longer registered',
      );
    } finally {
      await again.close();
    }
  },
);

test(
  '[crash] a tied ffmpeg with no pipe to its engine dies with it on kill -9 (pdeathsig), instead of running on to the end',
  { timeout: 30_000 },
  async (t) => {
    if (process.platform !== 'linux' || !parentDeathHelper()) {
      t.skip('setpriv --pdeathsig is not available here');
      return;
    }
    // The render test above cannot tell the guard from SIGPIPE: its ffmpeg writes progress to
    // a pipe into the engine and dies on the next write once the engine is gone. This ffmpeg
    // writes only a file and reads a real-time input good for 120 s: only the kernel's
    // parent-death signal stops it.
    const out = join(tempDir('vg-tied-'), 'tone.wav');
    const parent = spawn(
      process.execPath,
      ['--import', 'tsx', join(__dirname, '..', 'support', 'tiedFfmpegParent.ts'), out, '120'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let ffmpegPid = 0;
    try {
      let said = '';
      parent.stdout!.on('data', (d) => (said += d));
      ffmpegPid = (await waitFor(() => Number(/^(\d+)\n/.exec(said)?.[1]) || undefined, 'ffmpeg started', 20_000)) ?? 0;
      // Working for real: its file grows before the parent is killed.
      await waitFor(() => (existsSync(out) && statSync(out).size > 0) || undefined, 'ffmpeg writing', 10_000);
      parent.kill('SIGKILL');
      await new Promise((r) => parent.once('exit', r));
      await waitFor(
        () => !running(ffmpegPid) || undefined,
        `ffmpeg ${ffmpegPid} gone after its parent was killed`,
        5_000,
      );
    } finally {
      parent.kill('SIGKILL');
      if (ffmpegPid && running(ffmpegPid)) process.kill(ffmpegPid, 'SIGKILL');
    }
  },
);

test(
  '[crash] a live engine on the same data dir keeps its fresh partial files when another one starts',
  { timeout: 30_000 },
  async () => {
    const data = join(tempDir('vg-crash-'), 'engine');
    const first = await serve(data);
    try {
      writeFileSync(join(data, 'tmp', 'live-upload.part'), 'being written');
      const second = await startLocalEngine({ dataDir: data });
      try {
        assert.ok(existsSync(join(data, 'tmp', 'live-upload.part')), "a neighbour's upload in progress is left alone");
      } finally {
        await second.close();
      }
    } finally {
      first.p.kill('SIGINT');
      await new Promise((r) => first.p.once('exit', r));
    }
  },
);

test("[crash] the user's data is private: dirs 0700, a rendered MP4 0600", { timeout: 90_000 }, async () => {
  const data = join(tempDir('vg-modes-'), 'engine');
  const e = await startLocalEngine({ dataDir: data });
  try {
    const { sid, draft } = await readyToRender(e.url, e.token!, 3);
    const id = `render_${Date.now()}`;
    await call(e.url, 'POST', '/api/render/proxy/lambda', {
      token: e.token,
      body: { id, sessionId: sid, draft: { ...(draft as object) }, output: { format: 'mp4' } },
    });
    await waitFor(
      async () =>
        (await call(e.url, 'GET', `/api/render/proxy/lambda/${id}`, { token: e.token })).body.data.status ===
          'completed' || undefined,
      'render completed',
      80_000,
    );
    for (const d of ['', 'sessions', 'media', 'renders', 'tmp', join('tmp', 'render')])
      assert.equal(statSync(join(data, d)).mode & 0o777, 0o700, `${d || 'the data dir'} is 0700`);
    assert.equal(statSync(join(data, 'renders', `${id}.mp4`)).mode & 0o777, 0o600);
    for (const f of readdirSync(join(data, 'media')))
      assert.equal(statSync(join(data, 'media', f)).mode & 0o777, 0o600, `media/${f}`);
  } finally {
    await e.close();
  }
});

test(
  '[crash] serve writes its token to a new 0600 file: a symlink planted at that path is replaced, its target untouched',
  { timeout: 30_000 },
  async () => {
    const root = tempDir('vg-token-');
    const data = join(root, 'engine');
    mkdirSync(data, { recursive: true });
    const victim = join(root, 'victim.txt');
    writeFileSync(victim, 'do not overwrite', { mode: 0o644 });
    symlinkSync(victim, join(data, 'engine-token'));
    const { p, token } = await serve(data);
    try {
      assert.equal(readFileSync(victim, 'utf8'), 'do not overwrite');
      const st = lstatSync(join(data, 'engine-token'));
      assert.ok(st.isFile() && !st.isSymbolicLink(), 'the token file is a regular file');
      assert.equal(st.mode & 0o777, 0o600);
      assert.match(token, /^[0-9a-f]{64}$/);
    } finally {
      p.kill('SIGINT');
      await new Promise((r) => p.once('exit', r));
    }
  },
);

test(
  '[crash] disk full during an upload: a clear "disk is full" with the space left and the place, no partial file, the engine goes on',
  { timeout: 60_000 },
  async (t) => {
    const mnt = tempDir('vg-enospc-');
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=512k', 'tmpfs', mnt], { stdio: 'ignore' });
    } catch {
      t.skip('needs root to mount a small tmpfs');
      return;
    }
    try {
      const data = join(mnt, 'engine');
      const e = await startLocalEngine({ dataDir: data });
      try {
        const sid = (
          await call(e.url, 'POST', '/api/tasks/me/with-session/nemo_agent', {
            token: e.token,
            body: { language: 'en' },
          })
        ).body.data.session_id;
        const big = Buffer.concat([media('png'), Buffer.alloc(1024 * 1024, 7)]); // a PNG with 1 MB of trailing bytes
        const r = await uploadFiles(e.url, e.token!, sid, [{ name: 'huge.png', data: big, type: 'image/png' }]);
        assert.equal(r.status, 507, r.text);
        assert.match(r.body.message, /^The disk is full \(\d+ MB free at .*engine\)\. Free some space/);
        assert.deepEqual(
          readdirSync(join(data, 'tmp')).filter((f) => f.endsWith('.part')),
          [],
          'no partial upload left',
        );
        const ok = await uploadFiles(e.url, e.token!, sid, [
          { name: 'small.png', data: media('png'), type: 'image/png' },
        ]);
        assert.equal(ok.body.code, 0, `a small upload still works afterwards: ${ok.text}`);
      } finally {
        await e.close();
      }
    } finally {
      execFileSync('umount', [mnt], { stdio: 'ignore' });
    }
  },
);

test(
  '[crash] retention: at start, finished renders older than a week lose their video and record; newer ones stay',
  { timeout: 30_000 },
  async () => {
    const data = join(tempDir('vg-retention-'), 'engine');
    mkdirSync(join(data, 'renders'), { recursive: true });
    const day = 24 * 60 * 60_000;
    for (const [id, age] of [
      ['render_old', 8 * day],
      ['render_new', 2 * day],
    ] as const) {
      writeFileSync(
        join(data, 'renders', `${id}.json`),
        JSON.stringify({
          id,
          sessionId: 's',
          userId: 'local',
          status: 'completed',
          progress: 100,
          output: { format: 'mp4', quality: 'high' },
          createdAt: Date.now() - age,
          completedAt: Date.now() - age,
        }),
      );
      writeFileSync(join(data, 'renders', `${id}.mp4`), 'video');
    }
    const e = await startLocalEngine({ dataDir: data });
    try {
      assert.deepEqual(readdirSync(join(data, 'renders')).sort(), ['render_new.json', 'render_new.mp4']);
      const gone = await call(e.url, 'GET', '/api/render/proxy/lambda/render_old', { token: e.token });
      assert.equal(gone.status, 404, 'an expired render is unknown, not half there');
    } finally {
      await e.close();
    }
  },
);
