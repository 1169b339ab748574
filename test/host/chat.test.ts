/** The chat view resolves, connects, streams a turn, stops one, and redraws after a reload. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StandIn } from '../../src/engine/standin';
import { ScriptedAgent } from '../../src/engine/standin/scriptedAgent';
import { adkCall, adkResponse, adkText } from '../../src/engine/contracts';
import type { ToWebviewMessage } from '../../src/protocol';
import { testApi, useStandIn, waitFor } from './helpers';

const since = (list: ToWebviewMessage[], from: number) => list.slice(from);

describe('chat view', () => {
  let standIn: StandIn;
  let agent: ScriptedAgent;
  before(async () => {
    agent = new ScriptedAgent({ stepMs: 30 });
    standIn = await useStandIn(await testApi(), { agent });
  });
  after(async () => {
    await standIn?.close();
  });
  afterEach(() => agent.reset());

  it('resolves on Open Chat, gets `ready`, then connects and says Ready', async () => {
    const api = await testApi();
    await vscode.commands.executeCommand('videoGenerator.openChat');
    await waitFor(() => api.chatView.resolved, 'the chat view to resolve');
    await waitFor(() => api.chatView.readyCount > 0, 'the webview to post ready', 30_000);
    await waitFor(
      () => api.chatView.recent.some((m) => m.type === 'status' && m.phase === 'ready'),
      'the Ready status',
    );
    assert.ok(
      api.chatView.recent.some((m) => m.type === 'status' && m.phase === 'connecting'),
      'Connecting... came first',
    );
    assert.equal(api.host.phase, 'ready');
  });

  it('streams a reply: chunks, one final text, suggestions, and busy off at the end', async () => {
    const api = await testApi();
    const from = api.chatView.recent.length;
    const outcome = await api.chat.send('Make a 12 second promo called "Urban Dreams"');
    assert.equal(outcome?.kind, 'reply');
    const posted = since(api.chatView.recent, from);
    const chunks = posted.filter((m) => m.type === 'chunk');
    const finals = posted.filter(
      (m): m is Extract<ToWebviewMessage, { type: 'message-final' }> => m.type === 'message-final',
    );
    assert.ok(chunks.length >= 2, 'the reply arrived in several chunks');
    const reply = finals.at(-1)!;
    assert.ok(reply.text.length > 0);
    assert.equal(
      chunks
        .filter((c) => c.type === 'chunk' && c.id === reply.id)
        .map((c) => (c as { text: string }).text)
        .join(''),
      reply.text,
      'the final text replaces exactly what was streamed',
    );
    assert.deepEqual(
      posted.filter((m) => m.type === 'busy').map((m) => (m as { busy: boolean }).busy),
      [true, false],
    );
    // The host owns the history: user message and reply are stored.
    const stored = api.chat.init() as Extract<ToWebviewMessage, { type: 'init' }>;
    assert.equal(stored.messages.at(-2)?.role, 'user');
    assert.equal(stored.messages.at(-1)?.text, reply.text);
    assert.equal(agent.received.at(-1), 'Make a 12 second promo called "Urban Dreams"');
    // What the agent works on reaches the panel in a person's words, never as a tool's name.
    const tools = posted.filter((m): m is Extract<ToWebviewMessage, { type: 'tool' }> => m.type === 'tool');
    assert.ok(tools.length >= 1, "the agent's tool call shows as activity");
    for (const t of tools) assert.doesNotMatch(t.name, /_|^[a-z]+$/, `"${t.name}" is a phrase, not a tool name`);
    assert.ok(
      tools.some((t) => t.name === 'Editing the timeline…'),
      tools.map((t) => t.name).join(', '),
    );
  });

  it('Stop aborts the running turn and leaves the panel usable', async () => {
    const api = await testApi();
    // One chunk, then the agent works until the client goes away (Stop closes the stream).
    let serverSawAbort = false;
    agent.enqueue(async (_text, ctx, emit) => {
      emit(adkText('nemo_agent', 'Once upon a time, ', true));
      await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve(), { once: true }));
      serverSawAbort = true;
      return {};
    });
    const from = api.chatView.recent.length;
    const turn = api.chat.send('Write a long story about the video');
    await waitFor(() => since(api.chatView.recent, from).some((m) => m.type === 'chunk'), 'the first chunk');
    api.chat.handle({ type: 'stop' });
    await turn;
    const posted = since(api.chatView.recent, from);
    assert.ok(
      posted.some((m) => m.type === 'message-interrupted'),
      'the cut reply is marked',
    );
    assert.deepEqual(posted.filter((m) => m.type === 'busy').at(-1), { type: 'busy', busy: false });
    assert.equal(api.chat.busy, false);
    await waitFor(() => serverSawAbort, 'the backend to see the request end');
    const stored = (api.chat.init() as Extract<ToWebviewMessage, { type: 'init' }>).messages.at(-1)!;
    assert.equal(stored.text, 'Once upon a time, ');
    assert.equal(stored.interrupted, true);
  });

  it('answers a credits question without streaming', async () => {
    const api = await testApi();
    const outcome = await api.chat.send('how many credits do I have?');
    assert.equal(outcome?.kind, 'answer');
    // Worded by the UI (localisable), not the core's English sentence ("You have … credits").
    assert.match((api.chat.init() as { messages: { text: string }[] }).messages.at(-1)!.text, /^\d+ credits available/);
  });

  it('redraws the history after the webview reloads', async () => {
    const api = await testApi();
    const before = api.chatView.readyCount;
    const from = api.chatView.recent.length;
    await vscode.commands.executeCommand('videoGenerator.openChat');
    await vscode.commands.executeCommand('workbench.action.webview.reloadWebviewAction');
    await waitFor(() => api.chatView.readyCount > before, 'ready after the reload', 30_000);
    // `init` goes straight to the page; the stored history is what it carries.
    const init = api.chat.init() as Extract<ToWebviewMessage, { type: 'init' }>;
    assert.ok(init.messages.length >= 4);
    assert.equal(init.busy, false);
    assert.ok(api.chatView.recent.length >= from);
  });
  it('a turn with tool activity but no text: the open bubble gets the "what changed" summary, no empty bubble', async () => {
    const api = await testApi();
    agent.enqueue(async (_text, ctx, emit) => {
      emit(adkCall('nemo_agent', 'edit_timeline', { duration: 9 }));
      emit(adkResponse('nemo_agent', 'edit_timeline', { ok: true }));
      const draft = { ...(ctx.draft ?? {}), d: 9000 };
      return { draft };
    });
    const from = api.chatView.recent.length;
    const outcome = await api.chat.send('make it 9 seconds');
    assert.equal(outcome?.kind, 'reply');
    const posted = since(api.chatView.recent, from);
    const started = posted.filter((m) => m.type === 'message-start' && m.role === 'assistant');
    assert.equal(started.length, 1, 'one assistant bubble');
    const bubbleId = (started[0] as { id: string }).id;
    const final = posted.find(
      (m): m is Extract<ToWebviewMessage, { type: 'message-final' }> => m.type === 'message-final' && m.id === bubbleId,
    );
    assert.ok(final, 'the summary lands in the bubble the tool activity opened');
    assert.ok(!posted.some((m) => m.type === 'message-remove'), 'no bubble had to be taken away');
    assert.match(final!.text, /updated the timeline|did not change/);
    const stored = api.chat.init() as Extract<ToWebviewMessage, { type: 'init' }>;
    assert.ok(
      stored.messages.every((m) => m.text.length > 0),
      'no empty message is kept',
    );
  });

  it('a final message followed by chunks that never get a final: each bubble shows its own text once', async () => {
    const api = await testApi();
    agent.enqueue(async (_text, _ctx, emit) => {
      emit(adkText('nemo_agent', 'First part.'));
      emit(adkText('nemo_agent', 'Second ', true));
      emit(adkText('nemo_agent', 'part.', true));
      return {};
    });
    const from = api.chatView.recent.length;
    await api.chat.send('tell me two things');
    const posted = since(api.chatView.recent, from);
    const assistant = new Set(
      posted.filter((m) => m.type === 'message-start' && m.role === 'assistant').map((m) => (m as { id: string }).id),
    );
    const finals = posted.filter(
      (m): m is Extract<ToWebviewMessage, { type: 'message-final' }> =>
        m.type === 'message-final' && assistant.has(m.id),
    );
    assert.deepEqual(
      finals.map((f) => f.text),
      ['First part.', 'Second part.'],
    );
  });
});
