/** Uploading real workspace files: from the Explorer command (multi-selection) and by drop. */
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { UploadResult } from '../../src/core/api/types';
import type { StandIn } from '../../src/engine/standin';
import { TimelineDropController } from '../../src/ui/timelineDrop';
import { EXTENSION_ID, testApi, useStandIn, workspaceDir, writePhotos } from './helpers';
import { describeJpeg, writeHeic } from '../support/heic';
import { readOrientation } from '../../src/core/exifOrientation';

const uploadsTo = (standIn: StandIn) =>
  standIn.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/api/upload-video/')).length;

describe('upload', () => {
  let standIn: StandIn;
  before(async () => {
    standIn = await useStandIn(await testApi());
  });
  after(async () => {
    await standIn?.close();
  });

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

  it('names every uploaded file in the chat and in a confirmation, never "and N more"', async () => {
    const api = await testApi();
    const files = writePhotos('many', ['p1.png', 'p2.png', 'p3.png', 'p4.png', 'p5.png', 'p6.png', 'p7.png']);
    await vscode.commands.executeCommand<UploadResult>('videoGenerator.uploadFromExplorer', files[0], files);
    const last = (api.chat.init() as { messages: { text: string }[] }).messages.at(-1)!;
    assert.equal(last.text, 'Added 7 files: p1.png, p2.png, p3.png, p4.png, p5.png, p6.png, p7.png');
  });

  it('offers iPhone photos (.heic/.heif) in the Explorer menu and uploads them as upright JPEGs, saying so', async function () {
    this.timeout(60_000);
    const api = await testApi();
    // The Explorer entry's `when` clause, as the workbench evaluates it (resourceExtname =~ /…/i).
    const menus = (
      vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
        contributes: { menus: Record<string, Array<{ command: string; when: string }>> };
      }
    ).contributes.menus;
    const when = menus['explorer/context'].find((m) => m.command === 'videoGenerator.uploadFromExplorer')!.when;
    const [, pattern, flags] = /resourceExtname =~ \/(.+)\/(\w*)/.exec(when)!;
    for (const ext of ['.heic', '.HEIC', '.heif'])
      assert.match(ext, new RegExp(pattern, flags), `the menu shows for ${ext}`);
    const dir = join(workspaceDir(), 'iphone');
    mkdirSync(dir, { recursive: true });
    const heic = join(dir, 'IMG_4711.HEIC');
    writeHeic(heic, 64, 32, 6);
    const [png] = writePhotos('iphone', ['screenshot.png']);
    const result = await vscode.commands.executeCommand<UploadResult>(
      'videoGenerator.uploadFromExplorer',
      vscode.Uri.file(heic),
      [vscode.Uri.file(heic), png],
    );
    assert.deepEqual(
      result.files.map((f) => f.filename),
      ['IMG_4711.jpg', 'screenshot.png'],
    );
    const last = (api.chat.init() as { messages: { text: string }[] }).messages.at(-1)!;
    assert.equal(
      last.text,
      'Added 2 files: IMG_4711.jpg, screenshot.png\nConverted an iPhone photo (HEIC) to JPEG on this machine before uploading: IMG_4711.HEIC.',
    );
    const jpg = Buffer.from(await (await fetch(String(result.files[0].cdnUrl))).arrayBuffer());
    assert.deepEqual(
      describeJpeg(jpg),
      { width: 32, height: 64, top: 'red', bottom: 'blue', left: 'mixed' },
      'upright: portrait, red on top',
    );
    assert.equal(readOrientation(jpg), 1);
  });

  it('uploads what is dropped on the Timeline view', async () => {
    const api = await testApi();
    const [c] = writePhotos('photos', ['dropped.png']);
    let uploaded: vscode.Uri[] = [];
    const drop = new TimelineDropController(async (uris) => {
      uploaded = uris;
      return api.uploads.upload(uris);
    });
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
    const result = await vscode.commands.executeCommand('videoGenerator.uploadFromExplorer', vscode.Uri.file(file), [
      vscode.Uri.file(file),
    ]);
    assert.equal(result, undefined);
    assert.equal(uploadsTo(standIn), before, 'nothing reached the backend');
  });
});
