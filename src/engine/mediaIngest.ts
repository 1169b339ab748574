/**
 * Stores one incoming file stream: written to a temp file while hashing and counting, the
 * first bytes sniffed, then moved to media/<id>.<ext> (one copy per content) and probed.
 * Returns an error code + message instead of throwing for the user's mistakes (4001/4002).
 */
import type { EngineRefusal } from '../contract/refusals';
import { refusalMessage } from './refusalText';
import { createWriteStream, existsSync, renameSync, unlinkSync } from 'node:fs';
import { join, extname } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { ACCEPTED_EXTENSIONS } from '../contract/uploads';
import { sniff, SNIFF_BYTES } from '../contract/sniff';
import type { MediaFile } from './contracts';
import { detectBeats } from './beatDetect';
import { probeMedia } from './probe';
import { analyzeClip, analyzePhoto } from './subject';

import type { Store } from './store';
import { ErrorCode } from '../contract/errorCodes';

export type IngestResult =
  | { media: MediaFile }
  | {
      code: typeof ErrorCode.UnsupportedFile | typeof ErrorCode.FileTooLarge;
      message: string;
      /** The refusal as data, for clients that word it themselves (src/contract/refusals.ts). */
      refusal?: EngineRefusal;
    };

const ACCEPTED = ACCEPTED_EXTENSIONS.join(', ');

export function unsupported(name: string, why: string): IngestResult {
  return { code: ErrorCode.UnsupportedFile, message: `"${name}" ${why}. Accepted formats: ${ACCEPTED}.` };
}

/**
 * Decoding cost grows with pixels, not bytes: a 747 KB PNG of 16000×16000 px takes ~1.2 GB of
 * ffmpeg's memory per photo. Photos above 50 MP (a 8660×5773 camera raw export) and video
 * frames above 4096×4096 are refused at upload with the size to aim for.
 */
export const MAX_PHOTO_PIXELS = 50_000_000;
export const MAX_VIDEO_PIXELS = 4096 * 4096;

function pixelLimitRefusal(name: string, kind: string, width?: number, height?: number): EngineRefusal | undefined {
  if (!width || !height || (kind !== 'image' && kind !== 'video')) return undefined;
  const limit = kind === 'image' ? MAX_PHOTO_PIXELS : MAX_VIDEO_PIXELS;
  if (width * height <= limit) return undefined;
  return { reason: 'too_many_pixels', file: name, media: kind === 'image' ? 'photo' : 'video', width, height, limit };
}

/** The binaries an upload is probed and analysed with, as render/locate.ts found them. */
export interface MediaTools {
  /** Default FFPROBE_PATH or PATH. */
  ffprobe?: string;
  /** Default FFMPEG_PATH or PATH. */
  ffmpeg?: string;
}

const ffmpegOf = (tools: MediaTools): string => tools.ffmpeg || process.env.FFMPEG_PATH || 'ffmpeg';

/** Display name: no directories, no control characters, bounded length. */
export function cleanName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (base || 'file').slice(0, 200);
}

/**
 * `onTooLarge: 'drain'` keeps reading (and discarding) so a multipart request can still be
 * answered; 'destroy' stops a URL download at once.
 */
