/** Streams a stored file with Content-Length, HEAD and single-range (bytes=a-b) support. */
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';
import { extname } from 'node:path';

const TYPES: Record<string, string> = {
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  webm: 'video/webm',
  mkv: 'video/x-matroska',
  avi: 'video/x-msvideo',
  jpg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  m4a: 'audio/mp4',
  aac: 'audio/aac',
};

export function contentTypeFor(path: string): string {
  return TYPES[extname(path).slice(1).toLowerCase()] ?? 'application/octet-stream';
}

/** False when the file does not exist (the caller answers 404 in its envelope). */
export function serveFile(req: IncomingMessage, res: ServerResponse, path: string, downloadName?: string): boolean {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st?.isFile()) return false;
  const headers: Record<string, string | number> = {
    'Content-Type': contentTypeFor(path),
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'no-store',
    ...(downloadName
      ? { 'Content-Disposition': `attachment; filename="${downloadName.replace(/[^A-Za-z0-9._-]/g, '_')}"` }
      : {}),
  };
  let start = 0;
  let end = st.size - 1;
  let status = 200;
  const range = /^bytes=(\d*)-(\d*)$/.exec(String(req.headers.range ?? ''));
  if (range && (range[1] || range[2])) {
    if (range[1]) {
      start = Number(range[1]);
      if (range[2]) end = Math.min(end, Number(range[2]));
    } else start = Math.max(0, st.size - Number(range[2]));
    if (start > end || start >= st.size) {
      res.writeHead(416, { 'Content-Range': `bytes */${st.size}` });
      res.end();
      return true;
    }
    status = 206;
    headers['Content-Range'] = `bytes ${start}-${end}/${st.size}`;
  }
  headers['Content-Length'] = st.size === 0 ? 0 : end - start + 1;
  res.writeHead(status, headers);
  if (req.method === 'HEAD' || st.size === 0) {
    res.end();
    return true;
  }
  // pipeline, not pipe: a client that goes away mid-file must not leave a write to a destroyed
  // response (an unhandled ERR_STREAM_DESTROYED); both ends are closed either way.
  pipeline(createReadStream(path, { start, end }), res, () => {
    /* done, or the client left */
  });
  return true;
}
