/**
 * readEventStream over real byte streams: chunk splits anywhere (inside UTF-8 characters too),
 * CRLF, multi-line data, keep-alives, drops, abort, the still-working notice and the time limit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readEventStream, limitText } from '../../src/core/api/sse';
import type { StreamEvent } from '../../src/core/api/events';
import { isApiError } from '../../src/core/api/errors';
import type { Logger } from '../../src/core/ports';

const enc = new TextEncoder();

async function* chunks(bytes: Uint8Array, cuts: number[]): AsyncGenerator<Uint8Array> {
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    if (cut > at) {
      yield bytes.slice(at, cut);
      at = cut;
    }
  }
}

async function collect(gen: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const out: StreamEvent[] = [];
  for await (const e of gen) out.push(e);
  return out;
}

/** A body the test feeds by hand; records whether the reader let go of it. */
class ManualBody implements AsyncIterable<Uint8Array> {
  private readonly items: Uint8Array[] = [];
  private waiter?: (r: IteratorResult<Uint8Array>) => void;
  private closed = false;
  released = false;
  push(text: string): void {
    const value = enc.encode(text);
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = undefined;
      w({ value, done: false });
    } else this.items.push(value);
  }
  close(): void {
    this.closed = true;
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = undefined;
      w({ value: undefined, done: true });
    }
  }
  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    return {
      next: () => {
        const value = this.items.shift();
        if (value) return Promise.resolve({ value, done: false });
        if (this.closed) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => {
          this.waiter = resolve;
        });
      },
      return: async () => {
        this.released = true;
        return { value: undefined, done: true };
      },
    };
  }
}

const data = (json: unknown) => `data: ${JSON.stringify(json)}\n\n`;

// A realistic turn: partial chunks with CJK and emoji, a comment, an empty data line, a tool
// round trip, a multi-line data event with CRLF line ends, and the final text.
const TURN =
  data({ author: 'nemo_agent', partial: true, content: { role: 'model', parts: [{ text: '好的，' }] } }) +
  ': ping\n\n' +
  data({ author: 'nemo_agent', partial: true, content: { role: 'model', parts: [{ text: 'adding music 🎵' }] } }) +
  'data:\n\n' +
  data({
    content: { role: 'model', parts: [{ functionCall: { id: 'f1', name: 'add_bgm', args: { mood: '轻松' } } }] },
  }) +
  data({
    author: 'user',
    content: { role: 'user', parts: [{ functionResponse: { id: 'f1', name: 'add_bgm', response: { ok: true } } }] },
  }) +
  'data: {"author":"nemo_agent",\r\ndata: "content":{"parts":[{"text":"好的，adding music 🎵"}]}}\r\n\r\n';

const TURN_EVENTS: StreamEvent[] = [
  { type: 'text-chunk', text: '好的，', author: 'nemo_agent' },
  { type: 'keep-alive' },
  { type: 'text-chunk', text: 'adding music 🎵', author: 'nemo_agent' },
  { type: 'keep-alive' },
  { type: 'tool-call', id: 'f1', name: 'add_bgm', args: { mood: '轻松' } },
  { type: 'tool-result', id: 'f1', name: 'add_bgm', response: { ok: true } },
  { type: 'text-final', text: '好的，adding music 🎵', author: 'nemo_agent' },
  { type: 'end' },
];

test('a whole turn in one chunk', async () => {
  assert.deepEqual(await collect(readEventStream(chunks(enc.encode(TURN), []))), TURN_EVENTS);
});

test('the same turn split into two chunks at every byte offset (inside UTF-8 characters too)', async () => {
  const bytes = enc.encode(TURN);
  // Make sure the sweep really cuts inside a multi-byte character.
  const firstCjk = bytes.indexOf(0xe5);
  assert.ok(firstCjk > 0 && bytes[firstCjk + 1] >= 0x80);
  for (let cut = 1; cut < bytes.length; cut++) {
    assert.deepEqual(await collect(readEventStream(chunks(bytes, [cut]))), TURN_EVENTS, `cut at ${cut}`);
  }
});

test('one byte per chunk', async () => {
  const bytes = enc.encode(TURN);
  const cuts = Array.from({ length: bytes.length }, (_, i) => i);
  assert.deepEqual(await collect(readEventStream(chunks(bytes, cuts))), TURN_EVENTS);
});

