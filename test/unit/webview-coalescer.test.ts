import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { ChunkCoalescer } from '../../webview/coalescer';

/** A manual animation-frame clock: callbacks run only when the test ticks. */
function frames() {
  let queue: Array<() => void> = [];
  return {
    schedule: (cb: () => void) => {
      queue.push(cb);
    },
    tick() {
      const q = queue;
      queue = [];
      for (const cb of q) cb();
    },
    get pending() {
      return queue.length;
    },
  };
}

function setup() {
  const dom = new JSDOM('<!DOCTYPE html><body></body>');
  const doc = dom.window.document;
  const writes: Array<{ id: string; text: string }> = [];
  let frameCount = 0;
  const clock = frames();
  const c = new ChunkCoalescer(
    {
      render(id, text) {
        let node = doc.getElementById(id);
        if (!node) {
          node = doc.createElement('div');
          node.id = id;
          doc.body.append(node);
        }
        node.textContent = text;
        writes.push({ id, text });
      },
      afterFrame() {
        frameCount++;
      },
    },
    clock.schedule,
  );
  const textOf = (id: string) => doc.getElementById(id)?.textContent;
  return { c, clock, writes, textOf, frames: () => frameCount };
}

test('many chunks in one frame become one DOM write with all the text', () => {
  const { c, clock, writes, textOf } = setup();
  c.begin('a');
  for (const piece of ['Your ', 'video ', 'is ', 'ready', '.']) c.chunk('a', piece);
  assert.equal(writes.length, 0, 'nothing is written before the frame');
  assert.equal(clock.pending, 1, 'one frame requested, not one per chunk');
  clock.tick();
  assert.equal(writes.length, 1);
  assert.equal(textOf('a'), 'Your video is ready.');
});

test('chunks across frames append; the final text replaces them (never shown twice)', () => {
  const { c, clock, writes, textOf, frames } = setup();
  c.chunk('a', 'Hel');
  clock.tick();
  assert.equal(textOf('a'), 'Hel');
  c.chunk('a', 'lo ');
  c.chunk('a', 'wor');
  clock.tick();
  assert.equal(textOf('a'), 'Hello wor');
  c.chunk('a', 'ld');
  c.final('a', 'Hello world!');
  clock.tick();
  assert.equal(textOf('a'), 'Hello world!');
  assert.equal(writes.length, 3);
  assert.equal(frames(), 3);
  c.chunk('a', ' late chunk'); // after the final: ignored
  clock.tick();
  assert.equal(textOf('a'), 'Hello world!');
  assert.equal(c.isFinal('a'), true);
});

test('two messages streaming in the same frame get one write each', () => {
  const { c, clock, writes, textOf } = setup();
  c.chunk('a', 'one');
  c.chunk('b', 'two');
  c.chunk('a', ' more');
  clock.tick();
  assert.deepEqual(writes.map((w) => w.id).sort(), ['a', 'b']);
  assert.equal(textOf('a'), 'one more');
  assert.equal(textOf('b'), 'two');
});

test('flush renders pending text at once; nothing is left for the next frame', () => {
  const { c, clock, writes, textOf } = setup();
  c.chunk('a', 'partial');
  c.flush();
  assert.equal(textOf('a'), 'partial');
  clock.tick();
  assert.equal(writes.length, 1, 'the scheduled frame finds nothing to do');
});

test('empty chunks do not schedule work; reset forgets messages', () => {
  const { c, clock } = setup();
  c.chunk('a', '');
  assert.equal(clock.pending, 0);
  c.final('a', 'x');
  c.reset();
  assert.equal(c.text('a'), undefined);
  assert.equal(c.isFinal('a'), false);
});
