/**
 * Shared helpers for the renderer's integration tests: media generated with ffmpeg on the spot
 * (never committed), ffprobe checks, raw frame grabs, and MediaFile records for the lookup.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Draft } from '../../src/contract/draft';
import type { MediaFile } from '../../src/engine/contracts';
import { FfmpegRenderer } from '../../src/engine/render/ffmpegRenderer';

const made: string[] = [];
process.on('exit', () => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});
/** A fresh temp dir, removed when the test process exits. */
export const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'vg-rt-'));
  made.push(d);
  return d;
};

function ff(args: string[]): Buffer {
  return execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], { maxBuffer: 256 << 20 });
}

/** A detailed still (testsrc2) of the given size. */
export function makeImage(path: string, w: number, h: number, src = 'testsrc2'): string {
  ff(['-f', 'lavfi', '-i', `${src}${src.includes('=') ? ':' : '='}s=${w}x${h}`, '-frames:v', '1', path]);
  return path;
}

export function makeClip(path: string, w: number, h: number, seconds: number, withAudio: boolean): string {
  const audio = withAudio ? ['-f', 'lavfi', '-i', `sine=f=660:d=${seconds}`] : [];
  ff([
    '-f',
    'lavfi',
    '-i',
    `testsrc2=s=${w}x${h}:r=25:d=${seconds}`,
    ...audio,
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-pix_fmt',
    'yuv420p',
    ...(withAudio ? ['-c:a', 'aac'] : []),
    '-shortest',
    path,
  ]);
  return path;
}

export function makeTone(path: string, seconds: number): string {
  ff(['-f', 'lavfi', '-i', `sine=f=440:d=${seconds}`, path]);
  return path;
}

/** A transparent PNG with a solid red square in its middle. */
export function makeLogo(path: string, size: number): string {
  const q = Math.round(size / 4);
  // drawbox leaves the alpha plane alone, so the alpha is painted with geq.
  const a = `if(between(X,${q},${3 * q - 1})*between(Y,${q},${3 * q - 1}),255,0)`;
  ff([
    '-f',
    'lavfi',
    '-i',
    `color=c=red:s=${size}x${size},format=rgba,geq=r=255:g=0:b=0:a='${a}'`,
    '-frames:v',
    '1',
    path,
  ]);
  return path;
}

export function mediaFile(path: string, kind: MediaFile['kind'], extra: Partial<MediaFile> = {}): MediaFile {
  return {
    id: basename(path).replace(/\W/g, '_'),
    name: basename(path),
    path,
    mime: 'application/octet-stream',
    kind,
    size: statSync(path).size,
    uploadedAt: Date.now(),
    ...extra,
  };
}

export interface Probe {
  streams: {
    codec_type: string;
    codec_name: string;
    profile?: string;
    pix_fmt?: string;
    width?: number;
    height?: number;
    r_frame_rate?: string;
    nb_frames?: string;
  }[];
  format: { duration: string };
}

export function probe(path: string): Probe {
  return JSON.parse(
    execFileSync('ffprobe', ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', path], {
      encoding: 'utf8',
    }),
  ) as Probe;
}

/** Top-level MP4 atom names in file order (faststart puts moov before mdat). */
export function atoms(path: string): string[] {
  const buf = readFileSync(path);
  const names: string[] = [];
  let off = 0;
  while (off + 8 <= buf.length) {
    let size = buf.readUInt32BE(off);
    names.push(buf.toString('latin1', off + 4, off + 8));
    if (size === 1) size = Number(buf.readBigUInt64BE(off + 8));
    if (size < 8) break;
    off += size;
  }
  return names;
}

