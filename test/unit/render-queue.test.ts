/** The render queue: FIFO turns, places in line as they change, cancel while waiting. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RenderQueue } from '../../src/engine/renderQueue';

test(
  'render queue: one at a time in FIFO order; each waiter hears its place in line move up',
  { timeout: 5_000 },
  async () => {
    const q = new RenderQueue(1);
    const order: string[] = [];
    const places: Record<string, number[]> = { b: [], c: [] };
    const a = await q.acquire(new AbortController().signal);
    const pb = q
      .acquire(new AbortController().signal, (n) => places.b.push(n))
      .then((t) => {
        order.push('b');
        return t;
      });
    const pc = q
      .acquire(new AbortController().signal, (n) => places.c.push(n))
      .then((t) => {
        order.push('c');
        return t;
      });
    assert.equal(q.running, 1);
    assert.equal(q.queued, 2);
    a.release();
    const b = await pb;
    assert.deepEqual(order, ['b']);
    assert.deepEqual(places.c, [2, 1], 'c moved from 2nd to next in line');
    b.release();
    b.release(); // a second release is ignored, it does not free a slot twice
    (await pc).release();
    assert.deepEqual(order, ['b', 'c']);
    assert.deepEqual(places.b, [1]);
    assert.equal(q.running, 0);
  },
);

test(
  'render queue: a waiter cancelled while queued leaves the line at once and the ones behind it move up',
  { timeout: 5_000 },
  async () => {
    const q = new RenderQueue(1);
    const first = await q.acquire(new AbortController().signal);
    const ac = new AbortController();
    const places: number[] = [];
    const cancelled = q.acquire(ac.signal);
    const behind = q.acquire(new AbortController().signal, (n) => places.push(n));
    ac.abort(new Error('cancelled by the user'));
    await assert.rejects(cancelled, /cancelled by the user/);
    assert.equal(q.queued, 1);
    assert.deepEqual(places, [2, 1]);
    first.release();
    (await behind).release();
    assert.equal(q.running, 0);
  },
);

test('render queue: concurrency 2 runs two at once, the third waits', { timeout: 5_000 }, async () => {
  const q = new RenderQueue(2);
  const a = await q.acquire(new AbortController().signal);
  const b = await q.acquire(new AbortController().signal);
  let third = false;
  const pc = q.acquire(new AbortController().signal).then((t) => {
    third = true;
    return t;
  });
  await new Promise((r) => setImmediate(r));
  assert.equal(third, false);
  b.release();
  (await pc).release();
  a.release();
  assert.equal(q.running, 0);
});
