/**
 * A `video-gen make/export` killed mid-render (or its engine gone) used to wedge every later
 * export in that folder with "An export is already running… (Video Generator: Cancel Export)" —
 * a VS Code command, and the CLI had neither cancel nor resume. Real processes: the built CLI
 * (dist/cli.js) against the free local engine (in-process with --backend local, or `video-gen
 * serve`), killed with SIGKILL, then run again as a person would.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { call, media, waitFor } from '../integration/engine-helpers';
import { tempDir } from './helpers';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cliEnv(cfg: string, extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: cfg, LANG: 'en_US.UTF-8', VIDEO_GEN_CONFIG_DIR: cfg, ...extra };
}

function start(cwd: string, args: string[], env: Record<string, string>): { p: ChildProcess; done: Promise<Run> } {
  const p = spawn(process.execPath, [CLI, ...args], { cwd, env });
  let stdout = '';
  let stderr = '';
  p.stdout!.on('data', (d) => {
    stdout += d;
  });
  p.stderr!.on('data', (d) => {
    stderr += d;
  });
  const done = new Promise<Run>((resolve) => p.on('close', (code) => resolve({ code, stdout, stderr })));
  return { p, done };
}

const run = (cwd: string, args: string[], env: Record<string, string>): Promise<Run> => start(cwd, args, env).done;

/** The export job the CLI persisted for this folder (config dir state.json), if any. */
function persistedJob(cfg: string): string | undefined {
  const file = join(cfg, 'state.json');
  if (!existsSync(file)) return undefined;
  const state = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { renderId?: string } | undefined>;
  return Object.entries(state).find(([k, v]) => k.startsWith('videoGenerator.export:') && v?.renderId)?.[1]?.renderId;
}

/** Starts an export and SIGKILLs the CLI as soon as its job is persisted (the render has just begun). */
async function killedExport(cwd: string, args: string[], env: Record<string, string>, cfg: string): Promise<string> {
  const { p, done } = start(cwd, args, env);
  const id = (await waitFor(() => persistedJob(cfg), 'the export job persisted', 120_000)) as string;
  p.kill('SIGKILL');
  await done;
  return id;
}

function photos(dir: string): string[] {
  return ['a.png', 'b.png', 'c.png'].map((n) => {
    const f = join(dir, n);
    writeFileSync(f, media('png'));
    return f;
  });
}

test(
  '[fault] CLI: a `video-gen make --backend local` killed mid-render no longer wedges the folder: the next export clears the failed job, says so, and renders',
  { timeout: 300_000 },
  async () => {
    const root = tempDir('vg-cli-stale-');
    const cfg = join(root, 'config');
    const data = join(root, 'engine');
    const env = cliEnv(cfg);
    const files = photos(root);
    const killed = await killedExport(
      root,
      ['make', 'make a 10 second video', ...files, '--backend', 'local', '--data', data, '-o', 'first.mp4'],
      env,
      cfg,
    );

    const next = await run(root, ['export', '--backend', 'local', '--data', data, '-o', 'second.mp4'], env);
    assert.equal(next.code, 0, next.stderr);
    assert.match(
      next.stderr,
      new RegExp(
        `The earlier export ${killed} could not finish \\(the engine stopped while it was rendering\\), so it was cleared\\. Starting a new export\\.`,
      ),
    );
    assert.doesNotMatch(next.stderr, /Video Generator:|already running/);
    assert.ok(existsSync(join(root, 'second.mp4')), 'the new export was downloaded');
    assert.equal(persistedJob(cfg), undefined, 'nothing left persisted');
  },
);

test(
  "[fault] CLI against `video-gen serve`: a running export is refused naming `export --resume` / `cancel`; --resume downloads it; cancel stops one; a gone engine's job is cleared",
  { timeout: 300_000 },
  async () => {
    const root = tempDir('vg-cli-resume-');
    const cfg = join(root, 'config');
    const data = join(root, 'engine');
    const serve = start(root, ['serve', '--port', '0', '--data', data], cliEnv(join(root, 'serve-config')));
    let served = '';
    serve.p.stdout!.on('data', (d) => {
      served += d;
    });
    const url = (await waitFor(
      () => /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(served)?.[1],
      'serve listening',
      60_000,
    )) as string;
    try {
      const token = readFileSync(join(data, 'engine-token'), 'utf8');
      const env = cliEnv(cfg, { NEMO_API_BASE: url, NEMO_TOKEN: token });
      assert.equal((await run(root, ['upload', ...photos(root)], env)).code, 0);
      assert.equal((await run(root, ['chat', 'make a 20 second video'], env)).code, 0);

      // 1. Killed while rendering; the engine goes on. A new export is refused with the CLI's own commands.
      const first = await killedExport(root, ['export', '-o', 'first.mp4'], env, cfg);
      const refused = await run(root, ['export', '-o', 'other.mp4'], env);
      assert.equal(refused.code, 3, refused.stderr);
      assert.match(
        refused.stderr,
        /An export is already running for this project\. Follow it and download the video with: video-gen export --resume — or stop it with: video-gen cancel/,
      );
      assert.doesNotMatch(refused.stderr, /Video Generator:/);

      // 2. --resume follows that same job and downloads it.
      const resumed = await run(root, ['export', '--resume', '--json'], env);
      assert.equal(resumed.code, 0, resumed.stderr);
      assert.equal(JSON.parse(resumed.stdout.trim().split('\n').at(-1)!).renderId, first);
      assert.ok(existsSync(join(root, 'first.mp4')), 'downloaded where the killed export was going');
      assert.equal(persistedJob(cfg), undefined);
      const none = await run(root, ['export', '--resume'], env);
      assert.equal(none.code, 3);
      assert.match(
        none.stderr,
        /There is no unfinished export in this folder to resume\. Start one with: video-gen export/,
      );

      // 3. cancel stops a running job on the engine and forgets it here.
      const second = await killedExport(root, ['export', '-o', 'second.mp4'], env, cfg);
      const cancelled = await run(root, ['cancel'], env);
      assert.equal(cancelled.code, 0, cancelled.stderr);
      assert.match(
        cancelled.stdout,
        new RegExp(`Cancelled the export ${second}\\.|The export ${second} had already ended on the engine`),
      );
      assert.equal(persistedJob(cfg), undefined);
      const status = await call(url, 'GET', `/api/render/proxy/lambda/${second}`, { token });
      assert.ok(['cancelled', 'completed'].includes(status.body.data.status), status.text);
      assert.match(
        (await run(root, ['cancel'], env)).stdout,
        /No export is running in this folder; nothing to cancel\./,
      );

      // 4. The engine itself is gone (killed with its job): the next export clears the job and says why.
      const third = await killedExport(root, ['export', '-o', 'third.mp4'], env, cfg);
      serve.p.kill('SIGKILL');
      await serve.done;
      const gone = await run(root, ['export', '-o', 'fourth.mp4'], env);
      assert.match(
        gone.stderr,
        new RegExp(
          `The earlier export ${third} could not finish \\(the engine that ran it is gone\\), so it was cleared\\.`,
        ),
      );
      assert.equal(gone.code, 4, 'then the export itself cannot reach the engine (network)');
      assert.equal(persistedJob(cfg), undefined, 'the dead job no longer blocks the folder');
    } finally {
      serve.p.kill('SIGKILL');
    }
  },
);
