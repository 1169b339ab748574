/**
 * zod schemas for every answer, tolerant of unknown fields (loose objects) and of both
 * spellings where sources disagree. Each `parseX` maps the wire shape to the types in types.ts.
 * Drafts are never reshaped: they pass through untouched (the backend wants them back verbatim).
 */
// zod/mini: the same validation as classic zod at a fraction of the bundle (functions, not methods, so unused parts shake out).
import * as z from 'zod/mini';
import type {
  AnonymousToken,
  Credits,
  RenderStatus,
  SessionInfo,
  SessionState,
  UploadResult,
  RenderStatusName,
} from './types';
import type { Draft } from '../../contract/draft';
import { readRefusal, type EngineRefusal } from '../../contract/refusals';
import { ApiError } from './errors';

const str = z.string();
/** Numbers arrive as numbers, numeric strings or null; `toNum` reads them after validation. */
const numLike = z.optional(z.union([z.number(), z.string(), z.null()]));
const idLike = z.optional(z.union([z.string(), z.number()]));
const optStr = z.optional(z.string());

function toNum(v: unknown): number | undefined {
  if (v === null || v === undefined || v === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}
const toId = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : String(v));

export const anonymousTokenSchema = z.looseObject({
  token: z.string().check(z.minLength(1)),
  user_id: idLike,
  userId: idLike,
  expires_at: z.optional(z.union([str, z.number()])),
  expiresAt: z.optional(z.union([str, z.number()])),
  credits: numLike,
});

export const sessionSchema = z
  .looseObject({
    session_id: idLike,
    sessionId: idLike,
    task_id: idLike,
    taskId: idLike,
    user_id: idLike,
  })
  .check(
    z.refine((d) => d.session_id !== undefined || d.sessionId !== undefined, { message: 'session_id is missing' }),
  );

const uploadedFileSchema = z.looseObject({
  filename: optStr,
  file_name: optStr,
  name: optStr,
  file_type: optStr,
  cdn_url: optStr,
  url: optStr,
  duration: numLike,
  width: numLike,
  height: numLike,
  fps: numLike,
  hash: optStr,
});

export const uploadSchema = z.looseObject({
  files: z.optional(z.array(uploadedFileSchema)),
  session_state_applied: z.optional(z.boolean()),
});

export const creditsSchema = z.looseObject({
  available: z.union([z.number(), z.string().check(z.regex(/^-?\d+(\.\d+)?$/))]),
  frozen: numLike,
  total: numLike,
  unlimited: z.optional(z.boolean()),
});

/** Drafts are opaque: passed through untouched, judged later by parseDraft / isExportable. */
const draftSchema = z.optional(z.unknown());

const stateInnerSchema = z.looseObject({
  draft: draftSchema,
  video_infos: z.nullish(z.array(z.unknown())),
  generated_media: z.optional(z.unknown()),
  canvas_config: z.optional(z.unknown()),
});

export const stateSchema = z.looseObject({
  session_id: idLike,
  task_id: idLike,
  task_name: optStr,
  user_id: idLike,
  state: z.nullish(stateInnerSchema),
  // The older description puts these directly in data.
  draft: draftSchema,
  video_infos: z.nullish(z.array(z.unknown())),
  generated_media: z.optional(z.unknown()),
});

const renderStatusFields = {
  id: idLike,
  taskId: idLike,
  status: optStr,
  progress: numLike,
  outputUrl: z.nullish(str),
  output_url: z.nullish(str),
  output: z.nullish(z.looseObject({ url: z.nullish(str) })),
  error: z.optional(z.unknown()),
  refusal: z.optional(z.unknown()),
};

/** Render status: shape A `{data:{…}}` or shape B top level; read `data.x ?? x`. */
export const renderStatusSchema = z.looseObject({
  ...renderStatusFields,
  data: z.nullish(z.looseObject(renderStatusFields)),
});

function parseWith<T>(schema: z.ZodMiniType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success) {
    throw new ApiError({
      kind: 'bad-response',
      detail: r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      message: `The video service sent an unexpected answer to ${what}. Try again; if it keeps happening, check the API base URL setting.`,
    });
  }
  return r.data;
}

