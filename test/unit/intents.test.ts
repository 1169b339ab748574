/** routeIntent: short command-like messages route; anything with more instructions streams. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { routeIntent } from '../../src/core/intents';
import type { IntentName } from '../../src/core/serviceApi';

const TABLE: Array<[string, IntentName]> = [
  // export
  ['export', 'export'],
  ['Export!', 'export'],
  ['please export', 'export'],
  ['export it', 'export'],
  ['export the video', 'export'],
  ['Can you export the video for me?', 'export'],
  ['just export it now', 'export'],
  ['export as mp4', 'export'],
  ['download', 'export'],
  ['download the video', 'export'],
  ['Download my video, please.', 'export'],
  ['send me the video', 'export'],
  ['render it', 'export'],
  ['ＥＸＰＯＲＴ！', 'export'],
  ['导出', 'export'],
  ['导出视频', 'export'],
  ['帮我导出', 'export'],
  ['请帮我把视频导出一下', 'export'],
  ['下载', 'export'],
  ['导出！', 'export'],
  // credits
  ['credits', 'credits'],
  ['Credits?', 'credits'],
  ['how many credits do I have', 'credits'],
  ['How many credits do I have left?', 'credits'],
  ['check my balance', 'credits'],
  ['balance', 'credits'],
  ['积分', 'credits'],
  ['余额', 'credits'],
  ['查一下余额', 'credits'],
  ['我还有多少积分？', 'credits'],
  // status
  ['status', 'status'],
  ["what's the status?", 'status'],
  ['show tracks', 'status'],
  ['show the timeline', 'status'],
  ['Show me the tracks', 'status'],
  ['状态', 'status'],
  ['查看时间线', 'status'],
  // upload
  ['upload', 'upload'],
  ['Upload photos', 'upload'],
  ['I want to upload some clips', 'upload'],
  ['上传', 'upload'],
  ['上传视频', 'upload'],
  // chat: edit requests that merely contain a command word
  ['make an export-ready 30s promo with music', 'chat'],
  ['turn these photos into a 30-second promo video with music and text overlays', 'chat'],
  ['add a title that says export', 'chat'],
  ['export it at 4k with a new intro and music', 'chat'],
  ['export it at 4k', 'chat'],
  ['export the video with music', 'chat'],
  ['做一个30秒的竖屏视频，加音乐和字幕', 'chat'],
  ['download some music and add it', 'chat'],
  ['下载一首音乐加进去', 'chat'],
  ['add background music', 'chat'],
  ['make the title say "status"', 'chat'],
  ['upload is slow, can you make the clip shorter', 'chat'],
  ['use my credits wisely and make it 15 seconds', 'chat'],
  ['show the title at the end', 'chat'],
  ['导出之前把字幕改成红色', 'chat'],
  ['hello', 'chat'],
  ['please', 'chat'],
  ['', 'chat'],
  ['   ', 'chat'],
  ['?!', 'chat'],
];

test(`routeIntent table (${TABLE.length} phrases)`, () => {
  const wrong = TABLE.filter(([text, want]) => routeIntent(text) !== want).map(
    ([text, want]) => `${JSON.stringify(text)}: got ${routeIntent(text)}, want ${want}`,
  );
  assert.deepEqual(wrong, []);
});

test('every intent is reachable and the table is large enough', () => {
  assert.ok(TABLE.length >= 30);
  const intents = new Set(TABLE.map(([, want]) => want));
  assert.deepEqual([...intents].sort(), ['chat', 'credits', 'export', 'status', 'upload']);
});

test('very long messages always stream, even when they start with a command word', () => {
  assert.equal(routeIntent('export ' + 'the video '.repeat(30)), 'chat');
  assert.equal(routeIntent('export ' + 'x'.repeat(500)), 'chat');
});
