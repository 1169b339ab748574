/**
 * Bad-input catalogue: too much text. A 1 MB caption once cost 35 s of synchronous layout and an
 * ffmpeg with ~5,000 drawtext filters at 1.74 GB. Now every path that stores or renders a draft
 * checks the text limits first (src/contract/textLimits.ts): the engine's render start and draft
 * save, the planner, the renderer itself and the MCP `save_draft` — each refuses at once, names
 * the limit, and changes nothing. Real engine on loopback, real files, the real MCP server.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startLocalEngine } from '../../src/engine/local';
import type { Engine } from '../../src/engine/server';
import { FfmpegRenderer } from '../../src/engine/render/ffmpegRenderer';
import { layout, measuredChars, wrap } from '../../src/engine/render/text';
import { draftVersion } from '../../src/contract/draftSchema';
import { MAX_DRAFT_TEXT_CHARS, MAX_TEXT_ITEM_CHARS, MAX_TEXT_ITEM_LINES } from '../../src/contract/textLimits';
import { call, chat, media, sseEvents, uploadFiles } from '../integration/engine-helpers';
import { callTool, startMcp, structured, textOf, writePhotos } from '../integration/mcpHelpers';
import { childrenNamed } from '../support/processes';
import { tempDir } from './helpers';

let e: Engine;
let dir: string;
before(async () => {
  dir = tempDir('vg-text-');
  e = await startLocalEngine({ dataDir: join(dir, 'engine') });
});
after(async () => {
  await e?.close();
});

const MB_CAPTION = 'Summer sale everything must go '.repeat(34_000).slice(0, 1024 * 1024);

/** A session with a planned draft (three photos, 6 s). */
async function planned(): Promise<{ sid: string; draft: any; version: string }> {
  const token = e.token!;
  const sid = (await call(e.url, 'POST', '/api/tasks/me/with-session/nemo_agent', { token, body: { language: 'en' } }))
    .body.data.session_id;
  const up = await uploadFiles(
    e.url,
    token,
    sid,
    ['a.png', 'b.png', 'c.png'].map((name) => ({ name, data: media('png'), type: 'image/png' })),
  );
  assert.equal(up.body.code, 0, up.text);
  await chat(e.url, token, sid, 'make a 6 second video');
  return { sid, ...(await state(sid)) };
}

async function state(sid: string): Promise<{ draft: any; version: string }> {
  const st = await call(e.url, 'GET', `/api/state/nemo_agent/me/${sid}/latest`, { token: e.token });
  const draft = st.body.data.state.draft;
  return { draft, version: draftVersion(draft) };
}

function withCaptions(draft: any, texts: string[]): any {
  const d = structuredClone(draft);
  d.t = d.t.filter((t: { tt: number }) => t.tt !== 7);
  d.t.push({ tt: 7, sg: texts.map((text, i) => ({ s: (i * 100) % 5000, d: 1000, m: { text, role: 'caption' } })) });
  return d;
}

test(
  '[input] a 1 MB caption sent to render is refused before any layout, naming the 500-character limit: no job, no ffmpeg, no file',
  { timeout: 60_000 },
  async () => {
    const { sid, draft } = await planned();
    const id = `render_${Date.now()}`;
    const started = performance.now();
    const r = await call(e.url, 'POST', '/api/render/proxy/lambda', {
      token: e.token,
      body: { id, sessionId: sid, draft: withCaptions(draft, [MB_CAPTION]), output: { format: 'mp4' } },
    });
    const ms = performance.now() - started;
    assert.equal(r.status, 400, r.text.slice(0, 300));
    assert.match(
      r.body.error,
      /Text 1 \("Summer sale everything must go Summer sa…"\) is 1,048,576 characters long; a title or caption may have at most 500\. .*Nothing was rendered\./,
    );
    // …and says it as data, for clients that word it in their user's language (src/words).
    assert.deepEqual(r.body.refusal, {
      reason: 'text_limit',
      stage: 'render',
      kind: 'itemChars',
      limit: 500,
      actual: 1_048_576,
      item: 1,
      preview: 'Summer sale everything must go Summer sa…',
    });
    // Laid out, this caption took 35 s before ffmpeg even started; refused up front it is a 1 MB
    // upload and a parse (0.2–1.5 s here, loaded). The bound only separates the two paths.
    assert.ok(ms < 10_000, `answered in ${ms.toFixed(0)} ms`);
    assert.equal(
      (await call(e.url, 'GET', `/api/render/proxy/lambda/${id}`, { token: e.token })).status,
      404,
      'no job was made',
    );
    assert.deepEqual(childrenNamed(process.pid, 'ffmpeg'), [], 'no ffmpeg started');
    assert.deepEqual(
      readdirSync(join(dir, 'engine', 'renders')).filter((f) => f.includes(id)),
      [],
    );
  },
);

