/**
 * A chat turn whose draft cannot be written (disk full, read-only data dir) used to stream
 * "Done — added a caption", then fail to save: the new draft was shown, and gone after a
 * restart. Now the draft is written before the reply says anything changed. Real engine, real
 * files on a real full / read-only filesystem (a small tmpfs inside the test's own temp dir;
 * needs root to mount, skipped otherwise), and the real `video-gen serve` with its log file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { startLocalEngine } from '../../src/engine/local';
import { draftVersion } from '../../src/contract/draftSchema';
import { call, chat, media, sseEvents, uploadFiles, waitFor } from '../integration/engine-helpers';
import { tempDir } from './helpers';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

function mount(dir: string, opts: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', opts, 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const umount = (dir: string) => execFileSync('umount', [dir], { stdio: 'ignore' });

/** Writes until the filesystem is full (ENOSPC), so the next write of any size fails. */
function fillUp(file: string): void {
  const fd = openSync(file, 'w');
  try {
    for (const size of [256 * 1024, 4096, 1]) {
      const chunk = Buffer.alloc(size, 1);
      try {
        for (;;) writeSync(fd, chunk);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
      }
    }
  } finally {
    closeSync(fd);
  }
}

const finalText = (sse: string): string =>
  sseEvents(sse)
    .filter((ev) => !ev.partial && ev.content?.parts?.[0]?.text)
    .at(-1)?.content.parts[0].text ?? '';
const toolResponse = (sse: string) =>
  sseEvents(sse).find((ev) => ev.content?.parts?.[0]?.functionResponse)?.content.parts[0].functionResponse.response;

async function stateDraft(url: string, token: string, sid: string): Promise<unknown> {
  return (await call(url, 'GET', `/api/state/nemo_agent/me/${sid}/latest`, { token })).body.data.state.draft;
}
const diskDraft = (data: string, sid: string): unknown =>
  JSON.parse(readFileSync(join(data, 'sessions', `${sid}.json`), 'utf8')).draft;

test(
  "[crash] disk full during a chat turn: the reply does not claim the change, the engine's state matches the disk, and after a restart too",
  { timeout: 120_000 },
  async (t) => {
    const mnt = tempDir('vg-full-');
    if (!mount(mnt, 'size=4m')) {
      t.skip('needs root to mount a small tmpfs');
      return;
    }
    try {
      const data = join(mnt, 'engine');
      let e = await startLocalEngine({ dataDir: data });
      try {
        const token = e.token!;
        const sid = (
          await call(e.url, 'POST', '/api/tasks/me/with-session/nemo_agent', { token, body: { language: 'en' } })
        ).body.data.session_id;
        await uploadFiles(
          e.url,
          token,
          sid,
          ['a.png', 'b.png'].map((name) => ({ name, data: media('png'), type: 'image/png' })),
        );
        await chat(e.url, token, sid, 'make a 6 second video');
        const before = await stateDraft(e.url, token, sid);
        assert.ok(before, 'a first draft was saved');

        fillUp(join(mnt, 'filler.bin'));
        const turn = await chat(e.url, token, sid, 'add a caption "Big summer sale"');
        const reply = finalText(turn.text);
        assert.match(
          reply,
          /^I could not save that change because the disk is full, so the video is unchanged\. Free some space, then send the message again\.$/,
        );
        assert.doesNotMatch(turn.text, /Added|Done/, 'nothing in the stream says the video changed');
        assert.equal(toolResponse(turn.text)?.ok, false);
        assert.equal(
          draftVersion(await stateDraft(e.url, token, sid)),
          draftVersion(before),
          'the engine shows what is on disk',
        );
        assert.equal(draftVersion(diskDraft(data, sid)), draftVersion(before));

        await e.close();
        execFileSync('rm', [join(mnt, 'filler.bin')]);
        e = await startLocalEngine({ dataDir: data });
        assert.equal(
          draftVersion(await stateDraft(e.url, e.token!, sid)),
          draftVersion(before),
          'after a restart: the same draft',
        );
        // With space again, the same request goes through and says so.
        const again = await chat(e.url, e.token!, sid, 'add a caption "Big summer sale"');
        assert.match(finalText(again.text), /Big summer sale/);
        assert.notEqual(draftVersion(diskDraft(data, sid)), draftVersion(before));
      } finally {
        await e.close();
      }
    } finally {
      umount(mnt);
    }
  },
);