export function parseAnonymousToken(v: unknown): AnonymousToken {
  const d = parseWith(anonymousTokenSchema, v, 'the token request');
  const exp = d.expires_at ?? d.expiresAt;
  return {
    token: d.token,
    userId: toId(d.user_id ?? d.userId),
    expiresAt: typeof exp === 'number' ? new Date(exp < 1e12 ? exp * 1000 : exp).toISOString() : exp,
    credits: toNum(d.credits),
  };
}

export function parseSession(v: unknown): SessionInfo {
  const d = parseWith(sessionSchema, v, 'creating a session');
  return {
    sessionId: toId(d.session_id ?? d.sessionId)!,
    taskId: toId(d.task_id ?? d.taskId),
    userId: toId(d.user_id),
  };
}

export function parseUpload(v: unknown): UploadResult {
  const d = parseWith(uploadSchema, v, 'the upload');
  return {
    sessionStateApplied: d.session_state_applied,
    files: (d.files ?? []).map((f) => ({
      ...f,
      filename: f.filename ?? f.file_name ?? f.name ?? 'file',
      fileType: f.file_type,
      cdnUrl: f.cdn_url ?? f.url,
      duration: toNum(f.duration),
      width: toNum(f.width),
      height: toNum(f.height),
      fps: toNum(f.fps),
    })),
  };
}

export function parseCredits(v: unknown): Credits {
  const d = parseWith(creditsSchema, v, 'the credits request');
  const available = Number(d.available);
  const frozen = toNum(d.frozen) ?? 0;
  return { available, frozen, total: toNum(d.total) ?? available + frozen, unlimited: d.unlimited };
}

export function parseState(v: unknown): SessionState {
  const d = parseWith(stateSchema, v, 'reading the timeline');
  const inner = d.state ?? undefined;
  return {
    sessionId: toId(d.session_id),
    taskId: toId(d.task_id),
    taskName: d.task_name,
    userId: toId(d.user_id),
    draft: (inner?.draft ?? d.draft ?? undefined) as Draft | undefined,
    videoInfos: inner?.video_infos ?? d.video_infos ?? [],
    generatedMedia: inner?.generated_media ?? d.generated_media,
    canvasConfig: inner?.canvas_config,
  };
}

const STATUSES: RenderStatusName[] = ['pending', 'processing', 'completed', 'failed', 'cancelled'];

function normalizeStatus(s: string | undefined): RenderStatusName {
  const v = (s ?? 'pending').toLowerCase();
  if (v === 'succeeded' || v === 'success' || v === 'done' || v === 'complete') return 'completed';
  if (v === 'running' || v === 'rendering' || v === 'in_progress') return 'processing';
  if (v === 'queued' || v === 'waiting') return 'pending';
  if (v === 'error') return 'failed';
  if (v === 'canceled') return 'cancelled';
  return STATUSES.includes(v as RenderStatusName) ? (v as RenderStatusName) : 'processing';
}

function errorText(e: unknown): string | undefined {
  if (e == null) return undefined;
  if (typeof e === 'string') return e;
  if (typeof e === 'object' && typeof (e as { message?: unknown }).message === 'string')
    return (e as { message: string }).message;
  return JSON.stringify(e);
}

/** Accepts the submit answer and both status shapes (docs/protocol.md §8). */
const withRefusal = (r: EngineRefusal | undefined) => (r ? { refusal: r } : {});

export function parseRenderStatus(v: unknown, fallbackId: string): RenderStatus {
  const top = parseWith(renderStatusSchema, v, 'the render status');
  const d: Partial<typeof top> = top.data ?? {};
  const progress = toNum(d.progress ?? top.progress);
  return {
    id: String(d.id ?? d.taskId ?? top.id ?? top.taskId ?? fallbackId),
    status: normalizeStatus(d.status ?? top.status),
    progress: Math.max(0, Math.min(100, progress ?? 0)),
    outputUrl:
      d.outputUrl ?? d.output_url ?? d.output?.url ?? top.outputUrl ?? top.output_url ?? top.output?.url ?? undefined,
    error: errorText(d.error ?? top.error),
    ...withRefusal(readRefusal(d.refusal ?? top.refusal)),
  };
}
