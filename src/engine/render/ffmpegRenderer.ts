/**
 * The free local engine's renderer: draft → H.264 High / AAC MP4 with ONE ffmpeg process.
 * Writes beside the target (`<out>.part.mp4`) and renames on success; on failure or cancel the
 * partial file and the work dir are removed. Cancel = SIGTERM, then SIGKILL after a grace.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { MediaFile, RenderInput, Renderer } from '../contracts';
import { buildGraph, segsOf, tracksOf } from './graph';
import { locateFfmpeg } from './locate';
import { writeMusicBed } from './music';
import { ProgressParser } from './progress';
import { probeMedia } from '../probe';
import { analyzePhoto } from '../subject';
import { sec } from './escape';

export interface FfmpegRendererOptions {
  ffmpegPath?: string;
  ffprobePath?: string;
  /** x264 preset; veryfast is the measured sweet spot (rendering.md). */
  preset?: string;
  crf?: number;
  /** Parent of the per-render temp dirs (default: the OS temp dir). */
  workDir?: string;
  /** ms between SIGTERM and SIGKILL on cancel. */
  killGraceMs?: number;
}

export function abortError(message = 'The render was cancelled.'): Error {
  const err = new Error(message);
  err.name = 'AbortError';
  return err;
}

export class FfmpegRenderer implements Renderer {
  constructor(private readonly opts: FfmpegRendererOptions = {}) {}

  async render(input: RenderInput): Promise<void> {
    if (input.signal.aborted) throw abortError();
    const ff = await locateFfmpeg({ ffmpegPath: this.opts.ffmpegPath, ffprobePath: this.opts.ffprobePath });
    const work = await mkdtemp(join(this.opts.workDir ?? tmpdir(), 'vg-render-'));
    const part = `${input.outFile}.part.mp4`;
    try {
      const media = await completeMedia(input, ff.ffprobePath, ff.ffmpegPath);
      const bedDir = join(this.opts.workDir ?? tmpdir(), 'vg-music-beds');
      const plan = buildGraph(input.draft, media, {
        workDir: work, amixNormalize: ff.amixNormalize,
        bedFile: (seconds) => join(bedDir, `bed-v${BED_VERSION}-${Math.round(seconds * 1000)}ms.wav`),
      });
      await Promise.all([
        ...plan.texts.map((t) => writeFile(t.path, t.content, 'utf8')),
        ...plan.beds.map((b) => cachedBed(b.path, b.seconds)),
      ]);
      const graphFile = join(work, 'graph.txt');
      await writeFile(graphFile, plan.filter, 'utf8');
      if (input.signal.aborted) throw abortError();
      const args = [
        '-hide_banner', '-nostdin', '-y', '-loglevel', 'error', '-progress', 'pipe:1', '-nostats',
        ...plan.inputs,
        // 7.0 deprecated -filter_complex_script in favour of the `-/option file` form.
        ...(ff.major >= 7 ? ['-/filter_complex', graphFile] : ['-filter_complex_script', graphFile]),
        '-map', '[vout]', '-map', '[aout]',
        '-t', sec(plan.durationMs),
        ...masterVideoArgs(plan.canvas, ff.major, this.opts.preset ?? 'veryfast', this.opts.crf ?? MASTER_CRF),
        '-c:a', 'aac', '-b:a', '192k', '-ar', '48000', '-ac', '2',
        // No edit lists: B-frame delay goes into negative composition offsets instead, so players
        // and platform ingest that ignore `elst` still start at frame 0 (AAC priming, 21 ms, stays).
        '-use_editlist', '0', '-movflags', '+faststart+negative_cts_offsets', '-f', 'mp4', part,
      ];
      const progress = new ProgressParser(plan.durationMs, input.onProgress);
      await this.run(ff.ffmpegPath, args, input.signal, (s) => progress.push(s));
      await rename(part, input.outFile);
      input.onProgress(100);
    } catch (err) {
      await rm(part, { force: true });
      throw err;
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }

  private run(bin: string, args: string[], signal: AbortSignal, onStdout: (s: string) => void): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
      let stderr = '';
      let aborted = false;
      let killTimer: NodeJS.Timeout | undefined;
      child.stdout.setEncoding('utf8').on('data', onStdout);
      child.stderr.setEncoding('utf8').on('data', (s: string) => { stderr = (stderr + s).slice(-4000); });
      const onAbort = () => {
        aborted = true;
        child.kill('SIGTERM');
        killTimer = setTimeout(() => child.kill('SIGKILL'), this.opts.killGraceMs ?? 1500);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      child.on('error', (err) => { signal.removeEventListener('abort', onAbort); reject(err); });
      child.on('close', (code, sig) => {
        signal.removeEventListener('abort', onAbort);
        if (killTimer) clearTimeout(killTimer);
        if (aborted) reject(abortError());
        else if (code === 0) resolve();
        else reject(new Error(`ffmpeg failed (${sig ?? `exit ${code}`}): ${stderr.trim().split('\n').slice(-6).join('\n') || 'no message'}`));
      });
    });
  }
}

