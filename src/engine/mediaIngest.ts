/**
 * Stores one incoming file stream: written to a temp file while hashing and counting, the
 * first bytes sniffed, then moved to media/<id>.<ext> (one copy per content) and probed.
 * Returns an error code + message instead of throwing for the user's mistakes (4001/4002).
 */
import { createWriteStream, existsSync, renameSync, unlinkSync } from 'node:fs';
import { join, extname } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { ACCEPTED_EXTENSIONS } from '../core/api/errors';
import { sniff, SNIFF_BYTES } from '../core/sniff';
import type { MediaFile } from './contracts';
import { probeMedia } from './probe';
import { analyzePhoto } from './subject';

import type { Store } from './store';

/** The ffmpeg next to a located ffprobe (same install), else the environment's. */
function ffmpegBeside(ffprobe: string | undefined): string | undefined {
  return ffprobe && /[\\/]ffprobe(\.exe)?$/i.test(ffprobe) ? ffprobe.replace(/ffprobe(\.exe)?$/i, 'ffmpeg$1') : undefined;
}

export type IngestResult = { media: MediaFile } | { code: 4001 | 4002; message: string };

const ACCEPTED = ACCEPTED_EXTENSIONS.join(', ');

export function unsupported(name: string, why: string): IngestResult {
  return { code: 4001, message: `"${name}" ${why}. Accepted formats: ${ACCEPTED}.` };
}

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
export async function ingestStream(store: Store, source: Readable, rawName: string, limit: number, onTooLarge: 'drain' | 'destroy', ffprobe?: string): Promise<IngestResult> {
  const name = cleanName(rawName);
  const tmp = join(store.tmpDir, `${randomBytes(8).toString('hex')}.part`);
  const out = createWriteStream(tmp, { mode: 0o600 });
  // A disk error surfaces below; and when the source breaks we destroy `out` with a write still
  // pending, whose late ERR_STREAM_DESTROYED must not become an uncaught exception.
  let writeError: Error | undefined;
  out.on('error', (e) => { writeError ??= e; });
  const hash = createHash('sha256');
  let size = 0;
  let head = Buffer.alloc(0);
  let tooLarge = false;
  const cleanup = () => { try { unlinkSync(tmp); } catch { /* not written */ } };
  try {
    for await (const chunk of source) {
      const buf = chunk as Buffer;
      size += buf.length;
      if (tooLarge) continue;
      if (size > limit) {
        tooLarge = true;
        if (onTooLarge === 'destroy') { source.destroy(); break; }
        continue;
      }
      if (head.length < SNIFF_BYTES) head = Buffer.concat([head, buf.subarray(0, SNIFF_BYTES - head.length)]);
      hash.update(buf);
      if (writeError) throw writeError;
      if (!out.write(buf)) await new Promise<void>((r) => { out.once('drain', r); out.once('close', r); });
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
    return { code: 4002, message: `"${name}" is larger than ${mb >= 1 ? `${mb} MB` : `${limit} bytes`}, the upload limit. Compress or trim it, then upload again.` };
  }
  if (size === 0) { cleanup(); return unsupported(name, 'is empty'); }
  const sniffed = sniff(head);
  if (!sniffed) { cleanup(); return unsupported(name, 'is not a recognised image, video or audio file'); }
  const ext = extname(name).slice(1).toLowerCase();
  if (ext && !(ACCEPTED_EXTENSIONS as readonly string[]).includes(ext)) {
    cleanup();
    return unsupported(name, `has the extension .${ext}, which is not supported`);
  }
  const id = hash.digest('hex').slice(0, 32);
  const path = join(store.mediaDir, `${id}.${sniffed.ext}`);
  if (existsSync(path)) cleanup(); else renameSync(tmp, path);
  const facts = await probeMedia(path, ffprobe);
  // Photos: find the subject once, here, so every render can frame it (a ~256 px decode).
  const subject = sniffed.kind === 'image' ? await analyzePhoto(path, facts.width, facts.height, ffmpegBeside(ffprobe)) : undefined;
  const media: MediaFile = {
    id, name, path, mime: sniffed.mime, kind: sniffed.kind, size, uploadedAt: Date.now(),
    width: facts.width, height: facts.height, hasAudio: facts.hasAudio, hasAlpha: facts.hasAlpha,
    ...(sniffed.kind === 'image' ? {} : { duration: facts.duration }),
    ...(sniffed.kind === 'video' ? { fps: facts.fps } : {}),
    ...(subject ? { subject } : {}),
  };
  return { media };
}
