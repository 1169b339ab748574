/**
 * The stand-in's "CDN": a second origin serving render outputs and uploads without auth, like
 * static1.nemovideo.ai. It records whether a request carried an Authorization header, so tests
 * prove the client never sends its bearer token to another origin.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import { statSync, createReadStream } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '../store';
import type { Faults } from './faults';
import { serveFile } from '../http/fileServe';
import { closeServer, trackSockets } from '../server';

export interface CdnRequest {
  path: string;
  hadAuthorization: boolean;
}

export interface Cdn {
  server: Server;
  url: string;
  requests: CdnRequest[];
  close(): Promise<void>;
}

const RENDER = /^\/renders\/([A-Za-z0-9_-]{1,80})\.mp4$/;
const MEDIA = /^\/media\/([a-f0-9]{32}\.[a-z0-9]{2,4})$/;

/** The downloadCut fault: the full Content-Length is announced, half the bytes go out, then the socket is destroyed. */
function sendHalfAndCut(res: ServerResponse, path: string): boolean {
  const size = statSync(path, { throwIfNoEntry: false })?.size;
  if (!size) return false;
  res.writeHead(200, { 'Content-Type': 'video/mp4', 'Content-Length': size });
  const half = createReadStream(path, { start: 0, end: Math.floor(size / 2) - 1 });
  res.on('error', () => {
    /* the client may leave first; the cut is the point */
  });
  half.on('data', (chunk) => {
    if (!res.destroyed) res.write(chunk);
  });
  half.on('end', () => {
    res.flushHeaders();
    setImmediate(() => res.socket?.destroy());
  });
  return true;
}

export async function startCdn(store: Store, faults: Faults): Promise<Cdn> {
  const requests: CdnRequest[] = [];
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    requests.push({ path, hadAuthorization: req.headers.authorization !== undefined });
    if (requests.length > 5000) requests.splice(0, requests.length - 5000);
    const notFound = () => {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('Not found');
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' });
      res.end();
      return;
    }
    const r = RENDER.exec(path);
    if (r) {
      const rec = store.render(r[1]);
      if (rec?.status === 'completed' && faults.downloadCut > 0) {
        faults.downloadCut -= 1;
        if (sendHalfAndCut(res, store.renderFile(rec.id))) return;
      }
      if (rec?.status !== 'completed' || !serveFile(req, res, store.renderFile(rec.id))) notFound();
      return;
    }
    const m = MEDIA.exec(path);
    if (m && serveFile(req, res, join(store.mediaDir, m[1]))) return;
    notFound();
  });
  const sockets = trackSockets(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const port = (server.address() as { port: number }).port;
  return { server, url: `http://127.0.0.1:${port}`, requests, close: () => closeServer(server, sockets) };
}
