/** parseDraft (core) and its words (src/words/timeline.ts): labels, summary, diff, formatting. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDraft, type TimelineTrack } from '../../src/core/timeline';
import * as words from '../../src/words/timeline';
import { en } from '../../src/words/en';
import { zhCN } from '../../src/words/zhCN';

const EMPTY_TIMELINE_TEXT = en.emptyTimeline;
const { formatSeconds, formatRange } = words;
const summarizeTimeline = (t: Parameters<typeof words.summarizeTimeline>[0]) => words.summarizeTimeline(t, en);
const diffTimelines = (a: Parameters<typeof words.diffTimelines>[0], b: Parameters<typeof words.diffTimelines>[1]) =>
  words.diffTimelines(a, b, en);
const label = (t: TimelineTrack) => words.trackLabel(t, en);
const segLabels = (t: TimelineTrack) => t.segments.map((s) => words.segmentLabel(t, s, en));
import type { Draft } from '../../src/contract/draft';

/** The seed's example timeline, as the compact draft. */
const SEED: Draft = {
  t: [
    { tt: 0, sg: [{ s: 0, d: 10_000, m: { name: 'city timelapse', src: 'abc123' } }] },
    { tt: 1, sg: [{ s: 0, d: 10_000, m: { name: 'Lo-fi', src: 'builtin:bed', volume: 0.35 } }] },
    { tt: 7, sg: [{ s: 0, d: 3000, m: { text: 'Urban Dreams', role: 'title' } }] },
  ],
  d: 10_000,
  m: { title: 'Urban Dreams', width: 1080, height: 1920 },
};

const clone = <T>(v: T): T => structuredClone(v);

test("the seed's example reproduces exactly", () => {
  assert.equal(
    summarizeTimeline(parseDraft(SEED)),
    '1. Video: city timelapse (0-10s)\n2. BGM: Lo-fi (0-10s, 35%)\n3. Title: "Urban Dreams" (0-3s)',
  );
});

test('parseDraft builds the model: kinds, labels, seconds, volume, canvas', () => {
  const t = parseDraft(SEED);
  assert.equal(t.duration, 10);
  assert.equal(t.width, 1080);
  assert.equal(t.height, 1920);
  assert.equal(t.title, 'Urban Dreams');
  assert.deepEqual(
    t.tracks.map((x) => [x.kind, x.type, label(x), x.duration]),
    [
      ['video', 0, 'Video', 10],
      ['audio', 1, 'BGM', 10],
      ['text', 7, 'Title', 3],
    ],
  );
  assert.equal(t.tracks[1].segments[0].volume, 0.35);
  assert.equal(segLabels(t.tracks[2])[0], '"Urban Dreams"');
  assert.equal(t.tracks[2].segments[0].text, 'Urban Dreams');
  assert.deepEqual(t.tracks[0].segments[0].metadata, { name: 'city timelapse', src: 'abc123' });
});

test('parseDraft never throws on garbage', () => {
  for (const junk of [
    undefined,
    null,
    42,
    'draft',
    [],
    [1, 2],
    { t: 'x' },
    { t: [null, 5, 'a', { tt: 'zero', sg: 'no' }] },
    { t: [{ sg: [null, 3, { d: 'NaN' }] }] },
    { d: -5, m: 'x' },
  ]) {
    const t = parseDraft(junk);
    assert.ok(Array.isArray(t.tracks));
    assert.ok(Number.isFinite(t.duration) && t.duration >= 0);
    assert.equal(typeof summarizeTimeline(t), 'string');
  }
  assert.deepEqual(parseDraft(null), { tracks: [], duration: 0 });
  const odd = parseDraft({ t: [{ tt: 'zero', sg: 'no' }, { sg: [null, { d: 1000 }] }] });
  assert.deepEqual(
    odd.tracks.map((x) => [x.kind, label(x), x.segments.length]),
    [
      ['other', 'Track', 0],
      ['other', 'Track', 1],
    ],
  );
});

test('start keys s/start/st/startTime/start_time; missing starts follow each other', () => {
  const t = parseDraft({
    t: [
      {
        tt: 0,
        sg: [
          { start: 1000, d: 1000 },
          { st: 2000, d: 1000 },
          { startTime: 3000, d: 1000 },
          { start_time: 4000, d: 1000 },
          { s: '5000', d: 500 },
          { d: 2000 },
        ],
      },
    ],
  });
  assert.deepEqual(
    t.tracks[0].segments.map((s) => s.start),
    [1, 2, 3, 4, 5, 5.5],
  );
  assert.equal(t.tracks[0].duration, 7.5);
  assert.equal(t.duration, 7.5); // no draft `d`: the longest track
});

