import { test, after, before, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'undici';
import { startStandIn, type StandIn } from '../../src/engine/standin';
import { adkText } from '../../src/engine/contracts';
import { anonSession, call, chat, media, once, sseEvents, uploadFiles, waitFor } from './engine-helpers';

let e: StandIn;
let u: { token: string; sid: string };
before(async () => {
  e = await startStandIn({ keepAliveMs: 20 });
  u = await anonSession(e.url);
  await uploadFiles(e.url, u.token, u.sid, [
    { name: 'a.png', data: media('png') },
    { name: 'song.mp3', data: media('mp3') },
  ]);
});
after(async () => {
  await e.close();
});
beforeEach(() => {
  e.faults.reset();
  e.agent!.reset();
});

const visibleTexts = (evs: any[]) =>
  evs.filter((x) => x.content?.parts?.[0]?.text !== undefined && !x.content.parts[0].thought);
const stateDraft = async () =>
  (await call(e.url, 'GET', `/api/state/nemo_agent/me/${u.sid}/latest`, { token: u.token })).body.data.state.draft;

test('normal stream: thought, call, response, 3–5 partial chunks, one final with the whole text; draft from media', async () => {
  const r = await chat(e.url, u.token, u.sid, 'turn these into a 15-second video');
  assert.ok(!/\r\n/.test(r.text));
  const evs = sseEvents(r.text);
  assert.equal(evs[0].content.parts[0].thought, true);
  assert.equal(evs[1].content.parts[0].functionCall.name, 'edit_timeline');
  assert.equal(evs[2].content.parts[0].functionResponse.name, 'edit_timeline');
  const texts = visibleTexts(evs);
  const partials = texts.filter((x) => x.partial);
  assert.ok(partials.length >= 3 && partials.length <= 5, String(partials.length));
  const final = texts.at(-1);
  assert.equal(final.partial, undefined);
  assert.equal(final.content.parts[0].text, partials.map((x) => x.content.parts[0].text).join(''));
  const draft = await stateDraft();
  assert.equal(draft.d, 15000);
  assert.deepEqual(
    draft.t.map((t: { tt: number }) => t.tt),
    [0, 1, 7],
  );
  assert.equal(draft.t[1].sg[0].m.name, 'song.mp3');
  assert.equal(draft.t[1].sg[0].m.volume, 0.35);
  assert.equal(draft.t[2].sg[0].m.role, 'title');
  assert.deepEqual([draft.m.width, draft.m.height], [1080, 1920]);
});

test('scripted turns: queued reply and draft', async () => {
  e.agent!.enqueue({
    reply: 'Custom answer here for you',
    draft: { t: [{ tt: 7, sg: [{ s: 0, d: 1000, m: { text: 'X', role: 'title' } }] }], d: 1000 },
  });
  const r = await chat(e.url, u.token, u.sid, 'anything');
  assert.equal(visibleTexts(sseEvents(r.text)).at(-1).content.parts[0].text, 'Custom answer here for you');
  assert.equal((await stateDraft()).d, 1000);
  e.agent!.script((_t, _c, emit) => {
    emit(adkText('a', 'from script'));
    return {};
  });
  const s = await chat(e.url, u.token, u.sid, 'x');
  assert.equal(sseEvents(s.text)[0].content.parts[0].text, 'from script');
});

test('silent-close: no text at all, but the draft changed', async () => {
  e.faults.stream = 'silent-close';
  const r = await chat(e.url, u.token, u.sid, 'make it 12s');
  assert.equal(visibleTexts(sseEvents(r.text)).length, 0);
  assert.equal((await stateDraft()).d, 12000);
});

test('error-midstream: chunks then data: {"error"} and close; error-code: an errorCode event', async () => {
  e.faults.stream = 'error-midstream';
  const r = await chat(e.url, u.token, u.sid, 'hello');
  const evs = sseEvents(r.text);
  assert.equal(visibleTexts(evs).filter((x) => x.partial).length, 2);
  assert.match(evs.at(-1).error, /failed/);
  e.faults.stream = 'error-code';
  const c = await chat(e.url, u.token, u.sid, 'hello');
  const last = sseEvents(c.text).at(-1);
  assert.equal(last.errorCode, 'MALFORMED_FUNCTION_CALL');
  assert.ok(last.errorMessage);
  assert.equal(last.content, undefined);
  // Even a turn without any text ends with the error event.
  e.agent!.enqueue({ events: [] });
  const quiet = sseEvents((await chat(e.url, u.token, u.sid, 'hello')).text);
  assert.equal(quiet.at(-1).errorCode, 'MALFORMED_FUNCTION_CALL');
});

test('drop: partial chunks, then the socket is destroyed', async () => {
  e.faults.stream = 'drop';
  const res = await request(`${e.url}/run_sse`, {
    method: 'POST',
    headers: { authorization: `Bearer ${u.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ session_id: u.sid, new_message: { role: 'user', parts: [{ text: 'hi' }] } }),
  });
  let got = '';
  await assert.rejects(async () => {
    for await (const chunk of res.body) got += chunk.toString();
  });
  assert.equal(visibleTexts(sseEvents(got)).filter((x) => x.partial).length, 2);
});

test('keepalive-only: pings and empty data lines first, then the normal answer', async () => {
  e.faults.stream = 'keepalive-only';
  e.faults.keepaliveOnlyMs = 80;
  const r = await chat(e.url, u.token, u.sid, 'hi');
  const before = r.text.slice(0, r.text.indexOf('data: {'));
  assert.match(before, /^(: ping\n\n|data:\n\n)+$/);
  assert.ok(before.includes(': ping') && before.includes('data:\n\n'));
  assert.ok(visibleTexts(sseEvents(r.text)).length >= 4);
});

test('legacy, snake, crlf, split, malformed shapes on the wire', async () => {
  e.faults.stream = 'legacy';
  const legacy = sseEvents((await chat(e.url, u.token, u.sid, 'hi')).text);
  assert.deepEqual(legacy[0], { type: 'heartbeat' });
  assert.ok(legacy.some((x) => x.type === 'tool_call' && x.name === 'edit_timeline'));
  assert.ok(legacy.some((x) => x.type === 'tool_result'));
  const text = legacy
    .filter((x) => x.type === 'text')
    .map((x) => x.content)
    .join('');
  assert.match(text, /Click Export/);
  assert.equal(text.match(/Click Export/g)!.length, 1, 'final event not repeated');

  e.faults.stream = 'snake';
  const snake = sseEvents((await chat(e.url, u.token, u.sid, 'hi')).text);
  assert.ok(snake.every((x) => !('invocationId' in x) && 'invocation_id' in x));
  assert.ok(snake.some((x) => x.content.parts[0].function_call?.name === 'edit_timeline'));

  e.faults.stream = 'crlf';
  const crlf = (await chat(e.url, u.token, u.sid, 'hi')).text;
  assert.match(crlf, /^data: \{.*\}\r\n\r\n/);
  assert.ok(!/[^\r]\n/.test(crlf));

  e.faults.stream = 'split';
  const res = await request(`${e.url}/run_sse`, {
    method: 'POST',
    headers: { authorization: `Bearer ${u.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ session_id: u.sid, new_message: { role: 'user', parts: [{ text: 'hi' }] } }),
  });
  let chunks = 0;
  let all = '';
  for await (const c of res.body) {
    chunks += 1;
    all += c.toString();
  }
  assert.ok(chunks > 20, `arrived in ${chunks} pieces`);
  assert.match(visibleTexts(sseEvents(all)).at(-1).content.parts[0].text, /Click Export/);

  e.faults.stream = 'malformed';
  const bad = sseEvents((await chat(e.url, u.token, u.sid, 'hi')).text);
  assert.ok(bad.some((x) => x.__malformed));
  assert.ok(bad.some((x) => x.kind === 'mystery_event'));
  assert.ok(visibleTexts(bad).length > 0);
});

test('keep-alive comments while the agent works', async () => {
  e.agent!.enqueue(async (_t, ctx, emit) => {
    await new Promise((r) => setTimeout(r, 120));
    emit(adkText('a', 'slow answer'));
    return {};
  });
  const r = await chat(e.url, u.token, u.sid, 'slow');
  assert.match(r.text, /^: ping\n\n/);
  assert.match(r.text, /slow answer/);
});

test('client closing the stream aborts the agent and emits sse-close {clientAborted:true}', async () => {
  let aborted = false;
  e.agent!.enqueue(async (_t, ctx, emit) => {
    emit(adkText('a', 'working', true));
    await new Promise<void>((r) => ctx.signal.addEventListener('abort', () => r()));
    aborted = true;
    return { draft: { t: [], d: 1 } };
  });
  const before = (await stateDraft()).d;
  const ac = new AbortController();
  const closed = once(e.events, 'sse-close');
  const opened = once(e.events, 'sse-open');
  const res = await request(`${e.url}/run_sse`, {
    method: 'POST',
    signal: ac.signal,
    headers: { authorization: `Bearer ${u.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ sessionId: u.sid, newMessage: { role: 'user', parts: [{ text: 'hi' }] } }),
  });
  for await (const c of res.body) {
    if (c.toString().includes('working')) break;
  }
  assert.deepEqual(await opened, [u.sid]);
  ac.abort();
  const [sid, info] = await closed;
  assert.equal(sid, u.sid);
  assert.deepEqual(info, { clientAborted: true });
  await waitFor(() => aborted, 'agent aborted');
  assert.equal((await stateDraft()).d, before, 'an aborted turn does not change the draft');
});

test('unknown session → HTTP 404 {"detail":"Session not found"}; no credits → 2001', async () => {
  const r = await chat(e.url, u.token, '999999', 'hi');
  assert.equal(r.status, 404);
  assert.deepEqual(r.body, { detail: 'Session not found' });
  const poor = await startStandIn({ initialCredits: 1 });
  try {
    const p = await anonSession(poor.url);
    assert.equal((await chat(poor.url, p.token, p.sid, 'one')).status, 200);
    const no = await chat(poor.url, p.token, p.sid, 'two');
    assert.deepEqual(no.body, { code: 2001, message: 'insufficient credits' });
    const cr = await call(poor.url, 'GET', '/api/credits/balance/simple', { token: p.token });
    assert.deepEqual(cr.body.data, { available: 0, frozen: 0, total: 0 });
  } finally {
    await poor.close();
  }
});
