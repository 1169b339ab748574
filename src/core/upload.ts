/**
 * Uploads: validate every file before sending (accepted type, size, not empty, readable, content
 * sniffed so a renamed text file is refused), then stream them as one multipart request with the
 * repeatable field `files`, streamed from disk so nothing is read into memory.
 */
import { lstat, open, realpath, stat } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import FormData from 'form-data';
import { basename, extname, relative, isAbsolute } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { inputError } from './api/errors';
import { ACCEPTED_EXTENSIONS, MAX_UPLOAD_BYTES } from '../contract/uploads';
import { sniff, SNIFF_BYTES, type MediaKind } from '../contract/sniff';

export interface ValidFile {
  path: string;
  name: string;
  size: number;
  mime: string;
  kind: MediaKind;
}
export interface RejectedFile {
  path: string;
  reason: string;
}
export interface Validation {
  valid: ValidFile[];
  rejected: RejectedFile[];
}

const EXT_KIND: Record<string, MediaKind> = {
  mp4: 'video',
  mov: 'video',
  avi: 'video',
  webm: 'video',
  mkv: 'video',
  jpg: 'image',
  jpeg: 'image',
  png: 'image',
  gif: 'image',
  webp: 'image',
  mp3: 'audio',
  wav: 'audio',
  m4a: 'audio',
  aac: 'audio',
};

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Checks one file; returns the reason it cannot be uploaded, or the file's facts. */
async function check(path: string, root?: string, maxBytes = MAX_UPLOAD_BYTES): Promise<ValidFile | string> {
  const name = basename(path);
  const ext = extname(name).slice(1).toLowerCase();
  let info;
  try {
    info = await lstat(path);
    if (info.isSymbolicLink()) {
      const target = await realpath(path);
      if (root && !isInside(root, target))
        return 'it is a link to a file outside the workspace; copy the file into the workspace instead';
      info = await stat(target);
    }
  } catch (e) {
    return (e as { code?: string }).code === 'ENOENT'
      ? 'the file does not exist (was it moved or deleted?)'
      : 'the file cannot be read (check its permissions)';
  }
  if (info.isDirectory()) return 'it is a folder; select the media files inside it';
  if (!info.isFile()) return 'it is not a regular file';
  if (!EXT_KIND[ext])
    return `.${ext || '(none)'} files are not supported; use one of: ${ACCEPTED_EXTENSIONS.join(', ')}`;
  if (info.size === 0) return 'the file is empty';
  if (info.size > maxBytes) return `it is ${mb(info.size)}, over the ${mb(maxBytes)} limit; compress or trim it first`;
  const head = Buffer.alloc(SNIFF_BYTES);
  try {
    const fh = await open(path, 'r');
    try {
      await fh.read(head, 0, SNIFF_BYTES, 0);
    } finally {
      await fh.close();
    }
  } catch {
    return 'the file cannot be read (check its permissions)';
  }
  const found = sniff(head);
  const expected = EXT_KIND[ext];
  if (!found) return `its content is not a ${expected === 'image' ? 'picture' : expected} file (was it renamed?)`;
  // Containers are shared (an .m4a is an MP4 with sound only), so only image ⇄ non-image is a lie.
  if ((found.kind === 'image') !== (expected === 'image'))
    return `its content is ${found.kind === 'image' ? 'a picture' : 'a ' + found.kind + ' file'}, not what .${ext} says (was it renamed?)`;
  return { path, name, size: info.size, mime: found.mime, kind: found.kind };
}

function isInside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return !!rel && !rel.startsWith('..') && !isAbsolute(rel);
}

export async function validateFiles(
  paths: string[],
  opts: { root?: string; maxBytes?: number } = {},
): Promise<Validation> {
  const valid: ValidFile[] = [];
  const rejected: RejectedFile[] = [];
  const seen = new Set<string>();
  for (const path of paths) {
    if (seen.has(path)) continue;
    seen.add(path);
    const r = await check(path, opts.root, opts.maxBytes);
    if (typeof r === 'string') rejected.push({ path, reason: r });
    else valid.push(r);
  }
  return { valid, rejected };
}

/** One message for everything that was refused: what and why, per file. */
export function describeRejections(rejected: RejectedFile[]): string {
  const lines = rejected.slice(0, 10).map((r) => `${basename(r.path)}: ${r.reason}`);
  if (rejected.length > 10) lines.push(`…and ${rejected.length - 10} more`);
  return `${rejected.length === 1 ? 'This file was' : `${rejected.length} files were`} not uploaded — ${lines.join('; ')}.`;
}

/** Throws when nothing can be uploaded. */
export function requireSome(v: Validation): void {
  if (!v.valid.length)
    throw inputError(v.rejected.length ? describeRejections(v.rejected) : 'No files were selected to upload.');
}

/** Files per upload request: big selections go up in several requests (servers cap a request's files). */
export const FILES_PER_REQUEST = 20;
/** Bytes per upload request (a batch always holds at least one file). */
export const BYTES_PER_REQUEST = 400 * 1024 * 1024;

/** Splits the selection into upload requests, keeping the order. */
export function uploadBatches(
  files: ValidFile[],
  maxFiles = FILES_PER_REQUEST,
  maxBytes = BYTES_PER_REQUEST,
): ValidFile[][] {
  const batches: ValidFile[][] = [];
  let cur: ValidFile[] = [];
  let bytes = 0;
  for (const f of files) {
    if (cur.length && (cur.length >= maxFiles || bytes + f.size > maxBytes)) {
      batches.push(cur);
      cur = [];
      bytes = 0;
    }
    cur.push(f);
    bytes += f.size;
  }
  if (cur.length) batches.push(cur);
  return batches;
}

/** Read size for uploads: larger chunks mean fewer trips through fetch's stream bridge (measured in bench/upload). */
const UPLOAD_CHUNK = 256 * 1024;

export interface MultipartBody {
  body: Readable;
  contentType: string;
  length: number;
  totalBytes: number;
}

/**
 * A streaming multipart body with the field `files` once per file (the `form-data` package does
 * the framing and knows the length up front); `onBytes` counts bytes sent. Files are read in
 * 64 KiB chunks as the socket drains, never whole.
 */
export function multipartBody(files: ValidFile[], onBytes?: (sent: number) => void): MultipartBody {
  const form = new FormData();
  for (const f of files) {
    form.append('files', createReadStream(f.path, { highWaterMark: UPLOAD_CHUNK }), {
      filename: f.name,
      contentType: f.mime,
      knownLength: f.size,
    });
  }
  let sent = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      sent += chunk.length;
      onBytes?.(sent);
      cb(null, chunk);
    },
  });
  form.on('error', (e) => counter.destroy(e));
  return {
    body: form.pipe(counter),
    contentType: form.getHeaders()['content-type'],
    length: form.getLengthSync(),
    totalBytes: files.reduce((n, f) => n + f.size, 0),
  };
}
