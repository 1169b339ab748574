/**
 * The real UI as a person sees it (VS Code 1.139 DOM under code-server): the Explorer, the
 * Video Generator container, its chat webview (two iframes deep), the Timeline tree and
 * notification toasts. Every wait is on a condition, never a fixed sleep.
 */
import type { FrameLocator, Locator, Page } from 'playwright-core';
import type * as CodeServerLib from '../../../scripts/lib/codeServer.mjs' with { 'resolution-mode': 'import' };
import { codeServerLib } from './harness';

export const waitFor: typeof CodeServerLib.waitFor = async (check, opts) =>
  (await codeServerLib()).waitFor(check, opts);
export const runCommand: typeof CodeServerLib.runCommand = async (page, title, opts) =>
  (await codeServerLib()).runCommand(page, title, opts);

/**
 * The few DOM shapes the in-page callbacks use: the project compiles without the DOM library,
 * and the callbacks run in the browser, so they reach the page's globals through these.
 */
interface PageNode {
  parentElement: PageNode | null;
  getRootNode(): { host?: PageNode };
  textContent: string | null;
  querySelectorAll(selector: string): Iterable<PageNode>;
}
interface PageVideo {
  readyState: number;
  videoWidth: number;
  videoHeight: number;
  duration: number;
  currentTime: number;
  paused: boolean;
  /** Chromium only: audio bytes decoded so far. */
  webkitAudioDecodedByteCount?: number;
}
interface Seen {
  bodies: string[];
  activity: string[];
}
interface PageGlobals {
  getComputedStyle(n: PageNode): { opacity: string };
  MutationObserver: new (cb: () => void) => { observe(n: PageNode, o: Record<string, boolean>): void };
  document: { querySelector(selector: 'video'): PageVideo | null };
  __vgSeen?: Seen;
}

/**
 * The chat panel's document (an image preview is a webview too, of another extension). Our
 * video Preview panel is also our webview: close it before using the chat again (a view that
 * was hidden and shown again loses the `purpose=webviewView` mark, so that cannot tell them apart).
 */
export function chatFrame(page: Page): FrameLocator {
  return page
    .frameLocator('iframe.webview.ready[src*="extensionId=video-generator-free-app"]')
    .frameLocator('iframe#active-frame');
}

/** Opens the Video Generator container from the activity bar (idempotent). */
export async function openContainer(page: Page): Promise<void> {
  const item = page.locator('.activitybar .action-item a[aria-label^="Video Generator"]');
  await item.waitFor({ timeout: 30_000 });
  // Clicking the item of the open container would close the side bar.
  if (!(await page.locator('.activitybar .action-item.checked a[aria-label^="Video Generator"]').count()))
    await item.click();
  await chatFrame(page).locator('#input').waitFor({ timeout: 30_000 });
}

/** Shows the Explorer in the side bar (idempotent). */
export async function openExplorer(page: Page): Promise<void> {
  if (!(await page.locator('.activitybar .action-item.checked a[aria-label^="Explorer"]').count())) {
    await page.locator('.activitybar .action-item a[aria-label^="Explorer"]').click();
  }
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 15_000 });
}

export function explorerRow(page: Page, name: string): Locator {
  return page
    .locator('.explorer-folders-view .monaco-list-row', { has: page.locator('.label-name', { hasText: name }) })
    .first();
}

/** Multi-selects files in the Explorer (folder expanded first), then opens the context menu on the last. */
export async function selectInExplorer(page: Page, folder: string, names: string[]): Promise<void> {
  await openExplorer(page);
  const folderRow = explorerRow(page, folder);
  if ((await folderRow.getAttribute('aria-expanded')) !== 'true') await folderRow.click();
  await explorerRow(page, names[0]).waitFor();
  await explorerRow(page, names[0]).click();
  for (const n of names.slice(1)) await explorerRow(page, n).click({ modifiers: ['Control'] });
  await waitFor(
    async () => (await page.locator('.explorer-folders-view .monaco-list-row.selected').count()) === names.length,
    { timeoutMs: 5_000, what: `${names.length} selected Explorer rows` },
  );
}

