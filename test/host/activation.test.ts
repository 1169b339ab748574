/** Activation is cheap and registers everything the manifest promises. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, testApi } from './helpers';

describe('activation', () => {
  it('activates without connecting (no network in activate)', async () => {
    const api = await testApi();
    // This suite runs first: nothing has asked for the service yet.
    assert.equal(api.host.started, false, 'activation must not build the service');
    assert.equal(api.host.phase, 'idle');
  });

  it('registers every contributed command', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    await ext.activate();
    const contributed = (ext.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
    assert.ok(contributed.length >= 12);
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((c) => !registered.has(c));
    assert.deepEqual(missing, []);
  });

  it('contributes the views, settings and walkthrough the README describes', () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON;
    const views = pkg.contributes.views.videoGenerator.map((v: { id: string }) => v.id);
    assert.deepEqual(views, ['videoGenerator.chat', 'videoGenerator.timeline']);
    const config = vscode.workspace.getConfiguration('videoGenerator');
    assert.equal(config.inspect('apiBaseUrl')?.defaultValue, 'https://mega-api-prod.nemovideo.ai');
    assert.equal(config.inspect('backend')?.defaultValue, 'cloud');
    assert.equal(config.inspect('exportFolder')?.defaultValue, 'exports');
    assert.equal(config.inspect('pollIntervalCapSeconds')?.defaultValue, 30);
    const settings = Object.keys(pkg.contributes.configuration.properties);
    assert.deepEqual(
      settings.filter((k) => /token|secret|key/i.test(k)),
      [],
      'no token setting: tokens live in SecretStorage',
    );
    assert.equal(pkg.contributes.walkthroughs[0].steps.length, 4);
  });

  it('opens the exports folder command without a backend', async () => {
    const folder = await vscode.commands.executeCommand<string>('videoGenerator.openExportsFolder');
    assert.match(folder, /exports$/);
  });
});
