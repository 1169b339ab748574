/**
 * Steps several journeys share, each the way a person does it in the workbench, each ending
 * on a condition it waits for (and asserts).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { ALL_MEDIA, MEDIA_FOLDER } from './media';
import type { Journey } from './session';
import {
  chatFrame,
  contextMenu,
  explorerRow,
  messages,
  openContainer,
  runCommand,
  selectInExplorer,
  sendChat,
  timelinePane,
  timelineRow,
  toast,
  waitIdle,
  waitMessage,
  waitOpaque,
} from './ui';

export const PROMO_REQUEST = 'turn these photos into a 30-second promo video with music and text overlays';

export const mp4sIn = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.mp4'))
        .sort()
    : [];

/** Explorer: select the six files → right-click → Upload to Video Generator; `during` runs while the progress shows. */
export async function uploadFromExplorer(j: Journey, during?: () => Promise<void>): Promise<void> {
  const { page } = j;
  await selectInExplorer(page, MEDIA_FOLDER, ALL_MEDIA);
  await contextMenu(page, explorerRow(page, ALL_MEDIA.at(-1)!), 'Upload to Video Generator');
  if (during) await during();
  await openContainer(page);
  await waitMessage(chatFrame(page), 'system', new RegExp(`Added ${ALL_MEDIA.length} files`), 60_000);
  const uploads = timelineRow(page, 'Uploaded media');
  await uploads.waitFor({ timeout: 15_000 });
  assert.match(await uploads.innerText(), new RegExp(`${ALL_MEDIA.length} files`));
  if ((await uploads.getAttribute('aria-expanded')) !== 'true') await uploads.click();
  for (const name of ALL_MEDIA) await timelineRow(page, name).waitFor({ timeout: 10_000 });
}

/** The Timeline lists a video, an audio and a text track (by their icons and names). */
export async function expectTracks(page: Page, names: { video: RegExp; audio: RegExp; text: RegExp }): Promise<void> {
  const pane = timelinePane(page);
  for (const icon of ['device-camera-video', 'music', 'symbol-text']) {
    await pane.locator(`.monaco-list-row .codicon-${icon}`).first().waitFor({ timeout: 30_000 });
  }
  await timelineRow(page, names.video).waitFor();
  await timelineRow(page, names.audio).waitFor();
  await timelineRow(page, names.text).waitFor();
}

/**
 * F1 → Export Video → the progress toast → "Your video is ready" with Open / Reveal / Preview.
 * Returns the new file's name in `exportsDir`.
 */
export async function exportFromPalette(j: Journey, exportsDir: string, timeoutMs = 60_000): Promise<string> {
  const { page } = j;
  const before = new Set(mp4sIn(exportsDir));
  await runCommand(page, 'Video Generator: Export Video');
  await waitOpaque(toast(page, /Exporting video/));
  await j.shot('export-progress');
  const ready = toast(page, /Your video is ready/);
  await ready.waitFor({ timeout: timeoutMs });
  await waitOpaque(ready);
  const added = mp4sIn(exportsDir).filter((f) => !before.has(f));
  assert.equal(added.length, 1, `one new MP4 in exports/: ${added.join(', ')}`);
  assert.match(await ready.innerText(), new RegExp(added[0].replace(/\./g, '\\.')));
  for (const b of ['Open', 'Reveal in Explorer', 'Preview']) {
    await ready.locator('.monaco-button', { hasText: b }).first().waitFor({ timeout: 5_000 });
  }
  await j.shot('export-done');
  return added[0];
}

/** Sends the promo request and waits for the turn to end; returns the assistant texts. */
export async function askForPromo(j: Journey): Promise<string[]> {
  const chat = chatFrame(j.page);
  await sendChat(chat, PROMO_REQUEST);
  await waitMessage(chat, 'user', PROMO_REQUEST);
  await waitIdle(chat, 120_000);
  return messages(chat, 'assistant');
}
