/** Every command typed in the chat is answered in the chat, not only by a toast in the corner. */
import * as assert from 'node:assert/strict';
import type { StandIn } from '../../src/engine/standin';
import type { ToWebviewMessage } from '../../src/protocol';
import { testApi, useStandIn, waitFor } from './helpers';

describe('typed commands', () => {
  let standIn: StandIn;
  before(async () => {
    standIn = await useStandIn(await testApi());
  });
  after(async () => {
    await standIn?.close();
  });

  it('"export" with an empty timeline gets an answer in the chat that says what to do', async () => {
    const api = await testApi();
    await api.startNewSession(); // a fresh session: nothing uploaded, nothing planned
    const outcome = await api.chat.send('export');
    assert.deepEqual(outcome, { kind: 'action', intent: 'export' });
    const messages = () => (api.chat.init() as Extract<ToWebviewMessage, { type: 'init' }>).messages;
    const answer = await waitFor(
      () => messages().find((m) => m.role !== 'user' && /timeline is empty/i.test(m.text)),
      'the answer in the chat',
    );
    assert.match(answer.text, /Upload media/, 'says what to do next');
    assert.equal(api.exports.busy, false);
  });
});
