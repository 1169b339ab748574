import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { ChatApp } from '../../webview/app';
import { createMarkdownRenderer } from '../../webview/markdown';
import { AutoScroller, isAtBottom } from '../../webview/scroll';
import { renderChatHtml } from '../../src/ui/chatHtml';
import { DEFAULT_CHAT_STRINGS, parseToHost } from '../../src/protocol';

/** The real shell from chatHtml.ts in jsdom, the app on it, a fake vscode API and a manual frame clock. */
function boot(saved?: unknown) {
  const html = renderChatHtml({
    cspSource: 'vscode-webview:',
    nonce: 'n',
    scriptUri: 'main.js',
    styleUri: 'chat.css',
    codiconUri: 'codicon.css',
    lang: 'en',
  });
  const dom = new JSDOM(html);
  const win = dom.window;
  const doc = win.document;
  const posted: unknown[] = [];
  let state: unknown = saved;
  let queue: Array<() => void> = [];
  const copied: string[] = [];
  const app = new ChatApp(
    doc,
    {
      postMessage: (m) => posted.push(m),
      getState: () => state,
      setState: (s) => {
        state = s;
      },
    },
    {
      schedule: (cb) => {
        queue.push(cb);
      },
      render: createMarkdownRenderer(win as unknown as Window),
      strings: DEFAULT_CHAT_STRINGS,
      clipboard: async (t) => {
        copied.push(t);
      },
    },
  );
  const tick = () => {
    const q = queue;
    queue = [];
    q.forEach((cb) => cb());
  };
  const $ = (sel: string) => doc.querySelector(sel) as HTMLElement | null;
  const key = (init: Record<string, unknown>) =>
    $('#input')!.dispatchEvent(new win.KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }));
  return { app, win, doc, posted, copied, tick, $, key, state: () => state };
}

test('handshake: nothing but ready is posted on start, and every post is a valid protocol message', () => {
  const t = boot();
  t.app.start();
  assert.deepEqual(t.posted, [{ type: 'ready' }]);
  assert.ok(t.posted.every((m) => parseToHost(m)));
});

test('init redraws the whole conversation from the host, replacing what was shown', () => {
  const t = boot();
  t.app.receive({ type: 'message-start', id: 'old', role: 'assistant' });
  t.app.receive({
    type: 'init',
    busy: false,
    status: { phase: 'ready', text: 'Ready' },
    messages: [
      { id: 'u1', role: 'user', text: 'make a <b>promo</b>' },
      { id: 'a1', role: 'assistant', text: '**Done**', suggestions: [{ action: 'export', label: 'Export' }] },
      { id: 'a2', role: 'assistant', text: 'half', interrupted: true },
    ],
  });
  assert.equal(t.doc.querySelectorAll('#log article').length, 3);
  assert.equal(t.$('[data-id="old"]'), null);
  assert.equal(t.$('[data-id="u1"] .body')!.textContent, 'make a <b>promo</b>', 'user text is literal');
  assert.equal(t.$('[data-id="a1"] .body strong')!.textContent, 'Done');
  assert.equal(t.$('[data-id="a1"] .suggestion')!.textContent, 'Export');
  assert.ok(t.$('[data-id="a2"]')!.classList.contains('interrupted'));
  assert.equal(t.$('#status-text')!.textContent, 'Ready');
  assert.equal(t.$('#status')!.dataset.phase, 'ready');
});