test('labels: names, texts, titles, file basenames from src/url, then "Segment N"', () => {
  const t = parseDraft({
    t: [
      {
        tt: 0,
        sg: [
          { d: 1, m: { name: 'beach.jpg' } },
          { d: 1, m: { title: 'Intro card' } },
          { d: 1, name: 'top-level name' },
          { d: 1, m: { src: '/uploads/2024/My%20Clip.mp4' } },
          { d: 1, m: { url: 'https://cdn.example.com/a/b/sunset.png?sig=abc#x' } },
          { d: 1, url: 'https://cdn.example.com/c/drone.mov' },
          { d: 1, m: {} },
        ],
      },
    ],
  });
  assert.deepEqual(segLabels(t.tracks[0]), [
    'beach.jpg',
    'Intro card',
    'top-level name',
    'My Clip.mp4',
    'sunset.png',
    'drone.mov',
    'Segment 7',
  ]);
});

test('track labels: m.name, Title vs Text, Overlay (tt 3), unknown types', () => {
  const t = parseDraft({
    t: [
      { tt: 1, m: { name: 'Voice-over' }, sg: [{ d: 1000, m: { name: 'vo.mp3' } }] },
      { tt: 7, sg: [{ d: 1000, m: { text: 'Hello', role: 'caption' } }] },
      {
        tt: 7,
        sg: [
          { d: 1000, m: { text: 'A', role: 'title' } },
          { s: 1000, d: 1000, m: { text: 'B', role: 'title' } },
        ],
      },
      {
        tt: 7,
        sg: [
          { d: 1000, text: 'one' },
          { s: 1000, d: 1000, m: { text: 'two', role: 'caption' } },
        ],
      },
      { tt: 3, sg: [{ d: 1000, m: { src: 'logo.png' } }] },
      { tt: 42, sg: [] },
    ],
  });
  assert.deepEqual(
    t.tracks.map((x) => [x.kind, label(x)]),
    [
      ['audio', 'Voice-over'],
      ['text', 'Text'],
      ['text', 'Title'],
      ['text', 'Text'],
      ['overlay', 'Overlay'],
      ['other', 'Track (type 42)'],
    ],
  );
});

test('durations clamp: negative → 0, NaN → 0, absurd → one day; draft d wins when present', () => {
  const t = parseDraft({
    d: 4000,
    t: [
      {
        tt: 0,
        sg: [
          { s: -500, d: -100 },
          { s: 0, d: Number.NaN },
          { s: 0, d: 1e15 },
        ],
      },
    ],
  });
  assert.deepEqual(
    t.tracks[0].segments.map((s) => [s.start, s.duration]),
    [
      [0, 0],
      [0, 0],
      [0, 86_400],
    ],
  );
  assert.equal(t.duration, 4);
  assert.equal(parseDraft({ d: 0, t: [{ tt: 0, sg: [{ d: 2000 }] }] }).duration, 2);
});

test('audio volume: gains stay, percentages are converted, negatives clamp', () => {
  const vols = parseDraft({
    t: [{ tt: 1, sg: [{ d: 1, m: { volume: 0.5 } }, { d: 1, m: { volume: 35 } }, { d: 1, volume: -1 }, { d: 1 }] }],
  }).tracks[0].segments.map((s) => s.volume);
  assert.deepEqual(vols, [0.5, 0.35, 0, undefined]);
});

test('summary: video lists 3 labels then "+N more"; mixed volumes; each text segment is its own item', () => {
  const draft: Draft = {
    t: [
      {
        tt: 0,
        sg: ['a.jpg', 'b.jpg', 'c.jpg', 'd.jpg', 'e.jpg'].map((name, i) => ({ s: i * 2000, d: 2000, m: { name } })),
      },
      {
        tt: 1,
        sg: [
          { s: 0, d: 5000, m: { name: 'Beat', volume: 0.5 } },
          { s: 5000, d: 5000, m: { name: 'Calm', volume: 0.25 } },
        ],
      },
      {
        tt: 7,
        sg: [
          { s: 0, d: 2500, m: { text: 'Big Sale', role: 'title' } },
          { s: 6000, d: 2000, m: { text: '50% off', role: 'caption' } },
        ],
      },
      { tt: 3, sg: [{ s: 1000, d: 9000, m: { name: 'logo.png' } }] },
      { tt: 0, sg: [] },
    ],
  };
  assert.equal(
    summarizeTimeline(parseDraft(draft)),
    [
      '1. Video: a.jpg, b.jpg, c.jpg +2 more (0-10s)',
      '2. BGM: Beat, Calm (0-10s, 25%–50%)',
      '3. Title: "Big Sale" (0-2.5s)',
      '4. Caption: "50% off" (6-8s)',
      '5. Overlay: logo.png (1-10s)',
    ].join('\n'),
  );
});

test('an empty draft (or only empty tracks) gives the clear empty message', () => {
  assert.equal(summarizeTimeline(parseDraft({})), EMPTY_TIMELINE_TEXT);
  assert.equal(summarizeTimeline(parseDraft({ t: [{ tt: 0, sg: [] }] })), EMPTY_TIMELINE_TEXT);
  assert.match(EMPTY_TIMELINE_TEXT, /empty.*upload/);
});

