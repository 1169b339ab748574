/**
 * The free local engine end to end through the core client, as the extension and the CLI use
 * it: the real server (local mode, its own token), the planner, and ffmpeg — upload → chat
 * (English, then a Chinese edit) → export → a real MP4, checked with ffprobe.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { existsSync, rmSync } from 'node:fs';
import { startLocalEngine } from '../../src/engine/local';
import type { Engine } from '../../src/engine/server';
import { serviceFor, tempDir } from './coreHelpers';
import { makeImage, makeLogo, probe, atoms } from './render-fixtures';

let engine: Engine;
let dataDir: string;
before(async () => {
  dataDir = tempDir('vg-local-');
  engine = await startLocalEngine({ dataDir });
});
after(async () => {
  await engine.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('local engine: upload → plan → edit in Chinese → export a square MP4 with music, no credits spent', async () => {
  const dir = tempDir();
  const photos = [
    makeImage(join(dir, 'beach-day-1.jpg'), 640, 480),
    makeImage(join(dir, 'beach-day-2.jpg'), 480, 640, 'smptebars'),
    makeImage(join(dir, 'beach-day-3.jpg'), 500, 500, 'mandelbrot'),
  ];
  const logo = makeLogo(join(dir, 'logo.png'), 128);
  const { svc } = serviceFor(engine, { fixedToken: engine.token, pollIntervalStartMs: 100 });

  const credits = await svc.credits();
  assert.equal(credits.unlimited, true);

  const up = await svc.upload([...photos, logo]);
  assert.deepEqual(
    up.files.map((f) => f.filename),
    ['beach-day-1.jpg', 'beach-day-2.jpg', 'beach-day-3.jpg', 'logo.png'],
  );

  const first = await svc.send('make a 6 second square video with music and the title "Beach Day"');
  assert.equal(first.kind, 'reply');
  let t = await svc.timeline();
  assert.deepEqual([t.width, t.height, t.duration], [1080, 1080, 6]);
  assert.deepEqual(t.tracks.map((k) => k.kind).sort(), ['audio', 'overlay', 'text', 'video']);
  assert.equal(t.tracks.find((k) => k.kind === 'video')!.segments.length, 3, 'the logo is a watermark, not a photo');
  assert.match(t.tracks.find((k) => k.kind === 'text')!.segments[0].text ?? '', /Beach Day/);

  const edit = await svc.send('把标题改成「海边的一天」');
  assert.equal(edit.kind, 'reply');
  assert.match(edit.kind === 'reply' ? edit.text : '', /[\u4e00-\u9fff]/, 'a Chinese request gets a Chinese reply');
  t = await svc.timeline();
  assert.match(t.tracks.find((k) => k.kind === 'text')!.segments[0].text ?? '', /海边的一天/);

  const out = await svc.exportVideo({ folder: join(dir, 'exports'), fileName: 'beach.mp4' });
  assert.ok(existsSync(out));
  const p = probe(out);
  const v = p.streams.find((s) => s.codec_type === 'video')!;
  const a = p.streams.find((s) => s.codec_type === 'audio')!;
  assert.deepEqual([v.codec_name, v.profile, v.pix_fmt, v.width, v.height], ['h264', 'High', 'yuv420p', 1080, 1080]);
  assert.equal(a.codec_name, 'aac');
  assert.ok(Math.abs(Number(p.format.duration) - 6) < 0.1, `duration ${p.format.duration}`);
  const order = atoms(out);
  assert.ok(order.indexOf('moov') < order.indexOf('mdat'), 'faststart');
  assert.equal((await svc.credits()).available, credits.available, 'exports cost nothing');
});

test('local engine: requests without its token are refused', async () => {
  const { svc } = serviceFor(engine, { fixedToken: 'not-the-engine-token' });
  await assert.rejects(svc.credits(), /rejected/);
});

test('local engine: its own token wins over NEMO_TOKEN, and a cloud token set meanwhile is stored but never sent to it', async () => {
  const { svc, tokens } = serviceFor(engine, { fixedToken: engine.token, env: { NEMO_TOKEN: 'nmv_usr_cloud_token' } });
  const c = await svc.credits();
  assert.equal(c.unlimited, true);
  await svc.setToken('nmv_usr_registered_cloud');
  assert.equal((await svc.credits()).unlimited, true, 'still talking to the engine with its own token');
  assert.deepEqual(await tokens.get(), { token: 'nmv_usr_registered_cloud', anonymous: false }, 'kept for the cloud');
});

test('local engine: the session is remembered by data dir, not by the random port of one run', async () => {
  const a = serviceFor(engine, { fixedToken: engine.token, backendKey: `local:${dataDir}` });
  const { sessionId } = await a.svc.connect();
  const other = await startLocalEngine({ dataDir });
  try {
    assert.notEqual(other.url, engine.url);
    const b = serviceFor(other, { fixedToken: other.token, backendKey: `local:${dataDir}`, state: a.state });
    assert.equal((await b.svc.connect()).sessionId, sessionId);
  } finally {
    await other.close();
  }
});
