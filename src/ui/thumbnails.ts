/**
 * After a chat turn that changed the video, a strip of thumbnails of the new version under the
 * reply: frames the engine renders from the draft (its frame preview, the renderer's own graph,
 * a few hundred ms each), so the person sees the edit before any export. Backends without frame
 * previews (the cloud) simply show no strip.
 */
import { frame } from '../core/agentOps';
import type { Timeline } from '../core/timeline';
import type { Thumbnail } from '../protocol';
import type { UiVideoService } from './types';
import type { Logger } from '../core/ports';

/** Thumbnails per strip (the issue asks for 3–5; 4 fit a narrow side bar in one row). */
export const STRIP_COUNT = 4;
/** Width of a thumbnail, px (shown at ~70 px; twice that for sharp HiDPI). */
const THUMB_WIDTH = 144;

/** What identifies a version of the video: a new strip only when it changed. */
function versionKey(t: Timeline): string {
  return JSON.stringify([t.tracks, t.duration, t.width, t.height]);
}

/** Times of the strip's frames: the middle of each of `count` equal parts. */
export function stripTimesMs(durationS: number, count = STRIP_COUNT): number[] {
  const d = Math.max(0, durationS) * 1000;
  return Array.from({ length: count }, (_, i) => Math.floor(((i + 0.5) * d) / count));
}

export function timeLabel(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export class ThumbnailStrip {
  private shownKey: string | undefined;

  constructor(private readonly log?: Logger) {}

  /**
   * The strip of the current timeline when it differs from the one the last strip showed.
   * Never throws: a backend that cannot preview leaves the chat as it is (undefined).
   */
  async render(service: UiVideoService, signal?: AbortSignal): Promise<Thumbnail[] | undefined> {
    try {
      const timeline = await service.timeline();
      const key = versionKey(timeline);
      if (!timeline.tracks.length || timeline.duration <= 0 || key === this.shownKey) return undefined;
      const images: Thumbnail[] = [];
      for (const t of stripTimesMs(timeline.duration)) {
        const img = await frame(service, { timeMs: t, width: THUMB_WIDTH, format: 'jpeg' }, signal);
        images.push({
          src: `data:${img.mime};base64,${img.bytes.toString('base64')}`,
          time: timeLabel(t),
          ...(img.width && img.height ? { width: img.width, height: img.height } : {}),
        });
      }
      this.shownKey = key;
      return images;
    } catch (e) {
      this.log?.info(`No thumbnail strip: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  }

  /** A new session or backend: the next changed timeline gets a strip. */
  reset(): void {
    this.shownKey = undefined;
  }
}
