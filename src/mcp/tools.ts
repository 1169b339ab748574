/**
 * The MCP tools: project, media, edit, save, look, export, credits — each with a zod schema for
 * its input and output and a description written for the model. Every failure is a tool error
 * whose text says what to do next (a path outside the allowed folders, a missing file, an
 * unknown project, an invalid draft field, a time past the end…). The token is never an input,
 * never in a result: the services hold it.
 */
import { basename } from 'node:path';
import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { contactSheet, frame, readProject, saveDraft } from '../core/agentOps';
import { claimLink } from '../core/claim';
import { diffTimelines, summarizeTimeline } from '../words/timeline';
import { errorWords, wordsFor } from '../words';
import type { TurnOutcome } from '../core/serviceApi';
import { validateFiles, describeRejections } from '../core/upload';
import { isApiError } from '../core/api/errors';
import type { Draft } from '../contract/draft';
import { textLimitProblem } from '../contract/textLimits';
import { PLATFORM_WORDS, type Backend, type Projects } from './projects';
import type { AllowedRoots } from './roots';
import type { ExportJobs, ExportJob } from './exportJobs';

export interface ToolDeps {
  projects: Projects;
  roots: AllowedRoots;
  exports: ExportJobs;
  defaultBackend: Backend;
  /** Default export folder (inside the roots). */
  exportFolder: string;
}

const projectId = z.string().min(1).max(100).describe('The project_id returned by create_video_project.');
const platforms = ['tiktok', 'reels', 'shorts', 'youtube', 'instagram-post', 'square'] as const;
const canvasShape = z.object({ width: z.number().int().min(16).max(4096), height: z.number().int().min(16).max(4096) });
const mediaItem = z.object({
  id: z.string().optional().describe('Use as m.src in a draft segment.'),
  name: z.string(),
  kind: z.string().optional(),
  duration_s: z.number().optional(),
  width: z.number().optional(),
  height: z.number().optional(),
});
const exportJob = {
  export_id: z.string(),
  project_id: z.string(),
  state: z.enum(['rendering', 'downloading', 'done', 'failed', 'cancelled']),
  percent: z.number().describe('0–100 over render and download.'),
  path: z.string().optional().describe('The MP4 on this machine, once state is done.'),
  error: z.string().optional(),
};

function ok<T extends Record<string, unknown>>(data: T, text?: string): CallToolResult {
  return { content: [{ type: 'text', text: text ?? JSON.stringify(data, null, 2) }], structuredContent: data };
}

function failure(e: unknown): CallToolResult {
  // The local engine's refusals are worded from the English table (errorWords), the rest as the core said.
  const message = isApiError(e)
    ? `${e.refusal ? errorWords(e, W) : e.message}${e.url ? ` (${e.url})` : ''}`
    : ((e as Error)?.message ?? String(e));
  return { isError: true, content: [{ type: 'text', text: message }] };
}

/** Runs a tool body; any error becomes a tool error the model can read and act on. */
function guarded<A>(fn: (args: A, signal: AbortSignal) => Promise<CallToolResult>) {
  return async (args: A, extra: { signal: AbortSignal }): Promise<CallToolResult> => {
    try {
      return await fn(args, extra.signal);
    } catch (e) {
      return failure(e);
    }
  };
}

function jobOut(j: ExportJob) {
  return {
    export_id: j.id,
    project_id: j.projectId,
    state: j.state,
    percent: j.percent,
    ...(j.path ? { path: j.path } : {}),
    ...(j.error ? { error: j.error } : {}),
  };
}

const canvasOf = (d: Draft) =>
  typeof d.m?.width === 'number' && typeof d.m?.height === 'number'
    ? { width: d.m.width, height: d.m.height }
    : undefined;

