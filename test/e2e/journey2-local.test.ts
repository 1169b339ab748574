/**
 * Journey 2 — the free local engine: the same steps as the cloud flow with the backend set to
 * `local` (the engine runs in its own per-user process, plans with the planner and renders with
 * ffmpeg). The window is reloaded in the middle of the export: the engine process carries on
 * and the reloaded window picks the same export up. The exported file must be a real 1080x1920
 * H.264/AAC MP4 of about 30 s whose first seconds show the title, with no partial file left.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeCreatorWorkspace } from './helpers/media';
import { OUT_DIR, removeDir, withJourney } from './helpers/session';
import { askForPromo, expectTracks, mp4sIn, uploadFromExplorer } from './helpers/steps';
import {
  chatFrame,
  openContainer,
  playingPreview,
  runCommand,
  timelineRow,
  toast,
  waitFor,
  waitOpaque,
  waitPhase,
} from './helpers/ui';
import { frameAt, frameDifference, probe, whiteShare } from './helpers/video';

test(
  'journey 2: local engine flow renders a real 1080x1920 H.264/AAC MP4, across a window reload mid-export',
  { timeout: 300_000 },
  async () => {
    const workspace = makeCreatorWorkspace();
    try {
      await withJourney(
        'journey2-local',
        {
          workspace,
          settings: { 'videoGenerator.backend': 'local', 'videoGenerator.pollIntervalCapSeconds': 2 },
        },
        async (j) => {
          const { page } = j;
          const chat = chatFrame(page);
          await openContainer(page);
          await waitPhase(chat, 'ready', 60_000);
          await j.shot('ready');

          await uploadFromExplorer(j);
          await j.shot('uploaded');

          const replies = await askForPromo(j);
          assert.equal(replies.length, 1, `one reply: ${JSON.stringify(replies)}`);
          assert.match(replies[0], /\S/);
          await expectTracks(page, { video: /^Video/, audio: /^(BGM|Music|Audio)/, text: /^(Title|Text)/ });
          // The title's words as the row's label and its time span as the description: `"…"  0.0–3.0 s`.
          const titleRow = await timelineRow(page, /^"[^"]+"\s*\d/).innerText();
          const m = /"(.+)"\s*([\d.]+)–([\d.]+) s/.exec(titleRow);
          assert.ok(m, `a title segment row: ${titleRow}`);
          const [titleStart, titleEnd] = [Number(m[2]), Number(m[3])];
          await j.shot('chat-and-timeline');

          // Preview before the long render: a quick small render of the draft plays in a panel
          // (H.264 + MP3, the sound VS Code's webviews decode), from the storage, not exports/.
          const previewStarted = Date.now();
          await runCommand(page, 'Video Generator: Preview Video (quick, low resolution)');
          const played = await playingPreview(page, 1.5, 90_000);
          const previewMs = Date.now() - previewStarted;
          assert.deepEqual([played.width, played.height], [540, 960], `a small preview: ${JSON.stringify(played)}`);
          assert.ok(played.duration >= 29.5 && played.duration <= 30.5, `the whole draft: ${played.duration}`);
          assert.ok(played.audioBytes > 0, `its sound is decoded: ${played.audioBytes} bytes`);
          const [previewFile] = j.userFiles(/previews\/\d+\/preview-\d+\.mp4$/);
          assert.ok(previewFile, 'the preview lives in the extension storage');
          const pv = probe(previewFile);
          assert.deepEqual([pv.videoCodec, pv.audioCodec], ['h264', 'mp3']);
          await j.shot('preview-playing');
          console.log(
            `  journey2: preview ${previewMs} ms command → playing; ${played.from.toFixed(2)} → ${played.to.toFixed(2)} s, ${played.audioBytes} audio bytes decoded`,
          );
          await runCommand(page, 'View: Close All Editors');
          await page.locator('.tab').first().waitFor({ state: 'detached', timeout: 10_000 });

          const exportsDir = join(workspace, 'exports');
          // The engine process of this user (its record, as a window finds it).
          const engineRecord = () => {
            const [f] = j.userFiles(/local-engine\/process\/engine\.json$/);
            return f ? (JSON.parse(readFileSync(f, 'utf8')) as { pid: number }) : undefined;
          };
          const engine = engineRecord();
          assert.ok(engine, 'the engine process published its record');
          const alive = (pid: number) => {
            try {
              process.kill(pid, 0);
              return true;
            } catch {
              return false;
            }
          };
          const before = new Set(mp4sIn(exportsDir));
          await runCommand(page, 'Video Generator: Export Video');
          await waitOpaque(toast(page, /Exporting video/));
          // Reload while ffmpeg is at work (a partial MP4 is being written in the engine's renders/).
          await waitFor(() => j.userFiles(/local-engine\/renders\/[^/]+\.part\.mp4$/).length > 0, {
            what: 'the render to be under way',
            timeoutMs: 60_000,
          });
          await j.shot('export-before-reload');
          await j.open(); // reload the window
          await openContainer(page);
          await waitOpaque(toast(page, /Resuming the unfinished export/));
          await j.shot('export-resumed-after-reload');
          assert.equal(engineRecord()?.pid, engine.pid, 'the same engine process, not a new one');
          assert.ok(alive(engine.pid), 'the engine process outlived the window');
          const ready = toast(page, /Your video is ready/);
          await ready.waitFor({ timeout: 180_000 });
          await waitOpaque(ready);
          await j.shot('export-done');
          const added = mp4sIn(exportsDir).filter((f) => !before.has(f));
          assert.equal(added.length, 1, `one new MP4 in exports/: ${added.join(', ')}`);
          assert.deepEqual(
            readdirSync(exportsDir).filter((f) => f.includes('.part')),
            [],
            'no partial file left in exports/',
          );
          const file = join(exportsDir, added[0]);

          const v = probe(file);
          assert.deepEqual(
            { width: v.width, height: v.height, video: v.videoCodec, audio: v.audioCodec },
            { width: 1080, height: 1920, video: 'h264', audio: 'aac' },
          );
          assert.ok(v.duration >= 29.5 && v.duration <= 30.5, `about 30 s long: ${v.duration}`);

          // The title: near-white glyphs in the frame while it shows, far fewer after it ends.
          const during = frameAt(
            file,
            Math.min(titleEnd - 0.5, titleStart + 1),
            join(OUT_DIR, 'journey2-local-frame-title.png'),
          );
          const after = frameAt(file, titleEnd + 1.5, join(OUT_DIR, 'journey2-local-frame-after-title.png'));
          assert.ok(frameDifference(during, after) > 2, 'the frames differ');
          const withTitle = whiteShare(during, 0, 1);
          const without = whiteShare(after, 0, 1);
          assert.ok(
            withTitle > without + 0.002,
            `the title's white glyphs show (${(withTitle * 100).toFixed(2)}% vs ${(without * 100).toFixed(2)}% white)`,
          );
          console.log(
            `  journey2: ${v.width}x${v.height} ${v.videoCodec}/${v.audioCodec} ${v.duration.toFixed(2)} s; title "${m[1]}" ${titleStart}–${titleEnd} s, white ${(withTitle * 100).toFixed(2)}% → ${(without * 100).toFixed(2)}%`,
          );
        },
      );
    } finally {
      removeDir(workspace);
    }
  },
);
