/**
 * Downloads a rendered MP4 by streaming it to a temporary file beside the target and renaming it
 * into place, so a cut connection never leaves a half file. Redirects are followed by hand so
 * that the bearer token is attached only on hops to the API origin (render outputs usually live
 * on a CDN that must never see it).
 */
import { request } from 'undici';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { ApiError, abortedError, networkError } from './errors';
import type { ApiClient } from './client';

export interface DownloadOptions {
  signal?: AbortSignal;
  /** Bytes received / total (total 0 when the server did not say). */
  onProgress?: (received: number, total: number) => void;
  /** Per-request silence limit, ms. */
  timeoutMs?: number;
}

const MAX_REDIRECTS = 5;

/** Streams `url` into `target`; auth headers only for the API origin. Returns the final path. */
export async function downloadFile(client: ApiClient, url: string, target: string, opts: DownloadOptions = {}): Promise<string> {
  let current = new URL(url, client.url('/'));
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    if (current.protocol !== 'https:' && current.protocol !== 'http:') {
      throw new ApiError({ kind: 'bad-response', message: `The export link uses an unsupported scheme (${current.protocol}). Try exporting again.` });
    }
    const sameOrigin = current.origin === client.origin;
    let res;
    try {
      res = await request(current, {
        method: 'GET',
        // The CDN gets no token and no attribution headers: nothing about the user leaves the API origin.
        headers: sameOrigin ? client.headers({ accept: 'video/mp4,*/*' }) : { accept: 'video/mp4,*/*' },
        signal: opts.signal,
        headersTimeout: opts.timeoutMs ?? 60_000,
        bodyTimeout: opts.timeoutMs ?? 60_000,
      });
    } catch (e) {
      throw client.mapError(e, 'downloading the video', opts.signal, opts.timeoutMs ?? 60_000);
    }
    if (res.statusCode >= 300 && res.statusCode < 400 && res.headers.location) {
      await res.body.dump();
      current = new URL(String(res.headers.location), current);
      continue;
    }
    if (res.statusCode >= 400) {
      const text = await res.body.text().catch(() => '');
      throw new ApiError({ kind: 'server', status: res.statusCode, detail: text.slice(0, 200), message: `Downloading the video failed (HTTP ${res.statusCode}). Try exporting again.` });
    }
    const total = Number(res.headers['content-length'] ?? 0);
    await writeAtomically(res.body, target, total, opts);
    return target;
  }
  throw new ApiError({ kind: 'bad-response', message: 'The export link redirected too many times. Try exporting again.' });
}

async function writeAtomically(body: NodeJS.ReadableStream & AsyncIterable<Uint8Array>, target: string, total: number, opts: DownloadOptions): Promise<void> {
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.part`);
  let received = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      received += chunk.length;
      opts.onProgress?.(received, total);
      cb(null, chunk);
    },
  });
  try {
    await mkdir(dirname(target), { recursive: true });
    await pipeline(body, counter, createWriteStream(temp, { flags: 'wx' }), { signal: opts.signal });
    if (total && received !== total) {
      throw new ApiError({ kind: 'network', message: `The download was cut off (${received} of ${total} bytes). Try again.` });
    }
    await rename(temp, target);
  } catch (e) {
    await rm(temp, { force: true }).catch(() => undefined);
    if (e instanceof ApiError) throw e;
    if (opts.signal?.aborted) throw abortedError('The download');
    const { code, path } = e as { code?: string; path?: unknown };
    // Any error naming a local path is the folder's fault, not the network's. (Node reports a
    // recursive mkdir on a read-only file system as ENOENT.)
    if (code && (['ENOSPC', 'EACCES', 'EROFS', 'EPERM', 'ENOTDIR', 'EEXIST'].includes(code) || typeof path === 'string')) {
      await body.resume?.();
      const why = code === 'ENOSPC' ? 'the disk is full'
        : code === 'ENOTDIR' || code === 'EEXIST' ? 'that path is a file, not a folder'
          : code === 'ENOENT' ? 'the folder could not be created (is the drive read-only or disconnected?)'
            : 'the folder is not writable';
      throw new ApiError({ kind: 'input', cause: e, message: `Could not save the video to ${dirname(target)}: ${why}. Choose another export folder in the settings and export again.` });
    }
    throw networkError(e, 'downloading the video');
  }
}
