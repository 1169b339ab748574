/** Item 1 of #16: wherever the cloud fails, one click switches to the free local engine. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ToWebviewMessage } from '../../src/protocol';
import { testApi, useStandIn, waitFor } from './helpers';

describe('use the free local engine', () => {
  const config = () => vscode.workspace.getConfiguration('videoGenerator');
  after(async () => {
    await config().update('backend', undefined, vscode.ConfigurationTarget.Global);
    await config().update('apiBaseUrl', undefined, vscode.ConfigurationTarget.Global);
    await (await testApi()).host.reset();
  });

  it('an unreachable cloud offers the local engine in the chat, and one click switches to it', async function () {
    this.timeout(90_000);
    const api = await testApi();
    const standIn = await useStandIn(api);
    await standIn.close(); // the cloud is now unreachable (nothing listens on that loopback port)
    const from = api.chatView.recent.length;
    await api.chat.send('make a video');
    const error = await waitFor(
      () =>
        api.chatView.recent
          .slice(from)
          .find((m): m is Extract<ToWebviewMessage, { type: 'error' }> => m.type === 'error'),
      'the error in the chat',
      60_000,
    );
    assert.equal(error.offerLocal, true, `the error offers the local engine: ${error.text}`);

    api.chat.handle({ type: 'action', action: 'use-local' }); // the banner's button
    await waitFor(() => config().get('backend') === 'local', 'the backend setting to become local');
    const said = await waitFor(
      () =>
        (api.chat.init() as Extract<ToWebviewMessage, { type: 'init' }>).messages.find((m) =>
          /free local engine/.test(m.text),
        ),
      'the chat to confirm the switch',
    );
    assert.equal(said.role, 'system');
    api.setServiceOverrides({ env: {} });
    await waitFor(
      async () => {
        await api.host.get();
        return (await api.host.backendKind()) === 'local';
      },
      'the local engine in use',
      30_000,
    );
    const outcome = await api.chat.send('Make a 4 second video');
    assert.ok(outcome && outcome.kind !== undefined, 'the next message is answered by the local engine');

    // On the local engine a failure never offers to switch to it.
    const fromLocal = api.chatView.recent.length;
    api.chat.postError(new Error('boom'));
    const localError = api.chatView.recent.slice(fromLocal).find((m) => m.type === 'error') as Extract<
      ToWebviewMessage,
      { type: 'error' }
    >;
    assert.equal(localError.offerLocal, undefined);
  });
});
