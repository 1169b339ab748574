/**
 * Issue #12's journey over the real local engine (loopback server with its own token, the
 * planner, its on-disk undo history) through the core client the extension and the CLI use:
 * make a video → reorder by description → add text at the end → change the music → undo twice
 * → redo once, with the timeline checked after every step; then the engine restarts on the
 * same data dir and "undo" still knows the history.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { startLocalEngine } from '../../src/engine/local';
import type { Engine } from '../../src/engine/server';
import type { Timeline } from '../../src/core/timeline';
import { serviceFor, tempDir } from './coreHelpers';
import { makeTone } from './render-fixtures';

const NATURE = '/usr/share/backgrounds/mate/nature';

/** A real photograph (mate-backgrounds), scaled down so the upload stays small. */
function photo(src: string, out: string): string {
  execFileSync('ffmpeg', [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-i',
    join(NATURE, src),
    '-vf',
    'scale=960:-2',
    '-frames:v',
    '1',
    out,
  ]);
  return out;
}

let engine: Engine;
let dataDir: string;
before(async () => {
  dataDir = tempDir('vg-journey-');
  engine = await startLocalEngine({ dataDir });
});
after(async () => {
  await engine.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const video = (t: Timeline) => t.tracks.find((k) => k.kind === 'video')!.segments.map((s) => s.name);
const music = (t: Timeline) => t.tracks.find((k) => k.kind === 'audio')?.segments[0]?.name;
const captions = (t: Timeline) => t.tracks.filter((k) => k.kind === 'text').flatMap((k) => k.segments);

test(
  'planner journey: make → reorder → text at the end → change music → undo ×2 → redo, history survives a restart',
  { timeout: 120_000 },
  async () => {
    const dir = tempDir();
    const files = [
      photo('Aqua.jpg', join(dir, 'aqua_waves.jpg')),
      photo('GreenMeadow.jpg', join(dir, 'green_meadow.jpg')),
      photo('LadyBird.jpg', join(dir, 'ladybird_leaf.jpg')),
      makeTone(join(dir, 'chill_song.m4a'), 8),
      makeTone(join(dir, 'upbeat_song.m4a'), 11),
    ];
    const { svc, state } = serviceFor(engine, {
      fixedToken: engine.token,
      pollIntervalStartMs: 100,
      backendKey: `local:${dataDir}`,
    });
    await svc.upload(files);

    const made = await svc.send('make a 12 second video');
    assert.equal(made.kind, 'reply');
    const t1 = await svc.timeline();
    assert.equal(t1.duration, 12);
    assert.deepEqual(video(t1), ['aqua_waves.jpg', 'green_meadow.jpg', 'ladybird_leaf.jpg'], 'upload order');
    assert.equal(music(t1), 'chill_song.m4a');
    assert.equal(captions(t1).length, 0, 'no title invented from file names');

    const reordered = await svc.send('open with the ladybird one');
    assert.match(reordered.kind === 'reply' ? reordered.text : '', /ladybird_leaf\.jpg/);
    const t2 = await svc.timeline();
    assert.deepEqual(video(t2), ['ladybird_leaf.jpg', 'aqua_waves.jpg', 'green_meadow.jpg']);
    assert.equal(t2.duration, 12, 'reordering keeps the length');

    await svc.send("add 'See you there' at the end");
    const t3 = await svc.timeline();
    const cap = captions(t3);
    assert.equal(cap.length, 1);
    assert.equal(cap[0]!.text, 'See you there');
    assert.ok(
      Math.abs(cap[0]!.start + cap[0]!.duration - 12) < 0.01,
      `caption ends with the video: ${cap[0]!.start}+${cap[0]!.duration}`,
    );
    assert.deepEqual(video(t3), video(t2));

    const switched = await svc.send('switch to the other song');
    assert.match(switched.kind === 'reply' ? switched.text : '', /upbeat_song\.m4a/);
    const t4 = await svc.timeline();
    assert.equal(music(t4), 'upbeat_song.m4a');
    assert.equal(captions(t4).length, 1);

    const undo1 = await svc.send('undo');
    assert.match(undo1.kind === 'reply' ? undo1.text : '', /Undid "switch to the other song"/);
    const t5 = await svc.timeline();
    assert.equal(music(t5), 'chill_song.m4a', 'first undo: the music is back');
    assert.equal(captions(t5).length, 1, 'first undo keeps the caption');

    await svc.send('撤销');
    const t6 = await svc.timeline();
    assert.equal(captions(t6).length, 0, 'second undo: the caption is gone');
    assert.deepEqual(video(t6), ['ladybird_leaf.jpg', 'aqua_waves.jpg', 'green_meadow.jpg'], 'the reorder stays');

    const redo = await svc.send('redo');
    assert.match(redo.kind === 'reply' ? redo.text : '', /Redid "add 'See you there' at the end"/);
    const t7 = await svc.timeline();
    assert.equal(captions(t7)[0]?.text, 'See you there', 'redo: the caption is back');
    assert.equal(music(t7), 'chill_song.m4a', 'redo re-applies one step only');

    const listed = await svc.send('what changed?');
    const listText = listed.kind === 'reply' ? listed.text : '';
    assert.match(listText, /make a 12 second video.*open with the ladybird one.*add 'See you there' at the end/);
    assert.match(listText, /switch to the other song/, 'the undone step is listed as undone');

    // A restarted engine on the same data dir still knows the history.
    await engine.close();
    engine = await startLocalEngine({ dataDir });
    const again = serviceFor(engine, {
      fixedToken: engine.token,
      pollIntervalStartMs: 100,
      backendKey: `local:${dataDir}`,
      state,
    });
    await again.svc.send('undo');
    const t8 = await again.svc.timeline();
    assert.equal(captions(t8).length, 0, 'undo after a restart');
    assert.deepEqual(video(t8), ['ladybird_leaf.jpg', 'aqua_waves.jpg', 'green_meadow.jpg']);
    rmSync(dir, { recursive: true, force: true });
  },
);
