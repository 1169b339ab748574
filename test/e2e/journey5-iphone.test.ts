/**
 * Journey 5 — iPhone photos on the free local engine: HEIC files in the Explorer get the
 * "Upload to Video Generator" entry, are converted to JPEG on this machine, and the chat and a
 * notification name every file that arrived (and which were converted).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeHeic } from '../support/heic';
import { removeDir, withJourney } from './helpers/session';
import { chatFrame, contextMenu, explorerRow, openContainer, selectInExplorer, toast, waitMessage, waitOpaque, waitPhase } from './helpers/ui';

const FILES = ['IMG_0001.HEIC', 'IMG_0002.heic', 'song.wav'];

function makeIphoneWorkspace(): string {
  const ws = mkdtempSync(join(tmpdir(), 'vg-e2e-iphone-'));
  const dir = join(ws, 'camera-roll');
  mkdirSync(dir);
  writeHeic(join(dir, FILES[0]), 320, 240, 6); // portrait when shown, landscape as stored
  writeHeic(join(dir, FILES[1]), 320, 240);
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'sine=f=440:d=3', join(dir, FILES[2])]);
  return ws;
}

test('journey 5: iPhone photos upload from the Explorer as JPEGs, every file named', { timeout: 180_000 }, async () => {
  const workspace = makeIphoneWorkspace();
  try {
    await withJourney('journey5-iphone', { workspace, settings: { 'videoGenerator.backend': 'local' } }, async (j) => {
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
      assert.match(await done.innerText(), /IMG_0001\.jpg, IMG_0002\.jpg, song\.wav.*Converted 2 iPhone photos \(HEIC\) to JPEG.*IMG_0001\.HEIC, IMG_0002\.heic/s);
      await j.shot('heic-uploaded-toast');
      await openContainer(page);
      await waitMessage(chat, 'system', /Added 3 files: IMG_0001\.jpg, IMG_0002\.jpg, song\.wav\s+Converted 2 iPhone photos/, 15_000);
      await j.shot('heic-uploaded-chat');
    });
  } finally {
    removeDir(workspace);
  }
});
