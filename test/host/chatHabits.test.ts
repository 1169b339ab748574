/**
 * Items 8 and 9 of #16 in the real extension host: an exported file's path in the chat opens it,
 * a message sent while not connected looks unsent and can be sent again, the walkthrough's
 * steps are ticked by context keys the extension sets when each is done, and the Timeline's
 * welcome has no redundant "Open Chat" button.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ChatMessage, ToWebviewMessage } from '../../src/protocol';
import { WALKTHROUGH_KEYS } from '../../src/ui/walkthrough';
import { EXTENSION_ID, testApi, useStandIn, waitFor, writePhotos } from './helpers';

const messagesOf = (api: Awaited<ReturnType<typeof testApi>>) =>
  (api.chat.init() as { messages: ChatMessage[] }).messages;

describe('chat habits', () => {
  after(async () => {
    const config = vscode.workspace.getConfiguration('videoGenerator');
    await config.update('apiBaseUrl', undefined, vscode.ConfigurationTarget.Global);
    await (await testApi()).host.reset();
  });

  it('a message sent while not connected is marked unsent, and Send again sends it once connected', async function () {
    this.timeout(60_000);
    const api = await testApi();
    const down = await useStandIn(api);
    await down.close(); // nothing listens there now
    await api.chat.send('hello while offline');
    const unsent = messagesOf(api).find((m) => m.text === 'hello while offline');
    assert.ok(unsent, 'the message stays in the chat');
    assert.equal(unsent.unsent, true, 'and is stored as unsent (a reload shows it so)');
    assert.ok(
      api.chatView.recent.some((m) => m.type === 'message-unsent' && m.id === unsent.id),
      'the panel is told',
    );
    const up = await useStandIn(api);
    try {
      api.chat.handle({ type: 'resend', id: unsent.id });
      await waitFor(
        () => messagesOf(api).some((m) => m.role === 'assistant' && m.text),
        'a reply to the resent message',
        30_000,
      );
      const now = messagesOf(api).filter((m) => m.text === 'hello while offline');
      assert.equal(now.length, 1, 'one copy of the message');
      assert.equal(now[0].unsent, undefined, 'no longer unsent');
      assert.notEqual(now[0].id, unsent.id);
    } finally {
      await up.close();
    }
  });

  it('an exported video is a link in the chat that opens it; the walkthrough steps are ticked', async function () {
    this.timeout(90_000);
    const api = await testApi();
    const standIn = await useStandIn(api, { renderStepMs: 30 });
    try {
      await api.uploads.upload(writePhotos('habit-photos', ['one.png', 'two.png']));
      await api.chat.send('Make a 4 second video called "Link Test"');
      const file = await vscode.commands.executeCommand<string>('videoGenerator.export');
      const said = await waitFor(() => messagesOf(api).find((m) => m.file === file), 'the export named in the chat');
      assert.equal(said.file, file, 'the message knows its file');
      assert.ok(said.text.includes(file));
      await waitFor(
        () =>
          api.chatView.recent.some(
            (m): m is Extract<ToWebviewMessage, { type: 'file-link' }> =>
              m.type === 'file-link' && m.id === said.id && m.file === file,
          ),
        'the panel told to link it',
      );
      api.chat.handle({ type: 'open-file', id: said.id });
      const tab = await waitFor(
        () =>
          vscode.window.tabGroups.all
            .flatMap((g) => g.tabs)
            .find((t) => t.input instanceof vscode.TabInputWebview && /videoGenerator\.preview/.test(t.input.viewType)),
        'the video opened in the preview',
      );
      assert.equal(tab.label, file.split('/').pop());
      await vscode.window.tabGroups.close(tab);
      // An id that names no exported file opens nothing.
      api.chat.handle({ type: 'open-file', id: messagesOf(api)[0].id });
      assert.equal(
        vscode.window.tabGroups.all
          .flatMap((g) => g.tabs)
          .filter((t) => t.input instanceof vscode.TabInputWebview && /videoGenerator\.preview/.test(t.input.viewType))
          .length,
        0,
      );

      assert.deepEqual(api.walkthroughDone().sort(), ['connect', 'describe', 'export', 'upload']);
      const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
        contributes: { walkthroughs: Array<{ steps: Array<{ id: string; completionEvents: string[] }> }> };
      };
      for (const step of pkg.contributes.walkthroughs[0].steps) {
        const key = WALKTHROUGH_KEYS[step.id as keyof typeof WALKTHROUGH_KEYS];
        assert.ok(
          step.completionEvents.includes(`onContext:${key}`),
          `step ${step.id} completes on ${key}: ${step.completionEvents.join(', ')}`,
        );
      }
    } finally {
      await standIn.close();
    }
  });

  it('the Timeline welcome offers upload without a redundant "Open Chat" button (both languages)', () => {
    const dir = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
    for (const nls of ['package.nls.json', 'package.nls.zh-cn.json']) {
      const welcome = (JSON.parse(readFileSync(join(dir, nls), 'utf8')) as Record<string, string>)['welcome.timeline'];
      assert.match(welcome, /command:videoGenerator\.upload/);
      assert.doesNotMatch(welcome, /videoGenerator\.openChat/, nls);
    }
  });
});
