/**
 * The Preview action's render, end to end through the core client and the real local engine
 * (loopback HTTP, the planner, ffmpeg): a planner-made 1080x1920 draft from real photographs
 * with music and a title → a preview MP4 that VS Code's webviews play with sound (H.264 + MP3),
 * at 540x960 and 15 fps, the draft's length, private to the user; next to the full export of
 * the same draft, whose wall time is printed beside the preview's (the ≤ 25 % target is
 * measured in bench/preview.ts). Then: a new preview replaces the old one on the engine, and
 * Stop cancels the engine's job and leaves no file.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startLocalEngine } from '../../src/engine/local';
import type { Engine } from '../../src/engine/server';
import { renderPreviewVideo } from '../../src/core/previewVideo';
import {
  PREVIEW_AUDIO_CODEC,
  PREVIEW_MAX_FPS,
  PREVIEW_VIDEO_CODEC,
  previewCanvas,
} from '../../src/contract/previewRender';
import { serviceFor, tempDir } from './coreHelpers';
import { probe, atoms, maxVolumeDb } from './render-fixtures';

const REAL = '/usr/share/backgrounds/mate/nature';
const PHOTOS = ['Aqua', 'Dune', 'Garden', 'LadyBird', 'Storm'];

let engine: Engine;
/** One client for the file's tests: the Stop test previews the draft the first test made. */
let svc: ReturnType<typeof serviceFor>['svc'];
let dataDir: string;
let dir: string;
before(async () => {
  dataDir = tempDir('vg-preview-');
  dir = tempDir('vg-preview-files-');
  engine = await startLocalEngine({ dataDir });
  svc = serviceFor(engine, { fixedToken: engine.token, pollIntervalStartMs: 100 }).svc;
});
after(async () => {
  await engine.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
});

/** Real photographs, scaled to phone-camera-ish 1600 px (mate-backgrounds, as bench/preview.ts). */
function photos(): string[] {
  return PHOTOS.map((n) => {
    const out = join(dir, `${n}.jpg`);
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', join(REAL, `${n}.jpg`), '-vf', 'scale=1600:-2', out]);
    return out;
  });
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await fn();
  return [r, (performance.now() - t) / 1000];
}

const rendersOnEngine = () => readdirSync(join(dataDir, 'renders')).filter((f) => f.endsWith('.mp4'));

