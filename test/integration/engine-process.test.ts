/**
 * The per-user engine process (src/engine/process) over real boundaries: real child processes
 * (the engine, and "windows" as separate processes), real files, real HTTP on 127.0.0.1.
 * Discovery through a 0600 record, the token check before reuse, one engine for windows that
 * start together, a fresh engine for a dead/foreign/stale record or another build, and the
 * idle exit.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer, request as httpRequest } from 'node:http';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attachEngine, probeEngine } from '../../src/engine/process/attach';
import { startLocalEngine } from '../../src/engine/local';
import {
  isAlive,
  logPath,
  lockPath,
  processDir,
  readRecord,
  recordPath,
  tryLock,
  writeRecord,
} from '../../src/engine/process/record';
import { engineCommand, REPO } from './fixtures/engineCommand';
import { call, chat, media, uploadFiles, waitFor } from './engine-helpers';
import { childrenNamed } from '../support/processes';
import { parentDeathHelper } from '../../src/engine/tiedSpawn';

const started = new Set<number>();
const dirs: string[] = [];
after(() => {
  for (const pid of started) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function freshDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'vg-engine-proc-'));
  dirs.push(d);
  return join(d, 'local-engine');
}

async function attach(dataDir: string, build = 'build-a', idleExitMs?: number) {
  const e = await attachEngine({ dataDir, build, ...engineCommand(idleExitMs) });
  started.add(e.pid);
  return e;
}

/** A "window" in its own process: attaches and prints {pid, started}. */
function windowProcess(dataDir: string, build: string): Promise<{ pid?: number; started?: boolean; error?: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(REPO, 'test', 'integration', 'fixtures', 'attachWindow.ts'), dataDir, build],
      { cwd: REPO, timeout: 60_000 },
      (err, stdout) => {
        const line = stdout.trim().split('\n').pop() ?? '';
        try {
          resolve(JSON.parse(line) as { pid?: number; started?: boolean });
        } catch {
          reject(err ?? new Error(`no answer: ${stdout}`));
        }
      },
    );
  });
}

test(
  'a window starts the engine in its own process; its record is 0600 in a 0700 dir and the token is nowhere else',
  { timeout: 90_000 },
  async () => {
    const dataDir = freshDir();
    const e = await attach(dataDir);
    assert.equal(e.started, true);
    assert.notEqual(e.pid, process.pid, "the engine is not in the caller's process");
    assert.ok(isAlive(e.pid));
    assert.equal(statSync(processDir(dataDir)).mode & 0o777, 0o700);
    assert.equal(statSync(recordPath(dataDir)).mode & 0o777, 0o600);
    const rec = readRecord(dataDir)!;
    assert.equal(rec.pid, e.pid);
    assert.equal(rec.token, e.token);
    assert.match(e.token, /^[a-f0-9]{64}$/);
    assert.equal(e.url, `http://127.0.0.1:${rec.port}`);
    // Not on its command line (visible to every local user in /proc), not in its log.
    if (process.platform === 'linux')
      assert.doesNotMatch(readFileSync(`/proc/${e.pid}/cmdline`, 'utf8'), new RegExp(e.token));
    assert.doesNotMatch(readFileSync(logPath(dataDir), 'utf8'), new RegExp(e.token));
    // Status needs the token; the wrong one gets nothing.
    assert.equal((await probeEngine({ port: rec.port, token: e.token }))?.pid, e.pid);
    assert.equal(await probeEngine({ port: rec.port, token: 'f'.repeat(64) }), undefined);
    // The next window reuses it.
    const again = await attach(dataDir);
    assert.deepEqual([again.started, again.pid, again.token], [false, e.pid, e.token]);
  },
);

test('three windows starting at once converge on ONE engine (the start lock)', { timeout: 120_000 }, async () => {
  const dataDir = freshDir();
  const answers = await Promise.all([1, 2, 3].map(() => windowProcess(dataDir, 'build-a')));
  for (const a of answers) if (a.pid) started.add(a.pid);
  assert.deepEqual(
    answers.map((a) => a.error),
    [undefined, undefined, undefined],
    JSON.stringify(answers),
  );
  assert.equal(new Set(answers.map((a) => a.pid)).size, 1, `one engine for all: ${JSON.stringify(answers)}`);
  assert.equal(answers.filter((a) => a.started).length, 1, 'exactly one window started it');
  const listening = readFileSync(logPath(dataDir), 'utf8')
    .split('\n')
    .filter((l) => l.includes('listening on'));
  assert.equal(listening.length, 1, `one engine process ever listened:\n${listening.join('\n')}`);
  assert.ok(isAlive(answers[0].pid!));
});