/** Right-click → menu entry; waits for the menu to fade in and, after the click, to go away. */
export async function contextMenu(page: Page, row: Locator, entry: string): Promise<void> {
  await row.click({ button: 'right' });
  const item = page.locator('.monaco-menu .action-item', { hasText: entry });
  await item.waitFor({ timeout: 15_000 });
  await waitOpaque(item);
  return item.click().then(() =>
    page
      .locator('.monaco-menu')
      .waitFor({ state: 'detached', timeout: 5_000 })
      .catch(() => undefined),
  );
}

/** Waits until the element and its ancestors are fully opaque (menus and toasts fade in). */
export async function waitOpaque(target: Locator): Promise<void> {
  await target.waitFor();
  await waitFor(
    () =>
      target.evaluate((el: PageNode) => {
        const g = globalThis as unknown as PageGlobals;
        for (let n: PageNode | null = el; n; n = n.parentElement ?? n.getRootNode().host ?? null) {
          if (Number(g.getComputedStyle(n).opacity) < 1) return false;
        }
        return true;
      }),
    { timeoutMs: 5_000, intervalMs: 50, what: 'the element to be fully shown' },
  );
}

/** A notification toast containing `text` (toasts are shown: no smoke-test driver here). */
export function toast(page: Page, text: string | RegExp): Locator {
  return page.locator('.notifications-toasts .notification-list-item', { hasText: text }).first();
}

/** The Timeline view's pane inside the container. */
export function timelinePane(page: Page): Locator {
  return page.locator('.pane', { has: page.locator('.pane-header', { hasText: /^Timeline/ }) }).first();
}

export function timelineRow(page: Page, text: string | RegExp): Locator {
  return timelinePane(page).locator('.monaco-list-row', { hasText: text }).first();
}

// ---- chat ----------------------------------------------------------------------------------

export async function waitPhase(
  chat: FrameLocator,
  phase: 'connecting' | 'ready' | 'error' | 'idle',
  timeout = 30_000,
): Promise<void> {
  await chat.locator(`#status[data-phase="${phase}"]`).waitFor({ state: 'attached', timeout });
}

/** Types into the message box and presses Enter (the person's way to send). */
export async function sendChat(chat: FrameLocator, text: string): Promise<void> {
  const input = chat.locator('#input');
  await input.click();
  await input.fill(text);
  await input.press('Enter');
}

/** The turn ended: Send is back and the panel is not busy. */
export async function waitIdle(chat: FrameLocator, timeout = 60_000): Promise<void> {
  await chat.locator('body:not(.busy) #send:not([hidden])').waitFor({ timeout });
}

export async function waitBusy(chat: FrameLocator, timeout = 30_000): Promise<void> {
  await chat.locator('body.busy #stop:not([hidden])').waitFor({ timeout });
}

/** The text of every message of a role, in order. */
export function messages(chat: FrameLocator, role: 'user' | 'assistant' | 'system'): Promise<string[]> {
  return chat.locator(`.message-${role} .body`).allInnerTexts();
}

/** Waits until a message of `role` contains `text`; returns all texts of that role then. */
export async function waitMessage(
  chat: FrameLocator,
  role: 'user' | 'assistant' | 'system',
  text: string | RegExp,
  timeout = 30_000,
): Promise<string[]> {
  await chat.locator(`.message-${role} .body`, { hasText: text }).first().waitFor({ timeout });
  return messages(chat, role);
}

/**
 * Starts recording what the chat log shows at every DOM change (assistant body texts and
 * activity lines), so a test can prove the reply streamed in pieces and tool activity showed.
 */
