/**
 * Sound fixtures generated on the spot (never committed) and loudness readings of renders:
 * songs of known loudness, an espeak-ng voice, a click track of known tempo, and EBU R128
 * measurements (ffmpeg ebur128) of a whole file, a window, or the mid/side part of a mix.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { parseEbur128, type Loudness } from '../../src/engine/render/loudness';

function ff(args: string[]): void {
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
}

/**
 * A song-like signal: a chord pad, a bass drum on every beat and a noise snare on the off-beat.
 * `loud`: pushed into a limiter (≈ −4 LUFS, peaks at full scale, like a modern master);
 * `quiet`: a soft pad under sharp drums (≈ −26 LUFS with peaks near −4 dBFS: a high crest
 * factor, the case where plain gain would clip and the limiter must work).
 */
export function makeSong(path: string, kind: 'loud' | 'quiet', seconds: number, bpm = 120): string {
  const b = 60 / bpm;
  const pad = (a: number, d: number) =>
    `${a}*sin(2*PI*${220 + d}*t)+${a * 0.8}*sin(2*PI*${277 + d}*t)+${a * 0.8}*sin(2*PI*${330 + d}*t)`;
  const drums = (k: number, s: number, ch: number) =>
    `${k}*sin(2*PI*55*t)*exp(-${kind === 'loud' ? 8 : 25}*mod(t,${b}))+${s}*(random(${ch})-0.5)*exp(-40*mod(t+${b / 2},${b}))`;
  const expr =
    kind === 'loud'
      ? `${pad(0.5, 0)}+${drums(0.8, 0.6, 0)}|${pad(0.5, 1)}+${drums(0.8, 0.6, 1)}`
      : `${pad(0.06, 0)}+${drums(0.5, 0.25, 0)}|${pad(0.06, 1)}+${drums(0.5, 0.25, 1)}`;
  const post = kind === 'loud' ? 'volume=2,alimiter=limit=0.99:level=0' : 'volume=0.5';
  ff(['-f', 'lavfi', '-i', `aevalsrc='${expr}':s=48000:d=${seconds}`, '-af', post, path]);
  return path;
}

/** A spoken sentence (espeak-ng), or undefined when espeak-ng is not installed. */
export function makeVoice(path: string, text: string): string | undefined {
  const r = spawnSync('espeak-ng', ['-v', 'en-us', '-s', '150', '-w', path, text]);
  return r.status === 0 ? path : undefined;
}

/** Clicks (5 ms 1 kHz bursts) on every beat from `firstS`, with a quiet pad under them. */
export function makeClickTrack(path: string, bpm: number, seconds: number, firstS = 0): string {
  const b = 60 / bpm;
  const ph = `mod(t-${firstS}+${b},${b})`;
  const expr = `0.05*sin(2*PI*196*t)+0.8*sin(2*PI*1000*t)*lt(${ph},0.005)*gte(t,${firstS})`;
  ff(['-f', 'lavfi', '-i', `aevalsrc='${expr}|${expr}':s=48000:d=${seconds}`, path]);
  return path;
}

export interface Reading extends Loudness {
  momentaryMax?: number;
}

/**
 * EBU R128 of a file's audio: `part` picks the mid (L+R)/2 or the side (L−R)/2 of a stereo mix
 * (a mono voice sits only in the mid; music made anti-phase sits only in the side), `from`/`dur`
 * a window in seconds.
 */
export function loudness(path: string, opts: { from?: number; dur?: number; part?: 'mid' | 'side' } = {}): Loudness {
  const range =
    opts.from === undefined ? [] : ['-ss', String(opts.from), ...(opts.dur ? ['-t', String(opts.dur)] : [])];
  const pan =
    opts.part === 'mid' ? 'pan=mono|c0=0.5*c0+0.5*c1,' : opts.part === 'side' ? 'pan=mono|c0=0.5*c0-0.5*c1,' : '';
  const r = spawnSync(
    'ffmpeg',
    [
      '-hide_banner',
      '-nostats',
      ...range,
      '-i',
      path,
      '-map',
      '0:a',
      '-af',
      `${pan}ebur128=peak=true`,
      '-f',
      'null',
      '-',
    ],
    { encoding: 'utf8' },
  );
  const m = parseEbur128(r.stderr);
  if (!m) throw new Error(`ebur128 gave no reading for ${path}: ${r.stderr.slice(-300)}`);
  return m;
}

/** Mono float samples of a file's audio at `rate` Hz (left + right) / 2. */
export function pcm(path: string, rate = 48000): Float32Array {
  const buf = execFileSync(
    'ffmpeg',
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-i',
      path,
      '-map',
      '0:a',
      '-ac',
      '1',
      '-ar',
      String(rate),
      '-f',
      'f32le',
      '-',
    ],
    { maxBuffer: 1 << 30 },
  );
  return new Float32Array(buf.buffer, buf.byteOffset, buf.length / 4);
}

/**
 * A clip (moving test pattern) whose sound is an espeak-ng voice: `first`, a pause of `pauseS`,
 * then `second`. Returns the clip and the speech windows in seconds, or undefined without espeak-ng.
 */
export function makeTalkingClip(
  dir: string,
  first: string,
  second: string,
  pauseS: number,
): { path: string; speech: [number, number][]; seconds: number } | undefined {
  const a = makeVoice(`${dir}/v1.wav`, first);
  const b = makeVoice(`${dir}/v2.wav`, second);
  if (!a || !b) return undefined;
  const dur = (p: string) =>
    Number(
      execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', p], {
        encoding: 'utf8',
      }),
    );
  const da = dur(a);
  const db = dur(b);
  const seconds = da + pauseS + db + 0.5;
  const path = `${dir}/talk.mp4`;
  ff([
    '-f',
    'lavfi',
    '-i',
    `testsrc2=s=320x480:r=25:d=${seconds}`,
    '-i',
    a,
    '-i',
    b,
    '-filter_complex',
    `[1:a]aresample=48000,apad=pad_dur=${pauseS}[x];[2:a]aresample=48000[y];[x][y]concat=n=2:v=0:a=1,apad[a]`,
    '-map',
    '0:v',
    '-map',
    '[a]',
    '-t',
    String(seconds),
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-pix_fmt',
    'yuv420p',
    '-c:a',
    'aac',
    '-ac',
    '1',
    path,
  ]);
  return {
    path,
    seconds,
    speech: [
      [0, da],
      [da + pauseS, da + pauseS + db],
    ],
  };
}

/** A song made pure "side" (right = −left): in a mix it can be measured apart from a mono voice. */
export function sideOnly(src: string, out: string): string {
  ff(['-i', src, '-af', 'pan=stereo|c0=0.5*c0+0.5*c1|c1=-0.5*c0-0.5*c1', out]);
  return out;
}
