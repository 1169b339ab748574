/**
 * Journey 6 — a Chinese-speaking creator on the local engine. The workbench itself stays English
 * (no language pack can be installed offline), so the extension is told with
 * `videoGenerator.language: zh-CN`: upload from the Explorer, ask in Chinese, follow up, export
 * from the palette. Everything the extension shows — the chat panel, the Timeline rows, its
 * notifications and its status bar item — must be Chinese: no English sentence (three English
 * words in a row) once product names, file names and numbers are set aside.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { ALL_MEDIA, MEDIA_FOLDER, makeCreatorWorkspace } from './helpers/media';
import { OUT_DIR, removeDir, withJourney } from './helpers/session';
import { mp4sIn } from './helpers/steps';
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
  waitPhase,
} from './helpers/ui';

/** Three English words in a row: a sentence (the CLI's journey uses the same rule). */
const ENGLISH_SENTENCE = /\b[A-Za-z]{2,}(?:[ ,;:'’-]+[A-Za-z]{2,}){2,}\b/;
/** What may stay in Latin letters: product and platform names, formats, the media's own file names. */
const ALLOWED = [
  /Video Generator Free App|Video Generator|NemoVideo|TikTok|Reels|YouTube Shorts|Shorts|ffmpeg|FFmpeg|MP4|H\.264|AAC/g,
  new RegExp(ALL_MEDIA.map((n) => n.replace(/\./g, '\\.')).join('|'), 'g'),
  new RegExp(ALL_MEDIA.map((n) => n.replace(/[-_]?\d*\.\w+$/, '')).join('|'), 'gi'), // titles made from file names ("beach")
  /(?:[\w.-]*\/)+[\w.-]+|[\w-]+\.mp4/g, // paths and exported file names
];

function englishSentences(texts: Record<string, string>): string[] {
  const found: string[] = [];
  for (const [where, text] of Object.entries(texts)) {
    for (const line of text.split('\n')) {
      const rest = ALLOWED.reduce((s, re) => s.replace(re, ' '), line);
      if (ENGLISH_SENTENCE.test(rest)) found.push(`${where}: ${line.trim()}`);
    }
  }
  return found;
}

/** Every notification toast shown during the journey, collected as it appears (toasts fade away). */
async function recordToasts(page: Page): Promise<void> {
  await page.evaluate(() => {
    const g = globalThis as unknown as {
      __vgToasts: string[];
      document: { body: unknown; querySelectorAll(s: string): Array<{ innerText: string }> };
      MutationObserver: new (cb: () => void) => { observe(n: unknown, o: object): void };
    };
    g.__vgToasts = [];
    const seen = new Set<string>();
    new g.MutationObserver(() => {
      for (const el of g.document.querySelectorAll('.notifications-toasts .notification-list-item')) {
        const text = el.innerText.trim();
        if (text && !seen.has(text)) {
          seen.add(text);
          g.__vgToasts.push(text);
        }
      }
    }).observe(g.document.body, { childList: true, subtree: true, characterData: true });
  });
}
const recordedToasts = (page: Page): Promise<string[]> =>
  page.evaluate(() => (globalThis as unknown as { __vgToasts: string[] }).__vgToasts);

/** Our status bar item (its DOM id carries the extension's id and the item's id). */
const statusItem = (page: Page) => page.locator('.statusbar-item[id*="videoGenerator.credits"]').first();

test('journey 6: the local flow in Chinese shows no English sentence', { timeout: 240_000 }, async () => {
  const workspace = makeCreatorWorkspace();
  try {
    await withJourney(
      'journey6-chinese',
      {
        workspace,
        settings: {
          'videoGenerator.backend': 'local',
          'videoGenerator.language': 'zh-CN',
          'videoGenerator.pollIntervalCapSeconds': 2,
        },
      },
      async (j) => {
        const { page } = j;
        const chat = chatFrame(page);
        await recordToasts(page);
        await openContainer(page);
        await waitPhase(chat, 'ready', 60_000);
        assert.equal(await chat.locator('#status-text').innerText(), '就绪');
        const welcome = await chat.locator('body').innerText();
        await j.shot('ready');

        // Explorer → Upload to Video Generator (VS Code's own menu is English; our words are not).
        await selectInExplorer(page, MEDIA_FOLDER, ALL_MEDIA);
        await contextMenu(page, explorerRow(page, ALL_MEDIA.at(-1)!), 'Upload to Video Generator');
        await openContainer(page);
        await waitMessage(chat, 'system', new RegExp(`已添加 ${ALL_MEDIA.length} 个文件`), 60_000);
        const uploads = timelineRow(page, '已上传的素材');
        await uploads.waitFor({ timeout: 15_000 });
        if ((await uploads.getAttribute('aria-expanded')) !== 'true') await uploads.click();

        const request = '把这些照片做成30秒的宣传视频，配上音乐和文字，标题是“夏日海边”';
        await sendChat(chat, request);
        await waitMessage(chat, 'user', request);
        await waitIdle(chat, 120_000);
        await timelineRow(page, /夏日海边/).waitFor({ timeout: 30_000 });
        await sendChat(chat, '节奏快一点');
        await waitMessage(chat, 'user', '节奏快一点');
        await waitIdle(chat, 60_000);
        await sendChat(chat, '余额');
        await waitIdle(chat, 30_000);
        await j.shot('chat-and-timeline');

        const exportsDir = join(workspace, 'exports');
        await runCommand(page, 'Video Generator: Export Video');
        await waitOpaque(toast(page, /正在导出视频/));
        await j.shot('export-progress');
        const ready = toast(page, /你的视频已生成/);
        await ready.waitFor({ timeout: 150_000 });
        await waitOpaque(ready);
        assert.equal(mp4sIn(exportsDir).length, 1, 'the export wrote one MP4');
        await j.shot('export-done');

        // Expand every Timeline row so each segment's label is on screen, then read the views.
        for (let i = 0; i < 20; i++) {
          const collapsed = timelinePane(page).locator('.monaco-list-row[aria-expanded="false"]');
          if (!(await collapsed.count())) break;
          await collapsed.first().click();
        }
        const texts: Record<string, string> = {
          'chat (first open)': welcome,
          chat: await chat.locator('body').innerText(),
          'chat (placeholder, labels)': await chat
            .locator('[placeholder], [aria-label], [title]')
            .evaluateAll((els) =>
              els
                .map((e) => ['placeholder', 'aria-label', 'title'].map((a) => e.getAttribute(a) ?? '').join('\n'))
                .join('\n'),
            ),
          timeline: await timelinePane(page).locator('.pane-body').innerText(),
          'timeline (tooltips)': (
            await timelinePane(page)
              .locator('.monaco-list-row')
              .evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''))
          ).join('\n'),
          'status bar': `${await statusItem(page).innerText()}\n${(await statusItem(page).getAttribute('aria-label')) ?? ''}`,
          notifications: (await recordedToasts(page)).join('\n'),
        };
        writeFileSync(join(OUT_DIR, 'journey6-chinese-texts.json'), JSON.stringify(texts, null, 2)); // for a person to read
        console.log(
          `  journey6: ${Object.entries(texts)
            .map(([k, v]) => `${k} ${v.length} chars`)
            .join(', ')}`,
        );
        assert.ok(
          (await recordedToasts(page)).length >= 2,
          `the journey's notifications were seen: ${JSON.stringify(await recordedToasts(page))}`,
        );
        assert.ok((await messages(chat, 'assistant')).length >= 3, 'three replies');
        for (const [where, text] of Object.entries(texts)) {
          if (where !== 'chat (placeholder, labels)')
            assert.match(text, /[\u4e00-\u9fff]/, `${where} is in Chinese: ${text.slice(0, 200)}`);
        }
        assert.deepEqual(
          englishSentences(texts),
          [],
          'English sentences the extension showed with videoGenerator.language zh-CN',
        );
      },
    );
  } finally {
    removeDir(workspace);
  }
});

test('the English-sentence rule finds what it is for', { timeout: 5_000 }, () => {
  assert.deepEqual(
    englishSentences({
      a: 'Your video is ready: beach-01.mp4',
      b: '你的视频已生成：/tmp/x/promo-1.mp4',
      c: '视频：beach-01.jpg, city-02.jpg 等',
      d: 'Video Generator Free App 积分',
    }),
    ['a: Your video is ready: beach-01.mp4'],
  );
});
