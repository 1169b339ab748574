/** The slice a frame is rendered from: whole segments on screen at t, shifted, no sound. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sliceForFrame } from '../../src/engine/preview/slice';
import type { Draft } from '../../src/contract/draft';

const draft: Draft = {
  d: 30_000,
  m: { width: 1080, height: 1920 },
  t: [
    {
      tt: 0,
      m: { transition: 'crossfade' },
      sg: [
        { s: 0, d: 6400, m: { src: 'a', kind: 'image', motion: 'in' } },
        { s: 5900, d: 6400, m: { src: 'b', kind: 'video', volume: 1 } },
        { s: 11800, d: 18200, m: { src: 'c', kind: 'image' } },
      ],
    },
    { tt: 1, sg: [{ s: 0, d: 30_000, m: { src: 'builtin:bed' } }] },
    {
      tt: 7,
      sg: [
        { s: 0, d: 3000, m: { text: 'Title', role: 'title' } },
        { s: 0, d: 30_000, m: { text: 'All day', role: 'caption' } },
      ],
    },
  ],
};

test(
  'inside one segment: that segment from 0, texts on screen kept (an earlier start stays earlier), audio dropped',
  { timeout: 5_000 },
  () => {
    const { draft: d, seekMs } = sliceForFrame(draft, 20_000);
    assert.equal(seekMs, 20_000 - 11_800);
    assert.deepEqual(
      d.t!.map((t) => t.tt),
      [0, 7],
    );
    assert.deepEqual(
      d.t![0].sg.map((s) => [s.s, s.d, s.m?.src]),
      [[0, 18_200, 'c']],
    );
    assert.deepEqual(
      d.t![1].sg.map((s) => [s.s, s.m?.text]),
      [[-11_800, 'All day']],
      'the title (0–3 s) is gone; the caption keeps its timing',
    );
    assert.equal(d.d, 18_200);
  },
);

test('during a crossfade both segments are kept, whole, clips muted', { timeout: 5_000 }, () => {
  const { draft: d, seekMs } = sliceForFrame(draft, 6_000);
  assert.equal(seekMs, 6_000);
  assert.deepEqual(
    d.t![0].sg.map((s) => [s.s, s.d, s.m?.src, s.m?.volume]),
    [
      [0, 6400, 'a', 0],
      [5900, 6400, 'b', 0],
    ],
  );
  assert.deepEqual(
    d.t![1].sg.map((s) => s.m?.text),
    ['All day'],
    'the title ended at 3 s',
  );
});

test('the first second: the title is there', { timeout: 5_000 }, () => {
  const { draft: d } = sliceForFrame(draft, 1_000);
  assert.deepEqual(
    d.t![1].sg.map((s) => s.m?.text),
    ['Title', 'All day'],
  );
});
