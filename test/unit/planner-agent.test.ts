/** The PlannerAgent's event stream: call, response, partial chunks, one final text. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Draft } from '../../src/contract/draft';
import type { AdkEvent, AgentContext, MediaFile } from '../../src/engine/contracts';
import { chunkReply, PlannerAgent } from '../../src/engine/planner/plannerAgent';
import { logo, photos } from './planner-fixtures';

function ctx(media: MediaFile[], draft?: Draft, language = 'en', signal = new AbortController().signal): AgentContext {
  return { sessionId: 's1', language, draft, media, signal };
}

async function run(text: string, c: AgentContext, onEvent?: (e: AdkEvent) => void) {
  const events: AdkEvent[] = [];
  const turn = await new PlannerAgent().run(text, c, (e) => {
    events.push(e);
    onEvent?.(e);
  });
  return { events, turn };
}

function part(e: AdkEvent) {
  return e.content?.parts[0] as Record<string, unknown> | undefined;
}

/** call → response (same id) → 2–4 partial chunks → one final text equal to the chunks joined. */
function assertSequence(
  events: AdkEvent[],
  name: string,
): { args: Record<string, unknown>; response: Record<string, unknown>; text: string } {
  assert.ok(events.length >= 5 && events.length <= 7, `event count ${events.length}`);
  for (const e of events) assert.equal(e.author, 'video_planner');
  const call = part(events[0]!)?.functionCall as { id: string; name: string; args: Record<string, unknown> };
  const resp = part(events[1]!)?.functionResponse as { id: string; name: string; response: Record<string, unknown> };
  assert.equal(call.name, name);
  assert.equal(resp.name, name);
  assert.equal(resp.id, call.id);
  assert.equal(events[1]!.content?.role, 'user');
  const chunks = events.slice(2, -1);
  assert.ok(chunks.length >= 2 && chunks.length <= 4, `chunk count ${chunks.length}`);
  for (const c of chunks) assert.equal(c.partial, true);
  const final = events[events.length - 1]!;
  assert.equal(final.partial, undefined);
  const text = String(part(final)?.text);
  assert.equal(chunks.map((c) => String(part(c)?.text)).join(''), text);
  assert.ok(!events.some((e) => part(e)?.thought), 'no hidden thoughts needed');
  return { args: call.args, response: resp.response, text };
}

describe('PlannerAgent', () => {
  it('first draft: plan_timeline with the parsed ops, a summary, the reply, and the draft', async () => {
    const { events, turn } = await run(
      'turn these photos into a 30-second promo video with music and text overlays',
      ctx([...photos(5), logo()]),
    );
    const { args, response, text } = assertSequence(events, 'plan_timeline');
    assert.ok(Array.isArray(args.ops) && (args.ops as Array<{ op: string }>).some((o) => o.op === 'duration'));
    assert.equal(response.ok, true);
    assert.equal(response.duration_ms, 30_000);
    assert.deepEqual(
      (response.tracks as Array<{ type: number }>).map((t) => t.type),
      [0, 1, 3, 7],
    );
    assert.match(text, /^Made a 30 s vertical video from 5 photos/);
    assert.equal(turn.draft?.d, 30_000);
    assert.ok(JSON.parse(JSON.stringify(events)), 'events are JSON');
  });

  it('edit: edit_timeline, the changed draft returned', async () => {
    const first = await run('make a video', ctx(photos(3)));
    const { events, turn } = await run('把标题改成「夏日特卖」', ctx(photos(3), first.turn.draft));
    const { text } = assertSequence(events, 'edit_timeline');
    assert.match(text, /夏日特卖/);
    assert.equal(turn.draft?.m?.title, '夏日特卖');
  });

  it('refusal: ok:false with the reason, a helpful text, no draft', async () => {
    const first = await run('make a video', ctx(photos(3)));
    const { events, turn } = await run('add a dancing cat', ctx(photos(3), first.turn.draft));
    const { response, text } = assertSequence(events, 'edit_timeline');
    assert.deepEqual(response, { ok: false, reason: 'generative' });
    assert.match(text, /Try:/);
    assert.equal(turn.draft, undefined);
  });

  it('no uploads: plan_timeline refused with upload instructions', async () => {
    const { events, turn } = await run('make a video', ctx([]));
    const { response, text } = assertSequence(events, 'plan_timeline');
    assert.deepEqual(response, { ok: false, reason: 'noMedia' });
    assert.match(text, /Upload to Video Generator/);
    assert.equal(turn.draft, undefined);
  });

  it('an aborted turn stops early and changes nothing', async () => {
    const before = new AbortController();
    before.abort();
    const none = await run('make a video', ctx(photos(2), undefined, 'en', before.signal));
    assert.deepEqual(none, { events: [], turn: {} });
    const mid = new AbortController();
    const cut = await run('make a video', ctx(photos(2), undefined, 'en', mid.signal), () => mid.abort());
    assert.equal(cut.events.length, 1);
    assert.deepEqual(cut.turn, {});
  });

  it('chunkReply: 2–4 chunks that join back exactly (English and Chinese)', () => {
    for (const text of [
      'Removed the music.',
      'Hi',
      '视频现在是 15 秒。',
      'x'.repeat(500),
      '已用 5 张照片做好一个 30 秒的竖屏视频，标题「夏日特卖」，2 条字幕，配上背景音乐。准备好了就说“导出”。🎬',
    ]) {
      const chunks = chunkReply(text);
      assert.equal(chunks.join(''), text);
      assert.ok(chunks.length >= 2 && chunks.length <= 4, `${chunks.length} chunks for ${text}`);
      assert.ok(chunks.every((c) => c.length > 0));
    }
  });
});