test('CRLF everywhere and bare CR line ends', async () => {
  const crlf = TURN.replace(/\r?\n/g, '\r\n');
  assert.deepEqual(await collect(readEventStream(chunks(enc.encode(crlf), [7, 100, 101]))), TURN_EVENTS);
  const cr = data({ type: 'text', content: 'a' }).replace(/\n/g, '\r');
  assert.deepEqual(await collect(readEventStream(chunks(enc.encode(cr), []))), [
    { type: 'text-chunk', text: 'a' },
    { type: 'end' },
  ]);
});

test('multi-line data is joined with \\n before JSON.parse', async () => {
  const body = 'data: {"type":"text",\ndata: "content":\ndata: "two\\nlines"}\n\n';
  assert.deepEqual(await collect(readEventStream(chunks(enc.encode(body), [3]))), [
    { type: 'text-chunk', text: 'two\nlines' },
    { type: 'end' },
  ]);
});

test('malformed JSON is logged at debug and skipped; the stream goes on', async () => {
  const debugs: string[] = [];
  const log: Logger = {
    trace() {},
    debug: (m) => {
      debugs.push(m);
    },
    info() {},
    warn() {},
    error() {},
  };
  const body = 'data: {"type":"text",\n\n' + 'data: [DONE]\n\n' + data({ type: 'text', content: 'after' });
  assert.deepEqual(await collect(readEventStream(chunks(enc.encode(body), []), { log })), [
    { type: 'text-chunk', text: 'after' },
    { type: 'end' },
  ]);
  assert.equal(debugs.length, 1);
  assert.match(debugs[0], /not JSON/);
});

test('an event whose blank line never came is still delivered when the server closes', async () => {
  const body = data({ type: 'text', content: 'a' }) + 'data: {"type":"text","content":"b"}';
  assert.deepEqual(await collect(readEventStream(chunks(enc.encode(body), []))), [
    { type: 'text-chunk', text: 'a' },
    { type: 'text-chunk', text: 'b' },
    { type: 'end' },
  ]);
});

test('{"error": …} ends the stream: nothing after it is read', { timeout: 5000 }, async () => {
  const body = new ManualBody();
  body.push(
    data({ partial: true, content: { parts: [{ text: 'Working' }] } }) +
      data({ error: 'Agent crashed' }) +
      data({ type: 'text', content: 'ghost' }),
  );
  const events = await collect(readEventStream(body)); // the body is never closed: the reader must stop by itself
  assert.deepEqual(events, [
    { type: 'text-chunk', text: 'Working' },
    { type: 'error', message: 'Agent crashed' },
    { type: 'end' },
  ]);
  assert.equal(body.released, true);
});

test('a 10 MB single event arrives whole', async () => {
  const big = 'x'.repeat(10 * 1024 * 1024);
  const bytes = enc.encode(data({ content: { parts: [{ text: big }] } }));
  const cuts = Array.from({ length: Math.floor(bytes.length / 65536) }, (_, i) => (i + 1) * 65536 - 3);
  const events = await collect(readEventStream(chunks(bytes, cuts)));
  assert.equal(events.length, 2);
  assert.equal(events[0].type, 'text-final');
  assert.equal((events[0] as { text: string }).text.length, big.length);
});

test('a body that throws mid-stream (connection dropped) → end interrupted, no throw', async () => {
  async function* dropping(): AsyncGenerator<Uint8Array> {
    yield enc.encode(data({ partial: true, content: { parts: [{ text: 'Half a rep' }] } }) + 'data: {"partial":tr');
    throw Object.assign(new TypeError('terminated'), { cause: { code: 'UND_ERR_SOCKET' } });
  }
  assert.deepEqual(await collect(readEventStream(dropping())), [
    { type: 'text-chunk', text: 'Half a rep' },
    { type: 'end', interrupted: true },
  ]);
});

test(
  'abort while the body is blocked: throws ApiError aborted promptly and releases the body',
  { timeout: 5000 },
  async () => {
    const body = new ManualBody();
    body.push(data({ type: 'text', content: 'first' }));
    const ac = new AbortController();
    const seen: StreamEvent[] = [];
    await assert.rejects(
      (async () => {
        for await (const e of readEventStream(body, { signal: ac.signal })) {
          seen.push(e);
          setImmediate(() => ac.abort()); // abort while the reader waits on a body that never answers
        }
      })(),
      (err: unknown) => isApiError(err) && err.kind === 'aborted' && /cancelled/.test(err.message),
    );
    assert.deepEqual(seen, [{ type: 'text-chunk', text: 'first' }]);
    assert.equal(body.released, true);
  },
);