/**
 * An upload master (every platform re-encodes it): 1080p30 lands at ~6–12 Mb/s, so the
 * platform's own encode starts from clean frames. crf 18 keeps photo detail; the VBV cap keeps
 * busy clips from ballooning (12 Mb/s at 1080x1920@30, scaled by pixel rate for other canvases).
 */
export const MASTER_CRF = 18;

export function masterVideoArgs(canvas: { w: number; h: number; fps: number }, ffMajor: number, preset: string, crf: number): string[] {
  const pixelRate = (canvas.w * canvas.h * canvas.fps) / (1080 * 1920 * 30);
  const maxKbps = Math.max(2000, Math.round(12_000 * pixelRate));
  const gop = Math.max(1, Math.round(canvas.fps * 2));
  return [
    // Constant frame rate at the canvas fps (5.1 renamed -vsync to -fps_mode).
    '-r', String(canvas.fps), ...(ffMajor >= 5 ? ['-fps_mode', 'cfr'] : ['-vsync', 'cfr']),
    '-c:v', 'libx264', '-profile:v', 'high', '-pix_fmt', 'yuv420p',
    '-preset', preset, '-crf', String(crf),
    '-maxrate', `${maxKbps}k`, '-bufsize', `${2 * maxKbps}k`,
    // A keyframe at least every 2 s (platform recommendations; seeking in editors).
    '-g', String(gop), '-keyint_min', String(Math.min(gop, Math.round(canvas.fps))),
    // The graph converts to BT.709 (limited range); these tag the stream so players agree.
    '-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-color_range', 'tv',
  ];
}

/** Bump when music.ts changes what it synthesises, so stale cached beds are not reused. */
const BED_VERSION = 1;

/**
 * The bed is deterministic per length, and creators re-render after small edits: synthesising
 * it costs ~0.5 s, so it is kept in a cache dir (written to a temp name, then renamed: a
 * concurrent render never reads a half-written file).
 */
async function cachedBed(path: string, seconds: number): Promise<void> {
  if (existsSync(path)) return;
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  await writeMusicBed(tmp, seconds);
  await rename(tmp, path);
}

/** Fills in what the graph needs and an upload record may lack (size, audio presence). */
async function completeMedia(input: RenderInput, ffprobe: string, ffmpeg: string): Promise<(id: string) => MediaFile | undefined> {
  const cache = new Map<string, MediaFile>();
  const ids = new Set<string>();
  for (const t of tracksOf(input.draft)) for (const s of segsOf(t)) if (typeof s.m?.src === 'string') ids.add(s.m.src);
  for (const id of ids) {
    const file = input.media(id);
    if (!file) continue;
    const needs = file.width === undefined || file.height === undefined || (file.kind === 'video' && file.hasAudio === undefined);
    let full = needs && file.kind !== 'audio' ? { ...file, ...(await probeMedia(file.path, ffprobe)) } : file;
    // Uploads from before subject analysis (and media handed in directly): analyse now, once.
    if (full.kind === 'image' && !full.subject && !full.hasAlpha) {
      const subject = await analyzePhoto(full.path, full.width, full.height, ffmpeg);
      if (subject) full = { ...full, subject };
    }
    cache.set(id, full);
  }
  return (id) => cache.get(id) ?? input.media(id);
}
