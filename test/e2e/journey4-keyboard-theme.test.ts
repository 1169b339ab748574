/**
 * Journey 4 — keyboard alone, in the high-contrast theme: open the chat from the palette, Tab to
 * the message box, Shift+Enter for a second line, Enter to send, Escape to stop a long reply;
 * then a screenshot of the chat with messages, and measured contrast (no text below 7:1, the
 * WCAG AAA level a high-contrast theme promises) and no clipped text.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { test } from 'node:test';
import { ScriptedAgent } from '../../src/engine/standin/scriptedAgent';
import { startStandIn } from '../../src/engine/standin';
import { makeCreatorWorkspace } from './helpers/media';
import { removeDir, withJourney } from './helpers/session';
import { chatFrame, messages, runCommand, waitBusy, waitFor, waitIdle, waitMessage, waitPhase } from './helpers/ui';
import { clippedText, lowContrastText } from './helpers/readability';

test('journey 4: keyboard only, high-contrast theme', { timeout: 180_000 }, async () => {
  const standIn = await startStandIn({ agent: new ScriptedAgent({ stepMs: 60 }), renderStepMs: 100 });
  const workspace = makeCreatorWorkspace();
  try {
    await withJourney(
      'journey4-keyboard-hc',
      {
        workspace,
        backend: standIn,
        settings: { 'videoGenerator.apiBaseUrl': standIn.url, 'workbench.colorTheme': 'Default High Contrast' },
      },
      async (j) => {
        const { page } = j;
        const chat = chatFrame(page);
        const focused = () =>
          chat.locator('body').evaluate(() => {
            const el = (
              globalThis as unknown as { document: { activeElement: { id: string; tagName: string } | null } }
            ).document.activeElement;
            return el ? el.id || el.tagName : '';
          });

        // F1 → Open Chat, then Tab until the message box has the focus (no mouse anywhere).
        await runCommand(page, 'Video Generator: Open Chat');
        await waitPhase(chat, 'ready');
        await waitFor(
          async () => {
            if ((await focused()) === 'input') return true;
            await page.keyboard.press('Tab');
            return false;
          },
          { timeoutMs: 10_000, intervalMs: 50, what: 'Tab to reach the message box' },
        );

        // Shift+Enter adds a line, Enter sends both lines as one message.
        await page.keyboard.type('Make a 10 second video called "Night Lights"');
        await page.keyboard.press('Shift+Enter');
        await page.keyboard.type('with calm music');
        assert.equal(
          await chat.locator('#input').inputValue(),
          'Make a 10 second video called "Night Lights"\nwith calm music',
        );
        await page.keyboard.press('Enter');
        const users = await waitMessage(chat, 'user', 'with calm music');
        assert.equal(users.at(-1), 'Make a 10 second video called "Night Lights"\nwith calm music');
        await waitMessage(chat, 'assistant', /Night Lights/);
        await waitIdle(chat);
        assert.equal(await focused(), 'input', 'the focus stays in the message box after sending');

        // A long reply, stopped with Escape.
        standIn.faults.stream = 'keepalive-only';
        standIn.faults.keepaliveOnlyMs = 120_000;
        const closed = once(standIn.events, 'sse-close') as Promise<[string, { clientAborted: boolean }]>;
        await page.keyboard.type('add a caption on every photo');
        await page.keyboard.press('Enter');
        await waitBusy(chat);
        await j.shot('hc-busy');
        await page.keyboard.press('Escape');
        const [, info] = await closed;
        assert.equal(info.clientAborted, true, 'Escape cancelled the request (the stand-in saw the connection close)');
        await waitIdle(chat, 10_000);
        await chat.locator('#activity:not([hidden])', { hasText: 'Stopped.' }).waitFor({ timeout: 5_000 });
        standIn.faults.stream = 'normal';

        // And usable again, still by keyboard.
        await page.keyboard.type('credits');
        await page.keyboard.press('Enter');
        await waitMessage(chat, 'assistant', /credits available/);
        await waitIdle(chat);
        assert.ok((await messages(chat, 'user')).length >= 3);

        // High contrast: readable and nothing clipped.
        await j.shot('hc-chat');
        const low = await lowContrastText(chat, 7);
        assert.deepEqual(low, [], `text below 7:1 contrast in the high-contrast theme: ${JSON.stringify(low)}`);
        const clipped = await clippedText(chat);
        assert.deepEqual(clipped, [], `clipped text: ${JSON.stringify(clipped)}`);
      },
    );
  } finally {
    await standIn.close();
    removeDir(workspace);
  }
});
