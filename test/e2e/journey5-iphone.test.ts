/**
 * Journey 5 — iPhone photos on the free local engine: HEIC files in the Explorer get the
 * "Upload to Video Generator" entry, are converted to JPEG on this machine, and the chat and a
 * notification name every file that arrived (and which were converted). A turn that makes the
 * video shows a strip of its frames under the reply. In the light theme.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeHeic } from '../support/heic';
import { removeDir, withJourney } from './helpers/session';
import {
  chatFrame,
  contextMenu,
  explorerRow,
  openContainer,
  selectInExplorer,
  sendChat,
  toast,
  waitFor,
  waitIdle,
  waitMessage,
  waitOpaque,
  waitPhase,
} from './helpers/ui';

const FILES = ['IMG_0001.HEIC', 'IMG_0002.heic', 'song.wav'];

function makeIphoneWorkspace(): string {
  const ws = mkdtempSync(join(tmpdir(), 'vg-e2e-iphone-'));
  const dir = join(ws, 'camera-roll');
  mkdirSync(dir);
  writeHeic(join(dir, FILES[0]), 320, 240, 6); // portrait when shown, landscape as stored
  writeHeic(join(dir, FILES[1]), 320, 240);
  execFileSync('ffmpeg', [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    'sine=f=440:d=3',
    join(dir, FILES[2]),
  ]);
  return ws;
}

test('journey 5: iPhone photos upload from the Explorer as JPEGs, every file named', { timeout: 180_000 }, async () => {
  const workspace = makeIphoneWorkspace();
  try {
    await withJourney(
      'journey5-iphone',
      { workspace, settings: { 'videoGenerator.backend': 'local', 'workbench.colorTheme': 'Default Light Modern' } },
      async (j) => {
        const { page } = j;
        const chat = chatFrame(page);
        await openContainer(page);
        await waitPhase(chat, 'ready', 60_000);
        await selectInExplorer(page, 'camera-roll', FILES);
        await j.shot('heic-selected');
        await contextMenu(page, explorerRow(page, FILES[0]), 'Upload to Video Generator');
        const done = toast(page, /Added 3 files/);
        await done.waitFor({ timeout: 60_000 });
        await waitOpaque(done);
        assert.match(
          await done.innerText(),
          /IMG_0001\.jpg, IMG_0002\.jpg, song\.wav.*Converted 2 iPhone photos \(HEIC\) to JPEG.*IMG_0001\.HEIC, IMG_0002\.heic/s,
        );
        await j.shot('heic-uploaded-toast');
        await openContainer(page);
        await waitMessage(
          chat,
          'system',
          /Added 3 files: IMG_0001\.jpg, IMG_0002\.jpg, song\.wav\s+Converted 2 iPhone photos/,
          15_000,
        );
        await j.shot('heic-uploaded-chat');

        // A turn that makes the video: a strip of frames of the new version appears under the reply.
        await sendChat(chat, 'make a 8 second video from these photos with the song');
        await waitIdle(chat, 120_000);
        const strip = chat.locator('.message-assistant .thumbs:not([hidden]) img');
        await waitFor(
          async () =>
            (await strip.count()) === 4 &&
            (await strip.evaluateAll((imgs) =>
              imgs.every((i) => (i as unknown as { naturalWidth: number }).naturalWidth > 0),
            )),
          { timeoutMs: 60_000, what: 'four loaded thumbnails under the reply' },
        );
        const captions = await chat.locator('.message-assistant .thumbs figcaption').allInnerTexts();
        const secs = captions.map((c) => {
          const [m, s] = c.split(':').map(Number);
          return m * 60 + s;
        });
        assert.ok(
          captions.every((c) => /^\d+:\d\d$/.test(c)) && secs.every((s, i) => i === 0 || s > secs[i - 1]),
          `times in order: ${captions.join(' ')}`,
        );
        await j.shot('thumbnails-strip');
      },
    );
  } finally {
    removeDir(workspace);
  }
});
