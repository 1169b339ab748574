/** Segment timing invariants over many generated cases (media counts, lengths, clips, edits). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Draft } from '../../src/contract/draft';
import type { MediaFile } from '../../src/engine/contracts';
import { spread } from '../../src/engine/planner/timing';
import { decideTurn } from '../../src/engine/planner/turn';
import { assertTiming, clip, photo, song, track } from './planner-fixtures';

/** Small deterministic PRNG so a failure can be reproduced from the printed case. */
function rng(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

function mediaFor(count: number, clips: boolean, rand: () => number): MediaFile[] {
  return Array.from({ length: count }, (_, i) =>
    clips && rand() < 0.5
      ? clip(i + 1, Math.round((0.3 + rand() * 40) * 10) / 10, rand() < 0.5)
      : photo(i + 1, `shot_${i + 1}.jpg`),
  );
}

function assertClipLengths(d: Draft, media: MediaFile[], label: string): void {
  const v = track(d, 0)!.sg;
  const hasPhotos = v.some((s) => s.m?.kind === 'image');
  for (const seg of v) {
    if (seg.m?.kind !== 'video') continue;
    const f = media.find((m) => m.id === seg.m?.src)!;
    assert.equal(seg.m.trim, 0, `${label}: clip starts at its beginning`);
    // With photos to absorb the time, a clip is never stretched past its footage.
    if (hasPhotos)
      assert.ok(seg.d! <= Math.round(f.duration! * 1000), `${label}: clip ${f.id} d ${seg.d} ≤ ${f.duration! * 1000}`);
  }
}

describe('planner timing invariants', () => {
  it('first drafts: 1..12 uploads × 5..120 s × photos/clips × crossfade/cuts', () => {
    const rand = rng(42);
    let cases = 0;
    for (let count = 1; count <= 12; count++) {
      for (const seconds of [5, 8, 15, 30, 47, 60, 90, 120]) {
        for (const clips of [false, true]) {
          for (const cuts of [false, true]) {
            const media = mediaFor(count, clips, rand);
            if (rand() < 0.3) media.push(song());
            const text = `make a ${seconds} second video${cuts ? ', no transitions' : ''}`;
            const label = `${text} [${media.map((m) => (m.kind === 'video' ? `clip${m.duration}` : m.kind)).join(',')}]`;
            const r = decideTurn(text, { draft: undefined, media, language: 'en' });
            assert.ok(r.draft, label);
            assertTiming(r.draft, label);
            assertClipLengths(r.draft, media, label);
            const allClips = media.filter((m) => m.kind !== 'audio').every((m) => m.kind === 'video');
            if (!allClips) assert.equal(r.draft.d, seconds * 1000, `${label}: asked length`);
            assert.equal(track(r.draft, 0)!.sg.length, media.filter((m) => m.kind !== 'audio').length);
            cases++;
          }
        }
      }
    }
    assert.equal(cases, 12 * 8 * 4);
  });

  it('edits keep the invariants: length, pace and transition changes in sequence', () => {
    const rand = rng(7);
    const edits = [
      'slower',
      'faster',
      'make it 15 seconds',
      'no transitions',
      'crossfade',
      'make it 2 minutes',
      '3 seconds per photo',
      'make it 5 seconds',
      "add caption 'x' at 4s",
    ];
    for (let count = 1; count <= 12; count++) {
      const media = mediaFor(count, count % 2 === 0, rand);
      let draft = decideTurn('a promo video with music and text overlays', {
        draft: undefined,
        media,
        language: 'en',
      }).draft!;
      for (let i = 0; i < 6; i++) {
        const text = edits[Math.floor(rand() * edits.length)]!;
        const r = decideTurn(text, { draft, media, language: 'en' });
        if (r.draft) draft = r.draft;
        assertTiming(draft, `${count} uploads, edit ${i}: ${text}`);
        assertClipLengths(draft, media, text);
      }
    }
  });

  it('spread: overlap equals the transition, the last end equals the total, the sum is exact', () => {
    const rand = rng(3);
    for (let n = 1; n <= 12; n++) {
      for (let total = 3000; total <= 180_000; total += 7919) {
        const items = Array.from({ length: n }, () =>
          rand() < 0.4
            ? { kind: 'video' as const, naturalMs: Math.round(200 + rand() * 30_000) }
            : { kind: 'image' as const },
        );
        const r = spread(items, total, true);
        const segs = r.segments;
        assert.equal(segs[0]!.s, 0);
        for (let i = 1; i < n; i++) assert.equal(segs[i]!.s, segs[i - 1]!.s + segs[i - 1]!.d - r.transitionMs);
        assert.equal(segs[n - 1]!.s + segs[n - 1]!.d, r.totalMs);
        assert.ok(segs.every((s) => s.d > 0 && s.d >= 2 * r.transitionMs));
        assert.ok(r.totalMs <= total);
        if (items.some((it) => it.kind === 'image')) assert.equal(r.totalMs, total);
      }
    }
  });

  it('spread: very short videos with many photos shorten the crossfade instead of breaking', () => {
    const r = spread(
      Array.from({ length: 12 }, () => ({ kind: 'image' as const })),
      3000,
      true,
    );
    assert.ok(r.transitionMs > 0 && r.transitionMs < 500);
    assert.equal(r.segments[11]!.s + r.segments[11]!.d, 3000);
  });

  it('spread: one item fills the whole video without overlap', () => {
    const r = spread([{ kind: 'image' }], 12_345, true);
    assert.deepEqual(r.segments, [{ s: 0, d: 12_345 }]);
    assert.equal(r.transitionMs, 0);
  });
});
