/**
 * Every creator phrasing, in random sequences on sessions with photos, clips (with and without
 * sound), songs and a logo: no turn throws, no turn needs the validator's safety net (each op
 * yields a valid draft by itself), and undo walks back to the first draft exactly.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Draft } from '../../src/contract/draft';
import type { MediaFile } from '../../src/engine/contracts';
import { decideTurn } from '../../src/engine/planner/turn';
import type { DraftHistory } from '../../src/engine/planner/history';
import { draftProblems } from '../../src/engine/planner/validate';
import { parseRequest } from '../../src/engine/planner/parse';
import { GROUPS } from './planner-creators.data';
import { HOLDOUT } from './planner-creators.holdout';
import { clip, logo, photo, song } from './planner-fixtures';

function rng(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

const PHRASES = [...GROUPS, ...HOLDOUT].flatMap((g) => [...(g.en ?? []), ...(g.zh ?? [])]);
const EXTRA = [
  'make it 20 seconds',
  'no transitions',
  'crossfade',
  'square',
  'make it 16:9',
  "add caption 'Hi' at 2s",
  'no music',
  'music volume 20%',
  '3 seconds per photo',
];

function mediaFor(rand: () => number): MediaFile[] {
  const names = ['beach.jpg', 'birthday_cake.jpg', 'menu_board.jpg', 'sunset_pier.jpg', '海边.jpg', '小狗.jpg'];
  const out: MediaFile[] = [];
  const n = 1 + Math.floor(rand() * 6);
  for (let i = 0; i < n; i++)
    out.push(
      rand() < 0.3
        ? clip(i + 1, Math.round((0.5 + rand() * 12) * 10) / 10, rand() < 0.6, `clip_${i}_talk.mp4`)
        : photo(i + 1, names[i % names.length]),
    );
  if (rand() < 0.6) out.push(song('chill_vibes.mp3', 'song1'));
  if (rand() < 0.4) out.push(song('upbeat_pop.mp3', 'song2'));
  if (rand() < 0.3) out.push(logo('shop_logo.png'));
  return out;
}

describe('planner: random sequences of creator requests', { timeout: 120_000 }, () => {
  it('never throw, never produce an invalid draft, and undo walks back exactly', () => {
    const rand = rng(12);
    let turns = 0;
    for (let run = 0; run < 40; run++) {
      const all = mediaFor(rand);
      // Some uploads arrive after the first draft ("add the new ones").
      let media = all.slice(0, Math.max(1, all.length - (rand() < 0.5 ? 1 : 0)));
      let draft: Draft | undefined;
      let history: DraftHistory | undefined;
      const drafts: Draft[] = [];
      const first = decideTurn(rand() < 0.5 ? 'make a video' : '做一个视频', { draft, media, language: 'en', history });
      draft = first.draft;
      history = first.history;
      if (!draft) continue;
      drafts.push(draft);
      media = all;
      for (let i = 0; i < 8; i++) {
        const pool = rand() < 0.8 ? PHRASES : EXTRA;
        const text = pool[Math.floor(rand() * pool.length)]!;
        // Undo/redo are checked at the end, against the drafts this loop records.
        if (parseRequest(text).control) continue;
        const label = `run ${run}, turn ${i}: ${text}`;
        const r = decideTurn(text, { draft, media, language: rand() < 0.5 ? 'en' : 'zh-CN', history });
        turns++;
        assert.ok(r.reply.trim().length > 0, `${label}: a reply`);
        assert.doesNotMatch(
          String((r.response as { reason?: string }).reason ?? ''),
          /invalid draft/,
          `${label}: ${JSON.stringify(r.response)}`,
        );
        if (r.draft) {
          assert.deepEqual(draftProblems(r.draft), [], label);
          if (r.call.name === 'plan_timeline' || r.call.name === 'edit_timeline') drafts.push(r.draft);
          draft = r.draft;
        }
        if (r.history) history = r.history;
      }
      // Undo back to the first draft, step by step.
      for (let k = drafts.length - 2; k >= 0 && k >= drafts.length - 1 - 20; k--) {
        const r = decideTurn('undo', { draft, media, language: 'en', history });
        assert.ok(r.draft, `run ${run}: undo to step ${k}`);
        assert.deepEqual(r.draft, drafts[k], `run ${run}: undo restores step ${k}`);
        draft = r.draft;
        history = r.history;
      }
    }
    assert.ok(turns > 200, `${turns} turns`);
  });
});
