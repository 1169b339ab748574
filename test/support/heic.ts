/**
 * iPhone-like photos for the HEIC tests, made fresh (no binaries in git): a JPEG whose left half
 * is red and right half blue, optionally with an EXIF orientation, encoded to HEIC by libheif's
 * `heif-enc` (Debian: libheif-examples). With orientation 6 the photo is upright when turned a
 * quarter clockwise: red on top, blue at the bottom.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';

/** An APP1 "Exif" segment holding only IFD0's Orientation (big-endian TIFF). */
function exifOrientation(o: number): Buffer {
  const tiff = Buffer.from([
    0x4d,
    0x4d,
    0,
    0x2a,
    0,
    0,
    0,
    8,
    0,
    1,
    0x01,
    0x12,
    0,
    3,
    0,
    0,
    0,
    1,
    0,
    o,
    0,
    0,
    0,
    0,
    0,
    0,
  ]);
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const len = payload.length + 2;
  return Buffer.concat([Buffer.from([0xff, 0xe1, len >> 8, len & 0xff]), payload]);
}

/** Left half red, right half blue, `width`×`height` as stored. */
export function splitJpeg(width: number, height: number, orientation?: number): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const red = x < width / 2;
      data[i] = red ? 230 : 20;
      data[i + 1] = 20;
      data[i + 2] = red ? 20 : 230;
      data[i + 3] = 255;
    }
  }
  const jpg = jpeg.encode({ width, height, data }, 95).data;
  return orientation ? Buffer.concat([jpg.subarray(0, 2), exifOrientation(orientation), jpg.subarray(2)]) : jpg;
}

/** Writes a HEIC made from `splitJpeg` to `path`. */
export function writeHeic(path: string, width: number, height: number, orientation?: number): void {
  const dir = mkdtempSync(join(tmpdir(), 'vg-heic-fixture-'));
  try {
    const src = join(dir, 'src.jpg');
    writeFileSync(src, splitJpeg(width, height, orientation));
    execFileSync('heif-enc', ['-q', '90', '-o', path, src], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What a JPEG shows: its size and the mean colour of its top and bottom quarter. */
export function describeJpeg(bytes: Buffer): {
  width: number;
  height: number;
  top: 'red' | 'blue' | 'mixed';
  bottom: 'red' | 'blue' | 'mixed';
  left: 'red' | 'blue' | 'mixed';
} {
  const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
  const mean = (x0: number, y0: number, x1: number, y1: number) => {
    let r = 0;
    let b = 0;
    let n = 0;
    for (let y = y0; y < y1; y++)
      for (let x = x0; x < x1; x++) {
        const i = (y * img.width + x) * 4;
        r += img.data[i];
        b += img.data[i + 2];
        n++;
      }
    r /= n;
    b /= n;
    return r > 150 && b < 100 ? 'red' : b > 150 && r < 100 ? 'blue' : 'mixed';
  };
  const { width: w, height: h } = img;
  return {
    width: w,
    height: h,
    top: mean(0, 0, w, Math.floor(h / 4)),
    bottom: mean(0, h - Math.floor(h / 4), w, h),
    left: mean(0, 0, Math.floor(w / 4), h),
  };
}

export function readBytes(path: string): Buffer {
  return readFileSync(path);
}