test('a streamed reply: chunks batched per frame, final replaces them, announced once complete', () => {
  const t = boot();
  t.app.receive({ type: 'busy', busy: true });
  assert.equal(t.$('#stop')!.hidden, false);
  assert.equal(t.$('#send')!.hidden, true);
  t.app.receive({ type: 'message-start', id: 'a', role: 'assistant' });
  t.app.receive({ type: 'tool', id: 'a', name: 'Planning your video…' });
  assert.equal(
    t.$('#log .working .working-text')!.textContent,
    'Planning your video…',
    "the host's words in the working row",
  );
  t.app.receive({ type: 'chunk', id: 'a', text: 'Your ' });
  t.app.receive({ type: 'chunk', id: 'a', text: 'video' });
  assert.equal(t.$('[data-id="a"] .body')!.textContent, '', 'not before the frame');
  t.tick();
  assert.equal(t.$('[data-id="a"] .body')!.textContent!.trim(), 'Your video');
  assert.equal(t.$('#announcer')!.textContent, '', 'partial text is not announced');
  t.app.receive({ type: 'message-final', id: 'a', text: 'Your video is ready.' });
  t.tick();
  assert.equal(t.$('[data-id="a"] .body')!.textContent!.trim(), 'Your video is ready.');
  assert.equal(t.$('[data-id="a"] .activity')!.hidden, true);
  assert.equal(t.$('#announcer')!.textContent, 'Assistant: Your video is ready.');
  t.app.receive({ type: 'suggestions', id: 'a', actions: [{ action: 'show-timeline', label: 'Show timeline' }] });
  t.$('[data-id="a"] .suggestion')!.click();
  assert.deepEqual(t.posted.at(-1), { type: 'action', action: 'show-timeline' });
  t.app.receive({ type: 'busy', busy: false });
  assert.equal(t.$('#send')!.hidden, false);
  assert.equal(t.$('#stop')!.hidden, true);
});

test('notices, interruptions, errors with a link button, retry and stop', () => {
  const t = boot();
  t.app.receive({ type: 'busy', busy: true });
  t.app.receive({ type: 'notice', text: '⏳ Still working...' });
  assert.equal(t.$('#activity')!.textContent, '⏳ Still working...');
  t.$('#stop')!.click();
  assert.deepEqual(t.posted.at(-1), { type: 'stop' });
  t.app.receive({ type: 'chunk', id: 'a', text: 'partial' });
  t.app.receive({ type: 'message-interrupted', id: 'a' });
  assert.equal(t.$('[data-id="a"] .body')!.textContent!.trim(), 'partial', 'pending text is flushed');
  assert.ok(t.$('[data-id="a"] .interrupted-note'));
  t.$('[data-id="a"] [data-retry]')!.click();
  assert.deepEqual(t.posted.at(-1), { type: 'retry' });
  t.app.receive({ type: 'busy', busy: false });
  assert.equal(t.$('#activity')!.hidden, true, 'notices end with the turn');
  t.app.receive({ type: 'error', text: 'Out of credits.', url: 'https://nemovideo.ai/upgrade', linkLabel: 'Upgrade' });
  assert.equal(t.$('#error')!.hidden, false);
  assert.equal(t.$('#error-text')!.textContent, 'Out of credits.');
  assert.equal(t.$('#error-link .label')!.textContent, 'Upgrade');
  t.$('#error-link')!.click();
  assert.deepEqual(t.posted.at(-1), { type: 'action', action: 'open-external', url: 'https://nemovideo.ai/upgrade' });
  t.$('#error-dismiss')!.click();
  assert.equal(t.$('#error')!.hidden, true);
});

test('Enter sends the trimmed draft, Shift+Enter and IME composition do not, busy blocks sending', () => {
  const t = boot();
  const input = t.$('#input') as HTMLTextAreaElement;
  input.value = '  photos to promo  ';
  t.key({ key: 'Enter', shiftKey: true });
  t.key({ key: 'Enter', isComposing: true });
  t.key({ key: 'Enter', keyCode: 229 });
  input.dispatchEvent(new t.win.CompositionEvent('compositionstart'));
  t.key({ key: 'Enter' });
  assert.equal(t.posted.length, 0);
  input.dispatchEvent(new t.win.CompositionEvent('compositionend'));
  // Right after compositionend the confirming Enter still belongs to the IME; the button sends.
  t.key({ key: 'Enter' });
  assert.equal(t.posted.length, 0);
  t.$('#send')!.click();
  assert.deepEqual(t.posted, [{ type: 'send', text: 'photos to promo' }]);
  assert.equal(input.value, '');
  input.value = 'again';
  t.app.receive({ type: 'busy', busy: true });
  t.$('#send')!.click();
  assert.equal(t.posted.length, 1, 'no send while a turn runs');
});

