/**
 * Proves the harness end to end: VS Code (code-server) runs this suite in its extension host,
 * our extension is installed from the development path, and it activates.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'video-generator-free-app.video-generator-free-app';

describe('smoke', () => {
  it('runs inside a real VS Code extension host', () => {
    assert.equal(typeof vscode.version, 'string');
    assert.ok(vscode.workspace.workspaceFolders?.length, 'the test workspace folder is open');
  });

  it('finds the extension and activates it', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is loaded from the development path`);
    await ext.activate();
    assert.equal(ext.isActive, true);
  });
});