/** One frame at `seconds` as RGB24 bytes (width*height*3). */
export function frameRgb(path: string, seconds: number): Buffer {
  return ff(['-ss', seconds.toFixed(3), '-i', path, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-']);
}

/** Mean absolute difference of two RGB frames inside a rectangle (0..255). */
export function regionDiff(
  a: Buffer,
  b: Buffer,
  width: number,
  r: { x: number; y: number; w: number; h: number },
): number {
  let sum = 0;
  let n = 0;
  for (let y = r.y; y < r.y + r.h; y++) {
    for (let x = r.x; x < r.x + r.w; x++) {
      const i = (y * width + x) * 3;
      for (let c = 0; c < 3; c++) sum += Math.abs(a[i + c]! - b[i + c]!);
      n += 3;
    }
  }
  return sum / n;
}

/** Mean RGB inside a rectangle. */
export function regionMean(
  a: Buffer,
  width: number,
  r: { x: number; y: number; w: number; h: number },
): [number, number, number] {
  const s = [0, 0, 0];
  let n = 0;
  for (let y = r.y; y < r.y + r.h; y++) {
    for (let x = r.x; x < r.x + r.w; x++) {
      const i = (y * width + x) * 3;
      s[0] += a[i]!;
      s[1] += a[i + 1]!;
      s[2] += a[i + 2]!;
      n++;
    }
  }
  return [s[0]! / n, s[1]! / n, s[2]! / n];
}

/** Renders a draft with the real renderer at a fast preset; returns the progress reports. */
export async function renderDraft(
  draft: Draft,
  files: MediaFile[],
  outFile: string,
  opts: { signal?: AbortSignal; preset?: string; onProgress?: (p: number) => void } = {},
): Promise<number[]> {
  const progress: number[] = [];
  await new FfmpegRenderer({ preset: opts.preset ?? 'superfast' }).render({
    draft,
    outFile,
    signal: opts.signal ?? new AbortController().signal,
    media: (id) => files.find((f) => f.id === id),
    onProgress: (p) => {
      progress.push(p);
      opts.onProgress?.(p);
    },
  });
  return progress;
}

/** max_volume in dB of the output's audio (−91 = digital silence). */
export function maxVolumeDb(path: string, fromS?: number, durS?: number): number {
  const range = fromS === undefined ? [] : ['-ss', String(fromS), ...(durS ? ['-t', String(durS)] : [])];
  const r = spawnSync(
    'ffmpeg',
    ['-hide_banner', ...range, '-i', path, '-map', '0:a', '-af', 'volumedetect', '-f', 'null', '-'],
    { encoding: 'utf8' },
  );
  const m = /max_volume:\s*(-?[\d.]+|-inf) dB/.exec(r.stderr);
  if (!m) throw new Error(`volumedetect gave no reading for ${path}: ${r.stderr.slice(-300)}`);
  return m[1] === '-inf' ? -Infinity : Number(m[1]);
}

/** Per-frame centroid (x, y) of bright pixels in the video's gray frames. */
export function trackBlob(path: string, w: number, h: number): { x: number; y: number }[] {
  const raw = ff(['-i', path, '-vf', 'format=gray', '-f', 'rawvideo', '-']);
  const size = w * h;
  const out: { x: number; y: number }[] = [];
  for (let f = 0; (f + 1) * size <= raw.length; f++) {
    let sx = 0;
    let sy = 0;
    let sw = 0;
    for (let i = 0; i < size; i++) {
      const v = raw[f * size + i]!;
      if (v > 64) {
        sx += v * (i % w);
        sy += v * Math.floor(i / w);
        sw += v;
      }
    }
    out.push({ x: sx / sw, y: sy / sw });
  }
  return out;
}

/** RMS distance of points from their least-squares straight line (per axis), and the slope. */
export function lineFit(v: number[]): { rms: number; slope: number } {
  const n = v.length;
  const mt = (n - 1) / 2;
  const mv = v.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  v.forEach((x, t) => {
    num += (t - mt) * (x - mv);
    den += (t - mt) ** 2;
  });
  const slope = num / den;
  const rms = Math.sqrt(v.reduce((a, x, t) => a + (x - (mv + slope * (t - mt))) ** 2, 0) / n);
  return { rms, slope };
}

/** ffmpeg processes that are children of this test process. */
export function ffmpegChildren(): string[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        return stat.includes('(ffmpeg)') && Number(stat.split(') ')[1]!.split(' ')[1]) === process.pid;
      } catch {
        return false;
      }
    });
}
