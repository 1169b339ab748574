/**
 * Finds the ffmpeg/ffprobe binaries and checks, once per path, that they can do what the
 * renderer needs (xfade since 4.3, drawtext, x264, aac…). A missing or too old ffmpeg gives an
 * error that says exactly what to install on this OS and how to point FFMPEG_PATH at it.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface FfmpegCheck {
  ffmpegPath: string;
  ffprobePath: string;
  /** As printed by `ffmpeg -version`, e.g. `5.1.9-0+deb12u1`. */
  version: string;
  /** Parsed major.minor; git builds (`N-…`) count as new. */
  major: number;
  minor: number;
  missingFilters: string[];
  missingEncoders: string[];
  /** amix `normalize` option (4.4+); older versions divide the mix by its input count. */
  amixNormalize: boolean;
}

export interface LocateOptions {
  ffmpegPath?: string;
  ffprobePath?: string;
  env?: NodeJS.ProcessEnv;
}

export const REQUIRED_FILTERS = [
  'xfade',
  'drawtext',
  'overlay',
  'crop',
  'scale',
  'boxblur',
  'amix',
  'afade',
  'aloop',
  'loop',
  'tpad',
  'adelay',
  'apad',
  'anullsrc',
  'colorchannelmixer',
  // The soundtrack: loudness, limiter, ducking, loop seams.
  'ebur128',
  'alimiter',
  'sidechaincompress',
  'asplit',
  'amerge',
  'pan',
  'atrim',
];
export const REQUIRED_ENCODERS = ['libx264', 'aac'];

export function installHint(platform: NodeJS.Platform = process.platform): string {
  const how =
    platform === 'darwin'
      ? 'macOS: brew install ffmpeg'
      : platform === 'win32'
        ? 'Windows: winget install Gyan.FFmpeg  (or: choco install ffmpeg)'
        : 'Debian/Ubuntu: sudo apt-get install -y ffmpeg fonts-inter fonts-dejavu-core fonts-noto-cjk';
  return (
    `Install ffmpeg 4.3 or newer — ${how}. ` +
    'If it is installed somewhere else, set FFMPEG_PATH (and FFPROBE_PATH) to the full path of the binary, ' +
    'e.g. FFMPEG_PATH=/opt/ffmpeg/bin/ffmpeg.'
  );
}

function run(bin: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(bin, args, { maxBuffer: 8 * 1024 * 1024, windowsHide: true }, (err, stdout) => {
      if (err) reject(err);
      else resolve(stdout);
    });
  });
}

export function parseVersion(text: string): { version: string; major: number; minor: number } {
  const m = /ffmpeg version (\S+)/.exec(text);
  const version = m?.[1] ?? 'unknown';
  const num = /^n?(\d+)\.(\d+)/.exec(version);
  // Git snapshots print `N-12345-gabcdef`: newer than any release we need.
  if (!num) return { version, major: /^N-/.test(version) ? 99 : 0, minor: 0 };
  return { version, major: Number(num[1]), minor: Number(num[2]) };
}

/** Names in the first column-ish position of `ffmpeg -filters` / `-encoders` listings. */
function listedNames(listing: string): Set<string> {
  const names = new Set<string>();
  for (const line of listing.split('\n')) {
    const m = /^\s*[A-Z.|]{2,7}\s+(\S+)\s/.exec(line);
    if (m) names.add(m[1]!);
  }
  return names;
}

function resolveProbe(ffmpegPath: string, opts: LocateOptions, env: NodeJS.ProcessEnv): string {
  if (opts.ffprobePath) return opts.ffprobePath;
  if (env.FFPROBE_PATH) return env.FFPROBE_PATH;
  if (ffmpegPath.includes('/') || ffmpegPath.includes('\\')) {
    const exe = process.platform === 'win32' ? 'ffprobe.exe' : 'ffprobe';
    const beside = join(dirname(ffmpegPath), exe);
    if (existsSync(beside)) return beside;
  }
  return 'ffprobe';
}

const cache = new Map<string, Promise<FfmpegCheck>>();

/** Resolves option → FFMPEG_PATH → PATH; checks once per path (memoised, failures are not). */
export function locateFfmpeg(opts: LocateOptions = {}): Promise<FfmpegCheck> {
  const env = opts.env ?? process.env;
  const ffmpegPath = opts.ffmpegPath || env.FFMPEG_PATH || 'ffmpeg';
  const ffprobePath = resolveProbe(ffmpegPath, opts, env);
  const key = `${ffmpegPath}\n${ffprobePath}`;
  let p = cache.get(key);
  if (!p) {
    p = check(ffmpegPath, ffprobePath);
    cache.set(key, p);
    p.catch(() => cache.delete(key)); // the user may install it and retry
  }
  return p;
}

async function check(ffmpegPath: string, ffprobePath: string): Promise<FfmpegCheck> {
  let versionText: string;
  try {
    versionText = await run(ffmpegPath, ['-hide_banner', '-version']);
  } catch (err) {
    const why =
      (err as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'was not found'
        : `could not run (${(err as Error).message.split('\n')[0]})`;
    throw new Error(`ffmpeg ${why} at "${ffmpegPath}". The local engine needs it to render videos. ${installHint()}`);
  }
  const { version, major, minor } = parseVersion(versionText);
  if (major < 4 || (major === 4 && minor < 3)) {
    throw new Error(
      `ffmpeg at "${ffmpegPath}" is version ${version}; the local engine needs 4.3 or newer (for crossfades). ${installHint()}`,
    );
  }
  try {
    await run(ffprobePath, ['-hide_banner', '-version']);
  } catch {
    throw new Error(`ffprobe was not found at "${ffprobePath}" (it ships with ffmpeg). ${installHint()}`);
  }
  const filters = listedNames(await run(ffmpegPath, ['-hide_banner', '-filters']));
  const encoders = listedNames(await run(ffmpegPath, ['-hide_banner', '-encoders']));
  const missingFilters = REQUIRED_FILTERS.filter((f) => !filters.has(f));
  const missingEncoders = REQUIRED_ENCODERS.filter((e) => !encoders.has(e));
  if (missingFilters.length || missingEncoders.length) {
    const what = [...missingFilters.map((f) => `filter ${f}`), ...missingEncoders.map((e) => `encoder ${e}`)].join(
      ', ',
    );
    throw new Error(`ffmpeg ${version} at "${ffmpegPath}" lacks ${what} (a minimal build?). ${installHint()}`);
  }
  return {
    ffmpegPath,
    ffprobePath,
    version,
    major,
    minor,
    missingFilters,
    missingEncoders,
    amixNormalize: major > 4 || (major === 4 && minor >= 4),
  };
}