test('formatSeconds / formatRange', () => {
  assert.equal(formatSeconds(6), '6.0 s');
  assert.equal(formatSeconds(2.345), '2.3 s');
  assert.equal(formatSeconds(Number.NaN), '0.0 s');
  assert.equal(formatRange(0, 6), '0.0–6.0 s');
  assert.equal(formatRange(1.25, 3.75), '1.3–3.8 s');
});

test('diff: identical timelines → []', () => {
  assert.deepEqual(diffTimelines(parseDraft(SEED), parseDraft(clone(SEED))), []);
  assert.deepEqual(diffTimelines(parseDraft({}), parseDraft({})), []);
});

test('diff: title text, BGM volume and music, canvas, length', () => {
  const after = clone(SEED);
  after.t![2].sg[0].m!.text = 'Night City';
  after.t![1].sg[0].m!.volume = 0.5;
  after.t![1].sg[0].m!.name = 'Upbeat';
  after.m = { ...after.m, width: 1920, height: 1080 };
  after.d = 12_000;
  after.t![0].sg[0].d = 12_000;
  assert.deepEqual(diffTimelines(parseDraft(SEED), parseDraft(after)), [
    'Video now runs 0-12s (was 0-10s).',
    'BGM changed from Lo-fi to Upbeat.',
    'BGM volume changed from 35% to 50%.',
    'Title changed from "Urban Dreams" to "Night City".',
    'Total length changed from 10s to 12s.',
    'Canvas changed from 1080×1920 to 1920×1080.',
  ]);
});

test('diff: tracks added and removed, segments added and removed', () => {
  const before = clone(SEED);
  before.t = before.t!.slice(0, 2); // video + BGM, no title yet
  const after = clone(SEED);
  after.t!.splice(1, 1); // BGM removed
  after.t![0].sg.push({ s: 10_000, d: 0, m: { name: 'beach.jpg' } }, { s: 10_000, d: 0, m: { name: 'logo.png' } });
  assert.deepEqual(diffTimelines(parseDraft(before), parseDraft(after)), [
    'Video now has 3 segments (was 1).',
    'Added to Video: beach.jpg, logo.png.',
    'Added a Title track: "Urban Dreams" (0-3s).',
    'Removed the BGM track.',
  ]);
});

test('diff: captions added/removed and a title moved', () => {
  const before = parseDraft({
    t: [
      {
        tt: 7,
        sg: [
          { s: 0, d: 3000, m: { text: 'Hi', role: 'title' } },
          { s: 4000, d: 1000, m: { text: 'bye', role: 'caption' } },
        ],
      },
    ],
  });
  const after = parseDraft({ t: [{ tt: 7, sg: [{ s: 1000, d: 3000, m: { text: 'Hi', role: 'title' } }] }] });
  assert.deepEqual(diffTimelines(before, after), [
    'Title "Hi" now shows 1-4s (was 0-3s).',
    'Removed caption "bye".',
    'Total length changed from 5s to 4s.',
  ]);
  assert.deepEqual(diffTimelines(after, before), [
    'Title "Hi" now shows 0-3s (was 1-4s).',
    'Added caption "bye" (4-5s).',
    'Total length changed from 4s to 5s.',
  ]);
});

test('diff: reordering the same video segments is not reported as adds/removes', () => {
  const a = parseDraft({
    t: [
      {
        tt: 0,
        sg: [
          { s: 0, d: 1000, m: { name: 'x' } },
          { s: 1000, d: 1000, m: { name: 'y' } },
        ],
      },
    ],
  });
  const b = parseDraft({
    t: [
      {
        tt: 0,
        sg: [
          { s: 0, d: 1000, m: { name: 'y' } },
          { s: 1000, d: 1000, m: { name: 'x' } },
        ],
      },
    ],
  });
  assert.deepEqual(diffTimelines(a, b), []);
});

test('the Chinese table words the same timeline without English words', () => {
  const summary = words.summarizeTimeline(parseDraft(SEED), zhCN);
  assert.equal(
    summary,
    '1. 视频：city timelapse（0-10秒）\n2. 背景音乐：Lo-fi（0-10秒，35%）\n3. 标题：“Urban Dreams”（0-3秒）',
  );
  const after = clone(SEED);
  after.t![2].sg[0].m!.text = '夜色城市';
  after.t![1].sg[0].m!.volume = 0.5;
  after.d = 12_000;
  after.t![0].sg[0].d = 12_000;
  const lines = words.diffTimelines(parseDraft(SEED), parseDraft(after), zhCN);
  assert.deepEqual(lines, [
    '视频现在的范围是 0-12秒（原为 0-10秒）。',
    '背景音乐音量从 35% 调整为 50%。',
    '标题从 “Urban Dreams” 改为 “夜色城市”。',
    '总时长从 10秒 变为 12秒。',
  ]);
  assert.equal(words.summarizeTimeline(parseDraft({}), zhCN), zhCN.emptyTimeline);
});
