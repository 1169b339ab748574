/**
 * The chat webview's entry (bundled by esbuild to dist/webview/main.js). Builds the controller
 * on the shell from src/ui/chatHtml.ts, routes the host's messages to it and says `ready`.
 */
import { config as zodConfig } from 'zod/mini';
import { DEFAULT_CHAT_STRINGS, type ChatStrings } from '../src/protocol';
import { ChatApp, type VsCodeApiLike } from './app';
import { createMarkdownRenderer } from './markdown';

declare function acquireVsCodeApi(): VsCodeApiLike;

// The CSP has no 'unsafe-eval': stop zod from probing `new Function` (a CSP violation report)
// and compiling parsers with it. Must run before the first parse.
zodConfig({ jitless: true });

/** The host's localised words (data-strings on <body>); English for any missing one. */
function readStrings(raw: string | undefined): ChatStrings {
  const strings = { ...DEFAULT_CHAT_STRINGS };
  try {
    const given: unknown = JSON.parse(raw ?? '{}');
    if (given && typeof given === 'object') {
      for (const [k, v] of Object.entries(given)) {
        if (k in strings && typeof v === 'string') strings[k as keyof ChatStrings] = v;
      }
    }
  } catch {
    /* keep the defaults */
  }
  return strings;
}

const app = new ChatApp(document, acquireVsCodeApi(), {
  schedule: (cb) => {
    requestAnimationFrame(cb);
  },
  render: createMarkdownRenderer(window),
  strings: readStrings(document.body.dataset.strings),
  clipboard: (text) => navigator.clipboard.writeText(text),
});
window.addEventListener('message', (event) => app.receive(event.data));
app.start();
