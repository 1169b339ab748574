/**
 * The stand-in's "CDN": a second origin serving render outputs and uploads without auth, like
 * static1.nemovideo.ai. It records whether a request carried an Authorization header, so tests
 * prove the client never sends its bearer token to another origin.
 */
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { Store } from '../store';
import { serveFile } from './fileServe';

export interface CdnRequest { path: string; hadAuthorization: boolean }

export interface Cdn { server: Server; url: string; requests: CdnRequest[] }

const RENDER = /^\/renders\/([A-Za-z0-9_-]{1,80})\.mp4$/;
const MEDIA = /^\/media\/([a-f0-9]{32}\.[a-z0-9]{2,4})$/;

export async function startCdn(store: Store): Promise<Cdn> {
  const requests: CdnRequest[] = [];
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    requests.push({ path, hadAuthorization: req.headers.authorization !== undefined });
    if (requests.length > 5000) requests.splice(0, requests.length - 5000);
    const notFound = () => { res.writeHead(404, { 'Content-Type': 'text/plain' }); res.end('Not found'); };
    if (req.method !== 'GET' && req.method !== 'HEAD') { res.writeHead(405, { Allow: 'GET, HEAD' }); res.end(); return; }
    const r = RENDER.exec(path);
    if (r) {
      const rec = store.render(r[1]);
      if (rec?.status !== 'completed' || !serveFile(req, res, store.renderFile(rec.id))) notFound();
      return;
    }
    const m = MEDIA.exec(path);
    if (m && serveFile(req, res, join(store.mediaDir, m[1]))) return;
    notFound();
  });
  await new Promise<void>((resolve, reject) => { server.once('error', reject); server.listen(0, '127.0.0.1', resolve); });
  const port = (server.address() as { port: number }).port;
  return { server, url: `http://127.0.0.1:${port}`, requests };
}
