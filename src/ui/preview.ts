/**
 * An in-editor player for a video file: an exported MP4 (showPreview) or the quick preview of
 * the draft (PreviewFlow). Webviews in desktop VS Code play H.264 but not AAC audio
 * (microsoft/vscode#156558), so an export's panel says it is silent and offers the system
 * player; a draft preview has MP3 sound, which they play. The page reports what the <video>
 * element does (loaded, playing, position, decoded audio) so the host knows the video arrived.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { makeNonce } from './chatHtml';
import { localize } from './l10n';

/** What the panel's <video> element last reported. */
export interface PlayerState {
  event: 'loaded' | 'time' | 'ended' | 'error';
  currentTime: number;
  duration: number;
  videoWidth: number;
  videoHeight: number;
  paused: boolean;
  /** Chromium's count of audio bytes decoded so far (0 when the sound cannot be decoded). */
  audioBytes: number;
  /** MediaError code on `error`. */
  errorCode?: number;
}

export interface PlayerPage {
  /** The note under the video. */
  note: string;
  /** Start playing on load (the browser may refuse sound without a click; the controls stay). */
  autoplay?: boolean;
  /** A second button beside Open externally: its label and the command it runs. */
  extra?: { label: string; command: string };
}

/** Export: the finished MP4 in a new panel, with the silent-audio note. */
export function showPreview(file: vscode.Uri): vscode.WebviewPanel {
  const panel = createPlayerPanel(file, path.basename(file.fsPath));
  setPlayerPage(panel, file, {
    note: localize(
      'This preview is silent: VS Code cannot play AAC audio in webviews. Open the video in your system player to hear it.',
    ),
  });
  return panel;
}

/** A player panel that may show files of `file`'s folder only. */
export function createPlayerPanel(file: vscode.Uri, title: string): vscode.WebviewPanel {
  return vscode.window.createWebviewPanel('videoGenerator.preview', title, vscode.ViewColumn.Active, {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.file(path.dirname(file.fsPath))],
  });
}

/**
 * Puts `file` in the panel (replacing what it showed). Returns the subscription to the page's
 * messages: Open externally (and the extra button) run here; `onState` hears the player.
 */
export function setPlayerPage(
  panel: vscode.WebviewPanel,
  file: vscode.Uri,
  page: PlayerPage,
  onState?: (s: PlayerState) => void,
): vscode.Disposable {
  const nonce = makeNonce();
  const { cspSource } = panel.webview;
  const src = panel.webview.asWebviewUri(file).toString();
  const open = localize('Open externally');
  const extra = page.extra ? `<button id="extra" class="secondary">${escapeHtml(page.extra.label)}</button>` : '';
  panel.webview.html = `<!DOCTYPE html>
<html lang="${escapeHtml(vscode.env.language)}"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; media-src ${cspSource}; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${nonce}">
body { margin: 0; padding: 12px; display: flex; flex-direction: column; gap: 8px; align-items: center;
  color: var(--vscode-foreground); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); }
video { max-width: 100%; max-height: calc(100vh - 100px); background: #000; }
p { margin: 0; color: var(--vscode-descriptionForeground); text-align: center; }
.buttons { display: flex; gap: 8px; }
button { color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: none; padding: 4px 12px; cursor: pointer; }
button:hover { background: var(--vscode-button-hoverBackground); }
button.secondary { color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground); }
button.secondary:hover { background: var(--vscode-button-secondaryHoverBackground); }
button:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
</style></head><body>
<video id="video" controls preload="auto"${page.autoplay ? ' autoplay' : ''} src="${escapeHtml(src)}"></video>
<p>${escapeHtml(page.note)}</p>
<div class="buttons"><button id="open">${escapeHtml(open)}</button>${extra}</div>
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
const video = document.getElementById('video');
document.getElementById('open').addEventListener('click', () => vscode.postMessage({ type: 'open-external' }));
document.getElementById('extra')?.addEventListener('click', () => vscode.postMessage({ type: 'extra' }));
let last = 0;
const report = (event) => vscode.postMessage({ type: 'player', state: { event, currentTime: video.currentTime,
  duration: Number.isFinite(video.duration) ? video.duration : 0, videoWidth: video.videoWidth, videoHeight: video.videoHeight,
  paused: video.paused, audioBytes: video.webkitAudioDecodedByteCount || 0, errorCode: video.error ? video.error.code : undefined } });
video.addEventListener('loadedmetadata', () => report('loaded'));
video.addEventListener('timeupdate', () => { const now = Date.now(); if (now - last >= 250) { last = now; report('time'); } });
video.addEventListener('ended', () => report('ended'));
video.addEventListener('error', () => report('error'));
</script></body></html>`;
  return panel.webview.onDidReceiveMessage((m: unknown) => {
    const type = (m as { type?: unknown })?.type;
    if (type === 'open-external') void vscode.env.openExternal(file);
    else if (type === 'extra' && page.extra) void vscode.commands.executeCommand(page.extra.command);
    else if (type === 'player' && onState) {
      const s = playerState((m as { state?: unknown }).state);
      if (s) onState(s);
    }
  });
}

/** The page's report, checked (a webview is another page: its messages are untrusted JSON). */
function playerState(v: unknown): PlayerState | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const o = v as Record<string, unknown>;
  const n = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : 0);
  if (o.event !== 'loaded' && o.event !== 'time' && o.event !== 'ended' && o.event !== 'error') return undefined;
  return {
    event: o.event,
    currentTime: n(o.currentTime),
    duration: n(o.duration),
    videoWidth: n(o.videoWidth),
    videoHeight: n(o.videoHeight),
    paused: o.paused === true,
    audioBytes: n(o.audioBytes),
    ...(typeof o.errorCode === 'number' ? { errorCode: o.errorCode } : {}),
  };
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
