/**
 * The stand-in's renderer: serves a real (tiny) H.264/AAC MP4, made once per process with
 * ffmpeg and copied per render, with progress steps over `stepMs` and AbortSignal honoured.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, renameSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RenderInput, Renderer } from '../contracts';

let fixture: Promise<string> | undefined;

/** Path of the cached fixture clip (2 s, 180x320, 15 fps, sine tone). */
export function fixtureClip(ffmpeg = process.env.FFMPEG_PATH || 'ffmpeg'): Promise<string> {
  fixture ??= new Promise<string>((resolve, reject) => {
    const dir = mkdtempSync(join(tmpdir(), 'vg-fixture-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    const out = join(dir, 'fixture.mp4');
    execFile(
      ffmpeg,
      [
        '-hide_banner',
        '-loglevel',
        'error',
        '-y',
        '-f',
        'lavfi',
        '-i',
        'testsrc2=s=180x320:r=15:d=2',
        '-f',
        'lavfi',
        '-i',
        'sine=f=440:d=2',
        '-c:v',
        'libx264',
        '-preset',
        'ultrafast',
        '-pix_fmt',
        'yuv420p',
        '-c:a',
        'aac',
        '-shortest',
        '-movflags',
        '+faststart',
        out,
      ],
      { timeout: 60_000 },
      (err, _o, stderr) =>
        err ? reject(new Error(`ffmpeg could not make the fixture clip: ${stderr || err.message}`)) : resolve(out),
    );
  });
  fixture.catch(() => {
    fixture = undefined;
  });
  return fixture;
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('render aborted');
}

export interface FixtureRendererOptions {
  /** Time per progress step. */
  stepMs?: number;
  steps?: number;
  ffmpeg?: string;
}

export class FixtureRenderer implements Renderer {
  /** Drafts received, in order (tests check the SUBMITTED draft was rendered). */
  readonly rendered: RenderInput['draft'][] = [];

  constructor(private readonly opts: FixtureRendererOptions = {}) {}

  async render(input: RenderInput): Promise<void> {
    const { signal } = input;
    this.rendered.push(input.draft);
    const src = await fixtureClip(this.opts.ffmpeg);
    const steps = this.opts.steps ?? 3;
    for (let i = 1; i <= steps; i += 1) {
      if (signal.aborted) throw abortError(signal);
      await new Promise<void>((resolve) => {
        const t = setTimeout(done, this.opts.stepMs ?? 300);
        function done() {
          clearTimeout(t);
          signal.removeEventListener('abort', done);
          resolve();
        }
        signal.addEventListener('abort', done);
      });
      if (signal.aborted) throw abortError(signal);
      input.onProgress(10 + Math.round((80 * i) / steps));
    }
    const tmp = `${input.outFile}.${process.pid}.tmp`;
    try {
      copyFileSync(src, tmp);
      if (signal.aborted) throw abortError(signal);
      renameSync(tmp, input.outFile);
    } catch (e) {
      try {
        unlinkSync(tmp);
      } catch {
        /* not created */
      }
      throw e;
    }
  }
}
