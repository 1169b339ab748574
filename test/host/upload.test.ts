/** Uploading real workspace files: from the Explorer command (multi-selection) and by drop. */
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { UploadResult } from '../../src/core/api/types';
import type { StandIn } from '../../src/engine/standin';
import { TimelineDropController } from '../../src/ui/timelineDrop';
import { testApi, useStandIn, workspaceDir, writePhotos } from './helpers';

const uploadsTo = (standIn: StandIn) => standIn.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/api/upload-video/')).length;

describe('upload', () => {
  let standIn: StandIn;
  before(async () => { standIn = await useStandIn(await testApi()); });
  after(async () => { await standIn?.close(); });

  it('uploads the Explorer selection, lists it in the tree and says so in the chat', async () => {
    const api = await testApi();
    const [a, b] = writePhotos('photos', ['beach.png', 'sunset.png']);
    // The Explorer passes (clicked uri, all selected uris).
    const result = await vscode.commands.executeCommand<UploadResult>('videoGenerator.uploadFromExplorer', a, [a, b]);
    assert.deepEqual(result.files.map((f) => f.filename).sort(), ['beach.png', 'sunset.png']);
    const names = api.tree.uploads().map((f) => f.filename);
    assert.ok(names.includes('beach.png') && names.includes('sunset.png'), `tree lists uploads: ${names.join(', ')}`);
    const root = api.tree.getChildren().find((n) => n.type === 'uploads');
    assert.ok(root, 'an "Uploaded media" node');
    const last = (api.chat.init() as { messages: { text: string }[] }).messages.at(-1)!;
    assert.match(last.text, /^Added 2 files: (beach|sunset)\.png, (beach|sunset)\.png$/);
  });

  it('uploads what is dropped on the Timeline view', async () => {
    const api = await testApi();
    const [c] = writePhotos('photos', ['dropped.png']);
    let uploaded: vscode.Uri[] = [];
    const drop = new TimelineDropController(async (uris) => { uploaded = uris; return api.uploads.upload(uris); });
    const data = new vscode.DataTransfer();
    data.set('text/uri-list', new vscode.DataTransferItem(`${c.toString()}\r\n`));
    const before = uploadsTo(standIn);
    await drop.handleDrop(undefined, data, new vscode.CancellationTokenSource().token);
    assert.equal(uploaded[0]?.fsPath, c.fsPath);
    assert.equal(uploadsTo(standIn), before + 1);
    assert.ok(api.tree.uploads().some((f) => f.filename === 'dropped.png'));
  });

  it('rejects an unsupported file before sending anything, without throwing', async () => {
    const file = join(workspaceDir(), 'notes.txt');
    writeFileSync(file, 'not media');
    const before = uploadsTo(standIn);
    const result = await vscode.commands.executeCommand('videoGenerator.uploadFromExplorer', vscode.Uri.file(file), [vscode.Uri.file(file)]);
    assert.equal(result, undefined);
    assert.equal(uploadsTo(standIn), before, 'nothing reached the backend');
  });
});
