/**
 * The free local engine's renderer: draft → H.264 High / AAC MP4 with ONE ffmpeg process.
 * A preview (`input.preview`) is the same graph on a smaller canvas at fewer fps, encoded fast
 * with MP3 sound (what VS Code's webviews play) and without the loudness passes.
 * Writes beside the target (`<out>.part.mp4`) and renames on success; on failure or cancel the
 * partial file and the work dir are removed. Cancel = SIGTERM, then SIGKILL after a grace.
 */
import { spawnTied } from '../tiedSpawn';
import { lstat, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createHash, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import type { Writable } from 'node:stream';
import { BODY_BUDGET, chunkArgs } from './chunks';
import { stageArgs, stageBatches } from './photoStage';
import { MASTER_AUDIO_ARGS, MASTER_CRF, masterVideoArgs, PREVIEW_AUDIO_ARGS, previewVideoArgs } from './encodeArgs';
import type { MediaFile, RenderInput, Renderer } from '../contracts';
import { readTracks } from '../../contract/draftRead';
import { buildGraph, canvasOf, type GraphPlan } from './graph';
import type { Draft } from '../../contract/draft';
import { previewCanvas } from '../../contract/previewRender';
import { correctedMaster, firstMaster, masterFilters, measure, TARGET_LUFS, type Master } from './loudness';
import { locateFfmpeg } from './locate';
import { writeMusicBed } from './music';
import { ProgressParser } from './progress';
import { probeMedia } from '../probe';
import { analyzeClip, analyzePhoto } from '../subject';
import { sec } from './escape';
import { textLimitProblem } from '../../contract/textLimits';
import { refusalError } from '../refusalText';

export interface FfmpegRendererOptions {
  ffmpegPath?: string;
  ffprobePath?: string;
  /** x264 preset; veryfast is the measured sweet spot (docs/rendering.md). */
  preset?: string;
  crf?: number;
  /** Parent of the per-render temp dirs (default: the OS temp dir). */
  workDir?: string;
  /** ms between SIGTERM and SIGKILL on cancel. */
  killGraceMs?: number;
  /** false: no loudness normalisation and no ducking — the plain mix (the bench's "without" side). */
  audioProcessing?: boolean;
  /** Estimated bytes of picture one ffmpeg graph may hold before the render is chunked (chunks.ts). */
  bodyBudget?: number;
}

/** How a chunk fails when the encoder it writes into has stopped reading (ended or failed). */
const BROKEN_PIPE = /Broken pipe|Connection reset by peer|EPIPE/i;

export function abortError(message = 'The render was cancelled.'): Error {
  const err = new Error(message);
  err.name = 'AbortError';
  return err;
}

export class FfmpegRenderer implements Renderer {
  constructor(private readonly opts: FfmpegRendererOptions = {}) {}

  async render(input: RenderInput): Promise<void> {
    if (input.signal.aborted) throw abortError();
    // Whoever called, too much text never reaches layout or ffmpeg (the routes check it too).
    const tooMuch = textLimitProblem(input.draft);
    if (tooMuch) throw refusalError({ reason: 'text_limit', stage: 'render', ...tooMuch });
    const ff = await locateFfmpeg({ ffmpegPath: this.opts.ffmpegPath, ffprobePath: this.opts.ffprobePath });
    const work = await mkdtemp(join(this.opts.workDir ?? tmpdir(), 'vg-render-'));
    const part = `${input.outFile}.part.mp4`;
    try {
      const media = await completeMedia(input, ff.ffprobePath, ff.ffmpegPath);
      const draft = input.preview ? previewDraft(input.draft) : input.draft;
      const bedDir = join(this.opts.workDir ?? tmpdir(), 'vg-music-beds');
      const graphOpts = {
        workDir: work,
        bodyBudget: this.opts.bodyBudget ?? BODY_BUDGET,
        amixNormalize: ff.amixNormalize,
        limiterLatency: ff.major >= 5,
        duck: this.opts.audioProcessing !== false,
        bedFile: (seconds: number) => join(bedDir, `bed-v${BED_VERSION}-${Math.round(seconds * 1000)}ms.wav`),
      };
      const unmastered = buildGraph(draft, media, graphOpts);
      await Promise.all([
        ...unmastered.texts.map((t) => writeFile(t.path, t.content, 'utf8')),
        ...unmastered.beds.map((b) => cachedBed(b.path, b.seconds)),
      ]);
      // A preview skips the loudness passes (up to four audio-only runs): its mix is the plain one,
      // at the level the sources have — audible, not mastered to −14 LUFS.
      const master =
        this.opts.audioProcessing === false || input.preview
          ? undefined
          : await masterFor(ff.ffmpegPath, unmastered, graphOpts.limiterLatency, input.signal);
      const plan = master ? buildGraph(draft, media, { ...graphOpts, master }) : unmastered;
      const graphFile = join(work, 'graph.txt');
      await writeFile(graphFile, plan.filter, 'utf8');
      // 7.0 deprecated -filter_complex_script in favour of the `-/option file` form.
      const graphArg = (file: string) =>
        ff.major >= 7 ? ['-/filter_complex', file] : ['-filter_complex_script', file];
      const chunkFiles = (plan.chunks ?? []).map((_, i) => join(work, `chunk-${i}.txt`));
      await Promise.all((plan.chunks ?? []).map((c, i) => writeFile(chunkFiles[i]!, c.filter, 'utf8')));
      if (input.signal.aborted) throw abortError();
      const args = [
        '-hide_banner',
        '-nostdin',
        '-y',
        '-loglevel',
        'error',
        '-progress',
        'pipe:1',
        '-nostats',
        ...plan.inputs,
        ...graphArg(graphFile),
        '-map',
        '[vout]',
        '-map',
        '[aout]',
        '-t',
        sec(plan.durationMs),
        ...(input.preview
          ? [...previewVideoArgs(plan.canvas, ff.major), ...PREVIEW_AUDIO_ARGS]
          : [
              ...masterVideoArgs(plan.canvas, ff.major, this.opts.preset ?? 'veryfast', this.opts.crf ?? MASTER_CRF),
              ...MASTER_AUDIO_ARGS,
            ]),
        // No edit lists: B-frame delay goes into negative composition offsets instead, so players
        // and platform ingest that ignore `elst` still start at frame 0 (AAC priming, 21 ms, stays).
        '-use_editlist',
        '0',
        '-movflags',
        '+faststart+negative_cts_offsets',
        '-f',
        'mp4',
        part,
      ];
      const progress = new ProgressParser(plan.durationMs, input.onProgress);
      const chunks = plan.chunks;
      // Each photo's stage is drawn once, by a short ffmpeg of its own (small photos share one),
      // before a graph reads it.
      const staged = new Set<number>();
      const stage = async (segs: Iterable<number>, signal: AbortSignal) => {
        const todo = [...segs].filter((i) => !staged.has(i)).map((i) => plan.stages.get(i)!);
        for (const batch of stageBatches(todo)) {
          await this.start(ff.ffmpegPath, stageArgs(batch), signal, {}).done;
          for (const st of batch) staged.add(st.seg);
        }
      };
      if (!chunks) {
        await stage(plan.stages.keys(), input.signal);
        await this.run(ff.ffmpegPath, args, input.signal, (s) => progress.push(s));
      } else {
        // The chunks draw the picture one after another into the encoder's stdin (chunks.ts).
        const stop = new AbortController();
        const either = AbortSignal.any([input.signal, stop.signal]);
        const encoder = this.start(ff.ffmpegPath, args, either, { onStdout: (s) => progress.push(s), stdin: 'pipe' });
        const stdin = encoder.child.stdin!;
        stdin.on('error', () => {}); // EPIPE when the encoder ends: its own outcome is the one reported
        const feed = (async () => {
          try {
            for (const [i, c] of chunks.entries()) {
              await stage(c.stages, either);
              await this.start(ff.ffmpegPath, chunkArgs(c, graphArg(chunkFiles[i]!), ff.major), either, {
                stdout: stdin,
              }).done;
              // A stage no later chunk reads leaves the disk (60 photos would hold ~350 MB).
              const later = new Set(chunks.slice(i + 1).flatMap((n) => n.stages));
              await Promise.all(
                c.stages.filter((s) => !later.has(s)).map((s) => rm(plan.stages.get(s)!.file, { force: true })),
              );
            }
          } finally {
            stdin.end();
          }
        })();
        // A chunk that fails on its own (not because the encoder stopped reading: `-t` reached, or
        // the encoder failed) fails the render at once: the encoder would pad the missing frames.
        const chunkFailed = feed.then(
          () => undefined,
          (err: unknown) => {
            // Stopped by us or the user, or the encoder went away: the encoder's outcome decides.
            if (stop.signal.aborted || input.signal.aborted || BROKEN_PIPE.test(String(err))) return undefined;
            stop.abort();
            return err;
          },
        );
        try {
          await encoder.done;
        } catch (err) {
          stop.abort();
          throw (await chunkFailed) ?? (input.signal.aborted ? abortError() : err);
        }
        stop.abort(); // the encoder has all it needs: a chunk still writing is not needed
        const err = await chunkFailed;
        if (err) throw err;
      }
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
    return this.start(bin, args, signal, { onStdout }).done;
  }

  /**
   * One ffmpeg. `stdout`: a stream to write into (a chunk's frames into the encoder's stdin),
   * else a pipe read by `onStdout` (progress); `stdin: 'pipe'` for the encoder of a chunked render.
   */
  private start(
    bin: string,
    args: string[],
    signal: AbortSignal,
    io: { onStdout?: (s: string) => void; stdin?: 'pipe'; stdout?: Writable },
  ): { child: ChildProcess; done: Promise<void> } {
    const child = spawnTied(bin, args, {
      stdio: [io.stdin ?? 'ignore', io.stdout ?? 'pipe', 'pipe'],
      windowsHide: true,
    }) as ChildProcess;
    const onStdout = io.onStdout;
    const done = new Promise<void>((resolve, reject) => {
      let stderr = '';
      let aborted = false;
      let killTimer: NodeJS.Timeout | undefined;
      if (onStdout) child.stdout?.setEncoding('utf8').on('data', onStdout);
      child.stderr!.setEncoding('utf8').on('data', (s: string) => {
        stderr = (stderr + s).slice(-4000);
      });
      const onAbort = () => {
        aborted = true;
        child.kill('SIGTERM');
        killTimer = setTimeout(() => child.kill('SIGKILL'), this.opts.killGraceMs ?? 1500);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      child.on('error', (err) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      });
      child.on('close', (code, sig) => {
        signal.removeEventListener('abort', onAbort);
        if (killTimer) clearTimeout(killTimer);
        if (aborted) reject(abortError());
        else if (code === 0) resolve();
        else
          reject(
            new Error(
              `ffmpeg failed (${sig ?? `exit ${code}`}): ${stderr.trim().split('\n').slice(-6).join('\n') || 'no message'}`,
            ),
          );
      });
      if (signal.aborted) onAbort();
    });
    return { child, done };
  }
}

/**
 * Measures the unmastered soundtrack (audio-only pre-pass) and returns the master that brings it
 * to −14 LUFS with peaks under −1 dBTP. When limiting is needed it lowers the loudness by what it
 * shaves off, non-linearly: up to 3 more pre-passes measure the limited result and correct the
 * gain (secant steps), stopping within 0.3 LU.
 */
async function masterFor(
  ffmpeg: string,
  plan: GraphPlan,
  latency: boolean,
  signal: AbortSignal,
): Promise<Master | undefined> {
  if (plan.audio.inputs.length === 0) return undefined; // silence: nothing to normalise
  const D = plan.durationMs;
  const first = firstMaster(await measure(ffmpeg, plan.audio.inputs, plan.audio.filter, 'amix', D, signal));
  if (!first?.limit) return first;
  const limitedLoudness = async (m: Master) =>
    (
      await measure(
        ffmpeg,
        plan.audio.inputs,
        `${plan.audio.filter};\n[amix]${masterFilters(m, latency).join(',')}[mastered]`,
        'mastered',
        D,
        signal,
      )
    ).integrated;
  let best = first;
  let prev: { gain: number; lufs: number } | undefined;
  for (let pass = 0; pass < 3; pass++) {
    const lufs = await limitedLoudness(best);
    if (Math.abs(lufs - TARGET_LUFS) <= 0.3) break;
    const next = nextGain({ gain: best.gainDb, lufs }, prev);
    prev = { gain: best.gainDb, lufs };
    best = correctedMaster(best, next);
  }
  return best;
}

/** Secant step towards the target (plain offset on the first step or a flat secant). */
function nextGain(cur: { gain: number; lufs: number }, prev?: { gain: number; lufs: number }): number {
  const err = TARGET_LUFS - cur.lufs;
  if (!prev || Math.abs(cur.lufs - prev.lufs) < 0.05) return cur.gain + err;
  const slope = Math.max(0.1, (cur.lufs - prev.lufs) / (cur.gain - prev.gain));
  return cur.gain + err / slope;
}

/** The draft on the preview's canvas: the graph lays out motion and text for that frame size. */
function previewDraft(draft: Draft): Draft {
  const small = previewCanvas(canvasOf(draft));
  return { ...draft, m: { ...draft.m, width: small.w, height: small.h, fps: small.fps } };
}

/** Bump when music.ts changes what it synthesises, so stale cached beds are not reused. */
const BED_VERSION = 1;

/**
 * The bed is deterministic per length, and creators re-render after small edits: synthesising
 * it costs ~0.5 s, so it is kept in a cache dir (written to a temp name, then renamed: a
 * concurrent render never reads a half-written file). A cached bed is used only when its bytes
 * hash to the digest written beside it when it was made: a truncated, corrupted or planted file
 * (a tone someone put there) is made again instead of becoming the soundtrack.
 */
async function cachedBed(path: string, seconds: number): Promise<void> {
  if (await bedIsIntact(path)) return;
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const tag = `${process.pid}.${randomBytes(4).toString('hex')}.tmp`; // *.tmp: swept at start if a crash leaves one
  const tmp = `${path}.${tag}`;
  const tmpDigest = `${path}.sha256.${tag}`;
  try {
    await writeMusicBed(tmp, seconds);
    await writeFile(tmpDigest, sha256(await readFile(tmp)), { mode: 0o600, flag: 'wx' });
    await rename(tmpDigest, `${path}.sha256`);
    await rename(tmp, path);
  } finally {
    await rm(tmp, { force: true });
    await rm(tmpDigest, { force: true });
  }
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** A regular file (not a link) whose sha-256 is the digest recorded beside it. */
async function bedIsIntact(path: string): Promise<boolean> {
  try {
    const st = await lstat(path);
    if (!st.isFile()) return false;
    const [bytes, digest] = await Promise.all([readFile(path), readFile(`${path}.sha256`, 'utf8')]);
    return sha256(bytes) === digest.trim();
  } catch {
    return false;
  }
}

/** Fills in what the graph needs and an upload record may lack (size, audio presence). */
async function completeMedia(
  input: RenderInput,
  ffprobe: string,
  ffmpeg: string,
): Promise<(id: string) => MediaFile | undefined> {
  const cache = new Map<string, MediaFile>();
  const ids = new Set<string>();
  for (const t of readTracks(input.draft)) for (const s of t.segments) if (s.mediaRef) ids.add(s.mediaRef);
  for (const id of ids) {
    const file = input.media(id);
    if (!file) continue;
    // Music needs its length (loop plan, refusal of a too-short file); pictures their size.
    const needs =
      file.kind === 'audio'
        ? file.duration === undefined
        : file.width === undefined ||
          file.height === undefined ||
          (file.kind === 'video' && file.hasAudio === undefined);
    let full = needs ? { ...file, ...(await probeMedia(file.path, ffprobe)) } : file;
    // Uploads from before subject analysis (and media handed in directly): analyse now, once.
    if (full.kind === 'image' && !full.subject && !full.hasAlpha) {
      const subject = await analyzePhoto(full.path, full.width, full.height, ffmpeg);
      if (subject) full = { ...full, subject };
    } else if (full.kind === 'video' && !full.subject) {
      const subject = await analyzeClip(full.path, full.width, full.height, full.duration, ffmpeg);
      if (subject) full = { ...full, subject };
    }
    cache.set(id, full);
  }
  return (id) => cache.get(id) ?? input.media(id);
}
