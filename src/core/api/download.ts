/**
 * Downloads a rendered MP4 by streaming it to a temporary file beside the target and renaming it
 * into place, so a cut connection never leaves a half file. Redirects are followed by hand so
 * that the bearer token is attached only on hops to the API origin (render outputs usually live
 * on a CDN that must never see it).
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable, Transform } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { ApiError, abortedError, networkError, timeoutError } from './errors';
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
export async function downloadFile(
  client: ApiClient,
  url: string,
  target: string,
  opts: DownloadOptions = {},
): Promise<string> {
  let current = new URL(url, client.url('/'));
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    if (current.protocol !== 'https:' && current.protocol !== 'http:') {
      throw new ApiError({
        kind: 'bad-response',
        message: `The export link uses an unsupported scheme (${current.protocol}). Try exporting again.`,
      });
    }
    const sameOrigin = current.origin === client.origin;
    const idleMs = opts.timeoutMs ?? 60_000;
    // One controller per hop: the user's Stop, or no bytes for `idleMs` (reset per chunk below).
    const idle = new AbortController();
    const signal = opts.signal ? AbortSignal.any([opts.signal, idle.signal]) : idle.signal;
    let timer = setTimeout(() => idle.abort(), idleMs);
    let res: Response;
    try {
      res = await fetch(current, {
        method: 'GET',
        // The CDN gets no token and no attribution headers: nothing about the user leaves the API origin.
        headers: sameOrigin ? client.headers({ accept: 'video/mp4,*/*' }) : { accept: 'video/mp4,*/*' },
        redirect: 'manual',
        signal,
      });
    } catch (e) {
      clearTimeout(timer);
      if (idle.signal.aborted && !opts.signal?.aborted)
        throw timeoutError('downloading the video', Math.round(idleMs / 1000));
      throw client.mapError(e, 'downloading the video', opts.signal);
    }
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      clearTimeout(timer);
      await res.body?.cancel();
      current = new URL(location, current);
      continue;
    }
    if (res.status >= 400 || !res.body) {
      clearTimeout(timer);
      const text = await res.text().catch(() => '');
      throw new ApiError({
        kind: 'server',
        status: res.status,
        detail: text.slice(0, 200),
        message: `Downloading the video failed (HTTP ${res.status}). Try exporting again.`,
      });
    }
    const total = Number(res.headers.get('content-length') ?? 0);
    // Iterate the web stream directly: a cut connection then rejects inside the pipeline
    // (Readable.fromWeb let fetch's "terminated" escape as an uncaught exception on Node 20).
    const web = res.body as ReadableStream<Uint8Array>;
    const body = Readable.from(
      (async function* () {
        for await (const chunk of web) yield chunk;
      })(),
      { objectMode: false },
    );
    try {
      await writeAtomically(body, target, total, {
        ...opts,
        signal,
        onProgress: (got, all) => {
          clearTimeout(timer);
          timer = setTimeout(() => idle.abort(), idleMs);
          opts.onProgress?.(got, all);
        },
      });
    } catch (e) {
      if (idle.signal.aborted && !opts.signal?.aborted)
        throw timeoutError('downloading the video', Math.round(idleMs / 1000));
      throw e;
    } finally {
      clearTimeout(timer);
    }
    return target;
  }
  throw new ApiError({
    kind: 'bad-response',
    message: 'The export link redirected too many times. Try exporting again.',
  });
}

async function writeAtomically(
  body: NodeJS.ReadableStream & AsyncIterable<Uint8Array>,
  target: string,
  total: number,
  opts: DownloadOptions,
): Promise<void> {
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
      throw new ApiError({
        kind: 'network',
        message: `The download was cut off (${received} of ${total} bytes). Try again.`,
      });
    }
    await rename(temp, target);
  } catch (e) {
    await rm(temp, { force: true }).catch(() => undefined);
    if (e instanceof ApiError) throw e;
    if (opts.signal?.aborted) throw abortedError('The download');
    const { code, path } = e as { code?: string; path?: unknown };
    // Any error naming a local path is the folder's fault, not the network's. (Node reports a
    // recursive mkdir on a read-only file system as ENOENT.)
    if (
      code &&
      (['ENOSPC', 'EACCES', 'EROFS', 'EPERM', 'ENOTDIR', 'EEXIST'].includes(code) || typeof path === 'string')
    ) {
      body.resume?.();
      const why =
        code === 'ENOSPC'
          ? 'the disk is full'
          : code === 'ENOTDIR' || code === 'EEXIST'
            ? 'that path is a file, not a folder'
            : code === 'ENOENT'
              ? 'the folder could not be created (is the drive read-only or disconnected?)'
              : 'the folder is not writable';
      throw new ApiError({
        kind: 'input',
        cause: e,
        message: `Could not save the video to ${dirname(target)}: ${why}. Choose another export folder in the settings and export again.`,
      });
    }
    throw networkError(e, 'downloading the video');
  }
}
