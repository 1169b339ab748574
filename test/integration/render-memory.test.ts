/**
 * Render memory is bounded whatever the photo count (issue #15, row 3): a many-photo timeline is
 * drawn in chunks (src/engine/render/chunks.ts), and the chunked picture is the one-graph picture.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Draft, StyleName } from '../../src/contract/draft';
import type { MediaFile } from '../../src/engine/contracts';
import { FfmpegRenderer } from '../../src/engine/render/ffmpegRenderer';
import { withPeakRss } from '../../bench/lib/peakRss';
import { ffmpegChildren, makeClip, makeImage, maxVolumeDb, mediaFile, probe, tmp } from './render-fixtures';
import { buildGraph } from '../../src/engine/render/graph';

const W = 360;
const H = 640;

/** `n` shots of `shotMs` with 300 ms transitions, the bed under them, a title and an end card. */
function slideshow(files: MediaFile[], shotMs: number, style: StyleName): Draft {
  const step = shotMs - 300;
  const d = step * files.length + 300;
  return {
    d,
    m: { width: W, height: H, fps: 30, style, endCard: { ms: 1000, cta: 'Order today' }, fadeOutMs: 500 },
    t: [
      {
        tt: 0,
        m: { transition: 'crossfade', transitionMs: 300 },
        sg: files.map((f, i) => ({
          s: i * step,
          d: shotMs,
          m: { src: f.id, kind: f.kind === 'video' ? 'video' : 'image' },
        })),
      },
      { tt: 1, sg: [{ s: 0, d, m: { src: 'builtin:bed', volume: 0.35, fadeOut: 500 } }] },
      { tt: 7, sg: [{ s: 0, d: 1500, m: { text: 'Summer Collection', role: 'title' } }] },
    ],
  };
}

/** Photos of `w`x`h`, a few distinct ones reused under different ids (each is its own input). */
function photos(dir: string, n: number, w = 4000, h = 3000): MediaFile[] {
  const kinds = ['testsrc2', 'mandelbrot', 'smptehdbars', 'rgbtestsrc'];
  const paths = kinds.map((k, i) => makeImage(join(dir, `photo-${w}-${i}.jpg`), w, h, k));
  return Array.from({ length: n }, (_, i) =>
    mediaFile(paths[i % paths.length]!, 'image', { id: `p${i}`, width: w, height: h }),
  );
}

async function render(
  draft: Draft,
  files: MediaFile[],
  out: string,
  opts: { bodyBudget?: number; canvas?: { w: number; h: number } } = {},
) {
  const sized = opts.canvas ? { ...draft, m: { ...draft.m, width: opts.canvas.w, height: opts.canvas.h } } : draft;
  return withPeakRss(() =>
    new FfmpegRenderer({ preset: 'superfast', bodyBudget: opts.bodyBudget }).render({
      draft: sized,
      outFile: out,
      signal: new AbortController().signal,
      media: (id) => files.find((f) => f.id === id),
      onProgress: () => {},
    }),
  );
}

test(
  '48 photos on a 720x1280 canvas render in chunks: peak ffmpeg memory stays under a bound one graph exceeds',
  // ~40 s on a quiet machine; ten times that was seen at load 15 with other renders running.
  { timeout: 1_200_000 },
  async () => {
    const dir = tmp();
    // Photo size no longer matters to the graphs (their stages do, photoStage.ts): 3 MP is enough.
    const files = photos(dir, 48, 2000, 1500);
    const out = join(dir, 'many.mp4');
    const draft = slideshow(files, 500, 'energetic');
    // In one graph every shot keeps its frame pools to the end: ~660 MiB for these 48 shots.
    const BOUND_MIB = 500;
    const m = await render(draft, files, out, { canvas: { w: 720, h: 1280 } });
    const video = probe(out).streams.find((s) => s.codec_type === 'video');
    assert.equal(Number(video?.nb_frames), Math.round((draft.d! * 30) / 1000), 'exact frame count');
    assert.ok(
      m.treeMiB < BOUND_MIB,
      `peak RSS of the render's ffmpeg processes ${m.treeMiB.toFixed(0)} MiB (one process at most ${m.peakMiB.toFixed(0)} MiB), bound ${BOUND_MIB} MiB`,
    );
  },
);

