/**
 * Journey 1 — the cloud flow against the stand-in server (scripted agent), as a creator does it
 * in the real workbench: connect on a fresh profile, upload six files from the Explorer, ask
 * for a promo in the chat, watch the timeline fill, export from the palette, then the two short
 * commands ("credits", "导出") that are answered without the chat stream. Finally: the token
 * lives in SecretStorage (a reload needs no new token) and never shows in the DOM, settings,
 * the workspace or the extension's logs.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { startStandIn } from '../../src/engine/standin';
import { ScriptedAgent } from '../../src/engine/standin/scriptedAgent';
import { makeCreatorWorkspace } from './helpers/media';
import { PROMO_REQUEST, expectTracks, exportFromPalette, mp4sIn, uploadFromExplorer } from './helpers/steps';
import { removeDir, withJourney } from './helpers/session';
import { scanFilesForSecret, scanTextsForSecret } from './helpers/secrets';
import {
  allDomHtml,
  chatFrame,
  messages,
  openContainer,
  previewVideo,
  recordChat,
  recorded,
  runCommand,
  sendChat,
  toast,
  waitFor,
  waitIdle,
  waitMessage,
  waitOpaque,
  waitPhase,
} from './helpers/ui';

const REQUEST = PROMO_REQUEST;

test('journey 1: cloud flow against the stand-in server', { timeout: 180_000 }, async () => {
  const standIn = await startStandIn({ agent: new ScriptedAgent({ stepMs: 250 }), renderStepMs: 150 });
  const workspace = makeCreatorWorkspace();
  const count = (method: string, path: RegExp) =>
    standIn.requests.filter((r) => r.method === method && path.test(r.path)).length;
  try {
    await withJourney(
      'journey1-cloud',
      {
        workspace,
        backend: standIn,
        settings: {
          'videoGenerator.backend': 'cloud',
          'videoGenerator.apiBaseUrl': standIn.url,
          'videoGenerator.pollIntervalCapSeconds': 2,
        },
      },
      async (j) => {
        const { page } = j;
        const chat = chatFrame(page);

        // Fresh profile, no token: Connecting… (the backend is slowed so a person can see it) then Ready.
        assert.equal(count('POST', /anonymous-token/), 0, 'nothing contacted before the panel opens');
        standIn.faults.slowMs = 1_500;
        await openContainer(page);
        await waitPhase(chat, 'connecting');
        assert.match(await chat.locator('#status-text').innerText(), /Connecting/);
        await j.shot('connecting');
        standIn.faults.slowMs = undefined;
        await waitPhase(chat, 'ready');
        assert.equal(await chat.locator('#status-text').innerText(), 'Ready');
        assert.equal(count('POST', /anonymous-token/), 1, 'one anonymous token was fetched');
        await j.shot('ready');

        // Explorer: select the six files → right-click → Upload to Video Generator → progress → Timeline.
        standIn.faults.slowMs = 800; // long enough to see the progress notification
        await uploadFromExplorer(j, async () => {
          await waitOpaque(toast(page, /Uploading 6 files/));
          await j.shot('upload-progress');
          standIn.faults.slowMs = undefined;
        });
        assert.equal(count('POST', /upload-video/), 1, 'one upload request for the six files');
        await j.shot('uploaded');

        // The request: streamed text, quiet tool activity, one reply.
        await recordChat(chat);
        const sseBefore = count('POST', /run_sse/);
        await sendChat(chat, REQUEST);
        await waitMessage(chat, 'user', REQUEST);
        // Caught mid-stream: some words of the reply, not yet its end.
        await chat.locator('.message-assistant .body', { hasText: /\S/ }).first().waitFor({ timeout: 30_000 });
        if (!/Click Export/.test((await messages(chat, 'assistant')).join(' '))) await j.shot('chat-streaming');
        await waitIdle(chat);
        const replies = (await messages(chat, 'assistant')).filter((t) => /30-second video/.test(t));
        assert.equal(
          replies.length,
          1,
          `the reply appears exactly once: ${JSON.stringify(await messages(chat, 'assistant'))}`,
        );
        const seen = await recorded(chat);
        const partial = seen.bodies.filter((b) => b.length > 0 && !b.includes('Click Export'));
        assert.ok(partial.length >= 2, `the reply streamed in pieces (saw ${seen.bodies.length} states)`);
        // A working row from the start, then what the agent does in a person's words (no tool names).
        assert.ok(
          seen.activity.some((a) => /Working on your request/.test(a)),
          `working row shown: ${JSON.stringify(seen.activity)}`,
        );
        assert.ok(
          seen.activity.some((a) => /Editing the timeline…/.test(a)),
          `tool activity shown: ${JSON.stringify(seen.activity)}`,
        );
        assert.ok(
          !seen.activity.some((a) => /_timeline/.test(a)),
          `no internal tool names: ${JSON.stringify(seen.activity)}`,
        );
        assert.equal(
          await chat.locator('.message-assistant .activity:not([hidden]), .working:not([hidden])').count(),
          0,
          'tool activity cleared after the turn',
        );
        assert.equal(count('POST', /run_sse/), sseBefore + 1);
        await j.shot('chat-reply');

        // The Timeline: video, audio and text tracks.
        await expectTracks(page, { video: /^Video/, audio: /^BGM/, text: /^Title/ });
        await j.shot('timeline');

        // F1 → Export Video → progress → exports/*.mp4 → Open / Reveal / Preview.
        const exportsDir = join(workspace, 'exports');
        const file = await exportFromPalette(j, exportsDir);
        assert.equal(readFileSync(join(exportsDir, file)).subarray(4, 8).toString(), 'ftyp', 'an MP4 file');
        const ready = toast(page, /Your video is ready/);
        await ready.locator('.monaco-button', { hasText: 'Preview' }).first().click();
        await page.locator('.tab', { hasText: file }).first().waitFor({ timeout: 15_000 });
        const video = await previewVideo(page);
        assert.ok(
          video.width > 0 && video.height > 0 && video.duration > 0,
          `the Preview plays the MP4: ${JSON.stringify(video)}`,
        );
        await j.shot('export-preview');
        await runCommand(page, 'View: Close All Editors');
        await page.locator('.tab').first().waitFor({ state: 'detached', timeout: 10_000 });

        // "credits": answered from the credits endpoint, no stream.
        await openContainer(page);
        const sse = count('POST', /run_sse/);
        const creditCalls = count('GET', /credits\/balance/);
        await sendChat(chat, 'credits');
        await waitMessage(chat, 'assistant', /credit/i);
        await waitIdle(chat);
        assert.equal(count('POST', /run_sse/), sse, '"credits" did not open a chat stream');
        assert.ok(count('GET', /credits\/balance/) > creditCalls, '"credits" asked the credits endpoint');
        await j.shot('chat-credits');

        // "导出": exports without a stream.
        const renders = count('POST', /render\/proxy\/lambda$/);
        await sendChat(chat, '导出');
        await waitFor(() => mp4sIn(exportsDir).length === 2, { timeoutMs: 60_000, what: 'a second MP4 from "导出"' });
        await toast(page, /Your video is ready/).waitFor({ timeout: 15_000 });
        assert.equal(count('POST', /run_sse/), sse, '"导出" did not open a chat stream');
        assert.equal(count('POST', /render\/proxy\/lambda$/), renders + 1, '"导出" started one render');
        await j.shot('chat-export-zh');

        // The token: stored in SecretStorage (a reload connects with no new token), never visible.
        const auth = JSON.parse(readFileSync(join(standIn.dataDir, 'auth.json'), 'utf8')) as {
          tokens: Record<string, unknown>;
        };
        const tokens = Object.keys(auth.tokens);
        assert.equal(tokens.length, 1);
        const token = tokens[0];
        assert.deepEqual(scanTextsForSecret(token, { dom: await allDomHtml(page) }), [], 'token in the DOM');
        await j.open();
        await openContainer(page);
        await waitPhase(chat, 'ready');
        assert.equal(count('POST', /anonymous-token/), 1, 'after a reload the stored token is used (no new token)');
        await waitMessage(chat, 'user', REQUEST); // the conversation survived the reload
        assert.deepEqual(
          scanTextsForSecret(token, { dom: await allDomHtml(page) }),
          [],
          'token in the DOM after reload',
        );
        const hits = scanFilesForSecret(
          token,
          [workspace, join(j.server.userDataDir, 'logs')],
          [join(j.server.userDataDir, 'User', 'settings.json')],
        );
        assert.deepEqual(hits, [], 'token in files');
        const outputLog = j.userFiles(/Video Generator\.log$/);
        assert.ok(outputLog.length > 0, 'the "Video Generator" output channel log was found (and scanned)');
        await j.shot('after-reload');
      },
    );
  } finally {
    await standIn.close();
    removeDir(workspace);
  }
});
