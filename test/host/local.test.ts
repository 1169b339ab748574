/** The `local` backend setting starts the free engine in-process on 127.0.0.1 with its own token. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testApi, waitFor, workspaceDir, writePhotos } from './helpers';
import { describeJpeg, writeHeic } from '../support/heic';
import jpeg from 'jpeg-js';
import type { ChatMessage } from '../../src/protocol';

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

  it('turns an iPhone photo (HEIC) into an upright JPEG before the local engine gets it', async function () {
    this.timeout(60_000);
    const api = await testApi();
    api.setServiceOverrides({ env: {} });
    await config().update('backend', 'local', vscode.ConfigurationTarget.Global);
    await api.host.reset();
    await (await api.host.get()).connect();
    const dir = join(workspaceDir(), 'local-iphone');
    mkdirSync(dir, { recursive: true });
    const heic = join(dir, 'IMG_0815.heic');
    writeHeic(heic, 64, 32, 6);
    const result = await api.uploads.upload([vscode.Uri.file(heic)]);
    assert.deepEqual(result?.files.map((f) => f.filename), ['IMG_0815.jpg']);
    assert.deepEqual(result?.converted?.map((c) => c.to), ['IMG_0815.jpg']);
    const mediaDir = join(api.storageDir, 'local-engine', 'media');
    const stored = readdirSync(mediaDir).find((f) => f.startsWith(String(result?.files[0].hash)));
    assert.ok(stored, `the engine stored it: ${readdirSync(mediaDir).join(', ')}`);
    assert.deepEqual(describeJpeg(readFileSync(join(mediaDir, stored))), { width: 32, height: 64, top: 'red', bottom: 'blue', left: 'mixed' });
  });

  it('shows a strip of four frames of the new version under a reply that changed the video, only the newest kept', async function () {
    this.timeout(90_000);
    const api = await testApi();
    api.setServiceOverrides({ env: {} });
    await config().update('backend', 'local', vscode.ConfigurationTarget.Global);
    await api.host.reset();
    await (await api.host.get()).connect();
    await api.startNewSession();
    await api.chat.settled();
    await api.uploads.upload(writePhotos('strip-photos', ['a.png', 'b.png']));
    const strips = () => (api.chat.init() as { messages: ChatMessage[] }).messages.filter((m) => m.thumbnails?.length);
    const t0 = Date.now();
    await api.chat.send('Make an 8 second video called "Strip Test"');
    await api.chat.thumbnailsDone;
    const took = Date.now() - t0;
    const [first] = strips();
    assert.ok(first, 'a strip under the reply');
    assert.equal(first.role, 'assistant');
    assert.deepEqual(first.thumbnails!.map((t) => t.time), ['0:01', '0:03', '0:05', '0:07']);
    const frame = jpeg.decode(Buffer.from(first.thumbnails![0].src.replace(/^data:image\/jpeg;base64,/, ''), 'base64'));
    assert.equal(frame.width, 144);
    assert.ok(frame.height > frame.width, `a portrait frame of the 1080×1920 canvas: ${frame.width}×${frame.height}`);
    // Another change: the new reply gets the strip, the old one loses it.
    await api.chat.send('make the title bigger');
    await api.chat.thumbnailsDone;
    const now = strips();
    assert.equal(now.length, 1, 'only the newest strip is kept');
    assert.notEqual(now[0].id, first.id);
    console.log(`  strip: first turn + 4 frames in ${took} ms`);
  });

  it('reports a local render\'s progress as it happens and learns it finished within 0.5 s', async function () {
    this.timeout(120_000);
    const api = await testApi();
    api.setServiceOverrides({ env: {} }); // the product's own poll settings, not the tests' short ones
    await config().update('backend', 'local', vscode.ConfigurationTarget.Global);
    await api.host.reset();
    const service = await api.host.get();
    await service.connect();
    await api.uploads.upload(writePhotos('local-poll-photos', ['a.png', 'b.png', 'c.png']));
    await api.chat.send('Make a 6 second video called "Poll Test"');
    const rendering: number[] = [];
    let learnedDoneAt = 0;
    let renderId = '';
    const file = await service.exportVideo({
      folder: join(api.storageDir, 'poll-test-exports'),
      onProgress: (p) => {
        if (p.status) renderId = p.status.id;
        if (p.phase === 'rendering') rendering.push(p.percent);
        if (p.status?.status === 'completed' && !learnedDoneAt) learnedDoneAt = Date.now();
      },
    });
    assert.match(file, /\.mp4$/);
    // The engine's own record says when the render completed (same clock, same machine).
    const record = JSON.parse(readFileSync(join(api.storageDir, 'local-engine', 'renders', `${renderId}.json`), 'utf8')) as { completedAt: number };
    const late = learnedDoneAt - record.completedAt;
    assert.ok(late < 500, `the extension learned the render finished ${late} ms after it did (want < 500 ms)`);
    assert.ok(new Set(rendering).size >= 3, `progress shown as it happens: ${rendering.join(', ')}`);
  });
});