export async function ingestStream(
  store: Store,
  source: Readable,
  rawName: string,
  limit: number,
  onTooLarge: 'drain' | 'destroy',
  tools: MediaTools = {},
): Promise<IngestResult> {
  const name = cleanName(rawName);
  const tmp = join(store.tmpDir, `${randomBytes(8).toString('hex')}.part`);
  const out = createWriteStream(tmp, { mode: 0o600 });
  // A disk error surfaces below; and when the source breaks we destroy `out` with a write still
  // pending, whose late ERR_STREAM_DESTROYED must not become an uncaught exception.
  let writeError: Error | undefined;
  out.on('error', (e) => {
    writeError ??= e;
  });
  const hash = createHash('sha256');
  let size = 0;
  let head = Buffer.alloc(0);
  let tooLarge = false;
  const cleanup = () => {
    try {
      unlinkSync(tmp);
    } catch {
      /* not written */
    }
  };
  try {
    for await (const chunk of source) {
      const buf = chunk as Buffer;
      size += buf.length;
      if (tooLarge) continue;
      if (size > limit) {
        tooLarge = true;
        if (onTooLarge === 'destroy') {
          source.destroy();
          break;
        }
        continue;
      }
      if (writeError) {
        // The disk refused (full?): stop writing but, like an oversized file, read the rest so
        // a multipart request can still be answered — an abandoned part stalls the parser.
        if (onTooLarge === 'destroy') {
          source.destroy();
          break;
        }
        continue;
      }
      if (head.length < SNIFF_BYTES) head = Buffer.concat([head, buf.subarray(0, SNIFF_BYTES - head.length)]);
      hash.update(buf);
      // Wait for drain (or close), then drop BOTH listeners: a 'close' listener left behind per
      // back-pressured write piled up past ten on a big upload (MaxListenersExceededWarning).
      if (!out.write(buf)) {
        await new Promise<void>((r) => {
          const done = () => {
            out.off('drain', done);
            out.off('close', done);
            r();
          };
          out.on('drain', done);
          out.on('close', done);
        });
      }
    }
    if (writeError) throw writeError;
  } catch (e) {
    out.destroy();
    cleanup();
    throw e;
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  if (tooLarge) {
    cleanup();
    const mb = Math.round(limit / 1024 / 1024);
    return {
      code: ErrorCode.FileTooLarge,
      message: `"${name}" is larger than ${mb >= 1 ? `${mb} MB` : `${limit} bytes`}, the upload limit. Compress or trim it, then upload again.`,
    };
  }
  if (size === 0) {
    cleanup();
    return unsupported(name, 'is empty');
  }
  const sniffed = sniff(head);
  if (!sniffed) {
    cleanup();
    return unsupported(name, 'is not a recognised image, video or audio file');
  }
  const ext = extname(name).slice(1).toLowerCase();
  if (ext && !(ACCEPTED_EXTENSIONS as readonly string[]).includes(ext)) {
    cleanup();
    return unsupported(name, `has the extension .${ext}, which is not supported`);
  }
  const id = hash.digest('hex').slice(0, 32);
  const path = join(store.mediaDir, `${id}.${sniffed.ext}`);
  if (existsSync(path)) cleanup();
  else renameSync(tmp, path);
  const facts = await probeMedia(path, tools.ffprobe);
  const tooBig = pixelLimitRefusal(name, sniffed.kind, facts.width, facts.height);
  if (tooBig) {
    // Only this upload can have put it there: a stored copy of the same content would have
    // been refused the same way.
    try {
      unlinkSync(path);
    } catch {
      /* already gone */
    }
    return { code: 4002, message: refusalMessage(tooBig), refusal: tooBig };
  }
  // Tempo and beats once, here, so planning and rendering never decode the song again.
  const beats = sniffed.kind === 'audio' ? await detectBeats(path, ffmpegOf(tools)).catch(() => undefined) : undefined;
  // Photos and clips: find the subject once, here, so every render can frame it (a ~256 px decode).
  const subject =
    sniffed.kind === 'image'
      ? await analyzePhoto(path, facts.width, facts.height, ffmpegOf(tools))
      : sniffed.kind === 'video'
        ? await analyzeClip(path, facts.width, facts.height, facts.duration, ffmpegOf(tools))
        : undefined;
  const media: MediaFile = {
    id,
    name,
    path,
    mime: sniffed.mime,
    kind: sniffed.kind,
    size,
    uploadedAt: Date.now(),
    width: facts.width,
    height: facts.height,
    hasAudio: facts.hasAudio,
    hasAlpha: facts.hasAlpha,
    ...(sniffed.kind === 'image' ? {} : { duration: facts.duration }),
    ...(sniffed.kind === 'video' ? { fps: facts.fps } : {}),
    ...(beats ? { beats } : {}),
    ...(subject ? { subject } : {}),
  };
  return { media };
}
