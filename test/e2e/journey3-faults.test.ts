/**
 * Journey 3 — faults as a person meets them, in one workbench against the stand-in: a turn whose
 * stream closes without text, a 2001 (no credits) with the register link, a 402 on export with
 * the upgrade message, Stop during a long stream (the server sees the connection close), and a
 * window reload in the middle of an export (the export resumes and completes).
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { RenderInput, Renderer } from '../../src/engine/contracts';
import { FixtureRenderer } from '../../src/engine/standin/fixtureRenderer';
import { ScriptedAgent } from '../../src/engine/standin/scriptedAgent';
import { startStandIn, type StandIn } from '../../src/engine/standin';
import { makeCreatorWorkspace } from './helpers/media';
import { removeDir, startJourney, type OpenJourney } from './helpers/session';
import { mp4sIn } from './helpers/steps';
import {
  chatFrame,
  messages,
  openContainer,
  runCommand,
  sendChat,
  toast,
  waitBusy,
  waitFor,
  waitIdle,
  waitMessage,
  waitOpaque,
  waitPhase,
} from './helpers/ui';

/** The stand-in's renderer behind a gate the test holds closed while the window reloads. */
class GatedRenderer implements Renderer {
  private gate: Promise<void> = Promise.resolve();
  private release: (() => void) | undefined;
  started = 0;
  constructor(private readonly inner: Renderer) {}
  hold(): void {
    this.gate = new Promise((r) => {
      this.release = r;
    });
  }
  open(): void {
    this.release?.();
  }
  async render(input: RenderInput): Promise<void> {
    this.started += 1;
    await Promise.race([
      this.gate,
      once(input.signal, 'abort').then(() => {
        throw new Error('render cancelled');
      }),
    ]);
    return this.inner.render(input);
  }
}

