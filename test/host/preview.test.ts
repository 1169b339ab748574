/**
 * The Preview command in the real workbench: on the local engine it renders the draft small and
 * fast, and the panel's <video> element loads it (its page reports the video's size and length
 * back); the file is private, in the extension's storage, replaced by the next preview. On the
 * cloud it sends nothing and says the local engine makes previews.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { testApi, useStandIn, waitFor, writePhotos } from './helpers';

function codecs(file: string): string[] {
  return execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', file], {
    encoding: 'utf8',
  })
    .trim()
    .split('\n');
}

describe('preview', () => {
  const config = () => vscode.workspace.getConfiguration('videoGenerator');
  after(async () => {
    await config().update('backend', undefined, vscode.ConfigurationTarget.Global);
    await config().update('apiBaseUrl', undefined, vscode.ConfigurationTarget.Global);
    (await testApi()).previews.currentPanel?.dispose();
    await (await testApi()).host.reset();
  });

  it('preview on the local engine: the Preview command renders the draft and the panel plays it', async function () {
    this.timeout(180_000);
    const api = await testApi();
    api.setServiceOverrides({ env: {} });
    await config().update('backend', 'local', vscode.ConfigurationTarget.Global);
    await api.host.reset();
    await (await api.host.get()).connect();
    await api.startNewSession();
    await api.chat.settled();
    await api.uploads.upload(writePhotos('preview-photos', ['a.png', 'b.png', 'c.png']));
    await api.chat.send('Make an 8 second video called "Preview Test"');

    const t0 = Date.now();
    const file = await vscode.commands.executeCommand<string | undefined>('videoGenerator.preview');
    const took = Date.now() - t0;
    assert.ok(file && existsSync(file), `a preview file: ${file}`);
    assert.equal(dirname(dirname(file)), join(api.storageDir, 'previews'), 'in the extension storage, not exports');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(statSync(dirname(file)).mode & 0o777, 0o700);
    assert.deepEqual(codecs(file), ['h264', 'mp3']);

    const panel = api.previews.currentPanel;
    assert.ok(panel, 'the preview panel is open');
    const src = panel.webview.asWebviewUri(vscode.Uri.file(file)).toString();
    assert.ok(panel.webview.html.includes(src.replace(/&/g, '&#38;')), 'the panel shows this file');
    assert.match(
      panel.webview.html,
      /Content-Security-Policy" content="default-src 'none'; media-src [^;]+; style-src 'nonce-/,
    );
    assert.deepEqual(
      panel.webview.options.localResourceRoots?.map((u) => u.fsPath),
      [dirname(file)],
      'the page may load the preview folder only',
    );
    // The page's <video> really loaded it: its own report of size and length.
    const loaded = await waitFor(
      () =>
        api.previews.playerState && api.previews.playerState.videoWidth > 0 ? api.previews.playerState : undefined,
      'the player to load the preview',
      30_000,
    );
    assert.deepEqual([loaded.videoWidth, loaded.videoHeight], [540, 960]);
    assert.ok(Math.abs(loaded.duration - 8) < 0.2, `duration ${loaded.duration}`);
    console.log(`  preview: command → file in ${took} ms; the panel's player: ${JSON.stringify(loaded)}`);

    // The next preview replaces this one, in the same panel.
    const next = await vscode.commands.executeCommand<string | undefined>('videoGenerator.preview');
    assert.ok(next && next !== file);
    assert.ok(!existsSync(file), 'the old preview is gone');
    assert.deepEqual(readdirSync(dirname(next)), [next.split('/').pop()]);
    assert.equal(api.previews.currentPanel, panel, 'the same panel shows the new preview');
    assert.ok(panel.webview.html.includes(panel.webview.asWebviewUri(vscode.Uri.file(next)).toString()));
  });

  it('preview on the cloud sends nothing: the local engine makes previews', async function () {
    this.timeout(30_000);
    const api = await testApi();
    const standIn = await useStandIn(api);
    try {
      const file = await vscode.commands.executeCommand<string | undefined>('videoGenerator.preview');
      assert.equal(file, undefined);
      assert.deepEqual(
        readdirSync(join(standIn.dataDir, 'renders')).filter((f) => !f.startsWith('.')),
        [],
        'no render job on the cloud',
      );
    } finally {
      await standIn.close();
    }
  });
});
