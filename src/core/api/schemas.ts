/**
 * zod schemas for every answer, tolerant of unknown fields (loose objects) and of both
 * spellings where sources disagree. Each `parseX` maps the wire shape to the types in types.ts.
 * Drafts are never reshaped: they pass through untouched (the backend wants them back verbatim).
 */
import { z } from 'zod';
import type { AnonymousToken, Credits, RenderStatus, SessionInfo, SessionState, UploadResult, RenderStatusName } from './types';
import type { Draft } from '../draft';
import { ApiError } from './errors';

const str = z.string();
const num = z.coerce.number();
const optNum = z.preprocess((v) => (v === null || v === '' ? undefined : v), z.coerce.number().optional());
const idLike = z.union([z.string(), z.number()]).transform(String);

export const anonymousTokenSchema = z.looseObject({
  token: str.min(1),
  user_id: idLike.optional(),
  userId: idLike.optional(),
  expires_at: z.union([str, z.number()]).optional(),
  expiresAt: z.union([str, z.number()]).optional(),
  credits: optNum,
});

export const sessionSchema = z.looseObject({
  session_id: idLike.optional(),
  sessionId: idLike.optional(),
  task_id: idLike.optional(),
  taskId: idLike.optional(),
  user_id: idLike.optional(),
}).refine((d) => d.session_id ?? d.sessionId, { message: 'session_id is missing' });

const uploadedFileSchema = z.looseObject({
  filename: str.optional(),
  file_name: str.optional(),
  name: str.optional(),
  file_type: str.optional(),
  cdn_url: str.optional(),
  url: str.optional(),
  duration: optNum,
  width: optNum,
  height: optNum,
  fps: optNum,
  hash: str.optional(),
});

export const uploadSchema = z.looseObject({
  files: z.array(uploadedFileSchema).default([]),
  session_state_applied: z.boolean().optional(),
});

export const creditsSchema = z.looseObject({
  available: num,
  frozen: optNum,
  total: optNum,
  unlimited: z.boolean().optional(),
});

// A draft that is not an object (an array, a string…) reads as "no draft" rather than making the
// whole state unreadable: the user could otherwise never see or reset the timeline again.
const draftSchema = z.unknown().transform((d) => (d && typeof d === 'object' && !Array.isArray(d) ? (d as Draft) : undefined));

const stateInnerSchema = z.looseObject({
  draft: z.union([draftSchema, z.null()]).optional(),
  video_infos: z.array(z.unknown()).nullish(),
  generated_media: z.unknown().optional(),
  canvas_config: z.unknown().optional(),
});

export const stateSchema = z.looseObject({
  session_id: idLike.optional(),
  task_id: idLike.optional(),
  task_name: str.optional(),
  user_id: idLike.optional(),
  state: z.union([stateInnerSchema, z.null()]).optional(),
  // The older description puts these directly in data.
  draft: z.union([draftSchema, z.null()]).optional(),
  video_infos: z.array(z.unknown()).nullish(),
  generated_media: z.unknown().optional(),
});

const renderStatusInner = z.looseObject({
  id: idLike.optional(),
  taskId: idLike.optional(),
  status: str.optional(),
  progress: optNum,
  outputUrl: str.nullish(),
  output_url: str.nullish(),
  output: z.looseObject({ url: str.nullish() }).nullish(),
  error: z.unknown().optional(),
});

/** Render status: shape A `{data:{…}}` or shape B top level; read `data.x ?? x`. */
export const renderStatusSchema = z.looseObject({ data: renderStatusInner.nullish() }).and(renderStatusInner);

function parseWith<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
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
    userId: d.user_id ?? d.userId,
    expiresAt: typeof exp === 'number' ? new Date(exp < 1e12 ? exp * 1000 : exp).toISOString() : exp,
    credits: d.credits,
  };
}

export function parseSession(v: unknown): SessionInfo {
  const d = parseWith(sessionSchema, v, 'creating a session');
  return { sessionId: (d.session_id ?? d.sessionId)!, taskId: d.task_id ?? d.taskId, userId: d.user_id };
}

export function parseUpload(v: unknown): UploadResult {
  const d = parseWith(uploadSchema, v, 'the upload');
  return {
    sessionStateApplied: d.session_state_applied,
    files: d.files.map((f) => ({
      ...f,
      filename: f.filename ?? f.file_name ?? f.name ?? 'file',
      fileType: f.file_type,
      cdnUrl: f.cdn_url ?? f.url,
    })),
  };
}

export function parseCredits(v: unknown): Credits {
  const d = parseWith(creditsSchema, v, 'the credits request');
  const frozen = d.frozen ?? 0;
  return { available: d.available, frozen, total: d.total ?? d.available + frozen, unlimited: d.unlimited };
}

export function parseState(v: unknown): SessionState {
  const d = parseWith(stateSchema, v, 'reading the timeline');
  const inner = d.state ?? undefined;
  return {
    sessionId: d.session_id,
    taskId: d.task_id,
    taskName: d.task_name,
    userId: d.user_id,
    draft: (inner?.draft ?? d.draft) ?? undefined,
    videoInfos: (inner?.video_infos ?? d.video_infos) ?? [],
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
  if (typeof e === 'object' && typeof (e as { message?: unknown }).message === 'string') return (e as { message: string }).message;
  return JSON.stringify(e);
}

/** Accepts the submit answer and both status shapes (protocol.md §8). */
export function parseRenderStatus(v: unknown, fallbackId: string): RenderStatus {
  const top = parseWith(renderStatusSchema, v, 'the render status');
  const d = top.data ?? {};
  const progress = d.progress ?? top.progress;
  return {
    id: String(d.id ?? d.taskId ?? top.id ?? top.taskId ?? fallbackId),
    status: normalizeStatus(d.status ?? top.status),
    progress: Math.max(0, Math.min(100, Number.isFinite(progress) ? Number(progress) : 0)),
    outputUrl: d.outputUrl ?? d.output_url ?? d.output?.url ?? top.outputUrl ?? top.output_url ?? top.output?.url ?? undefined,
    error: errorText(d.error ?? top.error),
  };
}