test(
  '[crash] `video-gen serve` writes a 0600 log with levels (file + stderr); a read-only sessions folder: the chat reply does not claim the change, a failed request names the log',
  { timeout: 120_000 },
  async (t) => {
    const root = tempDir('vg-serve-log-');
    const data = join(root, 'engine');
    const p = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--data', data], {
      env: { PATH: process.env.PATH ?? '', HOME: root, VIDEO_GEN_CONFIG_DIR: join(root, 'config') },
    });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => {
      out += d;
    });
    p.stderr.on('data', (d) => {
      err += d;
    });
    let mounted = false;
    try {
      const url = (await waitFor(
        () => /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1],
        'serve listening',
        60_000,
      )) as string;
      const logFile = join(data, 'engine.log');
      assert.match(
        out,
        new RegExp(
          `The engine's log \\(requests, warnings, errors\\) is in ${logFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.`,
        ),
      );
      assert.equal(statSync(logFile).mode & 0o777, 0o600);
      const token = readFileSync(join(data, 'engine-token'), 'utf8');
      const sid = (
        await call(url, 'POST', '/api/tasks/me/with-session/nemo_agent', { token, body: { language: 'en' } })
      ).body.data.session_id;
      await uploadFiles(
        url,
        token,
        sid,
        ['a.png', 'b.png'].map((name) => ({ name, data: media('png'), type: 'image/png' })),
      );
      await chat(url, token, sid, 'make a 6 second video');
      const before = draftVersion(await stateDraft(url, token, sid));
      await waitFor(
        () =>
          /^\S+Z INFO  GET \/api\/state\/nemo_agent\/me\/\d+\/latest 200 \d+ms$/m.test(readFileSync(logFile, 'utf8')),
        'request lines in the log',
      );
      assert.match(err, /INFO  POST \/run_sse 200/, 'stderr has the lines too');
      assert.doesNotMatch(readFileSync(logFile, 'utf8'), new RegExp(token), 'the token never reaches the log');

      if (!mount(join(data, 'sessions'), 'ro,size=64k')) {
        t.skip('needs root to mount a read-only tmpfs');
        return;
      }
      mounted = true;
      const turn = await chat(url, token, sid, 'add a caption "Big summer sale"');
      assert.match(
        finalText(turn.text),
        /^I could not save that change \(the engine's data folder could not be written\), so the video is unchanged\./,
      );
      assert.equal(
        draftVersion(await stateDraft(url, token, sid)),
        before,
        'the engine shows the draft it has on disk',
      );
      const created = await call(url, 'POST', '/api/tasks/me/with-session/nemo_agent', {
        token,
        body: { language: 'en' },
      });
      assert.equal(created.status, 500);
      assert.equal(created.body.message, `Internal engine error; see the engine log (${logFile}).`);
      const log = readFileSync(logFile, 'utf8');
      assert.match(log, /WARN  could not save the draft of session \d+: EROFS/);
      assert.match(log, /ERROR POST \/api\/tasks\/me\/with-session\/nemo_agent failed: Error: EROFS/);
      umount(join(data, 'sessions'));
      mounted = false;
      assert.equal(draftVersion(diskDraft(data, sid)), before, 'on disk: the draft before the failed turn');
    } finally {
      if (mounted) umount(join(data, 'sessions'));
      p.kill('SIGTERM');
      await new Promise((r) => p.once('exit', r));
    }
    assert.ok(existsSync(join(data, 'engine.log')));
    assert.match(readFileSync(join(data, 'engine.log'), 'utf8'), /INFO  engine stopped\n$/);
  },
);

test(
  '[crash] `video-gen --backend local` (upload, chat, export) writes the engine log like serve (0600, levels), and a failed export names it',
  { timeout: 180_000 },
  async () => {
    const root = tempDir('vg-local-log-');
    const data = join(root, 'engine');
    const logFile = join(data, 'engine.log');
    const photos = ['a.png', 'b.png'].map((name) => {
      const file = join(root, name);
      writeFileSync(file, media('png'));
      return file;
    });
    const cli = (args: string[], env: Record<string, string> = {}) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolveRun) => {
        const p = spawn(process.execPath, [CLI, ...args, '--backend', 'local', '--data', data, '--lang', 'en'], {
          cwd: root,
          env: { PATH: process.env.PATH ?? '', HOME: root, VIDEO_GEN_CONFIG_DIR: join(root, 'config'), ...env },
        });
        let stdout = '';
        let stderr = '';
        p.stdout.on('data', (d) => (stdout += d));
        p.stderr.on('data', (d) => (stderr += d));
        p.on('close', (code) => resolveRun({ code: code ?? -1, stdout, stderr }));
      });

    for (const r of [await cli(['upload', ...photos]), await cli(['chat', 'make a 6 second video'])])
      assert.equal(r.code, 0, r.stderr);
    assert.equal(statSync(logFile).mode & 0o777, 0o600);
    const log = readFileSync(logFile, 'utf8');
    assert.match(log, /^\S+Z INFO  video-gen upload: starting the engine/m);
    assert.match(log, /^\S+Z INFO  POST \/api\/upload-video\/nemo_agent\/me\/\d+ 200 \d+ms$/m, 'request lines');
    assert.match(log, /^\S+Z INFO  POST \/run_sse 200/m);
    assert.match(log, /^\S+Z INFO  engine stopped$/m);

    // An export that fails (no ffmpeg there): the error says where the log is, the log has why.
    const failed = await cli(['export', '-o', join(root, 'never.mp4')], { FFMPEG_PATH: join(root, 'no', 'ffmpeg') });
    assert.notEqual(failed.code, 0);
    assert.match(failed.stderr, /^video-gen: ffmpeg was not found at /m);
    assert.ok(failed.stderr.includes(`The engine's log (requests, warnings, errors) is in ${logFile}.`), failed.stderr);
    assert.match(readFileSync(logFile, 'utf8'), /^\S+Z ERROR video-gen export failed: .*ffmpeg was not found at /m);
  },
);