test(
  'a transition does not make the old shot draw its body ahead: zoom-through, slide and dissolve cost a graph no more than cuts',
  { timeout: 600_000 },
  async () => {
    const dir = tmp();
    // Four 4 s shots at 1080x1920: a body is ~110 frames of 3 MB. Energetic cuts are zoom-through,
    // slide, cut, zoom-through; clean's are dissolves; bold's first cuts are hard cuts.
    const files = photos(dir, 4, 1600, 1200);
    const peak: Record<string, number> = {};
    for (const style of ['bold', 'energetic', 'clean'] as const) {
      const draft = slideshow(files, 4000, style);
      const m = await render(draft, files, join(dir, `${style}.mp4`), {
        canvas: { w: 1080, h: 1920 },
        bodyBudget: Infinity,
      });
      peak[style] = m.peakMiB;
    }
    // Drawn ahead, each transition would hold a body in concat's queue: +330 MiB apiece.
    for (const style of ['energetic', 'clean'])
      assert.ok(
        peak[style]! < peak['bold']! + 150,
        `${style}: the graph held ${peak[style]!.toFixed(0)} MiB, cuts alone ${peak['bold']!.toFixed(0)} MiB`,
      );
  },
);

test('camera-size photos cost a graph their small stage, not their 12 MP decode', { timeout: 600_000 }, async () => {
  const dir = tmp();
  const files = photos(dir, 8);
  const out = join(dir, 'camera.mp4');
  // One graph, whatever the estimate: what each photo costs it is what is measured.
  const m = await render(slideshow(files, 900, 'clean'), files, out, { bodyBudget: Infinity });
  // A graph that decodes the JPEGs itself holds ~47 MiB a photo here: ~480 MiB for these 8.
  const BOUND_MIB = 250;
  assert.ok(m.peakMiB < BOUND_MIB, `the largest ffmpeg held ${m.peakMiB.toFixed(0)} MiB, bound ${BOUND_MIB} MiB`);
  const video = probe(out).streams.find((s) => s.codec_type === 'video');
  assert.equal(Number(video?.nb_frames), Math.round((slideshow(files, 900, 'clean').d! * 30) / 1000));
});

test(
  'a chunked render draws the one-graph picture: every frame, crossfades across chunk borders, a clip and its sound',
  { timeout: 600_000 },
  async () => {
    const dir = tmp();
    const files = [
      ...photos(dir, 3),
      mediaFile(makeClip(join(dir, 'clip.mp4'), 640, 360, 3, true), 'video', { id: 'clip', hasAudio: true }),
      ...photos(dir, 7).slice(3),
    ];
    const draft = slideshow(files, 900, 'clean'); // crossfades only: every chunk border splits a crossfade or a shot
    // A budget of ~one photo per chunk: many borders, some inside crossfades.
    const small = 40 * 1024 * 1024;
    const plan = buildGraph(draft, (id) => files.find((f) => f.id === id), {
      workDir: dir,
      amixNormalize: true,
      bodyBudget: small,
    });
    assert.ok(plan.chunks && plan.chunks.length >= 4, `chunked in ${plan.chunks?.length ?? 0}`);
    const borders = plan.chunks
      .slice(0, -1)
      .map((_, i) => plan.chunks!.slice(0, i + 1).reduce((s, c) => s + c.frames, 0));
    const one = join(dir, 'one.mp4');
    const chunked = join(dir, 'chunked.mp4');
    await render(draft, files, one, { bodyBudget: Infinity });
    await render(draft, files, chunked, { bodyBudget: small });
    const frames = (f: string) => Number(probe(f).streams.find((s) => s.codec_type === 'video')?.nb_frames);
    assert.equal(frames(chunked), frames(one));
    assert.equal(frames(chunked), Math.round((draft.d! * 30) / 1000));
    // x264 with threads is not bit-exact from run to run (two one-graph renders of the same draft:
    // min 44 dB); a frame missing, doubled or from the wrong shot at a border scores < 25 dB.
    const psnr = execFileSync(
      'ffmpeg',
      ['-hide_banner', '-i', one, '-i', chunked, '-lavfi', '[0:v][1:v]psnr=stats_file=-', '-f', 'null', '-'],
      { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'ignore'] },
    )
      .split('\n')
      .filter((l) => l.startsWith('n:'))
      .map((l) => ({
        n: Number(/n:(\d+)/.exec(l)![1]),
        y: Number(/psnr_y:(inf|[\d.]+)/.exec(l)![1]!.replace('inf', '99')),
      }));
    assert.equal(psnr.length, frames(one));
    const worst = psnr.reduce((a, b) => (b.y < a.y ? b : a));
    assert.ok(worst.y >= 38, `frame ${worst.n} differs: ${worst.y} dB (chunk borders at frames ${borders.join(', ')})`);
    // The sound is mixed in the encoding process either way: the same loudness, clip included.
    assert.ok(Math.abs(maxVolumeDb(chunked) - maxVolumeDb(one)) < 0.5);
    assert.ok(Math.abs(maxVolumeDb(chunked, 3 * 0.6, 0.6) - maxVolumeDb(one, 3 * 0.6, 0.6)) < 0.5);
    // Frames around the first two borders, one graph above, chunked below, for people to look at.
    const sheet = join(process.cwd(), 'test-results', 'contact-chunk-border.png');
    mkdirSync(dirname(sheet), { recursive: true });
    const pick = borders.slice(0, 2).flatMap((b) => [b - 3, b - 2, b - 1, b, b + 1, b + 2]);
    const row = (f: string) =>
      `[${f === one ? 0 : 1}:v]select='${pick.map((n) => `eq(n,${n})`).join('+')}',scale=120:-2,tile=${pick.length}x1[${f === one ? 'a' : 'b'}]`;
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-i',
      one,
      '-i',
      chunked,
      '-filter_complex',
      `${row(one)};${row(chunked)};[a][b]vstack`,
      '-frames:v',
      '1',
      sheet,
    ]);
  },
);

