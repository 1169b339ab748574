/**
 * The look sets the pace (lookPace.ts, docs/planner.md "Pacing by look"): energetic and bold cut
 * every ~2 s, elegant holds ~4–5 s, clean and playful in between — inside the asked length, on
 * the beat when the music has one, and never over the user's own shot times.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decideTurn } from '../../src/engine/planner/turn';
import { shotsOf } from '../../src/engine/planner/arrange';
import { LOOK_PACE, MAX_SHOWINGS } from '../../src/engine/planner/lookPace';
import { BED_GRID } from '../../src/engine/beats';
import type { Draft, StyleName } from '../../src/contract/draft';
import type { MediaFile } from '../../src/engine/contracts';
import { assertTiming, photos, track } from './planner-fixtures';

const first = (text: string, media: MediaFile[]) => decideTurn(text, { draft: undefined, media, language: 'en' });
const next = (text: string, draft: Draft, media: MediaFile[]) => decideTurn(text, { draft, media, language: 'en' });
/** On-screen seconds of each shot (a crossfade shared half-half by its two shots). */
const shown = (d: Draft) => shotsOf(track(d, 0)!).map((x) => x.vis / 1000);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const LOOKS: StyleName[] = ['energetic', 'bold', 'playful', 'clean', 'elegant'];
const beatMs = 60_000 / BED_GRID.bpm;

