/**
 * readEventStream over a real HTTP connection on 127.0.0.1, read with undici `request` (a Node
 * Readable body) and `fetch` (a web ReadableStream body): normal close, a dropped socket, and
 * Stop while the server keeps the connection open (the server must see it close).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { once } from 'node:events';
import { request, fetch, Agent } from 'undici';
import { readEventStream } from '../../src/core/api/sse';
import type { StreamEvent } from '../../src/core/api/events';
import { isApiError } from '../../src/core/api/errors';

const data = (json: unknown) => `data: ${JSON.stringify(json)}\n\n`;

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;
let handler: Handler = () => {};
const server = http.createServer((req, res) => handler(req, res));
let url = '';
before(async () => {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/run_sse`;
});
// Own dispatcher so no pooled socket outlives the tests.
const dispatcher = new Agent({ keepAliveTimeout: 10 });
after(async () => {
  server.closeAllConnections();
  server.close();
  await dispatcher.close();
});

function sseHead(res: http.ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  res.flushHeaders();
}

type Reader = 'request' | 'fetch';
async function openStream(how: Reader): Promise<AsyncIterable<Uint8Array>> {
  const init = { method: 'POST', body: '{}', headers: { accept: 'text/event-stream' }, dispatcher } as const;
  if (how === 'request') return (await request(url, init)).body;
  const res = await fetch(url, init);
  assert.ok(res.body);
  return res.body as unknown as AsyncIterable<Uint8Array>;
}

async function collect(gen: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const out: StreamEvent[] = [];
  for await (const e of gen) out.push(e);
  return out;
}

for (const how of ['request', 'fetch'] as const) {
  test(`${how}: events written in awkward pieces arrive normalized, then end`, async () => {
    const wire = Buffer.from(
      data({ partial: true, content: { parts: [{ text: '正在' }] } }) +
        ': ping\r\n\r\n' +
        data({ content: { parts: [{ functionCall: { id: 'a', name: 'make_video', args: { seconds: 30 } } }] } }) +
        data({ content: { parts: [{ text: '正在生成 done' }] } }),
    );
    handler = async (_req, res) => {
      sseHead(res);
      // Cut inside the first CJK character, then mid-comment, then mid-JSON.
      const cuts = [wire.indexOf(0xe6) + 1, wire.indexOf(': ping') + 3, wire.length - 20, wire.length];
      let at = 0;
      for (const cut of cuts) {
        res.write(wire.subarray(at, cut));
        at = cut;
        await new Promise((r) => setImmediate(r));
      }
      res.end();
    };
    assert.deepEqual(await collect(readEventStream(await openStream(how))), [
      { type: 'text-chunk', text: '正在' },
      { type: 'keep-alive' },
      { type: 'tool-call', id: 'a', name: 'make_video', args: { seconds: 30 } },
      { type: 'text-final', text: '正在生成 done' },
      { type: 'end' },
    ]);
  });

  test(`${how}: the server destroys the socket mid-stream → end interrupted`, { timeout: 5000 }, async () => {
    handler = (_req, res) => {
      sseHead(res);
      res.write(data({ partial: true, content: { parts: [{ text: 'Half' }] } }) + 'data: {"partial":');
      setImmediate(() => res.socket?.destroy());
    };
    assert.deepEqual(await collect(readEventStream(await openStream(how))), [
      { type: 'text-chunk', text: 'Half' },
      { type: 'end', interrupted: true },
    ]);
  });

  test(
    `${how}: Stop while the server keeps the connection open → aborted, and the server sees it close`,
    { timeout: 5000 },
    async () => {
      let serverSawClose!: Promise<unknown>;
      let handlerResponse: http.ServerResponse | undefined;
      handler = (_req, res) => {
        handlerResponse = res;
        sseHead(res);
        serverSawClose = once(res, 'close');
        res.write(data({ partial: true, content: { parts: [{ text: 'Thinking' }] } }));
        // …and never ends the response.
      };
      const ac = new AbortController();
      const seen: StreamEvent[] = [];
      await assert.rejects(
        (async () => {
          for await (const e of readEventStream(await openStream(how), { signal: ac.signal })) {
            seen.push(e);
            ac.abort();
          }
        })(),
        (e: unknown) => isApiError(e) && e.kind === 'aborted',
      );
      assert.deepEqual(seen, [{ type: 'text-chunk', text: 'Thinking' }]);
      // Resolves only when the client really let go of the connection (the test times out if not).
      await serverSawClose;
      assert.equal(handlerResponse?.writableEnded, false); // closed by the client, not ended by us
    },
  );
}