test('plain Enter (no composition) sends', () => {
  const t = boot();
  (t.$('#input') as HTMLTextAreaElement).value = 'hi';
  t.key({ key: 'Enter' });
  assert.deepEqual(t.posted, [{ type: 'send', text: 'hi' }]);
});

test('draft survives a reload through vscode state; quick actions, copy and links post messages', async () => {
  const t = boot();
  const input = t.$('#input') as HTMLTextAreaElement;
  input.value = 'half typed';
  input.dispatchEvent(new t.win.Event('input'));
  const again = boot(t.state());
  assert.equal((again.$('#input') as HTMLTextAreaElement).value, 'half typed');

  for (const a of ['upload', 'export', 'credits']) {
    t.$(`.quick-actions [data-action="${a}"]`)!.click();
    assert.deepEqual(t.posted.at(-1), { type: 'action', action: a });
  }
  t.app.receive({
    type: 'message-final',
    id: 'a',
    text: 'See [docs](https://nemovideo.ai/docs) and [bad](javascript:alert(1))',
  });
  t.tick();
  const links = t.doc.querySelectorAll<HTMLAnchorElement>('[data-id="a"] a');
  links[0]!.click();
  assert.deepEqual(t.posted.at(-1), { type: 'action', action: 'open-external', url: 'https://nemovideo.ai/docs' });
  const count = t.posted.length;
  links[1]!.click();
  assert.equal(t.posted.length, count, 'a stripped link posts nothing');
  t.$('[data-id="a"] [data-copy]')!.click();
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(t.copied, ['See [docs](https://nemovideo.ai/docs) and [bad](javascript:alert(1))']);
});

test('invalid host messages are ignored without throwing', () => {
  const t = boot();
  for (const junk of [
    null,
    'x',
    { type: 'chunk' },
    { type: 'eval', code: 'alert(1)' },
    { type: 'init', messages: 'no' },
  ])
    t.app.receive(junk);
  assert.equal(t.doc.querySelectorAll('#log article').length, 0);
});

test('auto-scroll follows at the bottom, pauses when the user scrolls up, resumes at the bottom', () => {
  const box = { scrollTop: 0, scrollHeight: 1000, clientHeight: 200 };
  const s = new AutoScroller(box);
  s.follow();
  assert.equal(box.scrollTop, 1000);
  box.scrollTop = 300; // user scrolls up
  s.onScroll();
  box.scrollHeight = 1500; // more text arrives
  s.follow();
  assert.equal(box.scrollTop, 300, 'stays where the user is reading');
  box.scrollTop = 1300; // back to the bottom (1500 - 200)
  s.onScroll();
  box.scrollHeight = 1800;
  s.follow();
  assert.equal(box.scrollTop, 1800);
  assert.equal(isAtBottom({ scrollTop: 780, scrollHeight: 1000, clientHeight: 200 }), true);
  assert.equal(isAtBottom({ scrollTop: 700, scrollHeight: 1000, clientHeight: 200 }), false);
});

test('Escape stops a running reply (the keyboard path to Stop), but not when idle or while an IME composes', () => {
  const t = boot();
  const esc = (init: Record<string, unknown> = {}) =>
    t.doc.body.dispatchEvent(
      new t.win.KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true, ...init }),
    );
  esc();
  assert.deepEqual(t.posted, [], 'idle: Escape does nothing');
  t.app.receive({ type: 'busy', busy: true });
  esc({ isComposing: true });
  assert.deepEqual(t.posted, [], 'composing: Escape belongs to the IME');
  t.key({ key: 'Escape' }); // from the message box
  assert.deepEqual(t.posted, [{ type: 'stop' }]);
  esc(); // from anywhere in the panel
  assert.deepEqual(t.posted, [{ type: 'stop' }, { type: 'stop' }]);
  assert.equal(t.$('#stop')!.getAttribute('aria-keyshortcuts'), 'Escape');
  t.app.receive({ type: 'busy', busy: false });
  esc();
  assert.equal(t.posted.length, 2, 'after the turn Escape is inert again');
});