describe('planner: the look sets the pace', () => {
  for (const style of LOOKS) {
    for (const music of [true, false]) {
      it(
        `${style}, 5 photos, 30 s${music ? ' on the built-in bed' : ', no music'}: shots in the look's range`,
        { timeout: 10_000 },
        () => {
          const media = photos(5);
          const d = first(
            `make a 30 second promo video for my shop, ${style} style${music ? '' : ', no music'}`,
            media,
          ).draft!;
          assert.equal(d.m?.style, style);
          assert.equal(d.d, 30_000, 'the asked length stays the length');
          assertTiming(d, style);
          const { minMs, maxMs } = LOOK_PACE[style];
          for (const v of shown(d))
            assert.ok(
              v * 1000 >= minMs - 1 && v * 1000 <= maxMs + 1,
              `${style}: ${v.toFixed(2)} s in ${minMs}–${maxMs} ms`,
            );
          if (music) {
            // Every picture change (the middle of its crossfade) on a beat of the 96 bpm bed.
            const v = track(d, 0)!;
            const T = Number(v.m?.transitionMs ?? 0);
            for (const seg of v.sg.slice(1)) {
              const change = (seg.s ?? 0) + T / 2;
              const off = Math.abs(change / beatMs - Math.round(change / beatMs)) * beatMs;
              assert.ok(off <= 1, `${style}: change at ${change} ms is ${off.toFixed(1)} ms off the beat`);
            }
          }
        },
      );
    }
  }

  it(
    'energetic and bold cut about twice as often as elegant; clean and playful in between',
    { timeout: 10_000 },
    () => {
      const media = photos(5);
      const avg = (style: StyleName) =>
        mean(shown(first(`make a 30 second promo video for my shop, ${style} style, no music`, media).draft!));
      const [energetic, bold, playful, clean, elegant] = LOOKS.map(avg) as [number, number, number, number, number];
      assert.ok(energetic <= 2.5 && bold <= 2.5, `quick looks: ${energetic}, ${bold}`);
      assert.ok(elegant >= 3.5, `elegant holds: ${elegant}`);
      for (const mid of [playful, clean])
        assert.ok(mid > Math.max(energetic, bold) && mid < elegant, `in between: ${mid}`);
    },
  );

  it(
    'fewer photos than shots: photos return with another move, never twice in a row, at most three times',
    { timeout: 10_000 },
    () => {
      const media = photos(5);
      const d = first('make a 30 second energetic promo for my shop', media).draft!;
      const sg = track(d, 0)!.sg;
      assert.ok(sg.length > 5, `more shots than photos: ${sg.length}`);
      const seen = new Map<unknown, unknown[]>();
      sg.forEach((s, i) => {
        if (i > 0) assert.notEqual(s.m?.src, sg[i - 1]!.m?.src, `shot ${i} is not the previous photo again`);
        seen.set(s.m?.src, [...(seen.get(s.m?.src) ?? []), s.m?.motion]);
      });
      assert.equal(seen.size, 5, 'every photo is in');
      for (const [src, motions] of seen) {
        assert.ok(motions.length <= MAX_SHOWINGS, `${String(src)} shown ${motions.length} times`);
        assert.equal(
          new Set(motions).size,
          motions.length,
          `${String(src)} moves differently each time: ${motions.join(',')}`,
        );
      }
    },
  );

  it('more photos than the look has shots for: every photo is still shown once', { timeout: 10_000 }, () => {
    const media = photos(12);
    const d = first('make a 30 second promo video for my shop, elegant style', media).draft!;
    assert.deepEqual(
      track(d, 0)!.sg.map((s) => s.m?.src),
      media.map((f) => f.id),
    );
    assert.equal(d.d, 30_000);
  });

  it('one or two photos never repeat: they hold', { timeout: 10_000 }, () => {
    const d = first('make a 30 second energetic promo for my shop', photos(2)).draft!;
    assert.equal(track(d, 0)!.sg.length, 2);
  });

  it(
    '"make it more elegant" re-paces: fewer, longer shots, same length, and the reply says so',
    { timeout: 10_000 },
    () => {
      const media = photos(5);
      const draft = first('make a 30 second promo video for my shop', media).draft!;
      assert.equal(draft.m?.style, 'energetic');
      const r = next('make it more elegant', draft, media);
      assert.equal(r.draft!.d, 30_000);
      assert.ok(track(r.draft!, 0)!.sg.length < track(draft, 0)!.sg.length);
      assert.ok(mean(shown(r.draft!)) >= 3.5, `elegant shots: ${shown(r.draft!).join(', ')}`);
      assertTiming(r.draft!, 'elegant');
      assert.match(r.reply, /The pace follows: 6 shots of about 5 s\./);
    },
  );

  it('"3 seconds per photo" wins over the look, now and when the look changes later', { timeout: 10_000 }, () => {
    const media = photos(5);
    const d = first('make an elegant promo video for my shop, 3 seconds per photo', media).draft!;
    assert.equal(d.m?.style, 'elegant');
    assert.equal(track(d, 0)!.sg.length, 5);
    assert.deepEqual(
      shown(d).map((v) => Math.round(v * 10) / 10),
      [3, 3, 3, 3, 3],
    );
    // Energetic would cut these 15 s into 2 s shots: the user's 3 s stay.
    const r = next('make it energetic', d, media);
    assert.equal(r.draft!.m?.style, 'energetic');
    assert.deepEqual(track(r.draft!, 0)!.sg, track(d, 0)!.sg, 'the user-timed shots stay');
  });

  it('"2 seconds per photo" after a look repeated photos: each photo once, 2 s', { timeout: 10_000 }, () => {
    const media = photos(5);
    const d = first('make a 30 second energetic promo for my shop', media).draft!;
    const r = next('2 seconds per photo', d, media);
    assert.deepEqual(
      track(r.draft!, 0)!.sg.map((s) => s.m?.src),
      media.map((f) => f.id),
    );
    assert.equal(r.draft!.d, 10_000);
  });

  it('a longer promo gets more shots at the same pace, not slower ones', { timeout: 10_000 }, () => {
    const media = photos(8);
    const d = first('make a 20 second energetic promo for my shop, no music', media).draft!;
    const r = next('make it 40 seconds', d, media);
    assert.equal(r.draft!.d, 40_000);
    assert.ok(mean(shown(r.draft!)) <= 2.5, `still quick: ${mean(shown(r.draft!))}`);
    assert.ok(track(r.draft!, 0)!.sg.length > track(d, 0)!.sg.length);
  });

  it('removing a photo the look shows three times removes all its showings', { timeout: 10_000 }, () => {
    const media = photos(5);
    const d = first('make a 30 second energetic promo for my shop', media).draft!;
    assert.equal(track(d, 0)!.sg.filter((s) => s.m?.src === 'photo2').length, 3);
    const r = next('remove the second photo', d, media);
    assert.equal(track(r.draft!, 0)!.sg.filter((s) => s.m?.src === 'photo2').length, 0, r.reply);
    assert.match(r.reply, /summer_sale_2\.jpg/);
    assertTiming(r.draft!, 'after removal');
  });

  it('"更活泼一点" re-paces too, and the Chinese reply says the new pace', { timeout: 10_000 }, () => {
    const media = photos(5);
    const draft = decideTurn('做一个30秒的宣传视频', { draft: undefined, media, language: 'zh-CN' }).draft!;
    const r = decideTurn('更活泼一点', { draft, media, language: 'zh-CN' });
    assert.equal(r.draft?.m?.style, 'playful');
    assert.match(r.reply, /节奏跟着变：12 个镜头，每个约 2\.5 秒。/);
  });
});
