/**
 * One draft, two readers: the tree/summary (core/timeline.ts) and the renderer (engine/render/
 * graph.ts) must agree on every segment's start, duration and kind — including the edge shapes
 * the protocol allows (cloud start keys, numbers as strings, missing starts, odd values).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDraft } from '../../src/core/timeline';
import { summarizeTimeline } from '../../src/words/timeline';
import { en } from '../../src/words/en';
import { buildGraph, durationOf, renderedSegments } from '../../src/engine/render/graph';
import type { Draft } from '../../src/contract/draft';
import type { TrackKind } from '../../src/contract/draftRead';
import type { MediaFile } from '../../src/engine/contracts';

const RENDERED_KINDS: TrackKind[] = ['video', 'audio', 'text', 'overlay'];

const EDGE_DRAFTS: Array<[string, unknown]> = [
  [
    'local engine shape',
    {
      d: 9000,
      m: { width: 1080, height: 1920 },
      t: [
        {
          tt: 0,
          m: { transition: 'crossfade' },
          sg: [
            { s: 0, d: 3500, m: { src: 'a', kind: 'image' } },
            { s: 3000, d: 3500, m: { src: 'b' } },
            { s: 6000, d: 3000, m: { src: 'c' } },
          ],
        },
        { tt: 1, sg: [{ s: 0, d: 9000, m: { src: 'builtin:bed', volume: 0.35 } }] },
        { tt: 3, sg: [{ s: 0, d: 9000, m: { src: 'logo', position: 'top-right' } }] },
        {
          tt: 7,
          sg: [
            { s: 0, d: 2500, m: { text: 'Urban Dreams', role: 'title' } },
            { s: 4000, d: 2000, m: { text: 'Sale 50%', role: 'caption' } },
          ],
        },
      ],
    },
  ],
  [
    'cloud start keys and numeric strings',
    {
      t: [
        {
          tt: 0,
          sg: [
            { start: 1000, d: 1000, m: { src: 'a' } },
            { st: 2000, duration: 1000, m: { src: 'b' } },
            { startTime: 3000, dur: '1000', m: { src: 'c' } },
            { start_time: 4000, d: 1000, m: { src: 'd' } },
            { s: '5000', d: '500', m: { src: 'e' } },
          ],
        },
        { tt: '7', sg: [{ start: '500', d: 1500, text: 'top-level words' }] },
        { tt: 1, sg: [{ start_time: 250, duration: '4000', m: { url: 'https://cdn.example/music.mp3' } }] },
      ],
    },
  ],
  [
    'missing starts follow each other within a track',
    {
      t: [
        {
          tt: 0,
          sg: [
            { d: 2000, m: { src: 'a' } },
            { d: 1500, m: { src: 'b' } },
            { s: 5000, d: 1000, m: { src: 'c' } },
            { d: 500, m: { src: 'd' } },
          ],
        },
        {
          tt: 7,
          sg: [
            { d: 1000, m: { text: 'one' } },
            { d: 1000, m: { text: 'two' } },
          ],
        },
      ],
    },
  ],
  [
    'odd values: negative, NaN, zero, junk entries, unknown tt, out of order',
    {
      d: '8000',
      t: [
        null,
        5,
        'track',
        {
          tt: 0,
          sg: [
            null,
            'x',
            { s: 4000, d: 2000, m: { src: 'late' } },
            { s: -500, d: 1000, m: { src: 'negative' } },
            { s: 1000, d: 0, m: { src: 'zero' } },
            { s: 2000, d: 'NaN', m: { src: 'nan' } },
          ],
        },
        { tt: 42, sg: [{ s: 0, d: 1000 }] },
        {
          tt: 7,
          sg: [
            { s: 6000, d: 1000, m: { text: '   ' } },
            { s: 1000, d: 1000, m: { text: ' spaced ' } },
          ],
        },
        { sg: [{ s: 0, d: 3000 }] },
      ],
    },
  ],
];

const ms = (seconds: number): number => Math.round(seconds * 1000);

/** What the tree shows of `kind` that has a duration, in start order. */
function treeSegments(draft: unknown, kind: TrackKind) {
  return parseDraft(draft)
    .tracks.filter((t) => t.kind === kind)
    .flatMap((t) => t.segments)
    .filter((s) => s.duration > 0)
    .map((s) => ({ kind, startMs: ms(s.start), durationMs: ms(s.duration) }))
    .sort((a, b) => a.startMs - b.startMs);
}

function rendererSegments(draft: unknown, kind: TrackKind) {
  return renderedSegments(draft as Draft, kind).map((s) => ({
    kind: s.kind,
    startMs: s.startMs,
    durationMs: s.durationMs,
  }));
}

for (const [name, draft] of EDGE_DRAFTS) {
  test(`tree and renderer agree on every segment: ${name}`, { timeout: 10_000 }, () => {
    let compared = 0;
    for (const kind of RENDERED_KINDS) {
      const tree = treeSegments(draft, kind);
      assert.deepEqual(rendererSegments(draft, kind), tree, `${kind} segments differ`);
      compared += tree.length;
    }
    assert.ok(compared > 0, 'the draft has segments to compare');
    assert.equal(durationOf(draft as Draft), ms(parseDraft(draft).duration), 'total length differs');
    assert.equal(typeof summarizeTimeline(parseDraft(draft), en), 'string');
  });
}

test('the filter graph places text and overlays where the tree shows them', { timeout: 10_000 }, () => {
  const draft = EDGE_DRAFTS[1][1] as Draft;
  const media = (id: string): MediaFile => ({
    id,
    name: `${id}.jpg`,
    path: `/nonexistent/${id}.jpg`,
    mime: 'image/jpeg',
    kind: 'image',
    size: 1,
    width: 1080,
    height: 1920,
    uploadedAt: 0,
  });
  const withBed = structuredClone(draft);
  (withBed.t![2]!.sg[0]!.m as Record<string, unknown>).src = 'builtin:bed';
  const plan = buildGraph(withBed, media, { workDir: '/tmp/none', amixNormalize: false });
  const text = parseDraft(withBed).tracks.find((t) => t.kind === 'text')!.segments[0]!;
  assert.equal(text.start, 0.5);
  assert.match(
    plan.filter,
    /enable='between\(t,0\.500,2\.000\)'/,
    'the caption is drawn from 0.5 s to 2 s, as the tree says',
  );
  assert.match(plan.filter, /adelay=250\|250/, 'the music starts at 0.25 s, as the tree says');
  assert.equal(plan.durationMs, ms(parseDraft(withBed).duration));
});