test(
  '[input] saving a draft over a text limit (1 MB caption, too many lines, too much text in all) is refused with the limit; the draft stays',
  { timeout: 60_000 },
  async () => {
    const { sid, draft, version } = await planned();
    const save = (d: unknown) =>
      call(e.url, 'POST', `/api/state/nemo_agent/me/${sid}/draft`, {
        token: e.token,
        body: { draft: d, base_version: version },
      });
    const cases: Array<[string[], RegExp]> = [
      [[MB_CAPTION], /is 1,048,576 characters long; a title or caption may have at most 500\. .*Nothing was saved\./],
      [
        [Array.from({ length: MAX_TEXT_ITEM_LINES + 1 }, (_, i) => `line ${i}`).join('\n')],
        /has 9 lines; a title or caption may have at most 8\./,
      ],
      [
        Array.from({ length: 11 }, () => 'x'.repeat(MAX_TEXT_ITEM_CHARS - 10)),
        /add up to 5,390 characters; a video may carry at most 5,000\./,
      ],
    ];
    for (const [texts, message] of cases) {
      const started = performance.now();
      const r = await save(withCaptions(draft, texts));
      assert.equal(r.status, 400, r.text.slice(0, 300));
      assert.match(r.body.message, message);
      assert.ok(performance.now() - started < 2000, 'refused at once');
      assert.equal((await state(sid)).version, version, 'nothing saved');
    }
    // At the limits exactly, it saves.
    const fits = await save(
      withCaptions(draft, [
        Array.from({ length: MAX_TEXT_ITEM_LINES }, () =>
          'y'.repeat(Math.floor(MAX_TEXT_ITEM_CHARS / MAX_TEXT_ITEM_LINES) - 1),
        ).join('\n'),
      ]),
    );
    assert.equal(fits.body.code, 0, fits.text);
    assert.ok(MAX_DRAFT_TEXT_CHARS >= MAX_TEXT_ITEM_CHARS);
  },
);

test(
  '[input] the planner will not add a caption over 500 characters: the reply names the limit and the video is unchanged',
  { timeout: 60_000 },
  async () => {
    const { sid, version } = await planned();
    const long = 'Big summer sale on every item in the shop '.repeat(15).trim(); // 629 characters
    const turn = await chat(e.url, e.token!, sid, `add a caption "${long}"`);
    const final = sseEvents(turn.text)
      .filter((ev) => !ev.partial && ev.content?.parts?.[0]?.text)
      .at(-1)?.content.parts[0].text as string;
    assert.match(
      final,
      /That text is 629 characters long; a title or caption may have at most 500, so I left the video as it was\./,
    );
    assert.equal((await state(sid)).version, version, 'the draft is what it was');
    // The same caption cut to 400 characters is added.
    await chat(e.url, e.token!, sid, `add a caption "${long.slice(0, 400).trim()}"`);
    assert.notEqual((await state(sid)).version, version);
  },
);