describe('journey 3: faults seen by a person', { timeout: 240_000 }, () => {
  let standIn: StandIn;
  let j: OpenJourney;
  let workspace: string;
  const renderer = new GatedRenderer(new FixtureRenderer({ stepMs: 100 }));
  const count = (method: string, path: RegExp) =>
    standIn.requests.filter((r) => r.method === method && path.test(r.path)).length;

  before(async () => {
    standIn = await startStandIn({ agent: new ScriptedAgent({ stepMs: 100 }), renderer, renderStepMs: 100 });
    workspace = makeCreatorWorkspace();
    j = await startJourney('journey3-faults', {
      workspace,
      backend: standIn,
      settings: {
        'videoGenerator.backend': 'cloud',
        'videoGenerator.apiBaseUrl': standIn.url,
        'videoGenerator.pollIntervalCapSeconds': 2,
      },
    });
    await j.step('connect', async () => {
      await openContainer(j.page);
      await waitPhase(chatFrame(j.page), 'ready');
    });
  });

  after(async () => {
    await j?.finish();
    await standIn?.close();
    if (workspace) removeDir(workspace);
  });

  it('a stream that closes without text: the chat says what changed in the timeline', () =>
    j.step('silent close', async () => {
      const chat = chatFrame(j.page);
      standIn.faults.stream = 'silent-close';
      await sendChat(chat, 'make a 15 second video called "Quiet Close"');
      const texts = await waitMessage(chat, 'assistant', /updated the timeline/);
      await waitIdle(chat);
      standIn.faults.stream = 'normal';
      const reply = texts.at(-1)!;
      assert.match(reply, /Title|Video|BGM|duration|15/i, `names what changed: ${reply}`);
      assert.equal(texts.filter((t) => /updated the timeline/.test(t)).length, 1, 'said once');
      assert.ok(await chat.locator('#error').isHidden(), 'not shown as an error');
      await chat.locator('.message-assistant .suggestion', { hasText: 'Show timeline' }).last().waitFor();
      await j.shot('silent-close');
    }));

  it('2001 (no credits): the error says so and offers the register link', () =>
    j.step('2001 register', async () => {
      const chat = chatFrame(j.page);
      standIn.faults.failNext('sse', { code: 2001 });
      await sendChat(chat, 'add a caption that says hello');
      const banner = chat.locator('#error:not([hidden])');
      await banner.waitFor({ timeout: 20_000 });
      await waitIdle(chat);
      assert.match(await chat.locator('#error-text').innerText(), /credit/i);
      const link = chat.locator('#error-link:not([hidden])');
      await link.waitFor();
      assert.match(await link.innerText(), /Register/);
      assert.match((await link.getAttribute('data-url')) ?? '', /^https:\/\/nemovideo\.com\/register/);
      await j.shot('error-2001-register');
      // The link opens through VS Code's external-link confirmation, which names the page.
      await link.click();
      const dialog = j.page.locator('.monaco-dialog-box', { hasText: /nemovideo\.com/ });
      await dialog.waitFor({ timeout: 10_000 });
      await j.shot('register-link-confirm');
      await dialog.locator('.monaco-button', { hasText: /Cancel/ }).click();
      await dialog.waitFor({ state: 'detached' });
      await chat.locator('#error-dismiss').click();
    }));

  it('402 on export: the upgrade message with its buttons', () =>
    j.step('402 upgrade', async () => {
      standIn.faults.failNext('render', { status: 402 });
      await runCommand(j.page, 'Video Generator: Export Video');
      const error = toast(j.page, /Export failed/);
      await waitOpaque(error);
      assert.match(await error.innerText(), /upgrade your plan/i);
      await error.locator('.monaco-button', { hasText: 'Upgrade plan' }).waitFor();
      await error.locator('.monaco-button', { hasText: 'Use Local Engine' }).waitFor();
      await toast(j.page, /Exporting video/).waitFor({ state: 'detached', timeout: 10_000 }); // no progress left behind
      await j.shot('export-402-upgrade');
      await error.locator('.codicon-notifications-clear, .codicon-close').first().click();
      await error.waitFor({ state: 'detached' });
    }));

  it('Stop during a long stream cancels the request and the panel is usable again', () =>
    j.step('stop', async () => {
      const chat = chatFrame(j.page);
      standIn.faults.stream = 'keepalive-only';
      standIn.faults.keepaliveOnlyMs = 120_000;
      const closed = once(standIn.events, 'sse-close') as Promise<[string, { clientAborted: boolean }]>;
      await sendChat(chat, 'make the music louder');
      await waitBusy(chat);
      await j.shot('long-stream');
      await chat.locator('#stop').click();
      const [, info] = await closed;
      assert.equal(info.clientAborted, true, 'the stand-in saw the client close the stream');
      await waitIdle(chat, 10_000);
      await chat.locator('#activity:not([hidden])', { hasText: 'Stopped.' }).waitFor({ timeout: 5_000 });
      await j.shot('stopped');
      standIn.faults.stream = 'normal';
      standIn.faults.keepaliveOnlyMs = 300;
      const before = (await messages(chat, 'assistant')).length;
      await sendChat(chat, 'make the title bigger');
      await waitMessage(chat, 'user', 'make the title bigger');
      await waitIdle(chat);
      assert.ok((await messages(chat, 'assistant')).length > before, 'the next message gets a reply');
      await j.shot('usable-after-stop');
    }));

  it('reloading the window during an export: the export resumes after the reload and completes', () =>
    j.step('reload during export', async () => {
      const exportsDir = join(workspace, 'exports');
      const before = mp4sIn(exportsDir).length;
      renderer.hold();
      const renders = count('POST', /render\/proxy\/lambda$/);
      await runCommand(j.page, 'Video Generator: Export Video');
      await waitOpaque(toast(j.page, /Exporting video/));
      await waitFor(() => renderer.started > 0 && count('POST', /render\/proxy\/lambda$/) === renders + 1, {
        what: 'the render to start',
      });
      await j.shot('export-before-reload');
      await j.open(); // reload the window
      await openContainer(j.page);
      await waitOpaque(toast(j.page, /Resuming the unfinished export/));
      await j.shot('export-resumed');
      renderer.open();
      await waitOpaque(toast(j.page, /Your video is ready/));
      await waitFor(() => mp4sIn(exportsDir).length === before + 1, { what: 'the MP4 in exports/' });
      assert.equal(count('POST', /render\/proxy\/lambda$/), renders + 1, 'the same render job, not a new one');
      await j.shot('export-after-reload');
    }));
});
