/** First drafts: request + uploads → draft properties (through decideTurn, the agent's pure core). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decideTurn } from '../../src/engine/planner/turn';
import type { MediaFile } from '../../src/engine/contracts';
import { assertTiming, clip, logo, photo, photos, song, texts, title, track } from './planner-fixtures';

function plan(text: string, media: MediaFile[], language = 'en') {
  const r = decideTurn(text, { draft: undefined, media, language });
  assert.ok(r.draft, `a draft for ${text}: ${r.reply}`);
  assertTiming(r.draft, text);
  return r;
}

describe('planner: first drafts', () => {
  it('the seed request: 30 s promo, vertical, music, title + captions, crossfades', () => {
    const r = plan('turn these photos into a 30-second promo video with music and text overlays', photos(5));
    const d = r.draft!;
    assert.deepEqual([d.m?.width, d.m?.height, d.m?.fps, d.d], [1080, 1920, 30, 30_000]);
    assert.equal(d.m?.platform, 'vertical');
    assert.equal(track(d, 0)?.m?.transition, 'crossfade');
    assert.equal(track(d, 0)?.m?.transitionMs, 500);
    const music = track(d, 1)?.sg[0];
    assert.deepEqual(music, {
      s: 0,
      d: 30_000,
      m: { src: 'builtin:bed', name: 'Lo-fi bed', volume: 0.35, loop: true, fadeOut: 2000 },
    });
    assert.equal(title(d)?.m?.text, 'Summer Sale');
    assert.deepEqual({ s: title(d)?.s, d: title(d)?.d }, { s: 0, d: 3000 });
    const caps = texts(d, 'caption');
    assert.ok(caps.length >= 1 && caps.length <= 2, 'one or two captions');
    for (const c of caps) assert.deepEqual([c.m?.position, c.m?.box, c.m?.scale], ['bottom', true, 1]);
    assert.ok(caps.some((c) => c.m?.text === 'Shop now'));
    // An energetic promo that ends on a card (title, call to action) and fades to black with the music.
    assert.deepEqual(d.m?.endCard, { ms: 3000, cta: 'Shop now' });
    assert.equal(d.m?.style, 'energetic');
    assert.equal(d.m?.fadeOutMs, track(d, 1)?.sg[0]?.m?.fadeOut);
    assert.ok(
      caps.every((c) => (c.s ?? 0) + (c.d ?? 0) <= 27_000),
      'captions end before the card',
    );
    assert.equal(r.call.name, 'plan_timeline');
    assert.match(
      r.reply,
      /^Made a 30 s vertical video from 5 photos with a title "Summer Sale", 2 captions and music\. The look is energetic: .+ It ends on a card with the title and a call to action, then fades to black with the music\. Say "export"/,
    );
  });

  it('keeps upload order on the video track and alternates photo motion', () => {
    const media = [photo(3, 'c.jpg'), photo(1, 'a.jpg'), clip(2, 4), photo(2, 'b.jpg')];
    const d = plan('make a video', media).draft!;
    const v = track(d, 0)!;
    assert.deepEqual(
      v.sg.map((s) => s.m?.src),
      media.map((m) => m.id),
    );
    assert.deepEqual(
      v.sg.map((s) => s.m?.kind),
      ['image', 'image', 'video', 'image'],
    );
    assert.deepEqual(
      v.sg.map((s) => s.m?.motion),
      ['in', 'left', undefined, 'out'],
    );
    assert.deepEqual(
      v.sg.map((s) => s.m?.name),
      ['c.jpg', 'a.jpg', 'clip_2.mp4', 'b.jpg'],
    );
  });

  it('a logo goes to the overlay track, not the video track', () => {
    const media = [...photos(4), logo()];
    const d = plan('generate five product photos and a logo file into a 1080p MP4', media).draft!;
    assert.ok(!track(d, 0)!.sg.some((s) => s.m?.src === 'logo1'));
    assert.equal(
      new Set(track(d, 0)!.sg.map((s) => s.m?.src)).size,
      4,
      'the four photos (a promo look may repeat them)',
    );
    assert.deepEqual(track(d, 3)?.sg[0], {
      s: 0,
      d: d.d,
      m: { src: 'logo1', name: 'logo.png', position: 'top-right', scale: 0.18 },
    });
    assert.deepEqual([d.m?.width, d.m?.height], [1920, 1080]);
  });

  it('a small transparent PNG without "logo" in its name is a watermark too; a big one is a photo', () => {
    const mark = { ...logo('mark.png'), id: 'mark' };
    const cutout = { ...logo('product.png'), id: 'cutout', width: 2000, height: 2000, size: 900_000 };
    const d = plan('make a video', [photo(1), cutout, mark]).draft!;
    assert.deepEqual(
      track(d, 0)!.sg.map((s) => s.m?.src),
      ['photo1', 'cutout'],
    );
    assert.equal(track(d, 3)?.sg[0]?.m?.src, 'mark');
  });

  it('logo position asked in the first request', () => {
    const d = plan('a promo with the logo bottom left', [...photos(2), logo()]).draft!;
    assert.equal(track(d, 3)?.sg[0]?.m?.position, 'bottom-left');
  });

  const canvases: Array<[string, number, number, string]> = [
    ['15s vertical video for TikTok', 1080, 1920, 'tiktok'],
    ['a reel', 1080, 1920, 'reels'],
    ['a YouTube video', 1920, 1080, 'youtube'],
    ['landscape 16:9', 1920, 1080, 'landscape'],
    ['做一个横屏视频', 1920, 1080, 'landscape'],
    ['a square video for an Instagram post', 1080, 1080, 'instagram'],
    ['做一个方形视频', 1080, 1080, 'square'],
    ['make a video', 1080, 1920, 'vertical'],
  ];
  for (const [text, w, h, platform] of canvases) {
    it(`canvas: ${text}`, () => {
      const d = plan(text, photos(3)).draft!;
      assert.deepEqual([d.m?.width, d.m?.height, d.m?.platform], [w, h, platform]);
    });
  }

  const lengths: Array<[string, number, MediaFile[]?]> = [
    ['15s vertical video for TikTok', 15_000],
    ['a 30 sec video', 30_000],
    ['half a minute', 30_000],
    ['1 minute', 60_000],
    ['一分钟的视频', 60_000],
    ['做一个30秒的视频', 30_000],
    ['a promo video', 30_000],
    ['make a video', 15_000],
    ['make a video', 10_000, photos(2)],
    ['make a video', 60_000, photos(30)],
    ['make a 500 second video', 180_000],
    // On-screen time per photo: the crossfades are shared, they do not eat it (issue #12).
    ['3 seconds per photo', 15_000],
  ];
  for (const [text, ms, media = photos(5)] of lengths) {
    it(`length: ${text} (${media.length} uploads) → ${ms / 1000} s`, () => {
      assert.equal(plan(text, media).draft!.d, ms);
    });
  }

  it('clamping is explained', () => {
    assert.match(plan('make a 500 second video', photos(3)).reply, /3–180 s/);
    assert.match(plan('做一个2秒的视频', photos(3)).reply, /3–180 秒/);
  });

  it('clips keep their natural length when it fits, photos share the rest', () => {
    const d = plan('a 20 second video', [photo(1), clip(1, 4), photo(2)]).draft!;
    const v = track(d, 0)!.sg;
    assert.equal(v[1]!.d, 4000);
    assert.equal(v[1]!.m?.trim, 0);
    assert.equal(v[0]!.d, v[2]!.d);
  });

  it('a clip longer than its share is trimmed', () => {
    const d = plan('a 12 second video', [photo(1), clip(1, 60), photo(2)]).draft!;
    const v = track(d, 0)!.sg;
    // Every shot is on screen equally long: the middle one carries two half crossfades, the first one.
    assert.ok(v[1]!.d! < 60_000 && v[1]!.d! <= v[0]!.d! + 250 + 1);
  });

  it('clips alone are never padded past their footage, and the reply says so', () => {
    const r = plan('a 30 second video', [clip(1, 4), clip(2, 5)]);
    assert.equal(r.draft!.d, 8500);
    assert.match(r.reply, /only fill 8\.5 s/);
  });

  it('music: the uploaded song is the soundtrack; clips with sound and no music request keep their own sound', () => {
    const withSong = plan('make a video', [...photos(2), song()]).draft!;
    assert.equal(track(withSong, 1)?.sg[0]?.m?.src, 'song1');
    assert.equal(track(withSong, 0)!.sg.length, 2);
    const talking = plan('make a video', [clip(1, 8, true), clip(2, 6, true)]).draft!;
    assert.equal(track(talking, 1), undefined);
    assert.equal(track(talking, 0)!.sg[0]!.m?.volume, 1);
    const talkingWithMusic = plan('make a video with music', [clip(1, 8, true)]).draft!;
    // Someone talking in a clip stays audible under music (issue #12); the renderer ducks the music.
    assert.equal(track(talkingWithMusic, 0)!.sg[0]!.m?.volume, 1);
    assert.equal(
      plan('make a video, no music', photos(2)).draft!.t!.some((t) => t.tt === 1),
      false,
    );
    assert.equal(
      plan('做一个视频，不要音乐', photos(2)).draft!.t!.some((t) => t.tt === 1),
      false,
    );
  });

  it('titles: quoted, "title X", from file names only when a title is asked for (or a promo), never camera names', () => {
    assert.equal(title(plan("a video titled 'Grand Opening'", photos(2)).draft)?.m?.text, 'Grand Opening');
    assert.equal(title(plan('做一个视频，标题「夏日特卖」', photos(2)).draft)?.m?.text, '夏日特卖');
    assert.equal(
      title(plan('make a video with a title', [photo(1, 'IMG_1234.JPG'), photo(2, 'DSC0001.jpg')]).draft)?.m?.text,
      'Highlights',
    );
    // Issue #12: no title invented from file names unless the request asks for text or a promo.
    assert.equal(title(plan('make a video', [photo(1, 'beach-day.jpg'), photo(2, 'IMG_9.jpg')]).draft), undefined);
    assert.equal(title(plan('做一个视频', [photo(1, '海边.jpg')]).draft), undefined);
    assert.equal(title(plan('make a promo', [photo(1, 'IMG_1234.JPG')]).draft)?.m?.text, 'New Arrivals');
    assert.equal(title(plan('做一个宣传视频', [photo(1, 'IMG_1234.JPG')]).draft)?.m?.text, '新品上市');
    assert.equal(title(plan('做一个有标题的视频', [photo(1, 'IMG_1.JPG')]).draft)?.m?.text, '精彩瞬间');
    assert.equal(
      title(plan('make a video with a title', [photo(1, 'beach-day.jpg'), photo(2, 'IMG_9.jpg')]).draft)?.m?.text,
      'Beach Day',
    );
    assert.equal(
      title(plan('make a video with a title', [photo(1, 'coffeeShopMenu.png')]).draft)?.m?.text,
      'Coffee Shop Menu',
    );
    assert.equal(texts(plan('make a video with no text', photos(2)).draft).length, 0);
  });

  it('quoted captions are placed one after another after the title; timed ones where asked', () => {
    const d = plan("a 20s video, caption 'Hi' and 'Bye', caption 'Deal' at 15s", photos(3)).draft!;
    const caps = texts(d, 'caption').map((c) => [c.m?.text, c.s, c.d]);
    assert.deepEqual(caps, [
      ['Hi', 3000, 4000],
      ['Bye', 7000, 4000],
      ['Deal', 15_000, 4000],
    ]);
  });

  it('Chinese first request → Chinese draft texts and reply', () => {
    const r = plan('做一个30秒的竖屏视频，加音乐和字幕', photos(5));
    assert.equal(r.lang, 'zh');
    assert.ok(texts(r.draft, 'caption').some((c) => c.m?.text === '关注看更多'));
    assert.match(r.reply, /30 秒的竖屏视频/);
    assert.match(r.reply, /导出/);
  });

  it('edit words in a first request are applied to the new draft', () => {
    const d = plan('make a video with the title at the top, no transitions, music volume 20%', photos(3)).draft!;
    assert.equal(title(d)?.m?.position, 'top');
    assert.equal(track(d, 0)?.m?.transition, 'none');
    assert.equal(track(d, 1)?.sg[0]?.m?.volume, 0.2);
  });
});
