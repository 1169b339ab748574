/**
 * Contracts between the engine's parts: the HTTP server (server.ts), the agent that answers
 * chat turns (the scripted stand-in agent, or the planner of the free local engine) and the
 * renderer that turns a draft into an MP4 (a fixture clip for the stand-in, ffmpeg for real).
 */
import type { Draft } from '../contract/draft';
import type { BeatGrid } from './beats';
import type { Subject } from './subject';

/** An uploaded file as the engine stores it (one copy per content hash). */
export interface MediaFile {
  /** Content hash (sha256 hex, first 32 chars); also the draft's `src`. */
  id: string;
  /** The name the user uploaded it as. */
  name: string;
  /** Absolute path of the stored bytes inside the data dir. */
  path: string;
  mime: string;
  kind: 'image' | 'video' | 'audio';
  size: number;
  width?: number;
  height?: number;
  /** Seconds (clips and audio). */
  duration?: number;
  fps?: number;
  hasAudio?: boolean;
  /** PNG/WebP/GIF with an alpha channel (logo candidates). */
  hasAlpha?: boolean;
  /** Audio: tempo and beat grid found at upload (beats.ts); absent when not analysed. */
  beats?: BeatGrid;
  /** ms since epoch; media are used in upload order. */
  uploadedAt: number;
  /** Photos: where the subject is (saliency grid + focus, faces), computed once at upload (subject.ts). */
  subject?: Subject;
}

/** One ADK event as it goes on the wire (camelCase, absent fields omitted). */
export interface AdkEvent {
  id?: string;
  invocationId?: string;
  author?: string;
  timestamp?: number;
  partial?: boolean;
  turnComplete?: boolean;
  content?: { role: string; parts: AdkPart[] };
  errorCode?: string;
  errorMessage?: string;
  actions?: Record<string, unknown>;
  [key: string]: unknown;
}

export type AdkPart =
  | { text: string; thought?: boolean }
  | { functionCall: { id?: string; name: string; args?: Record<string, unknown> } }
  | { functionResponse: { id?: string; name: string; response?: Record<string, unknown> } };

export interface AgentContext {
  sessionId: string;
  /** ISO language the session was created with (`en`, `zh-CN`…). */
  language: string;
  /** The session's current draft (undefined before the first plan). */
  draft: Draft | undefined;
  /** The session's uploads, in upload order. */
  media: MediaFile[];
  signal: AbortSignal;
  /**
   * Saves a changed draft for good (throws when it cannot: disk full, read-only). An agent
   * calls it BEFORE it tells the user anything changed, so a reply never promises a draft
   * that is gone after a restart. Absent: the server saves the returned draft after the turn.
   */
  persist?: (draft: Draft) => void;
}

export interface AgentTurn {
  /** The new draft when the turn changed it. */
  draft?: Draft;
}

/** Answers one chat turn by emitting ADK events; the server streams them as SSE. */
export interface Agent {
  run(text: string, ctx: AgentContext, emit: (event: AdkEvent) => void): Promise<AgentTurn>;
}

export interface RenderInput {
  draft: Draft;
  /** Looks up a draft `src` (media id) in the session's uploads. */
  media: (id: string) => MediaFile | undefined;
  /** Where the MP4 goes; the renderer writes a temp file beside it and renames into place. */
  outFile: string;
  signal: AbortSignal;
  /** 0..100 */
  onProgress: (percent: number) => void;
  /** A quick look, not an export: smaller frame, fewer fps, fast encode, sound webviews play (contract/previewRender.ts). */
  preview?: boolean;
}

export interface Renderer {
  render(input: RenderInput): Promise<void>;
}

// Small builders so agents emit well-formed ADK events.
let seq = 0;
function base(author: string): AdkEvent {
  seq += 1;
  return { id: `evt_${Date.now().toString(36)}_${seq}`, invocationId: 'inv', author, timestamp: Date.now() / 1000 };
}
export function adkText(author: string, text: string, partial = false): AdkEvent {
  return { ...base(author), ...(partial ? { partial: true } : {}), content: { role: 'model', parts: [{ text }] } };
}
export function adkThought(author: string, text: string): AdkEvent {
  return { ...base(author), content: { role: 'model', parts: [{ text, thought: true }] } };
}
export function adkCall(author: string, name: string, args: Record<string, unknown>, id = `call_${seq + 1}`): AdkEvent {
  return { ...base(author), content: { role: 'model', parts: [{ functionCall: { id, name, args } }] } };
}
export function adkResponse(
  author: string,
  name: string,
  response: Record<string, unknown>,
  id = `call_${seq}`,
): AdkEvent {
  return { ...base(author), content: { role: 'user', parts: [{ functionResponse: { id, name, response } }] } };
}