test(
  'a record of a dead engine, or of something else answering on its port, starts a fresh engine',
  { timeout: 120_000 },
  async () => {
    const dataDir = freshDir();
    // kill -9: the record stays behind, naming a dead pid.
    const first = await attach(dataDir);
    process.kill(first.pid, 'SIGKILL');
    await waitFor(() => !isAlive(first.pid), 'the engine to die', 20_000);
    assert.equal(readRecord(dataDir)?.pid, first.pid, "the dead engine's record is still there");
    const second = await attach(dataDir);
    assert.equal(second.started, true);
    assert.notEqual(second.pid, first.pid);
    assert.notEqual(second.token, first.token);

    // A record naming a live pid whose port now belongs to another server: not ours, not reused.
    const other = createServer((_req, res) => {
      res.writeHead(401);
      res.end();
    });
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    try {
      process.kill(second.pid, 'SIGKILL');
      await waitFor(() => !isAlive(second.pid), 'the engine to die', 20_000);
      writeRecord(dataDir, {
        pid: process.pid,
        port: (other.address() as { port: number }).port,
        token: 'a'.repeat(64),
        build: 'build-a',
        startedAt: Date.now(),
      });
      const third = await attach(dataDir);
      assert.equal(third.started, true);
      assert.notEqual(third.pid, process.pid);
      assert.equal(readRecord(dataDir)?.pid, third.pid);
    } finally {
      other.close();
    }
  },
);

test('a window of another build stops the old engine and starts its own', { timeout: 120_000 }, async () => {
  const dataDir = freshDir();
  const old = await attach(dataDir, 'build-old');
  const fresh = await attach(dataDir, 'build-new');
  assert.equal(fresh.started, true);
  assert.notEqual(fresh.pid, old.pid);
  await waitFor(() => !isAlive(old.pid), "the old build's engine to exit", 20_000);
  assert.equal((await probeEngine({ port: Number(new URL(fresh.url).port), token: fresh.token }))?.build, 'build-new');
});

test(
  'a start lock held by a dead window is broken; one held by a live window is respected',
  { timeout: 30_000 },
  () => {
    const dataDir = freshDir();
    const unlock = tryLock(dataDir)!;
    assert.ok(unlock, 'the first window takes the lock');
    assert.equal(tryLock(dataDir), undefined, 'a second caller waits while the holder lives');
    unlock();
    // A lock left by a process that died mid-start.
    const deadPid = 2 ** 22 - 1; // beyond Linux's default pid_max: never a live process
    assert.equal(isAlive(deadPid), false);
    writeFileSync(lockPath(dataDir), JSON.stringify({ pid: deadPid, at: Date.now() }), { mode: 0o600 });
    const taken = tryLock(dataDir);
    assert.ok(taken, "a dead holder's lock is broken");
    taken!();
  },
);

test(
  'the engine exits on its own once idle (no window heartbeat, no request, no render), and removes its record',
  { timeout: 120_000 },
  async () => {
    const dataDir = freshDir();
    const idleMs = 2_000;
    const e = await attach(dataDir, 'build-a', idleMs);
    const port = Number(new URL(e.url).port);
    // A window's heartbeat keeps it alive well past the idle time.
    const until = Date.now() + idleMs * 2;
    while (Date.now() < until) {
      assert.ok(await probeEngine({ port, token: e.token }), 'alive while a window is there');
      await new Promise((r) => setTimeout(r, idleMs / 4));
    }
    // The window goes: the engine follows within idle time + one check.
    const gone = Date.now();
    await waitFor(() => !isAlive(e.pid), 'the idle engine to exit', idleMs * 5);
    const waited = Date.now() - gone;
    assert.ok(waited >= idleMs * 0.75, `it waited for the idle time (${waited} ms)`);
    assert.equal(readRecord(dataDir), undefined, 'its record is gone');
    assert.match(readFileSync(logPath(dataDir), 'utf8'), /stopped: idle/);
  },
);

test(
  'a request still in flight (a slow upload body) keeps the engine alive past the idle time',
  { timeout: 120_000 },
  async () => {
    const dataDir = freshDir();
    const idleMs = 1_500;
    const e = await attach(dataDir, 'build-a', idleMs);
    const port = Number(new URL(e.url).port);
    const session = await fetch(`${e.url}/api/tasks/me/with-session/nemo_agent`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${e.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ task_name: 'p', language: 'en' }),
    }).then((r) => r.json() as Promise<{ data: { session_id: string } }>);
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: `/api/upload-video/nemo_agent/me/${session.data.session_id}`,
      headers: {
        Host: `127.0.0.1:${port}`,
        Authorization: `Bearer ${e.token}`,
        'Content-Type': 'multipart/form-data; boundary=x',
        'Transfer-Encoding': 'chunked',
      },
    });
    req.on('error', () => undefined);
    req.on('response', (res) => res.resume());
    const until = Date.now() + idleMs * 3;
    while (Date.now() < until) {
      req.write('--x\r\n');
      await new Promise((r) => setTimeout(r, idleMs / 5));
      assert.ok(isAlive(e.pid), 'alive while the request is in flight');
    }
    req.end();
    await waitFor(() => !isAlive(e.pid), 'the engine to exit once the request is over', idleMs * 6);
  },
);