export async function recordChat(chat: FrameLocator): Promise<void> {
  await chat.locator('#log').evaluate((log: PageNode) => {
    const g = globalThis as unknown as PageGlobals;
    const seen: Seen = { bodies: [], activity: [] };
    g.__vgSeen = seen;
    new g.MutationObserver(() => {
      const bodies = [...log.querySelectorAll('.message-assistant .body')]
        .map((b) => b.textContent ?? '')
        .join('\u241E');
      if (seen.bodies.at(-1) !== bodies) seen.bodies.push(bodies);
      for (const a of log.querySelectorAll('.activity:not([hidden]), .working:not([hidden])')) {
        const t = a.textContent ?? '';
        if (t && !seen.activity.includes(t)) seen.activity.push(t);
      }
    }).observe(log, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

export async function recorded(chat: FrameLocator): Promise<Seen> {
  const seen = await chat.locator('#log').evaluate(() => (globalThis as unknown as PageGlobals).__vgSeen);
  if (!seen) throw new Error('recordChat() was not called on this chat document');
  return seen;
}

/** All HTML the browser holds right now: the workbench and every frame (webviews included). */
/**
 * The exported-video Preview panel's <video> once its metadata loaded (a frame that holds a
 * <video>; found by content, as all webviews look alike from outside).
 */
export async function previewVideo(
  page: Page,
  timeoutMs = 20_000,
): Promise<{ width: number; height: number; duration: number }> {
  return waitFor(
    async () => {
      for (const f of page.frames()) {
        const v = await f
          .evaluate(() => {
            const el = (globalThis as unknown as PageGlobals).document.querySelector('video');
            return el && el.readyState >= 1
              ? { width: el.videoWidth, height: el.videoHeight, duration: el.duration }
              : undefined;
          })
          .catch(() => undefined);
        if (v) return v;
      }
      return undefined;
    },
    { timeoutMs, what: 'the Preview panel to load the video' },
  );
}

/**
 * The draft Preview panel playing: starts its <video> if the browser held autoplay back (a
 * click on the element, as a person does), then waits until its position moves on by
 * `advanceS` seconds of playback. Returns what the element says (size, length, position,
 * Chromium's count of decoded audio bytes).
 */
export async function playingPreview(
  page: Page,
  advanceS = 1,
  timeoutMs = 30_000,
): Promise<{ width: number; height: number; duration: number; from: number; to: number; audioBytes: number }> {
  const read = async () => {
    for (const f of page.frames()) {
      const v = await f
        .evaluate(() => {
          const el = (globalThis as unknown as PageGlobals).document.querySelector('video');
          return el && el.readyState >= 1
            ? {
                width: el.videoWidth,
                height: el.videoHeight,
                duration: el.duration,
                time: el.currentTime,
                paused: el.paused,
                audioBytes:
                  (el as unknown as { webkitAudioDecodedByteCount?: number }).webkitAudioDecodedByteCount ?? 0,
              }
            : undefined;
        })
        .catch(() => undefined);
      if (v) return { frame: f, ...v };
    }
    return undefined;
  };
  const first = await waitFor(read, { timeoutMs, what: 'the Preview panel to load the video' });
  const from = first.time;
  // A click on a <video> with controls toggles it, and autoplay may start just after a read
  // saw it paused (autoplay waits for enough data): so a click that paused a starting video is
  // undone by the next one. Clicks are spaced so playback can show between them.
  let lastClick = 0;
  let seen: Awaited<ReturnType<typeof read>>;
  const last = await waitFor(
    async () => {
      const v = await read();
      seen = v;
      if (v && v.paused && Date.now() - lastClick > 3_000) {
        lastClick = Date.now();
        await v.frame
          .locator('video')
          .click({ timeout: 5_000 })
          .catch(() => undefined);
      }
      return v && v.time >= from + advanceS ? v : undefined;
    },
    { timeoutMs, what: `the preview to play ${advanceS} s` },
  ).catch((e: Error) => {
    const { frame: _frame, ...state } = seen ?? {};
    throw new Error(`${e.message}; the video last said ${JSON.stringify(state)}`);
  });
  return {
    width: last.width,
    height: last.height,
    duration: last.duration,
    from,
    to: last.time,
    audioBytes: last.audioBytes,
  };
}

export async function allDomHtml(page: Page): Promise<string> {
  const parts: string[] = [];
  for (const f of page.frames()) parts.push(await f.content().catch(() => ''));
  return parts.join('\n');
}