export function registerTools(server: McpServer, d: ToolDeps): void {
  server.registerTool(
    'create_video_project',
    {
      title: 'Create a video project',
      description:
        'Start a new, empty video project (an editing session). backend "local" is the free offline engine on this machine (ffmpeg; no credits, no account); "cloud" is the NemoVideo AI service (uses credits). Optionally pick the target platform or an exact canvas. Returns the project_id every other tool needs.',
      inputSchema: {
        backend: z
          .enum(['local', 'cloud'])
          .optional()
          .describe(`Where the video is made (default ${d.defaultBackend}).`),
        platform: z
          .enum(platforms)
          .optional()
          .describe(
            'Target platform: sets the canvas (tiktok/reels/shorts 1080x1920, youtube 1920x1080, instagram-post 1080x1350, square 1080x1080).',
          ),
        canvas: canvasShape.optional().describe('An exact canvas in pixels (overrides platform).'),
      },
      outputSchema: {
        project_id: z.string(),
        session_id: z.string(),
        backend: z.enum(['local', 'cloud']),
        platform: z.string().optional(),
        canvas: canvasShape.optional(),
      },
    },
    guarded(async (a) => {
      const { record, sessionId } = await d.projects.create(a.backend ?? d.defaultBackend, a.platform, a.canvas);
      return ok({
        project_id: record.id,
        session_id: sessionId,
        backend: record.backend,
        ...(record.platform ? { platform: record.platform } : {}),
        ...(record.canvas ? { canvas: record.canvas } : {}),
      });
    }),
  );

  server.registerTool(
    'get_video_project',
    {
      title: 'Get a project: timeline, draft and version',
      description:
        "Read a project's current timeline: a readable summary of its tracks, the full draft (JSON; schema in the resource video-gen://schema/draft), the draft's version (pass it as base_version to save_draft), the duration, the canvas and the uploaded media with their ids.",
      inputSchema: { project_id: projectId },
      outputSchema: {
        project_id: z.string(),
        backend: z.enum(['local', 'cloud']),
        session_id: z.string(),
        version: z.string(),
        duration_s: z.number(),
        canvas: canvasShape.optional(),
        summary: z.string(),
        draft: z.record(z.string(), z.unknown()),
        media: z.array(mediaItem),
      },
    },
    guarded(async (a, signal) => {
      const { record, svc } = await d.projects.service(a.project_id);
      const p = await readProject(svc, signal);
      const data = {
        project_id: record.id,
        backend: record.backend,
        session_id: p.sessionId,
        version: p.version,
        duration_s: p.timeline.duration,
        ...(canvasOf(p.draft) ? { canvas: canvasOf(p.draft) } : {}),
        summary: summarizeTimeline(p.timeline, W),
        draft: p.draft as Record<string, unknown>,
        media: p.media.map(mediaOut),
      };
      return ok(data, `${data.summary}\n\nversion ${p.version}\n\n${JSON.stringify(data, null, 2)}`);
    }),
  );

  server.registerTool(
    'list_project_media',
    {
      title: "List a project's media",
      description:
        'The photos, clips and music uploaded to a project, in upload order, with the id a draft segment uses as m.src.',
      inputSchema: { project_id: projectId },
      outputSchema: { media: z.array(mediaItem) },
    },
    guarded(async (a, signal) => {
      const { svc } = await d.projects.service(a.project_id);
      return ok({ media: (await readProject(svc, signal)).media.map(mediaOut) });
    }),
  );

  server.registerTool(
    'upload_asset',
    {
      title: 'Upload photos, clips or music',
      description: `Add media to a project: files on this machine by path (only inside ${d.roots.dirs.join(', ')}; relative paths start at the first), and/or public http(s) URLs. Accepted: mp4 mov avi webm mkv jpg png gif webp mp3 wav m4a aac, up to 200 MB each. Nothing is uploaded when any path is refused.`,
      inputSchema: {
        project_id: projectId,
        paths: z.array(z.string().min(1)).max(50).optional().describe('Local file paths.'),
        urls: z.array(z.string().url()).max(20).optional().describe('http(s) links to media files.'),
      },
      outputSchema: {
        uploaded: z.array(z.object({ name: z.string(), id: z.string().optional(), kind: z.string().optional() })),
      },
    },
    guarded(async (a, signal) => {
      if (!a.paths?.length && !a.urls?.length)
        throw new Error('Give paths (files on this machine) or urls (http(s) links) to upload.');
      const { svc } = await d.projects.service(a.project_id);
      const files = (a.paths ?? []).map((p) => d.roots.file(p));
      const v = await validateFiles(files);
      if (v.rejected.length) throw new Error(`${describeRejections(v.rejected)} Nothing was uploaded.`);
      const uploaded: Array<{ name: string; id?: string; kind?: string }> = [];
      const add = (r: { files: Array<{ filename: string; hash?: string; fileType?: string }> }) =>
        uploaded.push(
          ...r.files.map((f) => ({
            name: f.filename,
            ...(f.hash ? { id: f.hash } : {}),
            ...(f.fileType ? { kind: f.fileType } : {}),
          })),
        );
      if (files.length) add(await svc.upload(files, { signal }));
      if (a.urls?.length) add(await svc.uploadUrls(a.urls, { signal }));
      return ok({ uploaded }, `Uploaded ${uploaded.length} file(s): ${uploaded.map((u) => u.name).join(', ')}`);
    }),
  );

  server.registerTool(
    'edit_video',
    {
      title: "Make or edit the video with the backend's agent",
      description:
        'Send a plain-language request to the project\'s own video agent (the local planner or the NemoVideo cloud agent), e.g. "turn these photos into a 30-second promo video with music and text overlays" or "make the title bigger". Returns the agent\'s reply, what changed on the timeline, and the version before and after. On the cloud this may spend credits.',
      inputSchema: {
        project_id: projectId,
        request: z.string().min(1).max(20_000).describe('What to make or change, in plain words (English or Chinese).'),
      },
      outputSchema: {
        reply: z.string(),
        changes: z.array(z.string()),
        version_before: z.string(),
        version_after: z.string(),
        summary: z.string(),
        session_renewed: z.boolean(),
      },
    },
    guarded(async (a, signal) => {
      const { record, svc } = await d.projects.service(a.project_id);
      const before = await readProject(svc, signal);
      const empty = !before.timeline.tracks.some((t) => t.segments.length);
      const canvasWords = record.canvas
        ? `${record.canvas.width}x${record.canvas.height}`
        : record.platform
          ? PLATFORM_WORDS[record.platform]
          : undefined;
      const request = empty && canvasWords ? `${a.request.trim()} (${canvasWords})` : a.request;
      const outcome = await svc.send(request, { signal });
      if (outcome.kind === 'action') {
        throw new Error(
          outcome.intent === 'export'
            ? 'That asks for an export: call render_video instead.'
            : 'That asks for an upload: call upload_asset with paths or urls.',
        );
      }
      let after = await readProject(svc, signal);
      // An exact canvas the planner has no words for: set it on the draft it made (engines that can save).
      if (
        record.canvas &&
        empty &&
        (after.draft.m?.width !== record.canvas.width || after.draft.m?.height !== record.canvas.height) &&
        record.backend === 'local'
      ) {
        await saveDraft(svc, { ...after.draft, m: { ...after.draft.m, ...record.canvas } }, after.version, signal);
        after = await readProject(svc, signal);
      }
      const changes = diffTimelines(before.timeline, after.timeline, W);
      const reply = outcomeText(outcome);
      const data = {
        reply,
        changes,
        version_before: before.version,
        version_after: after.version,
        summary: summarizeTimeline(after.timeline, W),
        session_renewed: outcome.kind === 'reply' && outcome.sessionRenewed,
      };
      return ok(
        data,
        `${reply}\n\nChanges:\n${changes.length ? changes.map((c) => `- ${c}`).join('\n') : '- none'}\n\nTimeline now (version ${after.version}):\n${data.summary}`,
      );
    }),
  );

  server.registerTool(
    'save_draft',
    {
      title: 'Save a whole draft',
      description:
        "Replace the project's draft with one you wrote (JSON per the resource video-gen://schema/draft; media ids from list_project_media). base_version must be the version you read with get_video_project: if the draft changed since, nothing is saved and the error gives the current version. Invalid drafts are refused with the field and the reason. Local engine only.",
      inputSchema: {
        project_id: projectId,
        draft: z
          .record(z.string(), z.unknown())
          .describe('The whole draft: {t: tracks, d?: ms, m?: {width, height, fps, title}}.'),
        base_version: z
          .string()
          .min(1)
          .max(100)
          .describe('The version the draft was based on (from get_video_project).'),
      },
      outputSchema: { version: z.string(), previous_version: z.string().optional() },
    },
    guarded(async (a, signal) => {
      // Said in the words tables before anything is sent (the engine refuses it too).
      const tooMuch = textLimitProblem(a.draft);
      if (tooMuch) throw new Error(W.textLimit(tooMuch));
      const { svc } = await d.projects.service(a.project_id);
      const r = await saveDraft(svc, a.draft, a.base_version, signal);
      return ok(
        { version: r.version, ...(r.previousVersion ? { previous_version: r.previousVersion } : {}) },
        `Saved. The draft is now version ${r.version}.`,
      );
    }),
  );

  server.registerTool(
    'get_project_frame',
    {
      title: 'Look at one frame',
      description:
        'Render the frame shown at time_s seconds as an image, from the current draft, without exporting (a second or two). Use it to check titles, framing and photos after an edit.',
      inputSchema: {
        project_id: projectId,
        time_s: z.number().min(0).describe('Seconds from the start; must be before the end of the timeline.'),
        width: z.number().int().min(64).max(1080).optional().describe('Image width in px (default 540).'),
        format: z.enum(['png', 'jpeg']).optional().describe('Default jpeg.'),
      },
      outputSchema: { time_s: z.number(), width: z.number(), height: z.number(), mime_type: z.string() },
    },
    guarded(async (a, signal) => {
      const { svc } = await d.projects.service(a.project_id);
      const img = await frame(svc, { timeMs: Math.round(a.time_s * 1000), width: a.width, format: a.format }, signal);
      const data = { time_s: a.time_s, width: img.width, height: img.height, mime_type: img.mime };
      return {
        content: [
          { type: 'image', data: img.bytes.toString('base64'), mimeType: img.mime },
          { type: 'text', text: `Frame at ${a.time_s} s (${img.width}x${img.height}).` },
        ],
        structuredContent: data,
      };
    }),
  );

  server.registerTool(
    'get_contact_sheet',
    {
      title: 'Look at the whole video at a glance',
      description:
        'A contact sheet: count frames spread evenly over the timeline, tiled in one image (left to right, top to bottom), rendered from the current draft without exporting.',
      inputSchema: {
        project_id: projectId,
        count: z.number().int().min(1).max(16).optional().describe('Number of frames (default 6).'),
        width: z.number().int().min(64).max(540).optional().describe('Width of each frame in px (default 270).'),
      },
      outputSchema: {
        times_s: z.array(z.number()),
        columns: z.number(),
        rows: z.number(),
        width: z.number(),
        height: z.number(),
        mime_type: z.string(),
      },
    },
    guarded(async (a, signal) => {
      const { svc } = await d.projects.service(a.project_id);
      const img = await contactSheet(svc, { count: a.count ?? 6, width: a.width }, signal);
      const [columns, rows] = (img.grid ?? '1x1').split('x').map(Number);
      const times = img.timesMs.map((t) => t / 1000);
      const data = { times_s: times, columns, rows, width: img.width, height: img.height, mime_type: img.mime };
      return {
        content: [
          { type: 'image', data: img.bytes.toString('base64'), mimeType: img.mime },
          {
            type: 'text',
            text: `${times.length} frames at ${times.map((t) => `${t}s`).join(', ')} (${columns}x${rows}).`,
          },
        ],
        structuredContent: data,
      };
    }),
  );

  server.registerTool(
    'render_video',
    {
      title: 'Export the video to an MP4',
      description: `Start rendering the project's timeline to an MP4 (1080p H.264/AAC) and download it into output_dir (default ${d.exportFolder}; must be inside ${d.roots.dirs.join(', ')}). Returns at once with an export_id: poll get_render_status until state is done, then use its path. On the cloud this spends credits.`,
      inputSchema: {
        project_id: projectId,
        output_dir: z.string().min(1).optional().describe('Folder for the MP4.'),
        file_name: z
          .string()
          .regex(/^[^/\\]{1,120}\.mp4$/i, 'a plain file name ending in .mp4')
          .optional()
          .describe('File name (default video-<date>-<time>.mp4).'),
      },
      outputSchema: exportJob,
    },
    guarded(async (a) => {
      const { record, svc } = await d.projects.service(a.project_id);
      const folder = d.roots.folder(a.output_dir ?? d.exportFolder);
      return ok(jobOut(d.exports.start(record.id, svc, folder, a.file_name ? basename(a.file_name) : undefined)));
    }),
  );

  server.registerTool(
    'get_render_status',
    {
      title: 'Export status',
      description:
        'State and progress of an export started with render_video; when state is done, path is the MP4 on this machine.',
      inputSchema: { export_id: z.string().min(1).max(100) },
      outputSchema: exportJob,
    },
    guarded(async (a) => ok(jobOut(d.exports.status(a.export_id)))),
  );

  server.registerTool(
    'cancel_render',
    {
      title: 'Cancel an export',
      description:
        'Stop an export that is still rendering or downloading (the backend job is cancelled; cloud credits frozen for it are released).',
      inputSchema: { export_id: z.string().min(1).max(100) },
      outputSchema: exportJob,
    },
    guarded(async (a) => ok(jobOut(await d.exports.cancel(a.export_id)))),
  );

  server.registerTool(
    'open_in_nemovideo',
    {
      title: 'Link to the NemoVideo web editor',
      description:
        "A link that opens a cloud project in NemoVideo's web editor, for the user to click (it carries a one-purpose claim token, never the sign-in token). Not available for local projects.",
      inputSchema: { project_id: projectId },
      outputSchema: { url: z.string() },
    },
    guarded(async (a, signal) => {
      const { record, svc } = await d.projects.service(a.project_id);
      if (record.backend === 'local')
        throw new Error(
          'Opening in NemoVideo is not available for local projects: the free local engine has no web editor. Export the video with render_video instead.',
        );
      const url = await claimLink(svc, process.env, signal);
      return ok({ url }, `Open the project in NemoVideo: ${url}`);
    }),
  );

  server.registerTool(
    'get_credits',
    {
      title: 'Credit balance',
      description:
        'Credits on a backend: the cloud\'s balance (available, frozen for running jobs), or "unlimited" on the free local engine.',
      inputSchema: { backend: z.enum(['local', 'cloud']).optional().describe(`Default ${d.defaultBackend}.`) },
      outputSchema: {
        backend: z.enum(['local', 'cloud']),
        available: z.number(),
        frozen: z.number(),
        total: z.number(),
        unlimited: z.boolean(),
        text: z.string(),
      },
    },
    guarded(async (a) => {
      const backend = a.backend ?? d.defaultBackend;
      const c = await (await d.projects.accountService(backend)).credits();
      const text = W.credits(c);
      return ok(
        { backend, available: c.available, frozen: c.frozen, total: c.total, unlimited: c.unlimited === true, text },
        text,
      );
    }),
  );
}

function mediaOut(m: { id?: string; name: string; kind?: string; duration?: number; width?: number; height?: number }) {
  return {
    ...(m.id ? { id: m.id } : {}),
    name: m.name,
    ...(m.kind ? { kind: m.kind } : {}),
    ...(m.duration ? { duration_s: m.duration } : {}),
    ...(m.width ? { width: m.width } : {}),
    ...(m.height ? { height: m.height } : {}),
  };
}

/** Agents read English: the tools word the core's data with the English table. */
const W = wordsFor('en');

/** What the backend said, or what the core answered by itself (credits, status), in words. */
function outcomeText(o: Exclude<TurnOutcome, { kind: 'action' }>): string {
  if (o.kind === 'reply') return o.text;
  if (o.intent === 'credits') return W.credits(o.credits);
  return summarizeTimeline(o.timeline, W);
}
