#!/usr/bin/env node
// Screenshots of the extension in the real workbench (code-server + headless Chromium) for a
// person to look at: the Explorer context menu, the chat panel mid-stream, the Timeline tree,
// in a dark and a light theme. Backend: the stand-in, with a slow agent so a stream is caught
// in flight. Output: test-results/screens/*.png (git-ignored).
//
//   node --import tsx scripts/screens.mjs [--theme dark|light|both]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { setupVscode } from './setup-vscode.mjs';
import { startCodeServer, launchBrowser, openWorkbench } from './lib/codeServer.mjs';

const root = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
process.chdir(root);
const out = join(root, 'test-results', 'screens');
const arg = process.argv[process.argv.indexOf('--theme') + 1];
const themes = arg === 'light' ? ['light'] : arg === 'dark' ? ['dark'] : ['dark', 'light'];
const THEME = { dark: 'Default Dark Modern', light: 'Default Light Modern' };

/** A solid-colour PNG (no image tools needed). */
function png(w, h, [r, g, b]) {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const x of buf) c = table[(c ^ x) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: w }, () => [r, g, b]).flat())]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: h }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function scenario(theme, paths) {
  const { startStandIn } = await import('../src/engine/standin/index.ts');
  const { ScriptedAgent } = await import('../src/engine/standin/scriptedAgent.ts');
  const standIn = await startStandIn({ agent: new ScriptedAgent({ stepMs: 700 }), renderStepMs: 200 });
  const workspace = mkdtempSync(join(tmpdir(), 'vg-screens-ws-'));
  const hold = join(workspace, '..', `${workspace.split('/').pop()}-hold.js`);
  writeFileSync(hold, 'exports.run = () => new Promise(() => {});\n');
  mkdirSync(join(workspace, 'photos'));
  const colours = [
    [220, 80, 60],
    [60, 140, 220],
    [240, 190, 40],
  ];
  ['beach.png', 'city.png', 'sunset.png'].forEach((n, i) =>
    writeFileSync(join(workspace, 'photos', n), png(96, 64, colours[i])),
  );
  writeFileSync(join(workspace, 'notes.txt'), 'not media\n');
  const server = await startCodeServer({
    paths,
    // Needed for the workbench to honour the development-extension payload.
    extraArgs: ['--vscode-option', 'enable-smoke-test-driver'],
    settings: {
      'workbench.colorTheme': THEME[theme],
      'videoGenerator.apiBaseUrl': standIn.url,
      'explorer.autoReveal': false,
    },
  });
  const browser = await launchBrowser({ executablePath: paths.chromium, viewport: { width: 1280, height: 800 } });
  const shot = (name) => browser.page.screenshot({ path: join(out, `${theme}-${name}.png`) });
  try {
    const { page } = browser;
    await openWorkbench(page, server.url, {
      folder: workspace,
      // The development extension loads only together with a tests module; this one never ends.
      payload: [
        ['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${server.port}${root}`],
        ['extensionTestsPath', `vscode-remote://127.0.0.1:${server.port}${hold}`],
      ],
    });
    // First run: the chat's empty state (welcome, example requests, where videos are made).
    await page.locator('.activitybar .action-item a[aria-label^="Video Generator"]').click();
    const firstChat = page
      .frameLocator('iframe.webview.ready[src*="extensionId=video-generator-free-app"]')
      .frameLocator('iframe#active-frame');
    await firstChat.locator('#status[data-phase="ready"]').waitFor({ timeout: 60_000 });
    await firstChat.locator('.welcome:not([hidden])').waitFor({ timeout: 10_000 });
    await shot('chat-welcome');
    await page.locator('.activitybar .action-item a[aria-label^="Explorer"]').click();

    // Explorer: expand photos/, select two files, open the context menu.
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'photos' }).click();
    const beach = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'beach.png' });
    const city = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'city.png' });
    await beach.click();
    await city.click({ modifiers: ['Control'] });
    await city.click({ button: 'right' });
    const entry = page.locator('.monaco-menu .action-item', { hasText: 'Upload to Video Generator' });
    await entry.waitFor({ timeout: 15_000 });
    // The menu fades in: shoot once it and its ancestors are fully opaque.
    const opaque = () =>
      entry.evaluate((el) => {
        for (let n = el; n; n = n.parentElement ?? n.getRootNode().host)
          if (Number(getComputedStyle(n).opacity) < 1) return false;
        return true;
      });
    for (let i = 0; i < 50 && !(await opaque()); i++) await page.waitForTimeout(50);
    await shot('explorer-context-menu');
    await entry.click();
    await page
      .locator('.monaco-menu')
      .waitFor({ state: 'detached' })
      .catch(() => {});

    // The chat: open the container, wait for Ready, send, catch the stream in flight.
    await page
      .locator('.activitybar .action-item a[aria-label^="Video Generator"]')
      .click()
      .catch(() => {});
    // Our webview (the image preview of beach.png is a webview too).
    const chat = page
      .frameLocator('iframe.webview.ready[src*="extensionId=video-generator-free-app"]')
      .frameLocator('iframe#active-frame');
    await chat.locator('#status[data-phase="ready"]').waitFor({ timeout: 60_000 });
    await chat.locator('#input').fill('Turn these photos into a 15 second promo called "Urban Dreams" with music');
    await chat.locator('#input').press('Enter');
    await chat.locator('.working:not([hidden])').waitFor({ timeout: 10_000 });
    await shot('chat-working');
    await chat.locator('.message-assistant .body').filter({ hasText: /\S/ }).first().waitFor({ timeout: 30_000 });
    await shot('chat-mid-stream');
    await chat.locator('#send:not([hidden])').waitFor({ timeout: 60_000 });
    // Timeline: refreshed after the turn; expand and look.
    await page.locator('.pane-header', { hasText: 'Timeline' }).first().scrollIntoViewIfNeeded();
    await page.locator('.monaco-list-row', { hasText: 'Uploaded media' }).first().waitFor({ timeout: 30_000 });
    await page.locator('.monaco-list-row', { hasText: 'Uploaded media' }).first().click();
    await shot('chat-and-timeline');
    // A segment row (its time span is the description: "0.0–7.5 s"; the split depends on the plan).
    const seg = page.locator('.monaco-list-row', { hasText: /\d\.\d–\d+\.\d s/ }).first();
    await seg.hover({ timeout: 15_000 });
    await page
      .locator('.monaco-hover, .workbench-hover')
      .first()
      .waitFor({ timeout: 5_000 })
      .catch(() => {});
    await shot('timeline-hover');
    // The cloud becomes unreachable: the error banner offers the free local engine.
    await standIn.close();
    await chat.locator('#input').fill('Make the title bigger');
    await chat.locator('#input').press('Enter');
    await chat.locator('#error:not([hidden])').waitFor({ timeout: 60_000 });
    await page.mouse.move(1200, 700);
    await shot('chat-error-offers-local');
    console.log(`screens: ${theme} done`);
  } catch (e) {
    await shot('failure').catch(() => {});
    console.error(
      server
        .readLog()
        .split('\n')
        .filter((l) => /video-generator|extension/i.test(l))
        .slice(-20)
        .join('\n'),
    );
    throw e;
  } finally {
    await browser.close();
    await server.stop();
    await standIn.close().catch(() => {});
    rmSync(workspace, { recursive: true, force: true });
    rmSync(hold, { force: true });
  }
}

const build = spawnSync(process.execPath, ['esbuild.mjs'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(1);
mkdirSync(out, { recursive: true });
const paths = setupVscode();
for (const theme of themes) await scenario(theme, paths);
console.log(`screens: ${out}`);
