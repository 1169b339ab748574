/** One small raw copy of a photo, decoded and scaled by ffmpeg (what subject and face analysis read). */
import { execFile } from 'node:child_process';

export interface RawPhoto {
  width: number;
  height: number;
  /** width × height pixels of `channels` bytes each. */
  bytes: Buffer;
}

/** The photo scaled (area filter) to fit maxSide × maxSide, never below minSide a side. */
export function decodePhoto(
  path: string,
  ffmpeg: string,
  size: { width: number; height: number },
  opts: { maxSide: number; minSide: number; pixFmt: 'rgb24' | 'rgba' },
): Promise<RawPhoto> {
  const k = Math.min(1, opts.maxSide / Math.max(size.width, size.height));
  const width = Math.max(opts.minSide, Math.round(size.width * k));
  const height = Math.max(opts.minSide, Math.round(size.height * k));
  const length = width * height * (opts.pixFmt === 'rgba' ? 4 : 3);
  const args = ['-v', 'error', '-i', path, '-frames:v', '1', '-vf', `scale=${width}:${height}:flags=area`];
  return new Promise((resolve, reject) => {
    execFile(
      ffmpeg,
      [...args, '-f', 'rawvideo', '-pix_fmt', opts.pixFmt, '-'],
      { encoding: 'buffer', maxBuffer: Math.max(4 << 20, length * 2), timeout: 20_000 },
      (err, out) =>
        err || out.length < length
          ? reject(err ?? new Error('short decode'))
          : resolve({ width, height, bytes: out.subarray(0, length) }),
    );
  });
}