test('the status icon carries a real codicon-… class per phase (codicon.css styles only those)', () => {
  const t = boot();
  const icon = () => t.$('#status .status-icon')!;
  assert.match(icon().className, /\bcodicon-circle-outline\b/, 'before any status');
  const cases: Array<[string, RegExp]> = [
    ['connecting', /\bcodicon-loading\b.*\bcodicon-modifier-spin\b/],
    ['ready', /\bcodicon-pass\b/],
    ['error', /\bcodicon-error\b/],
    ['idle', /\bcodicon-circle-outline\b/],
  ];
  for (const [phase, cls] of cases) {
    t.app.receive({ type: 'status', phase, text: phase });
    assert.match(icon().className, cls, phase);
    assert.ok(icon().classList.contains('codicon') && icon().classList.contains('status-icon'));
    assert.equal(icon().className.match(/codicon-(?!modifier)[a-z-]+/g)!.length, 1, `one glyph class for ${phase}`);
  }
});

test('a notice after the turn ended ("Stopped.") stays in view until the next message is sent', () => {
  const t = boot();
  t.app.receive({ type: 'busy', busy: true });
  t.app.receive({ type: 'busy', busy: false });
  t.app.receive({ type: 'notice', text: 'Stopped.' });
  assert.equal(t.$('#activity')!.hidden, false);
  assert.equal(t.$('#activity')!.textContent, 'Stopped.');
  (t.$('#input') as HTMLTextAreaElement).value = 'next';
  t.key({ key: 'Enter' });
  assert.deepEqual(t.posted.at(-1), { type: 'send', text: 'next' });
  assert.equal(t.$('#activity')!.hidden, true, 'cleared when the next message goes out');
});

test('message-remove takes away a bubble that never got text', () => {
  const t = boot();
  t.app.receive({ type: 'message-start', id: 'empty', role: 'assistant' });
  t.app.receive({ type: 'tool', id: 'empty', name: 'edit_timeline' });
  assert.ok(t.$('[data-id="empty"]'));
  t.app.receive({ type: 'message-remove', id: 'empty' });
  assert.equal(t.$('[data-id="empty"]'), null);
  t.app.receive({ type: 'message-remove', id: 'never-existed' }); // harmless
});

test('a late scroll event from our own pinning, landing after the log shrank, does not unpin it', () => {
  // A box that clamps like a browser: scrollTop ∈ [0, scrollHeight - clientHeight].
  const box = {
    top: 0,
    scrollHeight: 1000,
    clientHeight: 400,
    get scrollTop() {
      return this.top;
    },
    set scrollTop(v: number) {
      this.top = Math.max(0, Math.min(v, this.scrollHeight - this.clientHeight));
    },
  };
  const s = new AutoScroller(box);
  s.follow();
  assert.equal(box.scrollTop, 600);
  box.clientHeight = 300; // the error banner takes 100 px from the log
  s.onScroll(); // the scroll event our own pinning caused arrives only now
  s.follow(); // the ResizeObserver's callback
  assert.equal(box.scrollTop, 700, 'still pinned to the newest message');
  box.scrollTop = 250; // a real user scroll still unpins
  s.onScroll();
  assert.equal(s.stick, false);
});

