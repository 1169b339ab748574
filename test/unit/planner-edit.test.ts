/** Edits on an existing draft: each request changes only what it names. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Draft } from '../../src/contract/draft';
import { decideTurn } from '../../src/engine/planner/turn';
import type { MediaFile } from '../../src/engine/contracts';
import { assertTiming, logo, photos, song, texts, title, track } from './planner-fixtures';

const media: MediaFile[] = [...photos(5), logo()];
const base = decideTurn('turn these photos into a 30-second promo video with music and text overlays', {
  draft: undefined,
  media,
  language: 'en',
}).draft!;

type Part = 'canvas' | 'd' | 'video' | 'audio' | 'overlay' | 'text';
function part(d: Draft, p: Part): unknown {
  switch (p) {
    case 'canvas':
      return [d.m?.width, d.m?.height, d.m?.platform];
    case 'd':
      return d.d;
    case 'video':
      return track(d, 0);
    case 'audio':
      return track(d, 1);
    case 'overlay':
      return track(d, 3);
    case 'text':
      return track(d, 7);
  }
}
const ALL: Part[] = ['canvas', 'd', 'video', 'audio', 'overlay', 'text'];

function edit(text: string, draft: Draft = base, files: MediaFile[] = media, language = 'en') {
  const r = decideTurn(text, { draft, media: files, language });
  return r;
}

const cases: Array<[string, Part[], (d: Draft) => void]> = [
  [
    'make it 16:9 for YouTube',
    ['canvas'],
    (d) => assert.deepEqual([d.m?.width, d.m?.height, d.m?.platform], [1920, 1080, 'youtube']),
  ],
  ['square', ['canvas'], (d) => assert.deepEqual([d.m?.width, d.m?.height], [1080, 1080])],
  ['改成横屏', ['canvas'], (d) => assert.deepEqual([d.m?.width, d.m?.height], [1920, 1080])],
  ["title 'Summer Sale 2'", ['text'], (d) => assert.equal(title(d)?.m?.text, 'Summer Sale 2')],
  ['change the title to Big Deals', ['text'], (d) => assert.equal(title(d)?.m?.text, 'Big Deals')],
  ['把标题改成「夏日特卖」', ['text'], (d) => assert.equal(title(d)?.m?.text, '夏日特卖')],
  [
    "add caption 'Up to 50% off' at 10s",
    ['text'],
    (d) => {
      const c = texts(d, 'caption').find((s) => s.m?.text === 'Up to 50% off');
      assert.deepEqual([c?.s, c?.d, c?.m?.position, c?.m?.box], [10_000, 4000, 'bottom', true]);
    },
  ],
  [
    "add caption 'Last call' at 28s",
    ['text'],
    (d) => {
      const c = texts(d, 'caption').find((s) => s.m?.text === 'Last call');
      assert.deepEqual([c?.s, c?.d], [28_000, 2000]);
    },
  ],
  ['make the title bigger', ['text'], (d) => assert.equal(title(d)?.m?.scale, 1.3)],
  ['smaller', ['text'], (d) => assert.equal(title(d)?.m?.scale, 0.77)],
  ['标题大一点', ['text'], (d) => assert.equal(title(d)?.m?.scale, 1.3)],
  [
    'make the captions bigger',
    ['text'],
    (d) => {
      assert.ok(texts(d, 'caption').every((c) => c.m?.scale === 1.3));
      assert.equal(title(d)?.m?.scale, 1);
    },
  ],
  ['move it to the bottom', ['text'], (d) => assert.equal(title(d)?.m?.position, 'bottom')],
  ['move the title to the top', ['text'], (d) => assert.equal(title(d)?.m?.position, 'top')],
  ['字幕放到顶部', ['text'], (d) => assert.ok(texts(d, 'caption').every((c) => c.m?.position === 'top'))],
  ['remove the captions', ['text'], (d) => assert.equal(texts(d, 'caption').length, 0)],
  [
    '去掉字幕',
    ['text'],
    (d) => {
      assert.equal(texts(d, 'caption').length, 0);
      assert.ok(title(d));
    },
  ],
  [
    "remove the caption 'Shop now'",
    ['text'],
    (d) =>
      assert.deepEqual(
        texts(d, 'caption').map((c) => c.m?.text),
        ['Limited time offer'],
      ),
  ],
  ['music volume 20%', ['audio'], (d) => assert.equal(track(d, 1)?.sg[0]?.m?.volume, 0.2)],
  ['音乐音量20%', ['audio'], (d) => assert.equal(track(d, 1)?.sg[0]?.m?.volume, 0.2)],
  ['quieter music', ['audio'], (d) => assert.equal(track(d, 1)?.sg[0]?.m?.volume, 0.21)],
  ['no music', ['audio'], (d) => assert.equal(track(d, 1), undefined)],
  ['去掉音乐', ['audio'], (d) => assert.equal(track(d, 1), undefined)],
  [
    'no transitions',
    ['video'],
    (d) => {
      assert.deepEqual(track(d, 0)?.m, { name: 'Video', transition: 'none', transitionMs: 0 });
      assert.equal(track(d, 0)?.sg[1]?.s, track(d, 0)?.sg[0]?.d);
    },
  ],
  ['logo bottom left', ['overlay'], (d) => assert.equal(track(d, 3)?.sg[0]?.m?.position, 'bottom-left')],
  ['make the logo bigger', ['overlay'], (d) => assert.equal(track(d, 3)?.sg[0]?.m?.scale, 0.23)],
  ['remove the logo', ['overlay'], (d) => assert.equal(track(d, 3), undefined)],
];

describe('planner edits: one change each, nothing else touched', () => {
  for (const [text, changed, check] of cases) {
    it(text, () => {
      const r = edit(text);
      assert.ok(r.draft, `changed: ${r.reply}`);
      assert.equal(r.call.name, 'edit_timeline');
      assertTiming(r.draft, text);
      check(r.draft);
      for (const p of ALL)
        if (!changed.includes(p)) assert.deepEqual(part(r.draft, p), part(base, p), `${p} untouched by "${text}"`);
      assert.ok(r.reply.length > 0 && r.reply.length < 300);
    });
  }
});

describe('planner edits: length', () => {
  const lengths: Array<[string, number]> = [
    ['make it 15 seconds', 15_000],
    ['slower', 37_500],
    ['faster', 24_000],
    ['改成15秒', 15_000],
    ['一分钟', 60_000],
    ['make it 200 seconds', 180_000],
  ];
  for (const [text, ms] of lengths) {
    it(`${text} → ${ms / 1000} s, everything re-timed`, () => {
      const d = edit(text).draft!;
      assert.equal(d.d, ms);
      assertTiming(d, text);
      assert.equal(track(d, 1)?.sg[0]?.d, ms);
      assert.equal(track(d, 3)?.sg[0]?.d, ms);
      const k = ms / 30_000;
      const caps = texts(d, 'caption');
      texts(base, 'caption').forEach((c, i) => assert.equal(caps[i]!.s, Math.round(c.s! * k), 'caption start scaled'));
      assert.deepEqual([d.m?.width, title(d)?.m?.text], [base.m?.width, title(base)?.m?.text]);
    });
  }
  it('slower is capped at 180 s', () => {
    let d = base;
    for (let i = 0; i < 12; i++) d = edit('slower', d).draft ?? d;
    assert.equal(d.d, 180_000);
    assertTiming(d, 'capped');
  });
});

describe('planner edits: combined, rebuilt and refused', () => {
  it('15s vertical video for TikTok on a landscape draft: canvas and length only', () => {
    const wide = edit('make it 16:9').draft!;
    const d = edit('15s vertical video for TikTok', wide).draft!;
    assert.deepEqual([d.m?.width, d.m?.height, d.m?.platform, d.d], [1080, 1920, 'tiktok', 15_000]);
    assert.equal(title(d)?.m?.text, 'Summer Sale');
  });

  it('a new first-style request rebuilds but keeps the user title', () => {
    const renamed = edit("title 'My Shop'").draft!;
    const r = edit('做一个30秒的竖屏视频，加音乐和字幕', renamed, [...media, ...photos(7).slice(5)]);
    assert.equal(r.call.name, 'plan_timeline');
    assert.equal(r.call.args.rebuild, true);
    assert.equal(title(r.draft)?.m?.text, 'My Shop');
    assert.equal(track(r.draft!, 0)?.sg.length, 7);
    const retitled = edit("make a new video titled 'Fresh'", renamed);
    assert.equal(title(retitled.draft)?.m?.text, 'Fresh');
  });

  it('use my song switches to the uploaded audio; without one it explains and changes nothing', () => {
    const withSong = edit('use my song', base, [...media, song('track.mp3')]);
    assert.equal(track(withSong.draft!, 1)?.sg[0]?.m?.src, 'song1');
    assert.match(withSong.reply, /track\.mp3/);
    const none = edit('use my song');
    assert.equal(none.draft, undefined);
    assert.deepEqual(none.response, { ok: false, reason: 'noAudio' });
    assert.match(none.reply, /upload an MP3/);
    assert.match(edit('用我的歌', base, media).reply, /上传/);
  });

  it('music after "no music" comes back as the bed; music volume without music explains', () => {
    const silent = edit('no music').draft!;
    assert.equal(edit('music volume 50%', silent).draft, undefined);
    assert.match(edit('music volume 50%', silent).reply, /add music/);
    assert.equal(track(edit('add music', silent).draft!, 1)?.sg[0]?.m?.src, 'builtin:bed');
  });

  it('"add music" when music is on changes nothing; "change the music" switches to another upload', () => {
    const same = edit('add music');
    assert.equal(same.draft, undefined);
    assert.match(same.reply, /already/);
    const two = [...media, song('a.mp3', 'songA'), song('b.mp3', 'songB')];
    const d = edit('change the music', base, two).draft!;
    assert.equal(track(d, 1)?.sg[0]?.m?.src, 'songA');
    assert.equal(track(edit('换一首音乐', d, two).draft!, 1)?.sg[0]?.m?.src, 'songB');
  });

  it('put the logo in the corner on a draft without one: uses the logo upload', () => {
    const noLogo = edit('remove the logo').draft!;
    const d = edit('put the logo in the corner', noLogo).draft!;
    assert.deepEqual(track(d, 3)?.sg[0]?.m, { src: 'logo1', name: 'logo.png', position: 'top-right', scale: 0.18 });
    const without = edit('put the logo in the corner', noLogo, photos(5));
    assert.equal(without.draft, undefined);
    assert.match(without.reply, /logo\.png/);
  });

  const refused: Array<[string, RegExp]> = [
    ['add a dancing cat', /can't generate new pictures/],
    ['generate AI voiceover', /voiceovers/],
    ['make it look better', /Tell me what to change first .*\?$/],
    ['blorp', /didn't catch/],
    ['给我加个跳舞的猫', /没法生成/],
    ['加配音', /配音/],
  ];
  for (const [text, re] of refused) {
    it(`refused: ${text}`, () => {
      const r = edit(text);
      assert.equal(r.draft, undefined);
      assert.equal(r.response.ok, false);
      assert.match(r.reply, re);
      assert.match(r.reply, /16:9|横屏/);
    });
  }

  it('a mixed request does the possible part and says what it cannot do', () => {
    const silent = edit('no music').draft!;
    const r = edit('add music and a dancing cat', silent);
    assert.equal(track(r.draft!, 1)?.sg[0]?.m?.src, 'builtin:bed');
    assert.match(r.reply, /^Added background music\. \(I can't generate new pictures or effects\.\)$/);
  });

  it('no uploads: explains how to upload, in the request language', () => {
    for (const text of ['make a video', 'add a dancing cat', 'make the title bigger']) {
      const r = decideTurn(text, { draft: undefined, media: [], language: 'en' });
      assert.equal(r.draft, undefined);
      assert.match(
        r.reply,
        /Upload some photos or clips first — right-click them in the Explorer → Upload to Video Generator/,
      );
    }
    assert.match(
      decideTurn('做一个视频', { draft: undefined, media: [song()], language: 'en' }).reply,
      /请先上传照片或视频/,
    );
  });

  it('reply language: Chinese request → Chinese; else the session language', () => {
    assert.equal(edit('音乐音量20%').lang, 'zh');
    assert.equal(edit('music volume 20%', base, media, 'zh-CN').lang, 'zh');
    assert.equal(edit('music volume 20%', base, media, 'en').lang, 'en');
    assert.equal(edit("title '夏日特卖'", base, media, 'en').lang, 'en');
  });

  it('unknown keys of a cloud draft are carried through an edit', () => {
    const cloud = {
      ...structuredClone(base),
      extra: { keep: 1 },
      t: base.t!.map((t) => ({ ...t, cloudKey: 'x' })),
    } as Draft;
    const d = edit('make the title bigger', cloud).draft!;
    assert.deepEqual(d.extra, { keep: 1 });
    assert.ok(d.t!.every((t) => t.cloudKey === 'x'));
    assert.equal(base.t!.find((t) => t.tt === 7)!.sg[0]!.m!.scale, 1, 'input draft not mutated');
  });
});