test(
  'preview of a real draft: H.264 + MP3 in MP4 at 540x960, 15 fps, the draft’s length, 0600, faster than the export',
  { timeout: 600_000, skip: !existsSync(REAL) && 'no mate-backgrounds photos' },
  async () => {
    await svc.upload(photos());
    const reply = await svc.send('make a 20 second vertical video with music and the title "Summer Sale"');
    assert.equal(reply.kind, 'reply');
    const t = await svc.timeline();
    assert.deepEqual([t.width, t.height, t.duration], [1080, 1920, 20]);

    const progress: number[] = [];
    const file = join(dir, 'previews', 'preview-1.mp4');
    const [result, previewS] = await timed(() =>
      renderPreviewVideo(svc, { file, onProgress: (p) => progress.push(p) }),
    );
    const [exported, exportS] = await timed(() =>
      svc.exportVideo({ folder: join(dir, 'exports'), fileName: 'full.mp4' }),
    );

    assert.equal(result.file, file);
    const p = probe(file);
    const v = p.streams.find((s) => s.codec_type === 'video')!;
    const a = p.streams.find((s) => s.codec_type === 'audio')!;
    const small = previewCanvas({ w: 1080, h: 1920, fps: 30 });
    assert.deepEqual([small.w, small.h, small.fps], [540, 960, PREVIEW_MAX_FPS]);
    assert.deepEqual(
      [v.codec_name, v.pix_fmt, v.width, v.height, v.r_frame_rate],
      [PREVIEW_VIDEO_CODEC, 'yuv420p', 540, 960, `${PREVIEW_MAX_FPS}/1`],
    );
    assert.equal(a.codec_name, PREVIEW_AUDIO_CODEC, 'sound a VS Code webview decodes (not AAC, not Opus)');
    const format = JSON.parse(
      execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=format_name', '-of', 'json', file], {
        encoding: 'utf8',
      }),
    ) as { format: { format_name: string } };
    assert.match(format.format.format_name, /mp4/);
    assert.ok(Math.abs(Number(p.format.duration) - 20) < 0.15, `duration ${p.format.duration}`);
    const order = atoms(file);
    assert.ok(order.indexOf('moov') < order.indexOf('mdat'), 'faststart: plays while it loads');
    // Audible: the music bed is there, not silence (no loudness passes, but the plain mix plays).
    const peak = maxVolumeDb(file);
    assert.ok(peak > -20, `the soundtrack peaks at ${peak} dB`);
    assert.equal(statSync(file).mode & 0o777, 0o600, 'the preview is private to the user');
    assert.equal(progress.at(-1), 100);
    assert.deepEqual(
      progress,
      [...progress].sort((x, y) => x - y),
      'progress only goes forward',
    );

    const previewMB = statSync(file).size / 1e6;
    const fullMB = statSync(exported).size / 1e6;
    console.log(
      `preview ${previewS.toFixed(2)} s (${previewMB.toFixed(2)} MB, ${v.codec_name}+${a.codec_name} ${v.width}x${v.height}@${v.r_frame_rate}) ` +
        `vs full export ${exportS.toFixed(2)} s (${fullMB.toFixed(2)} MB): ${((100 * previewS) / exportS).toFixed(0)} %`,
    );
    assert.ok(
      previewS < exportS,
      `the preview (${previewS.toFixed(1)} s) is faster than the export (${exportS.toFixed(1)} s)`,
    );
    assert.ok(previewMB < fullMB / 4, `the preview is small: ${previewMB.toFixed(2)} MB vs ${fullMB.toFixed(2)} MB`);

    // A second preview replaces the first on the engine: its record and video go.
    const before = rendersOnEngine();
    const second = await renderPreviewVideo(svc, { file: join(dir, 'previews', 'preview-2.mp4') });
    const after = rendersOnEngine();
    assert.ok(after.includes(`${second.renderId}.mp4`));
    assert.ok(!after.includes(`${result.renderId}.mp4`), `the first preview's video is gone: ${after.join(', ')}`);
    assert.ok(!existsSync(join(dataDir, 'renders', `${result.renderId}.json`)), 'and its record');
    assert.equal(after.length, before.length, 'one preview and the export stay');
  },
);

test(
  'Stop during a preview cancels the engine’s job and leaves no file',
  { timeout: 300_000, skip: !existsSync(REAL) && 'no mate-backgrounds photos' },
  async () => {
    const stop = new AbortController();
    const file = join(dir, 'previews', 'stopped.mp4');
    let id: string | undefined;
    const running = renderPreviewVideo(svc, {
      file,
      signal: stop.signal,
      onProgress: (p) => {
        if (p > 0 && !stop.signal.aborted) stop.abort();
      },
    }).then((r) => (id = r.renderId));
    await assert.rejects(running, (e: Error) => /cancelled/.test(e.message));
    assert.equal(id, undefined);
    assert.ok(!existsSync(file), 'no preview file');
    assert.deepEqual(
      readdirSync(join(dir, 'previews')).filter((f) => f.includes('stopped')),
      [],
      'no partial download either',
    );
    // The engine was told: its job is cancelled (not left rendering), no partial output is left.
    const records = readdirSync(join(dataDir, 'renders'))
      .filter((f) => f.endsWith('.json'))
      .map(
        (f) =>
          JSON.parse(readFileSync(join(dataDir, 'renders', f), 'utf8')) as {
            status: string;
            output: { preview?: boolean };
          },
      )
      .filter((r) => r.output.preview);
    assert.ok(
      records.some((r) => r.status === 'cancelled'),
      JSON.stringify(records.map((r) => r.status)),
    );
    assert.ok(!records.some((r) => r.status === 'processing' || r.status === 'pending'));
    const leftovers = readdirSync(join(dataDir, 'renders')).filter((f) => f.includes('.part'));
    assert.deepEqual(leftovers, []);
  },
);
