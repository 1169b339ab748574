/**
 * Shared helpers of the hardening catalogue (test/hardening). Each test title starts with a tag —
 * [fault] [input] [xss] [leak] [load] [engine-sec] — which scripts/reliability.mjs counts from
 * node:test's TAP output to regenerate docs/reliability.md.
 */
import assert from 'node:assert/strict';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ApiError, type ApiErrorKind } from '../../src/core/api/errors';

import { rmSync } from 'node:fs';
import { tempDir as makeTempDir } from '../integration/coreHelpers';

export { serviceFor, writePngs, pngBytes, instantSleep } from '../integration/coreHelpers';

const created: string[] = [];
/** A temp dir removed when the test process exits (the hardening suite makes hundreds). */
export function tempDir(prefix = 'vg-hard-'): string {
  const dir = makeTempDir(prefix);
  created.push(dir);
  return dir;
}
process.once('exit', () => {
  for (const d of created) rmSync(d, { recursive: true, force: true });
});

/** Asserts `p` rejects with an ApiError of `kind` whose message matches `message`; returns it. */
export async function rejectsWith(p: Promise<unknown>, kind: ApiErrorKind, message?: RegExp): Promise<ApiError> {
  let caught: unknown;
  await assert.rejects(p, (e: unknown) => {
    caught = e;
    return true;
  });
  assert.ok(caught instanceof ApiError, `expected an ApiError, got ${String(caught)}`);
  assert.equal(caught.kind, kind, `kind (message: ${caught.message})`);
  if (message) assert.match(caught.message, message);
  return caught;
}

/** A port nothing listens on (bound once, then released). */
export function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createNetServer().listen(0, '127.0.0.1', () => {
      const p = (srv.address() as { port: number }).port;
      srv.close(() => resolve(p));
    });
  });
}

/** A raw TCP server on loopback that accepts and immediately destroys each connection (like a failed TLS handshake). */
export async function abruptServer(
  garbage?: string,
): Promise<{ url: string; connections: () => number; close: () => Promise<void> }> {
  let count = 0;
  const sockets = new Set<Socket>();
  const srv: NetServer = createNetServer((s) => {
    count += 1;
    sockets.add(s);
    s.on('error', () => undefined);
    // Closed once the request has arrived, like a middlebox that drops the connection. (Closing
    // before the client has written its body makes Node 20's fetch wait for its own timeout
    // now and then — an undici race, bounded by our 30 s request timeout, not what this tests.)
    if (garbage) s.end(garbage, () => s.destroy());
    else s.once('data', () => s.destroy());
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    connections: () => count,
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        srv.close(() => r());
      }),
  };
}

export interface SeenRequest {
  method: string;
  url: string;
  authorization?: string;
}

/** A plain HTTP server on loopback that records what it got (the "second origin"). */
export async function httpServer(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ url: string; seen: SeenRequest[]; server: Server; close: () => Promise<void> }> {
  const seen: SeenRequest[] = [];
  const server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization });
    handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    server,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
