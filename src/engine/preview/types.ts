/** The engine's "look at it" part: frames of a draft without exporting it (see ffmpegPreviewer.ts). */
import type { Draft } from '../../contract/draft';
import type { MediaFile } from '../contracts';

export type ImageFormat = 'png' | 'jpeg';

export interface FrameRequest {
  draft: Draft;
  media: (id: string) => MediaFile | undefined;
  /** Time on the timeline, ms (0 ≤ t < duration). */
  timeMs: number;
  /** Output width in px; the height follows the canvas. */
  width: number;
  format: ImageFormat;
  signal: AbortSignal;
}

export interface SheetRequest extends Omit<FrameRequest, 'timeMs'> {
  /** Number of frames, evenly spread over the timeline. */
  count: number;
}

export interface PreviewImage {
  bytes: Buffer;
  mime: string;
  width: number;
  height: number;
  /** The times shown, ms (one for a frame, `count` for a sheet, in reading order). */
  timesMs: number[];
  /** Sheets: the grid. */
  columns?: number;
  rows?: number;
}

export interface FramePreviewer {
  frame(r: FrameRequest): Promise<PreviewImage>;
  sheet(r: SheetRequest): Promise<PreviewImage>;
}
