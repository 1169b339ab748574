/** ffprobe: the size, duration and audio presence of a media file. */
import { execFile } from 'node:child_process';

export interface ProbeResult { width?: number; height?: number; duration?: number; hasAudio: boolean }

interface ProbeJson {
  streams?: { codec_type?: string; width?: number; height?: number; tags?: { rotate?: string }; side_data_list?: { rotation?: number }[] }[];
  format?: { duration?: string };
}

export function probeMedia(ffprobe: string, path: string): Promise<ProbeResult> {
  return new Promise((resolve, reject) => {
    execFile(ffprobe, ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', path], { maxBuffer: 4 << 20 }, (err, stdout) => {
      if (err) return reject(new Error(`Could not read media file ${path}: ${err.message.split('\n')[0]}`));
      const j = JSON.parse(stdout) as ProbeJson;
      const v = j.streams?.find((s) => s.codec_type === 'video');
      // Phone videos store portrait as landscape + a rotation: report the displayed size.
      const rot = Math.abs(Number(v?.tags?.rotate ?? v?.side_data_list?.[0]?.rotation ?? 0)) % 180 === 90;
      const duration = Number(j.format?.duration);
      resolve({
        width: rot ? v?.height : v?.width,
        height: rot ? v?.width : v?.height,
        duration: Number.isFinite(duration) ? duration : undefined,
        hasAudio: Boolean(j.streams?.some((s) => s.codec_type === 'audio')),
      });
    });
  });
}
