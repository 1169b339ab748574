/**
 * Cuts on the beat, end to end over real ffmpeg: the tempo and beat grid of generated click
 * tracks of known tempo (detected from PCM decoded by ffmpeg, as at upload), the planner placing
 * picture changes on those beats when asked ("cut to the beat", "卡点"), and the rendered video
 * changing picture within ±1 frame of the true clicks.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { detectBeats } from '../../src/engine/beatDetect';
import type { MediaFile } from '../../src/engine/contracts';
import { ingestStream } from '../../src/engine/mediaIngest';
import { decideTurn } from '../../src/engine/planner/turn';
import { Store } from '../../src/engine/store';
import { assertTiming } from '../unit/planner-fixtures';
import { makeImage, mediaFile, renderDraft, tmp } from './render-fixtures';
import { makeClickTrack, makeVoice } from './sound-fixtures';

const dir = tmp();
const FRAME_MS = 1000 / 30;

for (const [bpm, first] of [
  [100, 0.3],
  [128, 0],
  [75, 0.5],
] as const) {
  test(`beat detection: a ${bpm} bpm click track starting at ${first} s`, { timeout: 60_000 }, async () => {
    const grid = await detectBeats(makeClickTrack(join(dir, `c${bpm}.wav`), bpm, 20, first));
    assert.ok(grid?.clear, `clear beat: ${JSON.stringify(grid)}`);
    assert.ok(Math.abs(grid.bpm - bpm) < 0.2, `tempo ${grid.bpm}`);
    const p = 60 / bpm;
    // The grid stays on the clicks from the start to the end of the song (no drift).
    for (const t of [first, first + 10 * p, first + Math.floor((19 - first) / p) * p]) {
      const k = Math.round((t - grid.firstBeatS) / p);
      const err = (grid.firstBeatS + k * (60 / grid.bpm) - t) * 1000;
      assert.ok(Math.abs(err) < 8, `beat at ${t.toFixed(3)} s off by ${err.toFixed(1)} ms`);
    }
  });
}

test('beat detection: speech and noise have no clear beat', { timeout: 60_000 }, async (t) => {
  const noise = join(dir, 'noise.wav');
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'anoisesrc=d=15:a=0.3', noise]);
  assert.equal((await detectBeats(noise))?.clear ?? false, false);
  const voice = makeVoice(
    join(dir, 'voice.wav'),
    'Hello there, this is our new summer collection. Order today and get free shipping on everything in the store while it lasts.',
  );
  if (!voice) {
    t.skip('espeak-ng is not installed');
    return;
  }
  assert.equal((await detectBeats(voice))?.clear ?? false, false);
});

async function songFile(path: string, name: string): Promise<MediaFile> {
  return mediaFile(path, 'audio', { name, duration: 20, beats: await detectBeats(path) });
}
const photos = (n: number): MediaFile[] =>
  Array.from({ length: n }, (_, i) =>
    mediaFile(
      makeImage(
        join(dir, `p${i}.png`),
        180,
        320,
        ['color=c=red', 'color=c=lime', 'color=c=blue', 'color=c=white', 'color=c=yellow'][i % 5]!,
      ),
      'image',
      { width: 180, height: 320 },
    ),
  );

test(
  '"cut to the beat": every picture change lands on a click (±1 frame), shots are whole beats, the length is what was asked; "no beat sync" undoes it',
  { timeout: 60_000 },
  async () => {
    const song = await songFile(makeClickTrack(join(dir, 'c100p.wav'), 100, 20, 0.3), 'click100.wav');
    const media = [...photos(5), song];
    const turn = decideTurn('make a 17 second video with my song, cut to the beat', {
      draft: undefined,
      media,
      language: 'en',
    });
    const d = turn.draft!;
    assertTiming(d, 'beat');
    assert.equal(d.d, 17_000);
    const v = d.t!.find((t) => t.tt === 0)!;
    const T = Number(v.m?.transitionMs ?? 0);
    const changes = v.sg.slice(1).map((s) => s.s! + T / 2);
    const p = 600;
    for (const c of changes) {
      const off = (((c - 300) % p) + p) % p;
      assert.ok(
        Math.min(off, p - off) <= FRAME_MS,
        `change at ${c} ms is ${Math.min(off, p - off).toFixed(1)} ms off the nearest click`,
      );
    }
    changes.slice(1).forEach((c, i) => {
      const beats = (c - changes[i]!) / p;
      assert.ok(Math.abs(beats - Math.round(beats)) < 0.01, `shot of ${beats} beats`);
    });
    assert.match(turn.reply, /beat \(100 bpm\)/);
    const off = decideTurn('no beat sync', { draft: d, media, language: 'en' });
    assert.match(off.reply, /Beat sync is off/);
    assertTiming(off.draft!, 'off');
    const evenly = onScreen(off.draft!.t!.find((t) => t.tt === 0)!);
    assert.ok(Math.max(...evenly) - Math.min(...evenly) <= 1, `even on-screen shares again: ${evenly}`);
  },
);

/**
 * What a viewer sees of each shot: its length less half of each crossfade it shares with a
 * neighbour (the planner gives every shot the same on-screen time, so the first and last
 * segments are shorter than the middle ones by half a crossfade).
 */
