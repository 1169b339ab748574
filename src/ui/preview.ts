/**
 * An in-editor player for an exported MP4. Webviews play H.264 but not AAC audio
 * (microsoft/vscode#156558), so the panel says the preview is silent and offers the system player.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { makeNonce } from './chatHtml';
import { localize } from './l10n';

export function showPreview(file: vscode.Uri): vscode.WebviewPanel {
  const panel = vscode.window.createWebviewPanel(
    'videoGenerator.preview',
    path.basename(file.fsPath),
    vscode.ViewColumn.Active,
    {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.file(path.dirname(file.fsPath))],
    },
  );
  const nonce = makeNonce();
  const { cspSource } = panel.webview;
  const src = panel.webview.asWebviewUri(file).toString();
  const note = localize(
    'This preview is silent: VS Code cannot play AAC audio in webviews. Open the video in your system player to hear it.',
  );
  const open = localize('Open externally');
  panel.webview.html = `<!DOCTYPE html>
<html lang="${escapeHtml(vscode.env.language)}"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; media-src ${cspSource}; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${nonce}">
body { margin: 0; padding: 12px; display: flex; flex-direction: column; gap: 8px; align-items: center;
  color: var(--vscode-foreground); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); }
video { max-width: 100%; max-height: calc(100vh - 90px); background: #000; }
p { margin: 0; color: var(--vscode-descriptionForeground); text-align: center; }
button { color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: none; padding: 4px 12px; cursor: pointer; }
button:hover { background: var(--vscode-button-hoverBackground); }
button:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
</style></head><body>
<video controls src="${escapeHtml(src)}"></video>
<p>${escapeHtml(note)}</p>
<button id="open">${escapeHtml(open)}</button>
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
document.getElementById('open').addEventListener('click', () => vscode.postMessage({ type: 'open-external' }));
</script></body></html>`;
  panel.webview.onDidReceiveMessage((m: unknown) => {
    if ((m as { type?: unknown })?.type === 'open-external') void vscode.env.openExternal(file);
  });
  return panel;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
