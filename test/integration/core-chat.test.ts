/**
 * Chat turns against the stand-in over real HTTP: routing, streaming without duplicates, each
 * stream fault switch, the no-text turn reported from the timeline diff, and Stop.
 */
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { startStandIn, type StandIn } from '../../src/engine/standin';
import { ApiError } from '../../src/core/api/errors';
import type { StreamEvent } from '../../src/core/api/events';
import { serviceFor } from './coreHelpers';
import { reportText } from '../../src/words/report';
import { en } from '../../src/words/en';
import { zhCN } from '../../src/words/zhCN';

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

function sseCalls(): number {
  return s.requests.filter((r) => r.path === '/run_sse').length;
}

async function turn(text: string, over = {}) {
  const { svc } = serviceFor(s, over);
  const events: StreamEvent[] = [];
  const outcome = await svc.send(text, { onEvent: (e) => events.push(e) });
  return { svc, events, outcome };
}

test('a streamed reply: chunks, then one final text; the reply is not doubled', async () => {
  const { events, outcome } = await turn('turn these photos into a 30-second promo video with music and text overlays');
  assert.equal(outcome.kind, 'reply');
  if (outcome.kind !== 'reply') return;
  const chunks = events
    .filter((e) => e.type === 'text-chunk')
    .map((e) => (e as { text: string }).text)
    .join('');
  const finals = events.filter((e) => e.type === 'text-final');
  assert.ok(chunks.length > 0, 'partial chunks arrived');
  assert.equal(finals.length, 1);
  assert.equal(outcome.text, (finals[0] as { text: string }).text);
  assert.equal(outcome.text, chunks, 'the final text is the chunks aggregated');
  assert.ok(
    events.some((e) => e.type === 'tool-call'),
    'tool activity is reported',
  );
  assert.equal(outcome.fromTimelineDiff, false);
  assert.ok(
    outcome.suggestions.some((a) => a.action === 'export'),
    'GUI words become suggested actions',
  );
});

for (const mode of ['legacy', 'snake', 'crlf', 'split', 'malformed'] as const) {
  test(`stream variant "${mode}" yields the same readable reply`, async () => {
    s.faults.stream = mode;
    const { outcome } = await turn('make a short video');
    assert.equal(outcome.kind, 'reply');
    if (outcome.kind === 'reply') assert.match(outcome.text, /\w{3,}/);
  });
}

test('routed intents answer without streaming', async () => {
  const { svc } = serviceFor(s);
  await svc.connect();
  const before = sseCalls();
  const credits = await svc.send('credits');
  assert.deepEqual([credits.kind, credits.kind === 'answer' && credits.intent], ['answer', 'credits']);
  assert.ok(credits.kind === 'answer' && credits.intent === 'credits');
  assert.match(en.credits(credits.credits), /100 credits/);
  assert.match(zhCN.credits(credits.credits), /可用积分 100/);
  const status = await svc.send('show tracks');
  assert.equal(status.kind, 'answer');
  assert.deepEqual(await svc.send('导出'), { kind: 'action', intent: 'export' });
  assert.deepEqual(await svc.send('send me the video'), { kind: 'action', intent: 'export' });
  assert.equal(sseCalls(), before, 'no /run_sse request for routed words');
});

test('a stream that closes without text reports what changed in the timeline', async () => {
  const { svc } = serviceFor(s);
  await svc.send('make a 30 second video');
  s.faults.stream = 'silent-close';
  const outcome = await svc.send('make it 15 seconds');
  assert.equal(outcome.kind, 'reply');
  if (outcome.kind !== 'reply') return;
  assert.equal(outcome.fromTimelineDiff, true);
  assert.equal(outcome.text, '', 'the core reports data; the UI and the CLI word it');
  assert.equal(outcome.report?.kind, 'changed');
  assert.match(reportText(outcome.report!, en), /^Done — I updated the timeline:\n- .*15s/m);
  assert.match(reportText(outcome.report!, zhCN), /^完成——我更新了时间线：\n- .*15秒/m);
});

test('{"error"} mid-stream becomes a clear error after the partial text', async () => {
  s.faults.stream = 'error-midstream';
  const events: StreamEvent[] = [];
  const { svc } = serviceFor(s);
  await assert.rejects(
    svc.send('make a video', { onEvent: (e) => events.push(e) }),
    (e: unknown) => e instanceof ApiError && /stopped with an error/.test(e.message),
  );
  assert.ok(
    events.some((e) => e.type === 'text-chunk'),
    'the partial text was delivered before the error',
  );
});

test('an event with errorCode becomes a clear error', async () => {
  s.faults.stream = 'error-code';
  const { svc } = serviceFor(s);
  await assert.rejects(svc.send('make a video'), (e: unknown) => e instanceof ApiError && e.kind === 'server');
});

test('a dropped connection keeps the partial text and marks it interrupted', async () => {
  s.faults.stream = 'drop';
  const { outcome } = await turn('make a video');
  assert.equal(outcome.kind, 'reply');
  if (outcome.kind !== 'reply') return;
  assert.equal(outcome.interrupted, true);
  assert.ok(outcome.text.length > 0, 'partial text kept');
});

test('keep-alives only: "Still working" notices, then the reply', async () => {
  s.faults.stream = 'keepalive-only';
  s.faults.keepaliveOnlyMs = 400;
  const { events, outcome } = await turn('make a video', { stillWorkingIntervalMs: 100 });
  assert.ok(events.filter((e) => e.type === 'still-working').length >= 1);
  assert.equal(outcome.kind, 'reply');
});

test('Stop aborts the request and the server sees the connection close', async () => {
  const { svc } = serviceFor(s);
  await svc.connect();
  s.faults.stream = 'keepalive-only';
  s.faults.keepaliveOnlyMs = 60_000;
  const controller = new AbortController();
  const opened = once(s.events, 'sse-open');
  const closed = once(s.events, 'sse-close');
  const pending = svc.send('make a long video', { signal: controller.signal });
  await opened;
  controller.abort();
  await assert.rejects(pending, (e: unknown) => e instanceof ApiError && e.kind === 'aborted');
  const [, info] = await closed;
  assert.equal((info as { clientAborted: boolean }).clientAborted, true);
});

test('empty and oversized messages are refused with a clear message', async () => {
  const { svc } = serviceFor(s);
  await assert.rejects(svc.send('   '), /empty/);
  await assert.rejects(svc.send('x'.repeat(100_000)), /keep it under/);
});
