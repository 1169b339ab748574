/**
 * The same journey through `video-gen mcp` on the cloud path: the stand-in for NemoVideo
 * (anonymous token, credits, its scripted agent, fixture renderer), here with the engine's
 * preview plug-in so frames work too. The server finds it through NEMO_API_URL (the skill's
 * newer variable). The anonymous token it gets never shows up in a result or on stderr.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startStandIn, type StandIn } from '../../src/engine/standin';
import { FfmpegPreviewer } from '../../src/engine/preview/ffmpegPreviewer';
import { tempDir } from './coreHelpers';
import {
  callTool,
  ffprobe,
  grayPixels,
  imageOf,
  startMcp,
  structured,
  textOf,
  writePhotos,
  type McpSession,
} from './mcpHelpers';

let s: StandIn;
let mcp: McpSession;
let cwd: string;
const seen: string[] = [];

before(async () => {
  s = await startStandIn({ previewer: new FfmpegPreviewer() });
  cwd = tempDir('vg-mcp-cloud-');
  writePhotos(join(cwd, 'photos'));
  mcp = await startMcp(cwd, ['--backend', 'cloud'], {
    VIDEO_GEN_CONFIG_DIR: join(cwd, 'config'),
    NEMO_API_URL: s.url,
    NEMO_API_BASE: 'http://127.0.0.1:9',
    NEMO_WEB_URL: 'https://web.example',
  });
});
after(async () => {
  await mcp?.close();
  await s?.close();
});

async function call(name: string, args: Record<string, unknown>, timeout?: number) {
  const r = await callTool(mcp.client, name, args, timeout);
  seen.push(JSON.stringify(r));
  return r;
}

test(
  'cloud journey on the stand-in: credits, create, upload, describe, frame, save, stale refused, export',
  { timeout: 300_000 },
  async () => {
    const before = structured(await call('get_credits', {}));
    assert.equal(before.backend, 'cloud');
    assert.equal(before.available, 100);
    const p = structured(await call('create_video_project', { platform: 'tiktok' }));
    assert.equal(p.backend, 'cloud');
    const up = structured(
      await call('upload_asset', {
        project_id: p.project_id,
        paths: ['photos/aqua.jpg', 'photos/dune.jpg', 'photos/garden.jpg', 'photos/ladybird.jpg', 'photos/storm.jpg'],
      }),
    );
    assert.equal(up.uploaded.length, 5);
    const edit = structured(
      await call('edit_video', {
        project_id: p.project_id,
        request: 'turn these photos into a 30-second promo video with music and text overlays "Summer Sale"',
      }),
    );
    assert.ok(edit.changes.length > 0);
    const proj = structured(await call('get_video_project', { project_id: p.project_id }));
    assert.ok(Math.abs(proj.duration_s - 30) < 0.5);
    assert.match(proj.summary, /Summer Sale/);

    const frame = await call('get_project_frame', { project_id: p.project_id, time_s: 1, format: 'png', width: 270 });
    const file = join(cwd, 'frame.png');
    writeFileSync(file, imageOf(frame).data);
    assert.deepEqual([grayPixels(file).w, grayPixels(file).h], [270, 480]);

    const draft = structuredClone(proj.draft);
    draft.t.find((t: { tt: number }) => t.tt === 7).sg[0].m.text = 'Summer Sale — 20% off';
    const saved = structured(await call('save_draft', { project_id: p.project_id, draft, base_version: proj.version }));
    const stale = await call('save_draft', { project_id: p.project_id, draft: proj.draft, base_version: proj.version });
    assert.equal(stale.isError, true);
    assert.match(textOf(stale), /Nothing was saved/);
    const now = structured(await call('get_video_project', { project_id: p.project_id }));
    assert.equal(now.version, saved.version);
    assert.match(now.summary, /20% off/);

    const job = structured(
      await call('render_video', { project_id: p.project_id, output_dir: 'out', file_name: 'cloud.mp4' }),
    );
    let st = job;
    const deadline = Date.now() + 120_000;
    while (st.state === 'rendering' || st.state === 'downloading') {
      assert.ok(Date.now() < deadline, 'export finished in time');
      await new Promise((r) => setTimeout(r, 300));
      st = structured(await call('get_render_status', { export_id: job.export_id }));
    }
    assert.equal(st.state, 'done', st.error);
    assert.equal(st.path, join(cwd, 'out', 'cloud.mp4'));
    assert.deepEqual(ffprobe(st.path).codecs, ['h264', 'aac']);
    const after = structured(await call('get_credits', {}));
    assert.ok(after.available < before.available, 'the cloud export spent credits');

    const open = structured(await call('open_in_nemovideo', { project_id: p.project_id }));
    assert.match(open.url, /^https:\/\/web\.example\/workspace\/claim\?ct=clm_[A-Za-z0-9_-]+$/);

    // The anonymous token lives in the 0600 token file — never in a result or a log line.
    const token = JSON.parse(readFileSync(join(cwd, 'config', 'token.json'), 'utf8')).token as string;
    assert.match(token, /^nmv_usr_/);
    assert.ok(!seen.some((r) => r.includes(token)), 'no tool result carries the token');
    assert.ok(!mcp.stderr().includes(token), 'stderr never shows the token');
    assert.ok(
      s.requests.some((r) => r.path === '/api/auth/anonymous-token'),
      'the server got its own token',
    );
  },
);
