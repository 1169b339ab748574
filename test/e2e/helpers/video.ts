/** Looking inside an exported MP4 with ffprobe/ffmpeg: streams, duration, and single frames. */
import { execFileSync } from 'node:child_process';

export interface ProbedVideo {
  width: number;
  height: number;
  videoCodec: string;
  audioCodec: string | undefined;
  duration: number;
}

export function probe(file: string): ProbedVideo {
  const out = execFileSync(
    'ffprobe',
    ['-v', 'error', '-show_entries', 'stream=codec_type,codec_name,width,height:format=duration', '-of', 'json', file],
    { encoding: 'utf8' },
  );
  const j = JSON.parse(out) as {
    streams: Array<{ codec_type: string; codec_name: string; width?: number; height?: number }>;
    format: { duration: string };
  };
  const v = j.streams.find((s) => s.codec_type === 'video');
  const a = j.streams.find((s) => s.codec_type === 'audio');
  if (!v) throw new Error(`${file} has no video stream`);
  return {
    width: v.width ?? 0,
    height: v.height ?? 0,
    videoCodec: v.codec_name,
    audioCodec: a?.codec_name,
    duration: Number(j.format.duration),
  };
}

/** One frame at `seconds` as a PNG file (for people) and raw RGB (for asserts). */
export function frameAt(file: string, seconds: number, png?: string): { rgb: Buffer; width: number; height: number } {
  const { width, height } = probe(file);
  if (png)
    execFileSync('ffmpeg', [
      '-hide_banner',
      '-loglevel',
      'error',
      '-y',
      '-ss',
      String(seconds),
      '-i',
      file,
      '-frames:v',
      '1',
      png,
    ]);
  const rgb = execFileSync(
    'ffmpeg',
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-ss',
      String(seconds),
      '-i',
      file,
      '-frames:v',
      '1',
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgb24',
      '-',
    ],
    { maxBuffer: width * height * 3 + 1024 },
  );
  return { rgb, width, height };
}

/** Share of near-white pixels (text glyphs) in a horizontal band [top, bottom) of the frame (fractions of the height). */
export function whiteShare(f: { rgb: Buffer; width: number; height: number }, top: number, bottom: number): number {
  const y0 = Math.floor(f.height * top);
  const y1 = Math.floor(f.height * bottom);
  let white = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = 0; x < f.width; x++) {
      const i = (y * f.width + x) * 3;
      if (f.rgb[i] > 235 && f.rgb[i + 1] > 235 && f.rgb[i + 2] > 235) white++;
    }
  }
  return white / ((y1 - y0) * f.width);
}

/** Mean absolute difference per channel (0–255) between two frames of one size. */
export function frameDifference(a: { rgb: Buffer }, b: { rgb: Buffer }): number {
  let sum = 0;
  for (let i = 0; i < a.rgb.length; i++) sum += Math.abs(a.rgb[i] - b.rgb[i]);
  return sum / a.rgb.length;
}