test('a working row is the last line of the log from the moment a turn starts until it ends', () => {
  const t = boot();
  t.app.receive({
    type: 'init',
    busy: false,
    status: { phase: 'ready', text: 'Ready' },
    messages: [{ id: 'u0', role: 'user', text: 'hi' }],
  });
  const working = () => t.$('#log .working');
  assert.equal(working()!.hidden, true, 'hidden while idle');
  t.app.receive({ type: 'busy', busy: true });
  assert.equal(working()!.hidden, false, 'shown as soon as the turn starts, before any word');
  assert.equal(working()!.textContent, DEFAULT_CHAT_STRINGS.working);
  assert.equal(working()!.getAttribute('role'), 'status');
  t.app.receive({ type: 'message-start', id: 'u1', role: 'user' });
  t.app.receive({ type: 'message-final', id: 'u1', text: 'make a video' });
  t.app.receive({ type: 'message-start', id: 'a1', role: 'assistant' });
  t.app.receive({ type: 'tool', id: 'a1', name: 'Editing the timeline…' });
  assert.equal(t.$('#log')!.lastElementChild, working(), 'stays the last row');
  assert.equal(working()!.textContent, 'Editing the timeline…');
  assert.ok(
    t.$('[data-id="a1"]')!.classList.contains('empty'),
    'the wordless bubble is marked empty (hidden by the stylesheet)',
  );
  t.app.receive({ type: 'busy', busy: false });
  assert.equal(working()!.hidden, true, 'gone when the turn ends');
  t.app.receive({ type: 'busy', busy: true });
  t.app.receive({ type: 'init', busy: true, status: { phase: 'ready', text: 'Ready' }, messages: [] });
  assert.equal(working()!.hidden, false, 'a redraw during a turn keeps it');
});

test('a turn that fails puts the sent message back into an empty input ("your message is kept" is true)', () => {
  const t = boot();
  (t.$('#input') as HTMLTextAreaElement).value = 'make it 30 seconds';
  t.key({ key: 'Enter' });
  assert.equal((t.$('#input') as HTMLTextAreaElement).value, '');
  t.app.receive({ type: 'busy', busy: true });
  t.app.receive({
    type: 'error',
    text: 'The video agent stopped with an error: boom. Your message is kept — try sending it again.',
  });
  t.app.receive({ type: 'busy', busy: false });
  assert.equal((t.$('#input') as HTMLTextAreaElement).value, 'make it 30 seconds');
  assert.equal((t.state() as { draft: string }).draft, 'make it 30 seconds', 'and survives a reload');
  // Something typed meanwhile is never overwritten, and a later unrelated error restores nothing.
  (t.$('#input') as HTMLTextAreaElement).value = '';
  t.app.receive({ type: 'error', text: 'Not connected.' });
  assert.equal((t.$('#input') as HTMLTextAreaElement).value, '');
});

test('the empty chat welcomes: example requests to click, and where videos are made', () => {
  const t = boot();
  t.app.receive({ type: 'init', busy: false, status: { phase: 'ready', text: 'Ready' }, messages: [] });
  const welcome = t.$('#log .welcome')!;
  assert.equal(welcome.hidden, false, 'shown while the chat is empty');
  assert.equal(welcome.querySelector('h2')!.textContent, DEFAULT_CHAT_STRINGS.welcomeTitle);
  const examples = [...welcome.querySelectorAll<HTMLButtonElement>('button[data-prompt]')];
  assert.equal(examples.length, 3);
  examples[1].click();
  assert.equal(
    (t.$('#input') as HTMLTextAreaElement).value,
    DEFAULT_CHAT_STRINGS.example2,
    'a click puts the request in the box to edit or send',
  );
  assert.equal(t.doc.activeElement, t.$('#input'));
  (welcome.querySelector('[data-action="use-local"]') as HTMLElement).click();
  assert.deepEqual(t.posted.at(-1), { type: 'action', action: 'use-local' });
  (welcome.querySelector('[data-action="use-cloud"]') as HTMLElement).click();
  assert.deepEqual(t.posted.at(-1), { type: 'action', action: 'use-cloud' });
  assert.ok(
    t.posted.every((m) => parseToHost(m)),
    'every post is a valid protocol message',
  );
  t.app.receive({ type: 'message-start', id: 'u1', role: 'user' });
  assert.equal(welcome.hidden, true, 'gone once the conversation starts');
  t.app.receive({
    type: 'init',
    busy: false,
    status: { phase: 'ready', text: 'Ready' },
    messages: [{ id: 'a', role: 'assistant', text: 'hi' }],
  });
  assert.equal(t.$('#log .welcome')!.hidden, true);
});

