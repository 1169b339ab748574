/** Export to <workspace>/exports: a real MP4 lands; Cancel stops the job; a persisted job resumes. */
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { StandIn } from '../../src/engine/standin';
import type { ChatMessage } from '../../src/protocol';
import { showPreview } from '../../src/ui/preview';
import { testApi, useStandIn, waitFor, workspaceDir, writePhotos } from './helpers';

function assertMp4(file: string): void {
  assert.ok(existsSync(file), `${file} exists`);
  const head = readFileSync(file).subarray(0, 12);
  assert.equal(head.subarray(4, 8).toString('ascii'), 'ftyp', 'an ISO-BMFF (MP4) file');
}

describe('export', () => {
  let standIn: StandIn;
  before(async () => {
    const api = await testApi();
    standIn = await useStandIn(api, { renderStepMs: 150 });
    await api.uploads.upload(writePhotos('export-photos', ['one.png', 'two.png']));
    await api.chat.send('Make a 4 second video called "Export Test"');
  });
  after(async () => {
    await standIn?.close();
  });

  it('exports the draft into the exports folder of the workspace', async () => {
    const api = await testApi();
    const file = await vscode.commands.executeCommand<string>('videoGenerator.export');
    assert.ok(file, 'the export finished');
    assert.equal(join(workspaceDir(), 'exports'), file.slice(0, file.lastIndexOf('/')));
    assertMp4(file);
    assert.equal((await api.host.get()).pendingExport(), undefined, 'the finished job is forgotten');
    const said = (api.chat.init() as { messages: ChatMessage[] }).messages.at(-1)!;
    assert.match(said.text, /^Exported /);
    // A cloud session: the chat offers to keep editing it in NemoVideo's web editor (#17).
    assert.deepEqual(said.suggestions, [{ action: 'open-in-nemo', label: 'Open in NemoVideo' }]);
  });

  it('previews the MP4 in a webview panel that may only load media from its folder', async () => {
    const file = await vscode.commands.executeCommand<string>('videoGenerator.export');
    const panel = showPreview(vscode.Uri.file(file));
    try {
      const html = panel.webview.html;
      assert.match(html, new RegExp(`media-src ${panel.webview.cspSource.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')};`));
      assert.match(html, /<video [^>]*controls[^>]* src="[^"]+\.mp4"/);
      assert.match(html, /AAC/, 'says the preview is silent and why');
      assert.doesNotMatch(html, /unsafe-(inline|eval)/);
    } finally {
      panel.dispose();
    }
  });

  it('a chat message asking to export runs the export', async () => {
    const api = await testApi();
    const outcome = await api.chat.send('export');
    assert.deepEqual(outcome, { kind: 'action', intent: 'export' });
    await waitFor(() => api.exports.busy, 'the export to start');
    await waitFor(() => !api.exports.busy, 'the export to finish', 30_000);
    assert.match((api.chat.init() as { messages: { text: string }[] }).messages.at(-1)!.text, /^Exported .+\.mp4$/);
  });

  it('Cancel Export cancels the render job on the backend', async () => {
    const api = await testApi();
    const cancelled = new Promise<string>((resolve) => standIn.events.once('render-cancelled', resolve));
    const running = api.exports.export();
    await waitFor(async () => (await api.host.get()).pendingExport(), 'the job to be submitted');
    await vscode.commands.executeCommand('videoGenerator.cancelExport');
    assert.equal(await running, undefined);
    assert.ok(await cancelled);
    assert.equal(api.exports.busy, false);
  });

  it('resumes a persisted job after the window is gone (deactivate → activate)', async () => {
    const api = await testApi();
    const running = api.exports.export();
    const job = await waitFor(async () => (await api.host.get()).pendingExport(), 'the job to be persisted');
    // The window closes: stop waiting locally; the job stays on the backend and in state.
    api.exports.detach();
    assert.equal(await running, undefined);
    await api.host.reset();
    // A new window: a fresh service reads the persisted job and follows it to the file.
    const service = await api.host.get();
    assert.equal(service.pendingExport()?.renderId, job.renderId);
    const file = await api.exports.resumePending();
    assert.equal(file, job.targetPath);
    assertMp4(file!);
    assert.equal(service.pendingExport(), undefined);
  });
});
