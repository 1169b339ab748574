/**
 * The encoder's arguments: the upload master (x264 + AAC) and the quick preview (x264 ultrafast +
 * MP3), both constant frame rate with BT.709 tags and a keyframe every 2 s.
 */
/**
 * An upload master (every platform re-encodes it): 1080p30 lands at ~6–12 Mb/s, so the
 * platform's own encode starts from clean frames. Photos are smooth (bokeh, sky, soft light):
 * at crf 18 a real-photo promo came out at 1.7 Mb/s, its fine texture smoothed away by x264's
 * psychovisual defaults. crf 14 with `-tune grain` (weaker deblocking and adaptive
 * quantisation, no DCT decimation, psy-trellis) keeps that texture for the platform's encode:
 * measured 6–8 Mb/s on real-photo promos for ~5 % more x264 CPU. The VBV cap keeps busy clips
 * from ballooning (12 Mb/s at 1080x1920@30, scaled by pixel rate for other canvases).
 */
export const MASTER_CRF = 14;

/** Constant frame rate at the canvas fps (5.1 renamed -vsync to -fps_mode). */
function cfrArgs(fps: number, ffMajor: number): string[] {
  return ['-r', String(fps), ...(ffMajor >= 5 ? ['-fps_mode', 'cfr'] : ['-vsync', 'cfr'])];
}

/** The graph converts to BT.709 (limited range); these tag the stream so players agree. */
const BT709_TAGS = ['-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-color_range', 'tv'];

/** A keyframe at least every 2 s (platform recommendations; seeking in editors). */
const gopOf = (fps: number) => Math.max(1, Math.round(fps * 2));
export const MASTER_TUNE = 'grain';

export function masterVideoArgs(
  canvas: { w: number; h: number; fps: number },
  ffMajor: number,
  preset: string,
  crf: number,
): string[] {
  const pixelRate = (canvas.w * canvas.h * canvas.fps) / (1080 * 1920 * 30);
  const maxKbps = Math.max(2000, Math.round(12_000 * pixelRate));
  const gop = gopOf(canvas.fps);
  return [
    ...cfrArgs(canvas.fps, ffMajor),
    '-c:v',
    'libx264',
    '-profile:v',
    'high',
    '-pix_fmt',
    'yuv420p',
    '-preset',
    preset,
    '-tune',
    MASTER_TUNE,
    '-crf',
    String(crf),
    '-maxrate',
    `${maxKbps}k`,
    '-bufsize',
    `${2 * maxKbps}k`,
    '-g',
    String(gop),
    '-keyint_min',
    String(Math.min(gop, Math.round(canvas.fps))),
    ...BT709_TAGS,
  ];
}

/**
 * AAC-LC at 256 kb/s with ffmpeg's `fast` coder and without its low-bitrate tools (mid/side,
 * intensity stereo, noise substitution). Measured against the old default (twoloop, every tool,
 * 192 kb/s) on a 30 s mix, decoded and compared with the PCM: 40.2 vs 37.5 dB SNR on the built-in
 * bed, 35.7 vs 29.3 dB on a wide-stereo mix with noise; encoder CPU 0.8 vs 2.2 s (the mid/side
 * search alone was 1.2 s). 64 kb/s more in a ~7 Mb/s master is 1 %.
 */
export const MASTER_AUDIO_ARGS = [
  '-c:a',
  'aac',
  '-aac_coder',
  'fast',
  '-aac_ms',
  '0',
  '-aac_is',
  '0',
  '-aac_pns',
  '0',
  '-b:a',
  '256k',
  '-ar',
  '48000',
  '-ac',
  '2',
];
/** MP3: the one audio codec with sound in desktop VS Code's webviews and in MP4 (contract/previewRender.ts). */
export const PREVIEW_AUDIO_ARGS = ['-c:a', 'libmp3lame', '-b:a', '128k', '-ar', '48000', '-ac', '2'];

/**
 * A preview's video: x264 ultrafast at crf 28 — about a third of veryfast's encode time; the
 * picture is soft but the edit reads. Baseline-compatible (ultrafast has no CABAC or B-frames),
 * so any player starts it at once. Same colour tags and 2 s keyframes as the master (seeking).
 */
export function previewVideoArgs(canvas: { w: number; h: number; fps: number }, ffMajor: number): string[] {
  return [
    ...cfrArgs(canvas.fps, ffMajor),
    '-c:v',
    'libx264',
    '-pix_fmt',
    'yuv420p',
    '-preset',
    'ultrafast',
    '-crf',
    '28',
    '-g',
    String(gopOf(canvas.fps)),
    ...BT709_TAGS,
  ];
}
