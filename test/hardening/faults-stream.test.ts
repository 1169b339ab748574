/**
 * Fault catalogue, part 2: the session and the chat stream — token and session loss mid-work,
 * dropped and silent streams, the time limits, malformed and huge events.
 */
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { startStandIn, type StandIn } from '../../src/engine/standin';
import type { StreamEvent } from '../../src/core/api/events';
import type { TurnOutcome } from '../../src/core/serviceApi';
import { rejectsWith, serviceFor } from './helpers';
import { reportText } from '../../src/words/report';
import { en } from '../../src/words/en';

let s: StandIn;
before(async () => {
  s = await startStandIn();
});
after(async () => {
  await s.close();
});
beforeEach(() => {
  s.faults.reset();
  s.agent?.reset();
});

function reply(o: TurnOutcome): Extract<TurnOutcome, { kind: 'reply' }> {
  assert.equal(o.kind, 'reply');
  return o as Extract<TurnOutcome, { kind: 'reply' }>;
}

test(
  '[fault] 1001 mid-session: re-auth and one retry; the user only sees a reply (same session)',
  { timeout: 120_000 },
  async () => {
    const { svc, tokens } = serviceFor(s);
    const { sessionId } = await svc.connect();
    const before = (await tokens.get())!.token;
    s.faults.failNext('sse', { code: 1001 });
    const events: StreamEvent[] = [];
    const r = reply(await svc.send('make a 10 second video', { onEvent: (e) => events.push(e) }));
    assert.ok(r.text.length > 0 && !r.interrupted && !r.sessionRenewed);
    assert.ok(!events.some((e) => e.type === 'error'), 'no error surfaced');
    assert.notEqual((await tokens.get())!.token, before, 'a new token was fetched');
    assert.equal((await svc.connect()).sessionId, sessionId, 'same session kept');
  },
);

test(
  '[fault] 1002: a new session, one retry, and the user is told (sessionRenewed)',
  { timeout: 120_000 },
  async () => {
    const { svc } = serviceFor(s);
    const { sessionId: old } = await svc.connect();
    s.faults.failNext('sse', { code: 1002 });
    const r = reply(await svc.send('make a 10 second video'));
    assert.equal(r.sessionRenewed, true);
    assert.ok(r.text.length > 0);
    assert.notEqual((await svc.connect()).sessionId, old);
  },
);

test(
  '[fault] stream dropped mid-text: partial text kept, marked interrupted; the retry works',
  { timeout: 120_000 },
  async () => {
    const { svc } = serviceFor(s);
    s.faults.stream = 'drop';
    const chunks: string[] = [];
    const r = reply(
      await svc.send('make a video', {
        onEvent: (e) => {
          if (e.type === 'text-chunk') chunks.push(e.text);
        },
      }),
    );
    assert.equal(r.interrupted, true);
    assert.equal(r.text, chunks.join('').trim(), 'the partial text is exactly what was shown');
    s.faults.stream = 'normal';
    const again = reply(await svc.send('make a video'));
    assert.equal(again.interrupted, false);
  },
);

test(
  '[fault] keep-alives only for longer than the notice interval: "still working" notices, then the reply',
  { timeout: 120_000 },
  async () => {
    const { svc } = serviceFor(s, { stillWorkingIntervalMs: 80 });
    s.faults.stream = 'keepalive-only';
    s.faults.keepaliveOnlyMs = 450;
    const events: StreamEvent[] = [];
    const r = reply(await svc.send('make a video', { onEvent: (e) => events.push(e) }));
    const notices = events.filter((e) => e.type === 'still-working');
    assert.ok(notices.length >= 2, `${notices.length} notices`);
    assert.ok(events.findIndex((e) => e.type === 'still-working') < events.findIndex((e) => e.type === 'text-final'));
    assert.ok(r.text.length > 0 && !r.interrupted);
  },
);

test(
  '[fault] the overall reply limit (15 min, injected small): stopped with a clear message, server connection closed',
  { timeout: 120_000 },
  async () => {
    const { svc } = serviceFor(s, { maxStreamMs: 300, stillWorkingIntervalMs: 100 });
    await svc.connect();
    s.faults.stream = 'keepalive-only';
    s.faults.keepaliveOnlyMs = 60_000;
    const closed = once(s.events, 'sse-close');
    const started = Date.now();
    await rejectsWith(
      svc.send('make a long video'),
      'server',
      /did not finish replying within the 300 ms limit.*Ask for "status".*Your message is kept/,
    );
    assert.ok(Date.now() - started < 5_000, 'stopped promptly');
    const [, info] = await closed;
    assert.equal((info as { clientAborted: boolean }).clientAborted, true, 'the stream was released, not left open');
  },
);

test(
  '[fault] malformed JSON events and unknown event kinds: skipped and logged, the stream continues',
  { timeout: 120_000 },
  async () => {
    const { svc, logs } = serviceFor(s);
    s.faults.stream = 'malformed';
    const r = reply(await svc.send('make a video'));
    assert.match(r.text, /\w{3,}/);
    assert.equal(r.interrupted, false);
    assert.ok(
      logs.some((l) => /SSE: skipped an event that is not JSON/.test(l)),
      'malformed event logged',
    );
  },
);

test('[fault] a 10 MB reply event: delivered whole, shown once', { timeout: 120_000 }, async () => {
  const { svc } = serviceFor(s);
  const big = `${'Long answer. '.repeat(Math.ceil((10 * 1024 * 1024) / 13))}`.slice(0, 10 * 1024 * 1024);
  s.agent!.enqueue({ reply: big });
  const r = reply(await svc.send('describe everything'));
  assert.equal(r.text.length, big.trim().length);
  assert.equal(r.text, big.trim());
});

test(
  '[fault] {"error"} mid-stream: a clear error after the partial text; the message is kept for retry',
  { timeout: 120_000 },
  async () => {
    const { svc } = serviceFor(s);
    s.faults.stream = 'error-midstream';
    const events: StreamEvent[] = [];
    await rejectsWith(
      svc.send('make a video', { onEvent: (e) => events.push(e) }),
      'server',
      /stopped with an error.*Your message is kept/,
    );
    assert.ok(events.some((e) => e.type === 'text-chunk'));
  },
);

test(
  '[fault] the stream closes without text: the reply says what changed in the timeline',
  { timeout: 120_000 },
  async () => {
    const { svc } = serviceFor(s);
    await svc.send('make a 30 second video');
    s.faults.stream = 'silent-close';
    const r = reply(await svc.send('make it 15 seconds'));
    assert.equal(r.fromTimelineDiff, true);
    assert.match(reportText(r.report!, en), /updated the timeline/);
  },
);
