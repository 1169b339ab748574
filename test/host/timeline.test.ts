/** The Timeline tree for a known draft: tracks with icons and counts, segments, uploads. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Draft } from '../../src/contract/draft';
import type { StandIn } from '../../src/engine/standin';
import { testApi, useStandIn, waitFor } from './helpers';

const DRAFT: Draft = {
  d: 10_000,
  m: { title: 'Urban Dreams', width: 1080, height: 1920 },
  t: [
    {
      tt: 0,
      sg: [
        { s: 0, d: 6000, m: { src: 'h1', name: 'photo1.jpg', kind: 'image' } },
        { s: 6000, d: 4000, m: { src: 'h2', name: 'city.mp4', kind: 'video' } },
      ],
    },
    { tt: 1, sg: [{ s: 0, d: 10_000, m: { src: 'builtin:bed', name: 'Lo-fi', volume: 0.35 } }] },
    { tt: 7, sg: [{ s: 0, d: 3000, m: { text: 'Urban Dreams', role: 'title' } }] },
  ],
};

const icon = (item: vscode.TreeItem) => (item.iconPath as vscode.ThemeIcon | undefined)?.id;
const label = (item: vscode.TreeItem) => (typeof item.label === 'string' ? item.label : (item.label?.label ?? ''));

describe('timeline tree', () => {
  let standIn: StandIn;
  before(async () => {
    standIn = await useStandIn(await testApi());
  });
  after(async () => {
    await standIn?.close();
  });

  it('is empty for a new session, so the welcome content shows', async () => {
    const api = await testApi();
    await api.tree.refresh();
    assert.deepEqual(api.tree.getChildren(), []);
  });

  it('shows the tracks and segments of the draft after a chat turn', async () => {
    const api = await testApi();
    standIn.agent!.enqueue({ reply: 'Here is your timeline.', draft: DRAFT });
    let changes = 0;
    const sub = api.tree.onDidChangeTreeData(() => changes++);
    await api.chat.send('make the video');
    // The tree refreshes by itself after every turn.
    await waitFor(() => changes > 0 && api.tree.getChildren().length === 4, 'the tree to refresh after the turn');
    sub.dispose();

    // The canvas comes first: what the export will be.
    const [canvas, ...trackItems] = api.tree.getChildren().map((n) => api.tree.getTreeItem(n));
    assert.equal(label(canvas), '1080×1920 · 10.0 s');
    assert.equal(canvas.description, 'vertical');
    const tracks = trackItems;
    assert.deepEqual(tracks.map(icon), ['device-camera-video', 'music', 'symbol-text']);
    assert.equal(tracks[0].description, '2 segments · 10.0 s');
    assert.equal(tracks[1].description, '1 segment · 10.0 s');
    assert.equal(tracks[0].collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
    assert.ok(tracks[0].tooltip instanceof vscode.MarkdownString);

    const [, videoNode, audioNode, textNode] = api.tree.getChildren();
    // Short labels (the name) that fit the default sidebar width; the time range as description.
    const video = api.tree.getChildren(videoNode).map((n) => api.tree.getTreeItem(n));
    assert.deepEqual(video.map(label), ['photo1.jpg', 'city.mp4']);
    assert.deepEqual(
      video.map((i) => i.description),
      ['0.0–6.0 s', '6.0–10.0 s'],
    );
    const audio = api.tree.getChildren(audioNode).map((n) => api.tree.getTreeItem(n));
    assert.equal(audio[0].description, '0.0–10.0 s · 35%');
    assert.match(label(audio[0]), /Lo-fi/);
    const text = api.tree.getChildren(textNode).map((n) => api.tree.getTreeItem(n));
    assert.match(label(text[0]), /^"?Urban Dreams"?$/);
    assert.equal(text[0].description, '0.0–3.0 s');
    for (const item of [...video, ...audio, ...text])
      assert.ok(label(item).length <= 30, `"${label(item)}" fits the default width`);
    const tip = text[0].tooltip as vscode.MarkdownString;
    assert.match(tip.value, /role/);
  });

  it('Show Timeline focuses the view and summarises the draft', async () => {
    const summary = await vscode.commands.executeCommand<string>('videoGenerator.showTimeline');
    assert.match(summary, /^10\.0 s, 1080×1920 — /);
    assert.match(summary, /2 segments/);
  });

  it('New Session asks first, then starts an empty session with an empty chat and tree', async () => {
    const api = await testApi();
    // The test driver refuses dialogs: that the command tried to show its modal is the check.
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('videoGenerator.newSession')),
      /Start a new session\?/,
    );
    assert.equal(api.tree.getChildren().length, 4, 'nothing changed without the confirmation');
    const before = await (await api.host.get()).connect();
    const sessionId = await api.startNewSession();
    assert.ok(sessionId && sessionId !== before.sessionId);
    assert.deepEqual((api.chat.init() as { messages: unknown[] }).messages, []);
    await waitFor(async () => (await api.tree.refresh()) && api.tree.getChildren().length === 0, 'an empty tree');
  });
});