function onScreen(v: { m?: Record<string, unknown>; sg: { d?: number }[] }): number[] {
  const T = v.m?.transition === 'none' ? 0 : Number(v.m?.transitionMs ?? 0);
  return v.sg.map((seg, i) => (seg.d ?? 0) - (i > 0 ? T / 2 : 0) - (i < v.sg.length - 1 ? T / 2 : 0));
}

test(
  '"卡点" with music that has no clear beat says so and keeps even cuts; the built-in bed is on the beat by construction',
  { timeout: 60_000 },
  async () => {
    const noise = join(dir, 'noise2.wav');
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'anoisesrc=d=20:a=0.3', noise]);
    const media = [...photos(4), await songFile(noise, 'rain.wav')];
    const zh = decideTurn('用我的歌做一个20秒的视频，卡点', { draft: undefined, media, language: 'zh-CN' });
    assert.match(zh.reply, /没有清晰的节拍/);
    const shares = onScreen(zh.draft!.t!.find((t) => t.tt === 0)!);
    assert.ok(Math.max(...shares) - Math.min(...shares) <= 1, `even on-screen shares: ${shares}`);
    // The bed (96 bpm, beats from 0): unasked, an all-photo draft is cut on its beats.
    const bed = decideTurn('make a 20 second video', { draft: undefined, media: photos(4), language: 'en' });
    const v = bed.draft!.t!.find((t) => t.tt === 0)!;
    assert.equal(bed.draft!.t!.find((t) => t.tt === 1)!.sg[0]!.m!.src, 'builtin:bed');
    const T = Number(v.m?.transitionMs ?? 0);
    for (const s of v.sg.slice(1))
      assert.ok(
        Math.abs((((s.s! + T / 2) % 625) + 625) % 625) < 1 || Math.abs(((s.s! + T / 2) % 625) - 625) < 1,
        `change at ${s.s! + T / 2}`,
      );
  },
);

test(
  'rendered: with hard cuts on the beat the picture changes within ±1 frame of the clicks',
  { timeout: 120_000 },
  async () => {
    const song = await songFile(makeClickTrack(join(dir, 'c120.wav'), 120, 20, 0.25), 'click120.wav');
    const pics = photos(4);
    const turn = decideTurn('make an 8 second video with my song, no transitions, cut to the beat', {
      draft: undefined,
      media: [...pics, song],
      language: 'en',
    });
    const d = turn.draft!;
    d.m = { ...d.m, width: 180, height: 320 };
    d.t = d.t!.filter((t) => t.tt === 0 || t.tt === 1); // no title over the colours
    const out = join(dir, 'beat.mp4');
    await renderDraft(d, [...pics, song], out, { preset: 'ultrafast' });
    const raw = execFileSync(
      'ffmpeg',
      ['-v', 'error', '-i', out, '-vf', 'scale=8:8,format=rgb24', '-f', 'rawvideo', '-'],
      { maxBuffer: 1 << 26 },
    );
    const size = 8 * 8 * 3;
    const colour = (f: number) => [0, 1, 2].map((c) => raw[f * size + 27 * 3 + c]!);
    const cuts: number[] = [];
    for (let f = 1; f * size < raw.length; f++) {
      const a = colour(f - 1);
      const b = colour(f);
      if (Math.abs(a[0]! - b[0]!) + Math.abs(a[1]! - b[1]!) + Math.abs(a[2]! - b[2]!) > 150) cuts.push((f * 1000) / 30);
    }
    assert.equal(cuts.length, 3, `three cuts: ${cuts}`);
    for (const c of cuts) {
      const off = (((c - 250) % 500) + 500) % 500;
      assert.ok(
        Math.min(off, 500 - off) <= FRAME_MS + 0.5,
        `cut at ${c.toFixed(1)} ms: ${Math.min(off, 500 - off).toFixed(1)} ms from a click`,
      );
    }
  },
);

test(
  'upload: an audio file is analysed once at ingest and its record carries the beat grid; a photo is not',
  { timeout: 60_000 },
  async () => {
    const store = new Store(join(dir, 'data'));
    const wav = makeClickTrack(join(dir, 'up90.wav'), 90, 12, 0.1);
    const r = await ingestStream(store, createReadStream(wav), 'beat.wav', 50 << 20, 'drain');
    assert.ok('media' in r, JSON.stringify(r));
    assert.ok(r.media.beats?.clear, JSON.stringify(r.media.beats));
    assert.ok(Math.abs(r.media.beats.bpm - 90) < 0.2);
    const img = await ingestStream(
      store,
      createReadStream(makeImage(join(dir, 'up.png'), 64, 64)),
      'up.png',
      50 << 20,
      'drain',
    );
    assert.ok('media' in img && img.media.beats === undefined);
  },
);
