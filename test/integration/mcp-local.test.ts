/**
 * An agent's whole journey through `video-gen mcp` on the free local engine, as an MCP client
 * sees it: the SDK's Client over stdio spawning the built CLI; real photos, real ffmpeg.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { tempDir } from './coreHelpers';
import {
  blockDiffs,
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

let mcp: McpSession;
let cwd: string;
let photos: string[];

before(async () => {
  cwd = tempDir('vg-mcp-local-');
  photos = writePhotos(join(cwd, 'photos'));
  mcp = await startMcp(cwd, ['--data', join(cwd, 'engine')], { VIDEO_GEN_CONFIG_DIR: join(cwd, 'config') });
});
after(async () => {
  await mcp?.close();
});

test(
  'tools/list: every tool has an input and an output schema; the draft schema is a resource',
  { timeout: 30_000 },
  async () => {
    const { tools } = await mcp.client.listTools();
    const names = tools.map((t) => t.name).sort();
    assert.deepEqual(names, [
      'cancel_render',
      'create_video_project',
      'edit_video',
      'get_contact_sheet',
      'get_credits',
      'get_project_frame',
      'get_render_status',
      'get_video_project',
      'list_project_media',
      'open_in_nemovideo',
      'render_video',
      'save_draft',
      'upload_asset',
    ]);
    for (const t of tools) {
      assert.equal(t.inputSchema.type, 'object', t.name);
      assert.equal(t.outputSchema?.type, 'object', t.name);
      assert.ok((t.description ?? '').length > 40, `${t.name} is described`);
      assert.ok(!JSON.stringify(t.inputSchema).match(/token/i), `${t.name} takes no token`);
    }
    const schema = await mcp.client.readResource({ uri: 'video-gen://schema/draft' });
    const json = JSON.parse((schema.contents[0] as { text: string }).text);
    assert.equal(json.type, 'object');
    assert.ok(json.properties.t, 'tracks are described');
    writeFileSync(join(cwd, 'tools-list.json'), JSON.stringify(tools, null, 2));
  },
);

test(
  'local journey: create, upload 5 photos, describe, look, save, stale save refused, export, MP4',
  { timeout: 1_000_000 },
  async () => {
    const c = mcp.client;
    const credits = structured(await callTool(c, 'get_credits', {}));
    assert.equal(credits.unlimited, true);

    const p = structured(await callTool(c, 'create_video_project', { backend: 'local', platform: 'tiktok' }));
    assert.match(p.project_id, /^prj_/);
    const up = structured(
      await callTool(c, 'upload_asset', { project_id: p.project_id, paths: photos.map((f) => relative(cwd, f)) }),
    );
    assert.equal(up.uploaded.length, 5);
    assert.ok(
      up.uploaded.every((u: { id?: string }) => u.id),
      'each upload has the id drafts use',
    );

    const edit = structured(
      await callTool(
        c,
        'edit_video',
        {
          project_id: p.project_id,
          request: 'turn these photos into a 30-second promo video with music and text overlays',
        },
        300_000,
      ),
    );
    assert.ok(edit.changes.length > 0, 'the timeline changed');
    assert.notEqual(edit.version_before, edit.version_after);

    const proj = structured(await callTool(c, 'get_video_project', { project_id: p.project_id }));
    assert.equal(proj.version, edit.version_after);
    assert.ok(Math.abs(proj.duration_s - 30) < 0.5, `30 s, got ${proj.duration_s}`);
    assert.deepEqual(proj.canvas, { width: 1080, height: 1920 });
    const titleTrack = proj.draft.t.findIndex(
      (t: { tt: number; sg: { m?: { role?: string } }[] }) => t.tt === 7 && t.sg.some((s) => s.m?.role === 'title'),
    );
    assert.ok(titleTrack >= 0, 'the draft has a title');

    // Frame at 1 s: a real PNG of the right size.
    const withTitle = await callTool(c, 'get_project_frame', {
      project_id: p.project_id,
      time_s: 1,
      format: 'png',
      width: 540,
    });
    const img = imageOf(withTitle);
    assert.equal(img.mimeType, 'image/png');
    assert.deepEqual([structured(withTitle).width, structured(withTitle).height], [540, 960]);
    const fileA = join(cwd, 'frame-1s.png');
    writeFileSync(fileA, img.data);
    const a = grayPixels(fileA);
    assert.deepEqual([a.w, a.h], [540, 960]);

    // Save the draft without its title (the right version): the frame loses the title, and only there.
    const noTitle = structuredClone(proj.draft);
    noTitle.t[titleTrack].sg = noTitle.t[titleTrack].sg.filter((s: { m?: { role?: string } }) => s.m?.role !== 'title');
    if (!noTitle.t[titleTrack].sg.length) noTitle.t.splice(titleTrack, 1);
    const saved = structured(
      await callTool(c, 'save_draft', { project_id: p.project_id, draft: noTitle, base_version: proj.version }),
    );
    assert.notEqual(saved.version, proj.version);
    const fileB = join(cwd, 'frame-1s-no-title.png');
    writeFileSync(
      fileB,
      imageOf(
        await callTool(c, 'get_project_frame', { project_id: p.project_id, time_s: 1, format: 'png', width: 540 }),
      ).data,
    );
    const b = grayPixels(fileB);
    // 40-px blocks: where the title is they differ a lot; almost everywhere else not at all.
    const blocks = blockDiffs(a.px, b.px, 540, 960);
    assert.ok(blocks.at(-1)! > 10, `the title's blocks differ (max mean ${blocks.at(-1)!.toFixed(2)})`);
    assert.ok(
      blocks[Math.floor(blocks.length * 0.9)] < 1,
      `the rest is the same picture (90th percentile ${blocks[Math.floor(blocks.length * 0.9)].toFixed(2)})`,
    );

    // A stale save is refused and changes nothing.
    const stale = await callTool(c, 'save_draft', {
      project_id: p.project_id,
      draft: proj.draft,
      base_version: proj.version,
    });
    assert.equal(stale.isError, true);
    assert.match(textOf(stale), /changed since.*Nothing was saved.*base_version v_/s);
    assert.equal(
      structured(await callTool(c, 'get_video_project', { project_id: p.project_id })).version,
      saved.version,
    );

    // Put the title back (the current version), look at the whole video, then export.
    structured(
      await callTool(c, 'save_draft', { project_id: p.project_id, draft: proj.draft, base_version: saved.version }),
    );
    const sheet = await callTool(c, 'get_contact_sheet', { project_id: p.project_id, count: 4, width: 180 });
    assert.equal(structured(sheet).columns * structured(sheet).rows >= 4, true);
    writeFileSync(join(cwd, 'sheet.jpg'), imageOf(sheet).data);

    const job = structured(await callTool(c, 'render_video', { project_id: p.project_id, file_name: 'promo.mp4' }));
    assert.equal(job.state, 'rendering');
    let status = job;
    const deadline = Date.now() + 800_000; // a shared, loaded machine can take minutes for a 30 s render
    while (status.state === 'rendering' || status.state === 'downloading') {
      assert.ok(Date.now() < deadline, 'export finished in time');
      await new Promise((r) => setTimeout(r, 1000));
      status = structured(await callTool(c, 'get_render_status', { export_id: job.export_id }));
    }
    assert.equal(status.state, 'done', status.error);
    assert.equal(status.path, join(cwd, 'exports', 'promo.mp4'));
    const probe = ffprobe(status.path);
    assert.deepEqual(probe.codecs, ['h264', 'aac']);
    assert.deepEqual([probe.width, probe.height], [1080, 1920]);
    assert.ok(Math.abs(probe.duration - 30) < 0.2, `duration ${probe.duration}`);

    // The preview is what the export shows: the MP4's frame at 1 s against the frame looked at before.
    const exported = join(cwd, 'export-1s.png');
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-ss',
      '1',
      '-i',
      status.path,
      '-frames:v',
      '1',
      '-vf',
      'scale=540:960',
      exported,
    ]);
    const e = blockDiffs(grayPixels(exported).px, a.px, 540, 960);
    assert.ok(e.at(-1)! < 8, `the exported frame matches the preview (max 40-px block diff ${e.at(-1)!.toFixed(2)})`);
  },
);

test('bad inputs: errors a model can act on', { timeout: 300_000 }, async () => {
  const c = mcp.client;
  const p = structured(await callTool(c, 'create_video_project', {}));
  const outside = await callTool(c, 'upload_asset', { project_id: p.project_id, paths: ['/etc/hostname'] });
  assert.equal(outside.isError, true);
  assert.match(textOf(outside), /outside the folders.*--allow/s);
  const missing = await callTool(c, 'upload_asset', { project_id: p.project_id, paths: ['photos/nope.jpg'] });
  assert.match(textOf(missing), /nope\.jpg: no such file/);
  writeFileSync(join(cwd, 'notes.txt'), 'not media');
  const unsupported = await callTool(c, 'upload_asset', {
    project_id: p.project_id,
    paths: ['notes.txt', relative(cwd, photos[0])],
  });
  assert.equal(unsupported.isError, true);
  assert.match(textOf(unsupported), /notes\.txt.*Nothing was uploaded/s);
  assert.equal(
    structured(await callTool(c, 'list_project_media', { project_id: p.project_id })).media.length,
    0,
    'nothing half-uploaded',
  );
  const unknown = await callTool(c, 'get_video_project', { project_id: 'prj_doesnotexist' });
  assert.match(textOf(unknown), /Unknown project_id "prj_doesnotexist".*create_video_project/s);

  structured(await callTool(c, 'upload_asset', { project_id: p.project_id, paths: [relative(cwd, photos[1])] }));
  const empty = structured(await callTool(c, 'get_video_project', { project_id: p.project_id }));
  const emptyFrame = await callTool(c, 'get_project_frame', { project_id: p.project_id, time_s: 0 });
  assert.match(textOf(emptyFrame), /timeline is empty/);
  const bad = await callTool(c, 'save_draft', {
    project_id: p.project_id,
    base_version: empty.version,
    draft: { t: [{ tt: 0, sg: [{ s: 0, d: -5, m: { src: empty.media[0].id } }] }] },
  });
  assert.equal(bad.isError, true);
  assert.match(textOf(bad), /t\[0\]\.sg\[0\]\.d: .*Nothing was saved/);
  const foreign = await callTool(c, 'save_draft', {
    project_id: p.project_id,
    base_version: empty.version,
    draft: { t: [{ tt: 0, sg: [{ s: 0, d: 4000, m: { src: 'f'.repeat(32) } }] }] },
  });
  assert.match(textOf(foreign), /t\[0\]\.sg\[0\]\.m\.src: "f+" is not a media id of this session/);
  structured(
    await callTool(c, 'save_draft', {
      project_id: p.project_id,
      base_version: empty.version,
      draft: {
        t: [{ tt: 0, sg: [{ s: 0, d: 4000, m: { src: empty.media[0].id } }] }],
        m: { width: 720, height: 1280 },
      },
    }),
  );
  const late = await callTool(c, 'get_project_frame', { project_id: p.project_id, time_s: 4 });
  assert.equal(late.isError, true);
  assert.match(textOf(late), /past the end of the timeline, which lasts 4\.00 s/);
  const ok = await callTool(c, 'get_project_frame', { project_id: p.project_id, time_s: 3.9, width: 360 });
  assert.deepEqual([structured(ok).width, structured(ok).height], [360, 640]);
  const badExport = await callTool(c, 'render_video', { project_id: p.project_id, output_dir: '/tmp' });
  assert.match(textOf(badExport), /outside the folders/);
  assert.match(
    textOf(await callTool(c, 'open_in_nemovideo', { project_id: p.project_id })),
    /not available for local projects/,
  );
  const unknownExport = await callTool(c, 'get_render_status', { export_id: 'exp_nope' });
  assert.match(textOf(unknownExport), /Unknown export_id/);
});