test(
  'the engine exits when its data dir is removed (a deleted profile leaves no process behind)',
  { timeout: 60_000 },
  async () => {
    const dataDir = freshDir();
    const e = await attach(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
    await waitFor(() => !isAlive(e.pid), 'the engine to exit', 20_000);
  },
);

test(
  "the control routes exist only in the engine process: the CLI's in-process engine answers 404, and both need the token",
  { timeout: 60_000 },
  async () => {
    const dataDir = freshDir();
    const inProcess = await startLocalEngine({ dataDir });
    try {
      const port = inProcess.port;
      const get = (token?: string) =>
        new Promise<number>((resolve, reject) => {
          const req = httpRequest(
            {
              host: '127.0.0.1',
              port,
              path: '/api/engine/status',
              headers: { Host: `127.0.0.1:${port}`, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
            },
            (res) => {
              res.resume();
              resolve(res.statusCode ?? 0);
            },
          );
          req.on('error', reject);
          req.end();
        });
      assert.equal(await get(inProcess.token), 404);
      assert.equal(await get(), 401, 'without the token: 401 before anything else');
    } finally {
      await inProcess.close();
    }
    const e = await attach(freshDir());
    const port = Number(new URL(e.url).port);
    const status = (token?: string) =>
      new Promise<number>((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port,
            path: '/api/engine/shutdown',
            method: 'POST',
            headers: { Host: `127.0.0.1:${port}`, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end();
      });
    assert.equal(await status(), 401, 'nobody without the token stops it');
    assert.ok(isAlive(e.pid));
    assert.equal(await status(e.token), 200);
    await waitFor(() => !isAlive(e.pid), 'the engine to stop when asked with its token', 20_000);
  },
);

test(
  'kill -9 of the engine process mid-render: its ffmpeg dies with it, and the next window starts a fresh engine',
  { timeout: 150_000 },
  async (t) => {
    if (process.platform !== 'linux' || !parentDeathHelper()) {
      t.skip('needs /proc and setpriv --pdeathsig');
      return;
    }
    const dataDir = freshDir();
    const e = await attach(dataDir);
    const sid = (
      await call(e.url, 'POST', '/api/tasks/me/with-session/nemo_agent', { token: e.token, body: { language: 'en' } })
    ).body.data.session_id as string;
    const up = await uploadFiles(
      e.url,
      e.token,
      sid,
      ['a.png', 'b.png', 'c.png'].map((name) => ({ name, data: media('png'), type: 'image/png' })),
    );
    assert.equal(up.body.code, 0, up.text);
    await chat(e.url, e.token, sid, 'make a 40 second video with music');
    const draft = (await call(e.url, 'GET', `/api/state/nemo_agent/me/${sid}/latest`, { token: e.token })).body.data
      .state.draft as unknown;
    const start = await call(e.url, 'POST', '/api/render/proxy/lambda', {
      token: e.token,
      body: { id: `render_${Date.now()}`, sessionId: sid, draft, output: { format: 'mp4' } },
    });
    assert.equal(start.body.success, true, start.text);
    // The render's own ffmpeg (writing the partial MP4), not a short probe.
    await waitFor(
      () =>
        existsSync(join(dataDir, 'renders')) &&
        readdirSync(join(dataDir, 'renders')).some((f) => f.endsWith('.part.mp4')),
      'a partial render on disk',
      60_000,
    );
    const ffmpegPid = await waitFor(
      () => childrenNamed(e.pid, 'ffmpeg')[0],
      'ffmpeg running under the engine process',
      30_000,
    );
    process.kill(e.pid, 'SIGKILL');
    await waitFor(() => !isAlive(e.pid), 'the engine process to die', 20_000);
    const running = (pid: number) => {
      try {
        return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
      } catch {
        return false;
      }
    };
    await waitFor(() => !running(ffmpegPid), `ffmpeg ${ffmpegPid} gone with its engine`, 5_000);
    const next = await attach(dataDir);
    assert.equal(next.started, true);
    assert.deepEqual(
      readdirSync(join(dataDir, 'renders')).filter((f) => f.endsWith('.part.mp4')),
      [],
      'the fresh engine swept the partial render',
    );
  },
);
