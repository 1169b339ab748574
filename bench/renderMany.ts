/**
 * Peak render memory against the photo count (not in CI): `npx tsx bench/renderMany.ts`
 *
 *     nice -n 10 npx tsx bench/renderMany.ts [--counts=5,20,60] [--size=1080x1920] [--keep]
 *
 * The same 30 s promo as bench/render.ts (energetic look, end card, fade, title, caption, music
 * bed) cut from 5, 20 or 60 photos of camera size (4000x3000 JPEGs made from Debian
 * mate-backgrounds photographs, each cropped and tinted differently, so no two are alike), through
 * FfmpegRenderer. Prints, per count, the peak RSS of the ffmpeg processes (VmHWM), their CPU
 * time and the wall time, next to the 5-photo figure and the 700 MB target.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Draft } from '../src/contract/draft';
import type { MediaFile } from '../src/engine/contracts';
import { FfmpegRenderer } from '../src/engine/render/ffmpegRenderer';
import { analyzePhoto } from '../src/engine/subject';
import { withPeakRss } from './lib/peakRss';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const COUNTS = (arg('counts') ?? '5,20,60').split(',').map(Number);
const [W, H] = (arg('size') ?? '1080x1920').split('x').map(Number) as [number, number];
const FPS = 30;
const TARGET_MIB = 700;
const dir = mkdtempSync(join(tmpdir(), 'vg-bench-many-'));
const ff = (args: string[]) =>
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], { maxBuffer: 1 << 26 });

const REAL = '/usr/share/backgrounds/mate/nature';
/** `--photos=DIR`: photos made by an earlier run (`--keep`), reused. */
const reuse = arg('photos');

/** `n` distinct 4000x3000 photos: real ones cropped and hue-shifted, or generated patterns. */
function photos(n: number): MediaFile[] {
  const real = existsSync(REAL)
    ? execFileSync('ls', [REAL], { encoding: 'utf8' })
        .split('\n')
        .filter((f) => f.endsWith('.jpg'))
        .map((f) => join(REAL, f))
    : [];
  if (!real.length)
    console.log(`(${REAL} not found: generated photos; apt-get install mate-backgrounds for real ones)`);
  return Array.from({ length: n }, (_, i) => {
    const path = join(reuse ?? dir, `photo-${i}.jpg`);
    const x = ((i * 37) % 100) / 100;
    const source = real.length
      ? ['-i', real[i % real.length]!]
      : ['-f', 'lavfi', '-i', i % 2 ? 'mandelbrot=s=1000x750' : 'testsrc2=s=1000x750'];
    if (!reuse || !existsSync(path))
      ff([
        ...source,
        '-vf',
        // A different crop and tint per photo, up to camera size (what a phone uploads).
        `scale=4400:3300:force_original_aspect_ratio=increase,crop=4000:3000:x='(iw-ow)*${x}':y='(ih-oh)*${1 - x}',hue=h=${(i * 29) % 360}`,
        '-frames:v',
        '1',
        '-q:v',
        '3',
        path,
      ]);
    return {
      id: `p${i}`,
      name: `photo ${i + 1}`,
      path,
      mime: 'image/jpeg',
      kind: 'image',
      size: 0,
      width: 4000,
      height: 3000,
      uploadedAt: 0,
    };
  });
}

/** The planner's default promo over `ms`: shots of equal length with 0.5 s transitions, 30 s in all. */
function promo(ms: MediaFile[]): Draft {
  const T = 500;
  const seg = Math.round((30000 - T) / ms.length) + T;
  return {
    d: 30000,
    m: {
      width: W,
      height: H,
      fps: FPS,
      style: 'energetic',
      endCard: { ms: 3000, cta: 'Order today' },
      fadeOutMs: 2000,
    },
    t: [
      {
        tt: 0,
        m: { transition: 'crossfade', transitionMs: T },
        sg: ms.map((m, i) => ({ s: i * (seg - T), d: seg, m: { src: m.id, kind: 'image' as const } })),
      },
      { tt: 1, sg: [{ s: 0, d: 30000, m: { src: 'builtin:bed', volume: 0.35, fadeOut: 2000 } }] },
      {
        tt: 7,
        sg: [
          { s: 0, d: 3000, m: { text: 'Summer Collection 2025', role: 'title' as const } },
          { s: 14000, d: 8000, m: { text: 'Handmade in small batches — order today', role: 'caption' as const } },
        ],
      },
    ],
  };
}

async function main() {
  console.log(`${execFileSync('ffmpeg', ['-version'], { encoding: 'utf8' }).split('\n')[0]}; work dir ${dir}`);
  const all = photos(Math.max(...COUNTS));
  // Uploads analyse each photo once (subject.ts); so does the bench, before anything is timed.
  const ms: MediaFile[] = [];
  for (const m of all) ms.push({ ...m, subject: await analyzePhoto(m.path, m.width, m.height) });
  const renderer = new FfmpegRenderer({ preset: 'veryfast' });
  const rows: { n: number; peak: number; one: number; cpu: number; wall: number }[] = [];
  for (const n of COUNTS) {
    const use = ms.slice(0, n);
    const out = join(dir, `promo-${n}.mp4`);
    const m = await withPeakRss(() =>
      renderer.render({
        draft: promo(use),
        media: (id) => use.find((p) => p.id === id),
        outFile: out,
        signal: new AbortController().signal,
        onProgress: () => {},
      }),
    );
    rows.push({ n, peak: m.treeMiB, one: m.peakMiB, cpu: m.cpuS, wall: m.wallS });
    console.log(
      `${n} photos: peak RSS ${m.treeMiB.toFixed(0)} MiB (all ffmpeg at once; largest one ${m.peakMiB.toFixed(0)}), ffmpeg CPU ${m.cpuS.toFixed(1)} s, wall ${m.wallS.toFixed(1)} s; load ${readFileSync('/proc/loadavg', 'utf8').trim()}`,
    );
  }
  const base = rows.find((r) => r.n === 5) ?? rows[0]!;
  console.log(`\nFfmpegRenderer, 30 s ${W}x${H} promo (energetic look), 4000x3000 photos: peak RSS of ffmpeg`);
  console.log(`  photos   peak RSS (MiB)   × ${base.n}-photo   target ≤ ${TARGET_MIB}   ffmpeg CPU (s)   wall (s)`);
  for (const r of rows)
    console.log(
      `  ${String(r.n).padStart(6)}   ${r.peak.toFixed(0).padStart(14)}   ${(r.peak / base.peak).toFixed(2).padStart(9)}   ${(r.peak <= TARGET_MIB ? 'PASS' : 'MISS').padStart(12)}   ${r.cpu.toFixed(1).padStart(14)}   ${r.wall.toFixed(1).padStart(8)}`,
    );
  if (!process.argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
  else console.log(`kept ${dir}`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
