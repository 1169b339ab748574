/**
 * iPhone photos (HEIC/HEIF) become JPEGs on this machine before they are uploaded: neither
 * backend takes HEIF. libheif's `heif-convert` decodes them (Debian/Ubuntu: libheif-examples,
 * macOS: `brew install libheif`) — an HEVC decoder cannot ship inside the extension — and the
 * result is made upright here, so every renderer shows it as the phone did:
 * - HEIF's own transforms (irot/imir, what iPhones write) are applied by libheif; the EXIF
 *   orientation copied into the JPEG then describes the stored pixels, not these, so it is set
 *   to 1.
 * - A file with only an EXIF orientation has its pixels turned by it.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import jpeg from 'jpeg-js';
import { CONVERTED_EXTENSIONS, type HeifFailure } from '../contract/uploads';
import { ApiError } from './api/errors';
import { applyOrientation, readOrientation, writeOrientation } from './exifOrientation';

export const HEIF_CONVERT = 'heif-convert';
/** A large HEIC (48 MP) decodes in a few seconds; a stuck decoder must not hold the upload. */
const CONVERT_TIMEOUT_MS = 120_000;
/** jpeg-js holds RGBA plus its own planes: enough for 50 MP (the upload limit for photos). */
const DECODE_MEMORY_MB = 1024;

export function isHeifName(path: string): boolean {
  return (CONVERTED_EXTENSIONS as readonly string[]).includes(extname(path).slice(1).toLowerCase());
}

/** HEIF's ftyp brands (ISO/IEC 23008-12; iPhones write `heic`, some cameras `mif1`). */
const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs', 'mif1', 'msf1']);

export function looksLikeHeif(head: Uint8Array): boolean {
  if (head.length < 12 || String.fromCharCode(...head.subarray(4, 8)) !== 'ftyp') return false;
  return HEIF_BRANDS.has(String.fromCharCode(...head.subarray(8, 12)));
}

export type { HeifFailure };

export class HeifError extends Error {
  constructor(
    readonly reason: HeifFailure,
    detail?: string,
  ) {
    super(detail ?? reason);
    this.name = 'HeifError';
  }
}

/** Nothing could be uploaded because every file was an iPhone photo that did not convert. */
export class HeifUploadError extends ApiError {
  constructor(readonly failures: Array<{ path: string; reason: HeifFailure }>) {
    super({
      kind: 'input',
      message:
        failures[0].reason === 'converter-missing'
          ? `iPhone photos (HEIC) need libheif's heif-convert to be converted to JPEG (Debian/Ubuntu: sudo apt-get install libheif-examples; macOS: brew install libheif): ${failures.map((f) => basename(f.path)).join(', ')}.`
          : `These iPhone photos could not be converted to JPEG: ${failures.map((f) => basename(f.path)).join(', ')}.`,
    });
  }
}

/** Converts every HEIF path; the others pass through. Failures are collected, never thrown (an abort is). */
export async function convertAll(
  paths: string[],
  opts: { converter?: string; signal?: AbortSignal } = {},
): Promise<{ paths: string[]; converted: Converted[]; failed: Array<{ path: string; reason: HeifFailure }> }> {
  const out: string[] = [];
  const converted: Converted[] = [];
  const failed: Array<{ path: string; reason: HeifFailure }> = [];
  try {
    for (const p of paths) {
      if (!isHeifName(p)) {
        out.push(p);
        continue;
      }
      try {
        const c = await convertHeif(p, opts);
        converted.push(c);
        out.push(c.path);
      } catch (e) {
        if (!(e instanceof HeifError)) throw e;
        failed.push({ path: p, reason: e.reason });
      }
    }
  } catch (e) {
    await Promise.all(converted.map(removeConverted));
    throw e;
  }
  return { paths: out, converted, failed };
}

/** Child boxes of `buf[start, end)`: type and body range. */
function* boxes(buf: Buffer, start: number, end: number): Generator<{ type: string; body: number; end: number }> {
  let pos = start;
  while (pos + 8 <= end) {
    let size = buf.readUInt32BE(pos);
    let header = 8;
    if (size === 1 && pos + 16 <= end) {
      size = Number(buf.readBigUInt64BE(pos + 8));
      header = 16;
    }
    if (size === 0) size = end - pos;
    if (size < header || pos + size > end) return;
    yield { type: buf.toString('latin1', pos + 4, pos + 8), body: pos + header, end: pos + size };
    pos += size;
  }
}

/** Whether the file carries HEIF transforms (meta → iprp → ipco holds irot or imir). */
export function hasHeifTransforms(file: Buffer): boolean {
  for (const top of boxes(file, 0, file.length)) {
    if (top.type !== 'meta') continue;
    for (const m of boxes(file, top.body + 4, top.end)) {
      // meta is a full box: 4 bytes version/flags
      if (m.type !== 'iprp') continue;
      for (const p of boxes(file, m.body, m.end)) {
        if (p.type !== 'ipco') continue;
        for (const prop of boxes(file, p.body, p.end)) {
          if (prop.type === 'imir') return true;
          if (prop.type === 'irot' && prop.body < prop.end && (file[prop.body] & 3) !== 0) return true;
        }
      }
    }
  }
  return false;
}

function run(bin: string, args: string[], signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(bin, args, { timeout: CONVERT_TIMEOUT_MS, signal, maxBuffer: 1024 * 1024 }, (err, _out, stderr) => {
      if (!err) return resolve();
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return reject(new HeifError('converter-missing'));
      if ((err as { name?: string }).name === 'AbortError') return reject(err);
      reject(new HeifError('convert-failed', String(stderr).trim().split('\n').pop() || err.message));
    });
  });
}

export interface Converted {
  from: string;
  path: string;
  name: string;
}

/**
 * Converts one HEIF file to an upright JPEG in a fresh private folder (0700) of its own; the
 * caller removes it with `removeConverted` after the upload.
 */
export async function convertHeif(
  path: string,
  opts: { converter?: string; signal?: AbortSignal } = {},
): Promise<Converted> {
  let file: Buffer;
  try {
    const fh = await open(path, 'r');
    try {
      file = await fh.readFile();
    } finally {
      await fh.close();
    }
  } catch {
    throw new HeifError('unreadable');
  }
  if (!looksLikeHeif(file)) throw new HeifError('not-heif');
  const dir = await mkdtemp(join(tmpdir(), 'vg-heif-'));
  try {
    const name = `${basename(path, extname(path))}.jpg`;
    const out = join(dir, name);
    await run(opts.converter || HEIF_CONVERT, ['--quiet', '-q', '92', path, out], opts.signal);
    const jpg = await readFile(out);
    const orientation = readOrientation(jpg);
    if (orientation !== 1) {
      if (hasHeifTransforms(file)) {
        writeOrientation(jpg, 1);
      } else {
        const decoded = jpeg.decode(jpg, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: DECODE_MEMORY_MB });
        const upright = applyOrientation(
          { width: decoded.width, height: decoded.height, data: decoded.data },
          orientation,
        );
        const encoded = jpeg.encode({ width: upright.width, height: upright.height, data: upright.data }, 92);
        await writeFile(out, encoded.data, { mode: 0o600 });
        return { from: path, path: out, name };
      }
      await writeFile(out, jpg, { mode: 0o600 });
    }
    return { from: path, path: out, name };
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
}

export async function removeConverted(c: Converted): Promise<void> {
  await rm(join(c.path, '..'), { recursive: true, force: true });
}
