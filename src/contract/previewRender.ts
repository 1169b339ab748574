/**
 * What a preview render is — shared by the client that asks for one (`output.preview: true` in
 * the render request) and the local engine that makes it. A preview is for watching the draft
 * inside the editor before the long export: a small, fast file, never an upload master.
 *
 * Codecs: VS Code's desktop webviews ship a reduced FFmpeg — H.264, VP8, MP3, Vorbis, FLAC, WAV,
 * in MP4/WebM/Ogg — without AAC and without Opus (microsoft/vscode#156558 and PR #158486; the
 * codec test plan lists Opus with AAC as unsupported, and MP3 in MP4 plays with sound there). So
 * the preview is H.264 + MP3 in MP4: the one pairing that has sound in desktop VS Code, in
 * code-server's browser and in every system player. The full export keeps AAC (platforms want it).
 */

/** The longer side of a preview's frame, px (540×960 for the default 1080×1920 canvas). */
export const PREVIEW_MAX_SIDE = 960;
/** Frames per second at most: half of a 30 fps canvas — motion reads fine, encode time halves. */
export const PREVIEW_MAX_FPS = 15;
/** Codec names as ffprobe reports them. */
export const PREVIEW_VIDEO_CODEC = 'h264';
export const PREVIEW_AUDIO_CODEC = 'mp3';

export interface PreviewCanvas {
  w: number;
  h: number;
  fps: number;
}

/**
 * The preview's frame for a draft's canvas: scaled down so the longer side is at most
 * PREVIEW_MAX_SIDE (even sides, as H.264 4:2:0 needs), never up; fps capped at PREVIEW_MAX_FPS.
 */
export function previewCanvas(canvas: PreviewCanvas): PreviewCanvas {
  const scale = Math.min(1, PREVIEW_MAX_SIDE / Math.max(canvas.w, canvas.h));
  const even = (v: number) => Math.max(16, 2 * Math.round((v * scale) / 2));
  return { w: even(canvas.w), h: even(canvas.h), fps: Math.min(canvas.fps, PREVIEW_MAX_FPS) };
}