test(
  '[input] the renderer itself refuses a 1 MB caption before layout or ffmpeg, whoever calls it',
  { timeout: 30_000 },
  async () => {
    const { draft } = await planned();
    const r = new FfmpegRenderer({ workDir: tempDir('vg-text-render-') });
    const started = performance.now();
    await assert.rejects(
      r.render({
        draft: withCaptions(draft, [MB_CAPTION]),
        media: () => undefined,
        outFile: join(dir, 'never.mp4'),
        signal: new AbortController().signal,
        onProgress: () => undefined,
      }),
      /is 1,048,576 characters long; a title or caption may have at most 500/,
    );
    assert.ok(performance.now() - started < 1000, `refused in ${(performance.now() - started).toFixed(0)} ms`);
    assert.deepEqual(childrenNamed(process.pid, 'ffmpeg'), []);
  },
);

test(
  "[input] MCP save_draft with a 1 MB caption: a tool error in the strings table's words, naming the limit; nothing saved",
  { timeout: 120_000 },
  async () => {
    const cwd = tempDir('vg-text-mcp-');
    const photos = writePhotos(join(cwd, 'photos'));
    const mcp = await startMcp(cwd, ['--data', join(cwd, 'engine')], { VIDEO_GEN_CONFIG_DIR: join(cwd, 'config') });
    try {
      const c = mcp.client;
      const p = structured(await callTool(c, 'create_video_project', { backend: 'local' }));
      structured(
        await callTool(c, 'upload_asset', {
          project_id: p.project_id,
          paths: photos.slice(0, 2).map((f) => f.slice(cwd.length + 1)),
        }),
      );
      structured(
        await callTool(c, 'edit_video', { project_id: p.project_id, request: 'make a 6 second video' }, 120_000),
      );
      const proj = structured(await callTool(c, 'get_video_project', { project_id: p.project_id }));
      const r = await callTool(c, 'save_draft', {
        project_id: p.project_id,
        draft: withCaptions(proj.draft, [MB_CAPTION.slice(0, 600_000)]),
        base_version: proj.version,
      });
      assert.equal(r.isError, true);
      assert.match(
        textOf(r),
        /Text 1 \(".*…"\) is 600,000 characters long; a title or caption may have at most 500\. Shorten it or split it into several captions\. Nothing was saved\./,
      );
      assert.equal(
        structured(await callTool(c, 'get_video_project', { project_id: p.project_id })).version,
        proj.version,
      );
    } finally {
      await mcp.close();
    }
  },
);

test(
  '[input] text layout is linear: wrapping measures each character once whatever the line length, a 100,000-character caption at most 24 times in all (timings: bench/textLayout.ts)',
  { timeout: 60_000 },
  () => {
    // Counted, not timed: re-measuring the line from its start for every word (the ~6 s
    // version) measures each character once per word after it on its line, so the count grows
    // with the line length — 13× at 40 characters a line, 1,000× at 4,000.
    const text = 'Summer sale everything must go today only '.repeat(2400).slice(0, 100_000);
    const slice = text.slice(0, 20_000);
    for (const maxWidth of [400, 4_000, 40_000]) {
      const before = measuredChars();
      const lines = wrap(slice, 10, maxWidth);
      assert.ok(lines.length > 1, `${lines.length} lines at ${maxWidth} px`);
      assert.equal(measuredChars() - before, slice.length, `characters measured to wrap at ${maxWidth} px`);
    }
    // layout() also measures the widest line once per font size it tries (at most ~22 sizes).
    const before = measuredChars();
    const l = layout({ text, role: 'caption', startMs: 0, endMs: 1000 }, { w: 1080, h: 1920 });
    const perChar = (measuredChars() - before) / text.length;
    assert.ok(l.lines.length > 100, `${l.lines.length} lines`);
    assert.ok(
      l.lines.every((line) => line.length > 0 && line.length < 400),
      'every line wrapped',
    );
    assert.ok(perChar <= 24, `each character measured ${perChar.toFixed(1)} times`);
  },
);
