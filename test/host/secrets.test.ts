/** The token lives in SecretStorage only; Sign Out deletes it; other windows' changes reset us. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StandIn } from '../../src/engine/standin';
import { testApi, useStandIn, waitFor } from './helpers';

describe('secrets', () => {
  let standIn: StandIn;
  before(async () => {
    standIn = await useStandIn(await testApi());
  });
  after(async () => {
    await standIn?.close();
  });

  it('round-trips a token through SecretStorage as JSON', async () => {
    const api = await testApi();
    await api.tokenStore.set({
      token: 'nmv_usr_roundtrip',
      userId: 'anon_1',
      anonymous: true,
      expiresAt: '2030-01-01T00:00:00Z',
    });
    assert.deepEqual(await api.tokenStore.get(), {
      token: 'nmv_usr_roundtrip',
      userId: 'anon_1',
      anonymous: true,
      expiresAt: '2030-01-01T00:00:00Z',
    });
    const raw = await api.secrets.get('videoGenerator.token');
    assert.equal(JSON.parse(raw!).token, 'nmv_usr_roundtrip');
    await api.tokenStore.delete();
    assert.equal(await api.tokenStore.get(), undefined);
  });

  it('stores the anonymous token after connecting, and Sign Out deletes it', async () => {
    const api = await testApi();
    const service = await api.host.get();
    await service.connect();
    const stored = await api.tokenStore.get();
    assert.ok(stored?.token, 'the anonymous token is kept in SecretStorage');
    assert.equal(stored.anonymous, true);
    // Never in settings.
    assert.ok(!JSON.stringify(vscode.workspace.getConfiguration('videoGenerator')).includes(stored.token));

    await vscode.commands.executeCommand('videoGenerator.signOut');
    assert.equal(await api.tokenStore.get(), undefined);
    assert.equal(api.host.started, false, 'signing out drops the connection');
  });

  it('keeps a registered token set through the service', async () => {
    const api = await testApi();
    await (await api.host.get()).setToken('nmv_usr_registered_token');
    const stored = await api.tokenStore.get();
    assert.equal(stored?.token, 'nmv_usr_registered_token');
    assert.equal(stored?.anonymous, false);
    await api.tokenStore.delete();
  });

  it('resets the connection when another window changes the token', async () => {
    const api = await testApi();
    await api.tokenStore.delete();
    await api.host.reset();
    await (await api.host.get()).connect();
    // Let the work that follows a connection (timeline, credits) finish: it may store a token too.
    await api.tree.refresh();
    await api.statusBar.refresh();
    let resets = 0;
    let raw = 0;
    const sub = api.host.onDidReset(() => resets++);
    const rawSub = api.secrets.onDidChange(() => raw++);
    try {
      // Written around our store, as another window's SecretStorage write arrives.
      await api.secrets.store(
        'videoGenerator.token',
        JSON.stringify({ token: 'nmv_usr_other_window', anonymous: false }),
      );
      await waitFor(() => raw > 0, 'SecretStorage to report the change');
      await waitFor(() => resets > 0, 'a reset after the external token change');
      assert.notEqual(api.host.phase, 'ready');
      assert.equal(
        (await api.tokenStore.get())?.token,
        'nmv_usr_other_window',
        "the other window's token is used from now on",
      );
    } finally {
      sub.dispose();
      rawSub.dispose();
      await api.tokenStore.delete();
    }
  });
});