test('abort between two events (consumer suspended at a yield) and before the start', async () => {
  const ac = new AbortController();
  const gen = readEventStream(
    chunks(enc.encode(data({ type: 'text', content: 'a' }) + data({ type: 'text', content: 'b' })), []),
    { signal: ac.signal },
  );
  assert.deepEqual((await gen.next()).value, { type: 'text-chunk', text: 'a' });
  ac.abort();
  await assert.rejects(gen.next(), (e: unknown) => isApiError(e) && e.kind === 'aborted');
  await assert.rejects(
    readEventStream(chunks(new Uint8Array(), []), { signal: ac.signal }).next(),
    (e: unknown) => isApiError(e) && e.kind === 'aborted',
  );
});

test(
  'still-working: one notice per interval while nothing arrives; keep-alives do not reset the clock',
  { timeout: 5000 },
  async () => {
    const body = new ManualBody();
    // Wide enough that a busy machine's timer delays (tens of ms) cannot reorder the events.
    const interval = 300;
    const t0 = performance.now();
    const pacer = setInterval(() => body.push(': ping\n\n'), 20);
    const seen: Array<{ e: StreamEvent; at: number }> = [];
    try {
      for await (const e of readEventStream(body, { stillWorkingIntervalMs: interval })) {
        seen.push({ e, at: performance.now() - t0 });
        if (seen.filter((s) => s.e.type === 'still-working').length === 2) break;
      }
    } finally {
      clearInterval(pacer);
    }
    const notices = seen.filter((s) => s.e.type === 'still-working');
    assert.equal(notices.length, 2);
    const [n1, n2] = notices.map((n) => (n.e as { elapsedMs: number }).elapsedMs);
    assert.ok(n1 >= interval - 1 && n2 >= 2 * interval - 1, `elapsed ${n1}, ${n2}`);
    assert.ok(notices[1].at >= 2 * interval - 2, `second notice at ${notices[1].at} ms`);
    // Keep-alives kept arriving between the notices, and they did not push the notices back.
    const between = seen.filter((s) => s.at > notices[0].at && s.at < notices[1].at && s.e.type === 'keep-alive');
    assert.ok(between.length >= 1);
    assert.equal(body.released, true); // breaking out of the loop let go of the body
  },
);

test('still-working: a content event restarts the quiet clock', { timeout: 5000 }, async () => {
  const body = new ManualBody();
  // Wide enough that a busy machine's timer delays (tens of ms) cannot reorder the events.
  const interval = 300;
  let contentAt = 0;
  const notices: number[] = [];
  for await (const e of readEventStream(body, { stillWorkingIntervalMs: interval })) {
    if (e.type !== 'still-working') continue;
    notices.push(performance.now());
    if (notices.length === 1) {
      // Half an interval later, so "restarted" and "not restarted" predict different times.
      setTimeout(() => {
        contentAt = performance.now();
        body.push(data({ partial: true, content: { parts: [{ text: 'progress' }] } }));
      }, interval / 2);
    }
    if (notices.length === 2) {
      body.close();
    }
  }
  assert.equal(notices.length, 2);
  assert.ok(contentAt > notices[0]);
  assert.ok(notices[1] - contentAt >= interval - 2, `next notice ${notices[1] - contentAt} ms after the content`);
});

test(
  'max duration: an error about the limit, then end interrupted; the body is released',
  { timeout: 5000 },
  async () => {
    const body = new ManualBody();
    const events = await collect(readEventStream(body, { maxDurationMs: 60, stillWorkingIntervalMs: 1000 }));
    assert.equal(events.length, 2);
    assert.equal(events[0].type, 'error');
    assert.equal((events[0] as { code?: string }).code, 'timeout');
    assert.match((events[0] as { message: string }).message, /within the 60 ms limit/);
    assert.deepEqual(events[1], { type: 'end', interrupted: true });
    assert.equal(body.released, true);
    assert.equal(limitText(15 * 60_000), '15-minute');
    assert.equal(limitText(90_000), '90-second');
  },
);

test('no timers are left behind when the generator finishes', async () => {
  const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
  const before = timers();
  const body = new ManualBody();
  const gen = readEventStream(body, { stillWorkingIntervalMs: 10_000, maxDurationMs: 60_000 });
  const first = gen.next();
  body.push(data({ type: 'text', content: 'x' }));
  assert.deepEqual((await first).value, { type: 'text-chunk', text: 'x' });
  const next = gen.next(); // now waiting on the body with the notice timer armed
  assert.equal(timers(), before + 1);
  body.close();
  assert.deepEqual((await next).value, { type: 'end' });
  assert.equal((await gen.next()).done, true);
  assert.equal(timers(), before);
});