test('ArrowUp in an empty message box recalls the last message sent; not when the box has text', () => {
  const t = boot();
  t.app.receive({
    type: 'init',
    busy: false,
    status: { phase: 'ready', text: 'Ready' },
    messages: [
      { id: 'u1', role: 'user', text: 'first request' },
      { id: 'a1', role: 'assistant', text: 'done' },
      { id: 'u2', role: 'user', text: 'make it 20 seconds' },
      { id: 'a2', role: 'assistant', text: 'done again' },
    ],
  });
  const input = t.$('#input') as HTMLTextAreaElement;
  input.value = 'typing';
  t.key({ key: 'ArrowUp' });
  assert.equal(input.value, 'typing', 'a draft is never replaced');
  input.value = '';
  t.key({ key: 'ArrowUp', isComposing: true });
  assert.equal(input.value, '', 'not while an IME composes');
  t.key({ key: 'ArrowUp' });
  assert.equal(input.value, 'make it 20 seconds');
  assert.equal((t.state() as { draft: string }).draft, 'make it 20 seconds');
});

test('a cloud error offers the free local engine in the banner only when the host says so', () => {
  const t = boot();
  t.app.receive({ type: 'error', text: 'Could not reach the video service.', offerLocal: true });
  assert.equal(t.$('#error-local')!.hidden, false);
  assert.equal(t.$('#error-local')!.textContent, DEFAULT_CHAT_STRINGS.useLocal);
  t.$('#error-local')!.click();
  assert.deepEqual(t.posted.at(-1), { type: 'action', action: 'use-local' });
  assert.equal(t.$('#error')!.hidden, true, 'the banner goes with the click');
  t.app.receive({ type: 'error', text: 'The file is too large.' });
  assert.equal(t.$('#error-local')!.hidden, true);
});

test(
  'thumbnail strip: frames with their times under the reply, only the newest kept, redrawn from init; a non-image src is refused',
  { timeout: 5_000 },
  () => {
    const t = boot();
    const px = 'data:image/jpeg;base64,/9j/4AAQ';
    const strip = (times: string[]) => times.map((time) => ({ src: px, time }));
    t.app.receive({ type: 'message-start', id: 'a1', role: 'assistant' });
    t.app.receive({ type: 'message-final', id: 'a1', text: 'Made it.' });
    t.app.receive({ type: 'thumbnails', id: 'a1', images: strip(['0:01', '0:03', '0:05', '0:07']) });
    t.tick();
    assert.equal(t.doc.querySelectorAll('[data-id="a1"] .thumbs img').length, 4);
    assert.deepEqual(
      [...t.doc.querySelectorAll('[data-id="a1"] .thumbs figcaption')].map((c) => c.textContent),
      ['0:01', '0:03', '0:05', '0:07'],
    );
    assert.equal((t.doc.querySelector('[data-id="a1"] .thumbs img') as HTMLImageElement).alt, 'Frame at 0:01');
    // After the frames, the way to watch this version before exporting it.
    const play = t.doc.querySelector('[data-id="a1"] .thumbs [data-action="preview"]') as HTMLButtonElement;
    assert.ok(play, 'a Preview button after the strip');
    assert.equal(play.textContent, 'Preview');
    play.click();
    assert.deepEqual(t.posted.at(-1), { type: 'action', action: 'preview' });
    t.app.receive({ type: 'message-start', id: 'a2', role: 'assistant' });
    t.app.receive({ type: 'message-final', id: 'a2', text: 'Bigger title.' });
    t.app.receive({ type: 'thumbnails', id: 'a2', images: strip(['0:02', '0:04', '0:06']) });
    assert.equal(t.doc.querySelectorAll('[data-id="a1"] .thumbs img').length, 0);
    assert.equal(t.doc.querySelectorAll('[data-id="a1"] .thumbs button').length, 0, 'the old version has no Preview');
    assert.ok((t.doc.querySelector('[data-id="a1"] .thumbs') as HTMLElement).hidden);
    assert.equal(t.doc.querySelectorAll('[data-id="a2"] .thumbs img').length, 3);
    t.app.receive({ type: 'thumbnails', id: 'a2', images: [{ src: 'javascript:alert(1)', time: '0:01' }] });
    assert.equal(t.doc.querySelectorAll('[data-id="a2"] .thumbs img').length, 3, 'the malformed message was ignored');
    t.app.receive({
      type: 'init',
      busy: false,
      status: { phase: 'ready', text: 'Ready' },
      messages: [{ id: 'a3', role: 'assistant', text: 'x', thumbnails: strip(['0:01']) }],
    });
    assert.equal(t.doc.querySelectorAll('[data-id="a3"] .thumbs img').length, 1);
  },
);

