/**
 * Bad-input catalogue, part 3: chat messages at the edges, and hostile drafts (unknown track
 * types, negative/huge/NaN durations, missing fields) — the timeline tree's model, the summary
 * and the local renderer's planner all cope without crashing or rendering nonsense.
 */
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { startStandIn, type StandIn } from '../../src/engine/standin';
import { parseDraft } from '../../src/core/timeline';
import { summarizeTimeline as summarizeIn } from '../../src/words/timeline';
import { en } from '../../src/words/en';

const summarizeTimeline = (t: ReturnType<typeof parseDraft>) => summarizeIn(t, en);
import { buildGraph, MAX_RENDER_MS } from '../../src/engine/render/graph';
import type { Draft } from '../../src/contract/draft';
import type { MediaFile } from '../../src/engine/contracts';
import { rejectsWith, serviceFor } from './helpers';

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

const sseCalls = () => s.requests.filter((r) => r.path === '/run_sse').length;

test(
  '[input] a chat message of 0 characters (or only spaces): "The message is empty" + an example, nothing sent',
  { timeout: 120_000 },
  async () => {
    const { svc } = serviceFor(s);
    const before = sseCalls();
    await rejectsWith(svc.send(''), 'input', /The message is empty\. Describe the video you want, e\.g\./);
    await rejectsWith(svc.send(' \n\t '), 'input', /The message is empty/);
    assert.equal(sseCalls(), before);
  },
);

test(
  '[input] a chat message of 100,000 characters: refused with its length and the limit, nothing sent; 20,000 goes through',
  { timeout: 120_000 },
  async () => {
    const { svc } = serviceFor(s);
    await svc.connect();
    const before = sseCalls();
    await rejectsWith(
      svc.send('a'.repeat(100_000)),
      'input',
      /The message is 100,000 characters long; keep it under 20,000\./,
    );
    assert.equal(sseCalls(), before);
    const ok = await svc.send(`make a video ${'b'.repeat(20_000 - 13)}`);
    assert.equal(ok.kind, 'reply');
    assert.equal(sseCalls(), before + 1);
  },
);

const photo: MediaFile = {
  id: 'm1',
  name: 'a.png',
  path: '/nonexistent/a.png',
  mime: 'image/png',
  kind: 'image',
  size: 10,
  uploadedAt: 0,
  width: 64,
  height: 64,
};

const hostile: Array<{ name: string; draft: unknown }> = [
  {
    name: 'unknown track types only',
    draft: {
      t: [
        { tt: 42, sg: [{ d: 3000, m: { src: 'm1' } }] },
        { tt: -7, sg: [] },
      ],
      d: 3000,
    },
  },
  {
    name: 'negative durations',
    draft: {
      t: [
        {
          tt: 0,
          sg: [
            { d: -5000, m: { src: 'm1' } },
            { d: 2000, s: -1000, m: { src: 'm1' } },
          ],
        },
      ],
    },
  },
  { name: 'huge duration', draft: { t: [{ tt: 0, sg: [{ d: 1e12, m: { src: 'm1' } }] }], d: 1e12 } },
  {
    name: 'NaN/Infinity/strings as numbers',
    draft: {
      t: [{ tt: '0', sg: [{ d: 'long', s: null, m: { src: 'm1' } }, { d: 1e309 }] }],
      d: 'NaN',
      m: { width: 'wide', height: -1 },
    },
  },
  { name: 'missing fields everywhere', draft: { t: [{}, { tt: 0 }, { tt: 0, sg: [{}] }, null, 7, 'x'] } },
  { name: 'not a draft at all', draft: ['t', 1, null] },
  {
    name: 'huge canvas',
    draft: { t: [{ tt: 0, sg: [{ d: 2000, m: { src: 'm1' } }] }], m: { width: 1_000_000, height: 1_000_000 } },
  },
  {
    name: 'text track with odd titles',
    draft: { t: [{ tt: 7, sg: [{ d: 2000, m: { text: '\u202e<script>x</script>', title: 42 } }] }] },
  },
];

for (const h of hostile) {
  test(
    `[input] hostile draft (${h.name}): the tree model and summary cope; the renderer plans it or refuses clearly`,
    { timeout: 120_000 },
    () => {
      const t = parseDraft(h.draft);
      for (const tr of t.tracks)
        for (const sg of tr.segments) {
          assert.ok(
            Number.isFinite(sg.start) && sg.start >= 0 && Number.isFinite(sg.duration) && sg.duration >= 0,
            JSON.stringify(sg),
          );
        }
      assert.ok(Number.isFinite(t.duration) && t.duration >= 0);
      const summary = summarizeTimeline(t);
      assert.doesNotMatch(summary, /NaN|Infinity|undefined|\[object/);
      let plan;
      try {
        plan = buildGraph(h.draft as Draft, (id) => (id === 'm1' ? photo : undefined), {
          workDir: '/tmp/vg-plan',
          amixNormalize: false,
        });
      } catch (e) {
        assert.match(
          (e as Error).message,
          /nothing to render|at most \d+ minutes|has no media|not among this session's uploads/,
          (e as Error).message,
        );
        return;
      }
      assert.ok(plan.durationMs > 0 && plan.durationMs <= MAX_RENDER_MS, `duration ${plan.durationMs}`);
      assert.ok(plan.canvas.w <= 4096 && plan.canvas.h <= 4096, `canvas ${plan.canvas.w}x${plan.canvas.h}`);
      assert.doesNotMatch(plan.filter, /NaN|Infinity|undefined/);
    },
  );
}

test(
  '[input] hostile drafts coming from the agent: timeline() and "status" answer readable text, export refuses an empty one',
  { timeout: 120_000 },
  async () => {
    const { svc } = serviceFor(s);
    for (const h of hostile) {
      s.agent!.enqueue({ reply: 'ok', draft: h.draft as Draft });
      await svc.send('do something odd');
      const t = await svc.timeline();
      assert.ok(Array.isArray(t.tracks));
      const status = await svc.send('status');
      assert.ok(status.kind === 'answer' && status.intent === 'status');
      assert.doesNotMatch(summarizeTimeline(status.timeline), /NaN|Infinity|undefined/);
    }
    s.agent!.enqueue({ reply: 'ok', draft: { t: [{ tt: 0 }] } as Draft });
    await svc.send('clear it');
    await rejectsWith(svc.exportVideo({ folder: '/tmp/vg-never' }), 'input', /nothing to export yet/);
  },
);
