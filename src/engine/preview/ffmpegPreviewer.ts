/**
 * Frames of a draft with ffmpeg, without an export: the renderer's own filter graph (so the
 * frame is what the MP4 will show) over the slice of the draft around the asked time
 * (slice.ts), video only, one frame out. A contact sheet is N such frames tiled by ffmpeg.
 * One preview runs at a time per engine (the machine's cores belong to exports first), and
 * each ffmpeg run is bounded in time.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MediaFile } from '../contracts';
import { probeMedia } from '../probe';
import { buildGraph, canvasOf, durationOf } from '../render/graph';
import { segmentsOf, tracksOf } from '../../contract/draftRead';
import { locateFfmpeg } from '../render/locate';
import { stageArgs, stageBatches } from '../render/photoStage';
import { sec } from '../render/escape';
import { sliceForFrame } from './slice';
import type { FramePreviewer, FrameRequest, PreviewImage, SheetRequest } from './types';

export interface FfmpegPreviewerOptions {
  ffmpegPath?: string;
  ffprobePath?: string;
  /** Limit per ffmpeg run, ms (default 60 s). */
  runLimitMs?: number;
}

const MIME = { png: 'image/png', jpeg: 'image/jpeg' } as const;

export class FfmpegPreviewer implements FramePreviewer {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly o: FfmpegPreviewerOptions = {}) {}

  /** One preview at a time: later callers wait their turn. */
  private serial<T>(job: () => Promise<T>): Promise<T> {
    const next = this.queue.then(job, job);
    this.queue = next.catch(() => undefined);
    return next;
  }

  frame(r: FrameRequest): Promise<PreviewImage> {
    return this.serial(async () => {
      const work = await mkdtemp(join(tmpdir(), 'vg-frame-'));
      try {
        const out = join(work, `frame.${r.format === 'png' ? 'png' : 'jpg'}`);
        const size = await this.renderFrame(r, r.timeMs, out, work);
        return { bytes: await readFile(out), mime: MIME[r.format], ...size, timesMs: [r.timeMs] };
      } finally {
        await rm(work, { recursive: true, force: true });
      }
    });
  }

  sheet(r: SheetRequest): Promise<PreviewImage> {
    return this.serial(async () => {
      const work = await mkdtemp(join(tmpdir(), 'vg-sheet-'));
      try {
        const D = durationOf(r.draft);
        const times = Array.from({ length: r.count }, (_, i) => Math.round(((i + 0.5) * D) / r.count));
        let cell = { width: 0, height: 0 };
        for (const [i, t] of times.entries()) {
          if (r.signal.aborted) throw new Error('The preview was cancelled.');
          cell = await this.renderFrame(
            { ...r, format: 'png' },
            t,
            join(work, `f${String(i).padStart(3, '0')}.png`),
            work,
          );
        }
        const columns = Math.ceil(Math.sqrt(r.count));
        const rows = Math.ceil(r.count / columns);
        const pad = 4;
        const out = join(work, `sheet.${r.format === 'png' ? 'png' : 'jpg'}`);
        const ff = await locateFfmpeg({ ffmpegPath: this.o.ffmpegPath, ffprobePath: this.o.ffprobePath });
        await this.run(
          ff.ffmpegPath,
          [
            '-hide_banner',
            '-nostdin',
            '-y',
            '-loglevel',
            'error',
            '-start_number',
            '0',
            '-i',
            join(work, 'f%03d.png'),
            '-vf',
            `tile=${columns}x${rows}:padding=${pad}:margin=${pad}:color=0x202020`,
            '-frames:v',
            '1',
            ...(r.format === 'jpeg' ? ['-q:v', '3'] : []),
            '-update',
            '1',
            out,
          ],
          r.signal,
        );
        return {
          bytes: await readFile(out),
          mime: MIME[r.format],
          timesMs: times,
          columns,
          rows,
          width: columns * cell.width + (columns + 1) * pad,
          height: rows * cell.height + (rows + 1) * pad,
        };
      } finally {
        await rm(work, { recursive: true, force: true });
      }
    });
  }

  private async renderFrame(
    r: Omit<FrameRequest, 'timeMs'>,
    timeMs: number,
    out: string,
    work: string,
  ): Promise<{ width: number; height: number }> {
    const ff = await locateFfmpeg({ ffmpegPath: this.o.ffmpegPath, ffprobePath: this.o.ffprobePath });
    const slice = sliceForFrame(r.draft, timeMs);
    const media = await completeMedia(slice.draft, r.media, ff.ffprobePath);
    const plan = buildGraph(slice.draft, media, { workDir: work, amixNormalize: ff.amixNormalize });
    await Promise.all(plan.texts.map((t) => writeFile(t.path, t.content, 'utf8')));
    // The slice's photos are read from their stages, drawn first (photoStage.ts).
    for (const batch of stageBatches([...plan.stages.values()])) {
      await this.run(ff.ffmpegPath, stageArgs(batch), r.signal);
    }
    // The slice has no sound: the graph ends with its silent source and the master chain after
    // it ([amix] → [aout]), which nothing maps — drop them (ffmpeg refuses unconnected outputs).
    const chains = plan.filter.split(';\n');
    while (chains.length && (/\[aout\]$/.test(chains.at(-1)!) || /^anullsrc=[^;]*\[amix\]$/.test(chains.at(-1)!)))
      chains.pop();
    const canvas = canvasOf(slice.draft);
    const width = Math.min(canvas.w, 2 * Math.round(r.width / 2));
    const height = 2 * Math.round((canvas.h * width) / canvas.w / 2);
    chains.push(`[vout]scale=${width}:${height}:flags=bicubic[vprev]`);
    const graphFile = join(work, `graph-${timeMs}.txt`);
    await writeFile(graphFile, chains.join(';\n'), 'utf8');
    await this.run(
      ff.ffmpegPath,
      [
        '-hide_banner',
        '-nostdin',
        '-y',
        '-loglevel',
        'error',
        ...plan.inputs,
        ...(ff.major >= 7 ? ['-/filter_complex', graphFile] : ['-filter_complex_script', graphFile]),
        '-map',
        '[vprev]',
        '-ss',
        sec(slice.seekMs),
        '-frames:v',
        '1',
        ...(out.endsWith('.jpg') ? ['-q:v', '3'] : []),
        '-update',
        '1',
        out,
      ],
      r.signal,
    );
    return { width, height };
  }

  private run(bin: string, args: string[], signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'], windowsHide: true });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (s: string) => {
        stderr = (stderr + s).slice(-3000);
      });
      const stop = () => child.kill('SIGKILL');
      const timer = setTimeout(stop, this.o.runLimitMs ?? 60_000);
      signal.addEventListener('abort', stop, { once: true });
      child.on('error', (e) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', stop);
        reject(e);
      });
      child.on('close', (code, sig) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', stop);
        if (code === 0) resolve();
        else
          reject(
            new Error(
              signal.aborted
                ? 'The preview was cancelled.'
                : sig
                  ? `ffmpeg stopped (${sig}): the preview took too long`
                  : `ffmpeg failed: ${stderr.trim().split('\n').slice(-4).join('\n') || `exit ${code}`}`,
            ),
          );
      });
    });
  }
}

/** Sizes the graph needs that an upload record may lack (probed once per file). */
async function completeMedia(
  draft: FrameRequest['draft'],
  media: FrameRequest['media'],
  ffprobe: string,
): Promise<(id: string) => MediaFile | undefined> {
  const done = new Map<string, MediaFile>();
  for (const t of tracksOf(draft)) {
    for (const s of segmentsOf(t)) {
      const id = s.m?.src;
      if (typeof id !== 'string' || done.has(id)) continue;
      const f = media(id);
      if (!f) continue;
      done.set(
        id,
        f.kind !== 'audio' && (f.width === undefined || f.height === undefined)
          ? { ...f, ...(await probeMedia(f.path, ffprobe)) }
          : f,
      );
    }
  }
  return (id) => done.get(id) ?? media(id);
}