test(
  'an exported file is a link that asks the host to open it by message id; an unsent message says so and sends again',
  { timeout: 5_000 },
  () => {
    const t = boot();
    t.app.receive({ type: 'message-start', id: 's1', role: 'system' });
    t.app.receive({ type: 'message-final', id: 's1', text: 'Exported /ws/exports/promo.mp4' });
    t.app.receive({ type: 'file-link', id: 's1', file: '/ws/exports/promo.mp4' });
    t.tick();
    const link = t.$('[data-id="s1"] a.file-link')!;
    assert.equal(link.textContent, '/ws/exports/promo.mp4');
    assert.equal(t.$('[data-id="s1"] .body')!.textContent, 'Exported /ws/exports/promo.mp4', 'the text reads the same');
    link.click();
    assert.deepEqual(t.posted.at(-1), { type: 'open-file', id: 's1' });
    assert.ok(parseToHost(t.posted.at(-1)));
    // A cloud export's message offers the web editor: the button asks the host, which owns the link.
    t.app.receive({ type: 'suggestions', id: 's1', actions: [{ action: 'open-in-nemo', label: 'Open in NemoVideo' }] });
    t.$('[data-id="s1"] .suggestion')!.click();
    assert.deepEqual(t.posted.at(-1), { type: 'action', action: 'open-in-nemo' });
    assert.ok(parseToHost(t.posted.at(-1)));

    t.app.receive({ type: 'message-start', id: 'u1', role: 'user' });
    t.app.receive({ type: 'message-final', id: 'u1', text: 'hello' });
    t.app.receive({ type: 'message-unsent', id: 'u1' });
    t.tick();
    assert.ok(t.$('[data-id="u1"]')!.classList.contains('unsent'));
    assert.equal(t.$('[data-id="u1"] .unsent-note')!.textContent, 'Not sent: not connected.');
    (t.$('[data-id="u1"] [data-resend]') as HTMLButtonElement).click();
    assert.deepEqual(t.posted.at(-1), { type: 'resend', id: 'u1' });

    // A reload draws both from the host's store.
    t.app.receive({
      type: 'init',
      busy: false,
      status: { phase: 'error', text: 'Not connected' },
      messages: [
        { id: 's2', role: 'system', text: 'Exported /a b/x.mp4', file: '/a b/x.mp4' },
        { id: 'u2', role: 'user', text: 'hi', unsent: true },
      ],
    });
    assert.equal(t.$('[data-id="s2"] a.file-link')!.textContent, '/a b/x.mp4');
    assert.ok(t.$('[data-id="u2"]')!.classList.contains('unsent'));
  },
);
