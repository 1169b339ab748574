/**
 * The chat webview's HTML shell. No `vscode` import (testable in Node): the view provider passes
 * the webview's cspSource and resource URIs. The CSP allows only our own script (by nonce),
 * stylesheet and font from the extension's resource roots — no inline styles or handlers,
 * no eval, no remote anything.
 */
import { randomBytes } from 'node:crypto';
import type { ChatStrings } from '../protocol';
import { DEFAULT_CHAT_STRINGS } from '../protocol';

export interface ChatHtmlOptions {
  /** webview.cspSource */
  cspSource: string;
  /** From makeNonce(), fresh for every render. */
  nonce: string;
  /** asWebviewUri(dist/webview/main.js) etc., as strings. */
  scriptUri: string;
  styleUri: string;
  codiconUri: string;
  /** BCP 47 language of the UI (vscode.env.language). */
  lang: string;
  /** Localised words for the panel; English for any left out. */
  strings?: Partial<ChatStrings>;
}

/** A CSP nonce: 128 random bits from the OS (never Math.random). */
export function makeNonce(): string {
  return randomBytes(16).toString('base64');
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function renderChatHtml(o: ChatHtmlOptions): string {
  const t = { ...DEFAULT_CHAT_STRINGS, ...o.strings };
  const csp = [
    `default-src 'none'`,
    `img-src ${o.cspSource} data:`,
    `style-src ${o.cspSource}`,
    `font-src ${o.cspSource}`,
    `script-src 'nonce-${o.nonce}'`,
  ].join('; ');
  const quick = (action: string, icon: string, label: string) =>
    `<button type="button" class="text-button" data-action="${action}"><span class="codicon codicon-${icon}" aria-hidden="true"></span><span class="label">${esc(label)}</span></button>`;
  return `<!DOCTYPE html>
<html lang="${esc(o.lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)};">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${esc(o.codiconUri)}">
<link rel="stylesheet" href="${esc(o.styleUri)}">
<title>${esc(t.conversation)}</title>
</head>
<body data-strings="${esc(JSON.stringify(t))}">
<div id="status" class="status" role="status" data-phase="idle"><span class="status-icon codicon codicon-circle-outline" aria-hidden="true"></span><span id="status-text"></span></div>
<main id="log" class="log" tabindex="0" aria-label="${esc(t.conversation)}"></main>
<div id="activity" class="activity global" hidden></div>
<div id="error" class="error" role="alert" hidden>
<span class="codicon codicon-error" aria-hidden="true"></span><span id="error-text" class="error-text"></span>
<button type="button" id="error-link" class="text-button" hidden><span class="codicon codicon-link-external" aria-hidden="true"></span><span class="label"></span></button>
<button type="button" id="error-local" class="text-button" data-action="use-local" hidden><span class="codicon codicon-vm" aria-hidden="true"></span><span class="label">${esc(t.useLocal)}</span></button>
<button type="button" id="error-retry" class="text-button" data-retry><span class="codicon codicon-refresh" aria-hidden="true"></span><span class="label">${esc(t.retry)}</span></button>
<button type="button" id="error-dismiss" class="icon-button" title="${esc(t.dismiss)}" aria-label="${esc(t.dismiss)}"><span class="codicon codicon-close" aria-hidden="true"></span></button>
</div>
<div id="announcer" class="sr-only" aria-live="polite" aria-atomic="true"></div>
<div class="quick-actions" role="toolbar" aria-label="${esc(t.quickActions)}">${quick('upload', 'cloud-upload', t.upload)}${quick('export', 'export', t.export)}${quick('credits', 'credit-card', t.credits)}</div>
<div class="composer">
<textarea id="input" rows="2" placeholder="${esc(t.placeholder)}" aria-label="${esc(t.placeholder)}"></textarea>
<button type="button" id="send" class="primary-button" title="${esc(t.send)}"><span class="codicon codicon-send" aria-hidden="true"></span><span class="label">${esc(t.send)}</span></button>
<button type="button" id="stop" class="secondary-button" title="${esc(t.stop)} (Escape)" aria-keyshortcuts="Escape" hidden><span class="codicon codicon-debug-stop" aria-hidden="true"></span><span class="label">${esc(t.stop)}</span></button>
</div>
<script nonce="${esc(o.nonce)}" src="${esc(o.scriptUri)}"></script>
</body>
</html>`;
}
