/** Request → typed operations, English and Chinese (the parser alone). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseRequest } from '../../src/engine/planner/parse';
import type { Op } from '../../src/engine/planner/types';

type Want = Partial<Op> & { op: Op['op'] };
const V = { op: 'canvas', width: 1080, height: 1920 } as const;
const H = { op: 'canvas', width: 1920, height: 1080 } as const;
const SQ = { op: 'canvas', width: 1080, height: 1080 } as const;
const sec = (s: number): Want => ({ op: 'duration', ms: s * 1000 });

const cases: Array<[string, Want[], Array<Op['op']>?]> = [
  // first requests
  [
    'turn these photos into a 30-second promo video with music and text overlays',
    [sec(30), { op: 'music' }, { op: 'textOverlays' }],
    ['noMusic'],
  ],
  ['15s vertical video for TikTok', [sec(15), { ...V, platform: 'tiktok' }]],
  ['做一个30秒的竖屏视频，加音乐和字幕', [sec(30), V, { op: 'music' }, { op: 'textOverlays' }]],
  ['generate five product photos and a logo file into a 1080p MP4', [H, { op: 'logo' }], ['duration']],
  ['a YouTube Shorts video', [{ ...V, platform: 'shorts' }]],
  ['instagram post', [{ ...SQ, platform: 'instagram' }]],
  ['抖音视频', [{ ...V, platform: 'douyin' }]],
  ['横屏', [H]],
  ['方形视频', [SQ]],
  ['make it 9:16', [V], ['duration']],
  ['4:5 please', [{ op: 'canvas', width: 1080, height: 1350 }], ['duration']],
  // canvas edits
  ['make it 16:9 for YouTube', [{ ...H, platform: 'youtube' }], ['duration']],
  ['square', [SQ]],
  ['landscape', [H]],
  // durations
  ['30 sec', [sec(30)]],
  ['30秒', [sec(30)]],
  ['三十秒的视频', [sec(30)]],
  ['half a minute', [sec(30)]],
  ['半分钟', [sec(30)]],
  ['1 minute', [sec(60)]],
  ['a minute long', [sec(60)]],
  ['一分钟', [sec(60)]],
  ['一分半', [sec(90)]],
  ['1 minute 30 seconds', [sec(90)]],
  ['make it 15 seconds', [sec(15)]],
  ['a thirty-second clip', [sec(30)]],
  ['make it 200 seconds', [{ op: 'duration', ms: 180_000, requestedMs: 200_000 }]],
  ['make it 1 second', [{ op: 'duration', ms: 3_000, requestedMs: 1_000 }]],
  ['3 seconds per photo', [{ op: 'perItem', ms: 3000 }], ['duration']],
  ['每张照片2秒', [{ op: 'perItem', ms: 2000 }], ['duration']],
  ['slower', [{ op: 'scaleLength', factor: 1.25 }]],
  ['faster', [{ op: 'scaleLength', factor: 0.8 }]],
  ['慢一点', [{ op: 'scaleLength', factor: 1.25 }]],
  ['节奏快一点', [{ op: 'scaleLength', factor: 0.8 }]],
  // titles
  ["title 'Summer Sale'", [{ op: 'title', text: 'Summer Sale' }]],
  ['title "Summer Sale"', [{ op: 'title', text: 'Summer Sale' }]],
  ['change the title to “Summer Sale”', [{ op: 'title', text: 'Summer Sale' }]],
  ['change the title to Summer Sale', [{ op: 'title', text: 'Summer Sale' }]],
  ['title: Big Day, with music', [{ op: 'title', text: 'Big Day' }, { op: 'music' }]],
  ['把标题改成「夏日特卖」', [{ op: 'title', text: '夏日特卖' }]],
  ['标题改成夏日特卖', [{ op: 'title', text: '夏日特卖' }]],
  ['标题『新品上市』', [{ op: 'title', text: '新品上市' }]],
  ["don't touch the title", [], ['title']],
  // captions
  [
    "add caption 'Up to 50% off' at 10s",
    [{ op: 'caption', text: 'Up to 50% off', atMs: 10_000 }],
    ['duration', 'musicVolume'],
  ],
  ['add caption Up to 50% off at 10s', [{ op: 'caption', text: 'Up to 50% off', atMs: 10_000 }], ['duration']],
  [
    'add a caption "Shop now" at 0:12 for 5 seconds',
    [{ op: 'caption', text: 'Shop now', atMs: 12_000, durMs: 5000 }],
    ['duration'],
  ],
  ['在第10秒加字幕「全场五折」', [{ op: 'caption', text: '全场五折', atMs: 10_000 }], ['duration', 'textOverlays']],
  [
    "title 'Sale' and captions 'Hello' and 'World'",
    [
      { op: 'title', text: 'Sale' },
      { op: 'caption', text: 'Hello' },
      { op: 'caption', text: 'World' },
    ],
  ],
  ["add caption 'See you' at the end", [{ op: 'caption', text: 'See you', atMs: -1 }]],
  ["a 20s video, caption 'Hi' at 5s", [sec(20), { op: 'caption', text: 'Hi', atMs: 5000 }]],
  ['remove the captions', [{ op: 'removeCaptions' }], ['textOverlays']],
  ['去掉字幕', [{ op: 'removeCaptions' }], ['textOverlays']],
  ["remove the caption 'Shop now'", [{ op: 'removeCaptions', text: 'Shop now' }]],
  ['no title', [{ op: 'removeTitle' }]],
  ['with text overlays', [{ op: 'textOverlays' }]],
  ['加字幕', [{ op: 'textOverlays' }]],
  // sizes and positions
  ['make the title bigger', [{ op: 'textScale', target: 'title', factor: 1.3 }], ['textOverlays']],
  ['smaller', [{ op: 'textScale', target: 'title' }]],
  ['make the captions bigger', [{ op: 'textScale', target: 'caption', factor: 1.3 }], ['textOverlays']],
  ['标题大一点', [{ op: 'textScale', target: 'title', factor: 1.3 }]],
  ['move it to the bottom', [{ op: 'textPosition', target: 'title', position: 'bottom' }]],
  ['move the title to the top', [{ op: 'textPosition', target: 'title', position: 'top' }]],
  ['字幕放到顶部', [{ op: 'textPosition', target: 'caption', position: 'top' }], ['textOverlays']],
  ['把标题移到底部', [{ op: 'textPosition', target: 'title', position: 'bottom' }]],
  // music
  ['music volume 20%', [{ op: 'musicVolume', volume: 0.2 }], ['music']],
  ['音乐音量20%', [{ op: 'musicVolume', volume: 0.2 }], ['music']],
  ['set the music to 50 percent', [{ op: 'musicVolume', volume: 0.5 }]],
  ['quieter music', [{ op: 'musicRelative', factor: 0.6 }], ['music']],
  ['turn the music up', [{ op: 'musicRelative', factor: 1.5 }]],
  ['音乐小一点', [{ op: 'musicRelative', factor: 0.6 }]],
  ['no music', [{ op: 'noMusic' }], ['music']],
  ["don't add music", [{ op: 'noMusic' }], ['music']],
  ['去掉音乐', [{ op: 'noMusic' }], ['music']],
  ['不要背景音乐', [{ op: 'noMusic' }], ['music']],
  ['use my song', [{ op: 'useMySong' }], ['music']],
  ['用我的歌', [{ op: 'useMySong' }]],
  ['add music', [{ op: 'music' }]],
  // transitions
  ['no transitions', [{ op: 'transition', kind: 'none' }]],
  ['crossfade', [{ op: 'transition', kind: 'crossfade' }]],
  ['去掉转场', [{ op: 'transition', kind: 'none' }]],
  ['淡入淡出', [{ op: 'transition', kind: 'crossfade' }]],
  // logo
  ['put the logo in the corner', [{ op: 'logo' }]],
  ['logo bottom left', [{ op: 'logo', position: 'bottom-left' }]],
  ['水印放在右下角', [{ op: 'logo', position: 'bottom-right' }]],
  ['make the logo smaller', [{ op: 'logoScale' }], ['textScale']],
  ['remove the logo', [{ op: 'noLogo' }], ['logo']],
  ['音乐音量百分之二十', [{ op: 'musicVolume', volume: 0.2 }], ['music', 'duration']],
  ['a minute and a half', [sec(90)]],
  ['title at the top', [{ op: 'textPosition', target: 'title', position: 'top' }], ['title']],
  ['hard cuts', [{ op: 'transition', kind: 'none' }]],
  ['smooth transitions', [{ op: 'transition', kind: 'crossfade' }]],
  ['去掉标题', [{ op: 'removeTitle' }], ['title']],
  ['去掉水印', [{ op: 'noLogo' }], ['logo']],
  ['change the music', [{ op: 'music', change: true }]],
  // quoted words never act as commands
  [
    "title 'No music, 16:9, 60 seconds'",
    [{ op: 'title', text: 'No music, 16:9, 60 seconds' }],
    ['noMusic', 'canvas', 'duration'],
  ],
];

function matches(op: Op, want: Want): boolean {
  return Object.entries(want).every(([k, v]) => {
    const got = (op as Record<string, unknown>)[k];
    return typeof v === 'number' && typeof got === 'number' ? Math.abs(v - got) < 1e-9 : got === v;
  });
}

describe('planner parse: request → operations', () => {
  for (const [text, wants, absent = []] of cases) {
    it(text, () => {
      const { ops } = parseRequest(text);
      for (const w of wants)
        assert.ok(
          ops.some((o) => matches(o, w)),
          `expected ${JSON.stringify(w)} in ${JSON.stringify(ops)}`,
        );
      for (const a of absent) assert.ok(!ops.some((o) => o.op === a), `did not expect ${a} in ${JSON.stringify(ops)}`);
    });
  }
});

describe('planner parse: intent and language', () => {
  const table: Array<
    [string, { create?: boolean; promo?: boolean; lang?: 'en' | 'zh' | undefined; refusal?: string }]
  > = [
    ['turn these photos into a 30-second promo video', { create: true, promo: true, lang: 'en' }],
    ['做一个30秒的竖屏视频', { create: true, lang: 'zh' }],
    ['make the title bigger', { create: false, lang: 'en' }],
    ['「夏日特卖」', { lang: undefined }],
    ["title '夏日特卖'", { lang: 'en' }],
    ['add a dancing cat', { refusal: 'generative' }],
    ['generate AI voiceover', { refusal: 'voiceover' }],
    ['加个配音', { refusal: 'voiceover' }],
    ['make it look better', { refusal: 'vague' }],
    ['hello', { refusal: 'help' }],
    ['export', { refusal: 'export' }],
    ['blorp', { refusal: 'unknown' }],
  ];
  for (const [text, want] of table) {
    it(text, () => {
      const r = parseRequest(text);
      for (const [k, v] of Object.entries(want))
        assert.equal((r as unknown as Record<string, unknown>)[k], v, `${k} of ${JSON.stringify(r)}`);
    });
  }
});
