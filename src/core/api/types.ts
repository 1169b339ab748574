/** Data shapes of the backend's answers after the envelope is unwrapped (see schemas.ts). */
import type { EngineRefusal } from '../../contract/refusals';
import type { Draft } from '../../contract/draft';
import type { HeifFailure } from '../../contract/uploads';

export interface AnonymousToken {
  token: string;
  userId?: string;
  /** ISO-8601. */
  expiresAt?: string;
  credits?: number;
}

export interface SessionInfo {
  sessionId: string;
  taskId?: string;
  userId?: string;
}

export interface UploadedFile {
  filename: string;
  fileType?: string;
  cdnUrl?: string;
  duration?: number;
  width?: number;
  height?: number;
  fps?: number;
  hash?: string;
  [key: string]: unknown;
}

export interface UploadResult {
  files: UploadedFile[];
  sessionStateApplied?: boolean;
  /** Files refused by validation before sending (the rest were uploaded). */
  skipped?: Array<{ path: string; reason: string }>;
  /** One readable message about the skipped files. */
  skippedMessage?: string;
  /** iPhone photos converted to JPEG on this machine before upload (`from` as the user chose it). */
  converted?: Array<{ from: string; to: string }>;
  /** iPhone photos that could not be converted (the rest were uploaded), by why. */
  heifSkipped?: Array<{ path: string; reason: HeifFailure }>;
}

export interface Credits {
  available: number;
  frozen: number;
  total: number;
  /** The local engine reports unlimited credits. */
  unlimited?: boolean;
}

export interface SessionState {
  sessionId?: string;
  taskId?: string;
  taskName?: string;
  draft?: Draft;
  videoInfos?: unknown[];
  generatedMedia?: unknown;
  canvasConfig?: unknown;
  userId?: string;
}

export type { RenderStatusName, RenderRequest } from '../../contract/endpoints';
import type { RenderStatusName } from '../../contract/endpoints';

export interface RenderStatus {
  id: string;
  status: RenderStatusName;
  /** 0..100 */
  progress: number;
  outputUrl?: string;
  error?: string;
  /** Why the engine failed it, as data (local engine). */
  refusal?: EngineRefusal;
}