test(
  'a photo or a chunk that fails fails the render (no padded video), and cancel stops the chunk and the encoder',
  { timeout: 300_000 },
  async () => {
    const dir = tmp();
    const small = 40 * 1024 * 1024;
    const out = join(dir, 'failed.mp4');
    // The fourth photo, then the fourth shot as a clip, cut short on disk: the photo's stage
    // fails, then the clip's chunk (clips are decoded in the chunks) — each mid-render.
    const files = photos(dir, 6);
    const brokenPhoto = join(dir, 'broken.jpg');
    writeFileSync(brokenPhoto, readFileSync(files[3]!.path).subarray(0, 2000));
    const clip = makeClip(join(dir, 'clip.mp4'), 640, 360, 2, true);
    const brokenClip = join(dir, 'broken.mp4');
    writeFileSync(brokenClip, readFileSync(clip).subarray(0, Math.floor(readFileSync(clip).length / 2)));
    for (const broken of [
      { ...files[3]!, path: brokenPhoto },
      mediaFile(brokenClip, 'video', { id: files[3]!.id, hasAudio: false }),
    ]) {
      const withBroken = files.map((f, i) => (i === 3 ? broken : f));
      await assert.rejects(
        render(slideshow(withBroken, 900, 'clean'), withBroken, out, { bodyBudget: small }),
        /ffmpeg failed/,
        broken.kind,
      );
      assert.ok(!existsSync(out) && !existsSync(`${out}.part.mp4`), 'nothing half-written is left');
    }

    const ok = files;
    const ac = new AbortController();
    const started = new FfmpegRenderer({ preset: 'superfast', bodyBudget: small }).render({
      draft: slideshow(ok, 900, 'clean'),
      outFile: join(dir, 'cancelled.mp4'),
      signal: ac.signal,
      media: (id) => ok.find((f) => f.id === id),
      onProgress: (p) => {
        if (p > 20) ac.abort();
      },
    });
    await assert.rejects(started, { name: 'AbortError' });
    // The render rejects when the encoder has closed; a chunk may take a moment more to exit.
    const until = Date.now() + 5_000;
    let ours = ffmpegChildren();
    while (ours.length && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 50));
      ours = ffmpegChildren();
    }
    assert.deepEqual(ours, [], 'no ffmpeg of this render left running');
    assert.ok(!existsSync(join(dir, 'cancelled.mp4.part.mp4')));
  },
);
