/**
 * Preview benchmark (not in CI): `npx tsx bench/preview.ts`
 *
 * What an agent's "look" costs next to the export it replaces: the same 30 s 1080x1920 draft
 * (5 real photographs with motion and crossfades, a title, music — the stand-in's layout),
 * measured side by side in one run: the full render through FfmpegRenderer, one frame at 1 s,
 * 15 s and 28 s through FfmpegPreviewer (the renderer's graph over a slice of the draft), a
 * 6-frame contact sheet, and the Preview action's video (FfmpegRenderer with `preview`: 540x960,
 * 15 fps, ultrafast, MP3, no loudness passes; target ≤ 25 % of the full render's wall time).
 * A preview video is rendered once untimed first, so both timed renders find the music bed
 * and fonts cached, as a creator's second render does. Prints wall times and ratios.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MediaFile } from '../src/engine/contracts';
import { FfmpegRenderer } from '../src/engine/render/ffmpegRenderer';
import { FfmpegPreviewer } from '../src/engine/preview/ffmpegPreviewer';
import { buildDraft } from '../src/engine/standin/scriptedDraft';

const dir = mkdtempSync(join(tmpdir(), 'vg-bench-preview-'));
const names = ['Aqua', 'Dune', 'Garden', 'LadyBird', 'Storm'];
const media: MediaFile[] = names.map((n, i) => {
  const path = join(dir, `${n}.jpg`);
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-i',
    `/usr/share/backgrounds/mate/nature/${n}.jpg`,
    '-vf',
    'scale=1600:-2',
    path,
  ]);
  const [w, h] = execFileSync(
    'ffprobe',
    ['-v', 'error', '-show_entries', 'stream=width,height', '-of', 'csv=p=0', path],
    { encoding: 'utf8' },
  )
    .trim()
    .split(',')
    .map(Number);
  return {
    id: `m${i}`,
    name: `${n}.jpg`,
    path,
    mime: 'image/jpeg',
    kind: 'image',
    size: 0,
    width: w,
    height: h,
    uploadedAt: i,
  };
});
const draft = buildDraft(media, { durationMs: 30_000, title: 'Summer Sale' });
const byId = (id: string) => media.find((m) => m.id === id);
const signal = new AbortController().signal;

async function timed<T>(fn: () => Promise<T>): Promise<number> {
  const t = performance.now();
  await fn();
  return (performance.now() - t) / 1000;
}

void (async () => {
  try {
    const previewer = new FfmpegPreviewer();
    await previewer.frame({ draft, media: byId, timeMs: 500, width: 540, format: 'jpeg', signal }); // warm the font cache and ffmpeg check
    const renderer = new FfmpegRenderer();
    const previewVideo = () =>
      renderer.render({
        draft,
        media: byId,
        outFile: join(dir, 'preview.mp4'),
        signal,
        onProgress: () => {},
        preview: true,
      });
    await previewVideo(); // warm-up: music bed, fonts
    const render = await timed(() =>
      renderer.render({ draft, media: byId, outFile: join(dir, 'out.mp4'), signal, onProgress: () => {} }),
    );
    const video = await timed(previewVideo);
    const facts = execFileSync(
      'ffprobe',
      [
        '-v',
        'error',
        '-show_entries',
        'stream=codec_name,width,height,r_frame_rate',
        '-of',
        'csv=p=0',
        join(dir, 'preview.mp4'),
      ],
      { encoding: 'utf8' },
    )
      .trim()
      .split('\n')
      .join(' | ');
    const size = (f: string) => (statSync(join(dir, f)).size / 1e6).toFixed(1);
    const frames: [string, number][] = [];
    for (const t of [1000, 15_000, 28_000])
      frames.push([
        `frame at ${t / 1000} s`,
        await timed(() => previewer.frame({ draft, media: byId, timeMs: t, width: 540, format: 'jpeg', signal })),
      ]);
    const sheet = await timed(() =>
      previewer.sheet({ draft, media: byId, count: 6, width: 270, format: 'jpeg', signal }),
    );
    console.log(`full export render (30 s, 1080x1920): ${render.toFixed(2)} s`);
    for (const [what, s] of frames)
      console.log(`${what.padEnd(16)} ${s.toFixed(2)} s   render/preview ${(render / s).toFixed(1)}x`);
    console.log(`contact sheet (6)  ${sheet.toFixed(2)} s   render/preview ${(render / sheet).toFixed(1)}x`);
    console.log(
      `preview video      ${video.toFixed(2)} s   ${((100 * video) / render).toFixed(0)} % of the full render (target ≤ 25 %)   ` +
        `${size('preview.mp4')} MB vs ${size('out.mp4')} MB   [${facts}]`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
})();
