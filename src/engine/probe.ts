/**
 * What ffprobe says about a media file — the one probe of the engine (uploads, renders, the
 * renderer). Never throws: an unreadable file just yields fewer facts (the sniffed kind is what
 * decides whether it was accepted; ffmpeg itself reports a broken file when rendering).
 */
import { execFile } from 'node:child_process';

export interface ProbeResult {
  width?: number;
  height?: number;
  /** Seconds. */
  duration?: number;
  fps?: number;
  hasAudio: boolean;
  hasAlpha: boolean;
}

interface FfStream {
  codec_type?: string;
  width?: number;
  height?: number;
  pix_fmt?: string;
  r_frame_rate?: string;
  avg_frame_rate?: string;
  duration?: string;
  disposition?: { attached_pic?: number };
  tags?: { rotate?: string };
  side_data_list?: { rotation?: number }[];
}

function rate(r: string | undefined): number | undefined {
  if (!r) return undefined;
  const [n, d] = r.split('/').map(Number);
  const v = d ? n / d : n;
  return Number.isFinite(v) && v > 0 && v < 1000 ? Math.round(v * 1000) / 1000 : undefined;
}

const ALPHA_FORMATS = /^(rgba|argb|bgra|abgr|yuva|ya8|ya16|gbrap|rgba64|bgra64|pal8)/;

export function probeMedia(path: string, ffprobe = process.env.FFPROBE_PATH || 'ffprobe'): Promise<ProbeResult> {
  return new Promise((resolve) => {
    execFile(
      ffprobe,
      ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', path],
      { timeout: 20_000, maxBuffer: 4 * 1024 * 1024 },
      (err, stdout) => {
        if (err) {
          resolve({ hasAudio: false, hasAlpha: false });
          return;
        }
        try {
          const j = JSON.parse(stdout) as { streams?: FfStream[]; format?: { duration?: string } };
          const streams = j.streams ?? [];
          const video = streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
          const duration = Number(j.format?.duration ?? video?.duration);
          // Phone videos store portrait as landscape plus a rotation: report the displayed size.
          const turned =
            Math.abs(
              Number(
                video?.tags?.rotate ?? video?.side_data_list?.find((d) => d.rotation !== undefined)?.rotation ?? 0,
              ),
            ) %
              180 ===
            90;
          resolve({
            width: turned ? video?.height : video?.width,
            height: turned ? video?.width : video?.height,
            duration: Number.isFinite(duration) && duration > 0 ? duration : undefined,
            fps: rate(video?.avg_frame_rate) ?? rate(video?.r_frame_rate),
            hasAudio: streams.some((s) => s.codec_type === 'audio'),
            hasAlpha: ALPHA_FORMATS.test(video?.pix_fmt ?? ''),
          });
        } catch {
          resolve({ hasAudio: false, hasAlpha: false });
        }
      },
    );
  });
}
