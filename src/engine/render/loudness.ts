/**
 * Platform loudness: every export lands at −14 LUFS integrated with true peak ≤ −1 dBTP
 * (what TikTok/Reels/Shorts/YouTube normalise to), measured the EBU R128 way.
 *
 * Why "measure, then gain (+ limiter)" and not two-pass `loudnorm`: the mix is measured once in
 * an audio-only pre-pass (no video is decoded, so it costs a fraction of a second); when the
 * plain gain keeps the peaks under the ceiling the master is one `volume` — exact, linear and
 * free. Only when the gain would push peaks over does a lookahead limiter (set 2 dB under full
 * scale, which leaves room for the AAC encoder's overshoot) shave them, and one more pre-pass
 * measures what the limiting took off so the gain is corrected. `loudnorm` would resample to
 * 192 kHz inside the render and falls back to dynamic mode in exactly those cases.
 */
import { spawn } from 'node:child_process';

/** Same shape as ffmpegRenderer's abortError (not imported: that module imports this one). */
const abortError = () => Object.assign(new Error('The render was cancelled.'), { name: 'AbortError' });

export const TARGET_LUFS = -14;
export const CEILING_DBTP = -1;
/** alimiter ceiling, dBFS: the measured AAC overshoot on limited material is ~0.3–0.7 dB. */
const LIMIT_DBFS = -2;
/** A near-silent mix is not pumped up by more than this (noise would become a roar). */
const MAX_GAIN_DB = 40;

export interface Master {
  gainDb: number;
  /** Peaks would pass the ceiling at this gain: limit them. */
  limit: boolean;
}

export interface Loudness {
  /** Integrated loudness, LUFS (−70 or below = silence). */
  integrated: number;
  /** True peak, dBTP. */
  truePeak: number;
}

/** The master stage's filters (empty when there is nothing to do). */
export function masterFilters(master: Master | undefined, limiterLatency: boolean): string[] {
  if (!master) return [];
  const out = [`volume=${master.gainDb.toFixed(2)}dB`];
  if (master.limit) {
    const limit = (10 ** (LIMIT_DBFS / 20)).toFixed(4);
    out.push(`alimiter=limit=${limit}:attack=5:release=150:level=0${limiterLatency ? ':latency=1' : ''}`);
  }
  return out;
}

/** The integrated loudness and true peak from ebur128's summary (stderr at info level). */
export function parseEbur128(stderr: string): Loudness | undefined {
  const at = stderr.lastIndexOf('Summary:');
  if (at < 0) return undefined;
  const tail = stderr.slice(at);
  const i = /\bI:\s*(-?[\d.]+|-inf|nan)\s*LUFS/.exec(tail);
  const tp = /True peak:\s*\n\s*Peak:\s*(-?[\d.]+|-inf|nan)/.exec(tail);
  if (!i) return undefined;
  const val = (s: string | undefined) => (s === undefined || s === 'nan' || s === '-inf' ? -Infinity : Number(s));
  return { integrated: val(i[1]), truePeak: val(tp?.[1]) };
}

/** The first master from a measurement of the unmastered mix. */
export function firstMaster(m: Loudness): Master | undefined {
  if (!(m.integrated > -70)) return undefined; // silence: nothing to normalise
  const gainDb = Math.min(MAX_GAIN_DB, TARGET_LUFS - m.integrated);
  // 0.5 dB of margin for the encoder's own overshoot on unlimited material.
  return { gainDb, limit: m.truePeak + gainDb > CEILING_DBTP - 0.5 };
}

/** The master at another gain (after a measurement of the limited result), still limited. */
export function correctedMaster(prev: Master, gainDb: number): Master {
  return { ...prev, gainDb: Math.min(MAX_GAIN_DB, gainDb), limit: true };
}

/**
 * Measures the loudness of `[label]` in an ffmpeg graph: the inputs are decoded, the graph
 * runs up to that label, and ebur128 reads it (no encoding, no output file).
 */
export function measure(
  ffmpeg: string,
  inputs: string[],
  filter: string,
  label: string,
  durationMs: number,
  signal: AbortSignal,
): Promise<Loudness> {
  const graph = `${filter};\n[${label}]atrim=0:${(durationMs / 1000).toFixed(3)},ebur128=peak=true[meas]`;
  const args = [
    '-hide_banner',
    '-nostdin',
    '-nostats',
    '-loglevel',
    'info',
    ...inputs,
    '-filter_complex',
    graph,
    '-map',
    '[meas]',
    '-f',
    'null',
    '-',
  ];
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(abortError());
      return;
    }
    const child = spawn(ffmpeg, args, { stdio: ['ignore', 'ignore', 'pipe'], windowsHide: true });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => {
      stderr = (stderr + s).slice(-20_000);
    });
    const onAbort = () => child.kill('SIGKILL');
    signal.addEventListener('abort', onAbort, { once: true });
    child.on('error', (err) => {
      signal.removeEventListener('abort', onAbort);
      reject(err);
    });
    child.on('close', (code) => {
      signal.removeEventListener('abort', onAbort);
      if (signal.aborted) return reject(abortError());
      const m = parseEbur128(stderr);
      if (code === 0 && m) return resolve(m);
      const last = stderr
        .trim()
        .split('\n')
        .filter((l) => !/^\s|Summary|Integrated|Loudness|True peak/.test(l))
        .slice(-4)
        .join('\n');
      reject(new Error(`Measuring the soundtrack's loudness failed (exit ${code}): ${last || 'no message'}`));
    });
  });
}
