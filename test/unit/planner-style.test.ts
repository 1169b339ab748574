/** Named looks: chosen from the request's words (English and Chinese), changed by chat, said in the reply. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decideTurn } from '../../src/engine/planner/turn';
import { draftIssues } from '../../src/contract/draftSchema';
import type { MediaFile } from '../../src/engine/contracts';
import { photos, logo } from './planner-fixtures';

const media: MediaFile[] = [...photos(4), logo()];
const first = (text: string, language = 'en') => decideTurn(text, { draft: undefined, media, language });

describe('planner: named styles', () => {
  const picks: Array<[string, string]> = [
    ['make an elegant video from these photos', 'elegant'],
    ['make a fun video for my kids party', 'playful'],
    ['a minimal, clean slideshow please', 'clean'],
    ['make an energetic promo', 'energetic'],
    ['make a video, bold style', 'bold'],
    ['做一个有高级感的视频', 'elegant'],
    ['做一个活泼的视频', 'playful'],
    ['做一个简约风格的视频', 'clean'],
    ['做一个动感的视频', 'energetic'],
  ];
  for (const [text, style] of picks) {
    it(`"${text}" → ${style}`, { timeout: 10_000 }, () => {
      const r = first(text, /[\u4e00-\u9fff]/.test(text) ? 'zh-CN' : 'en');
      assert.equal(r.draft?.m?.style, style, r.reply);
      assert.deepEqual(draftIssues(r.draft), [], 'the draft stays valid for the shared schema');
    });
  }

  it(
    'a plain request gets no named look; a promo gets energetic with an end card and a fade with the music',
    { timeout: 10_000 },
    () => {
      assert.equal(first('make a video from these photos').draft?.m?.style, undefined);
      const promo = first('make a 30 second promo video for my shop').draft!;
      assert.equal(promo.m?.style, 'energetic');
      assert.equal(promo.m?.endCard?.ms, 3000);
      assert.ok(promo.m?.endCard?.cta, 'the card has a call to action');
      const music = promo.t?.find((t) => t.tt === 1)?.sg[0];
      assert.equal(promo.m?.fadeOutMs, music?.m?.fadeOut, 'the picture fades as long as the music');
    },
  );

  it('"make it more elegant" changes the look, and the reply says what changed', { timeout: 10_000 }, () => {
    const draft = first('make a 30 second promo video for my shop').draft!;
    const r = decideTurn('make it more elegant', { draft, media, language: 'en' });
    assert.equal(r.draft?.m?.style, 'elegant');
    assert.match(r.reply, /Switched the look to elegant \(was energetic\): serif type/);
    // Only the pace moved (planner-look-pace.test.ts): music, logo and text stay.
    assert.deepEqual(
      r.draft?.t?.filter((t) => t.tt !== 0),
      draft.t?.filter((t) => t.tt !== 0),
    );
    const again = decideTurn('make it more elegant', { draft: r.draft!, media, language: 'en' });
    assert.match(again.reply, /already elegant/);
  });

  it('"更活泼一点" switches to playful and the reply says so in Chinese', { timeout: 10_000 }, () => {
    const draft = first('做一个30秒的宣传视频', 'zh-CN').draft!;
    assert.equal(draft.m?.style, 'energetic');
    const r = decideTurn('更活泼一点', { draft, media, language: 'zh-CN' });
    assert.equal(r.draft?.m?.style, 'playful');
    assert.match(r.reply, /风格从「动感」换成了「活泼」：圆润的黄色字体/);
  });

  it('"make the title bolder" stays a size edit, not the bold look', { timeout: 10_000 }, () => {
    const draft = first('make a video with the title "Hello"').draft!;
    const r = decideTurn('make the title bolder', { draft, media, language: 'en' });
    assert.equal(r.draft?.m?.style, undefined);
  });

  it('the schema refuses an unknown style name', { timeout: 10_000 }, () => {
    const draft = first('make a video from these photos').draft!;
    assert.match(JSON.stringify(draftIssues({ ...draft, m: { ...draft.m, style: 'grungy' } })), /m\.style/);
  });
});
