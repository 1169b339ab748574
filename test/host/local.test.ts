/** The `local` backend setting starts the free engine in-process on 127.0.0.1 with its own token. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { testApi, waitFor } from './helpers';

describe('local backend', () => {
  const config = () => vscode.workspace.getConfiguration('videoGenerator');
  after(async () => {
    await config().update('backend', undefined, vscode.ConfigurationTarget.Global);
    await (await testApi()).host.reset();
  });

  it('connects to the local engine and shows unlimited credits as ∞', async () => {
    const api = await testApi();
    api.setServiceOverrides({ env: {} });
    await api.tokenStore.delete();
    await config().update('backend', 'local', vscode.ConfigurationTarget.Global);
    await api.host.reset();
    const service = await api.host.get();
    assert.equal(await api.host.backendKind(), 'local');
    await service.connect();
    assert.equal((await service.credits()).unlimited, true);
    await api.statusBar.refresh();
    await waitFor(() => api.statusBar.text === '$(credit-card) ∞', 'the ∞ credits item');
    // The engine's own token is used as is: nothing lands in SecretStorage.
    assert.equal(await api.tokenStore.get(), undefined);
  });
});
