/**
 * Looping a song that is shorter than its segment, without a click at the seam and without the
 * demuxer loop (`-stream_loop -1` spins on a tiny file and its timestamps left the audio short).
 *
 * The song plays once up to the end of the loop body, then the body repeats (aloop, from memory).
 * With a clear beat the body is a whole number of bars (or beats) starting on a beat, so the
 * rhythm carries straight across the seam. The body's first X seconds are a crossfade of the song
 * right after the body's end with the song right after its start, so each repeat continues
 * exactly where the previous pass left off and blends into the loop start (equal-power curves):
 * no step in level, no discontinuity in the waveform.
 */
import type { BeatGrid } from '../beats';
import { FORMAT, SAMPLE_RATE } from './audio';

export interface LoopPlan {
  /** Where the body starts in the song (a beat when the beat is known), s. */
  bodyStartS: number;
  /** Body length, s: whole bars/beats when the beat is known. */
  bodyS: number;
  /** Seam crossfade length, s. */
  xfadeS: number;
}

/** Shortest song that may be looped (a shorter one is refused before rendering). */
export const MIN_MUSIC_S = 0.5;
const XFADE_S = 0.08;
/** Decoded length may fall a little short of the probed duration (encoder padding). */
const SAFETY_S = 0.05;

/** Undefined when the song already covers `needS` seconds (it then plays once). */
export function planLoop(songS: number, needS: number, beat?: BeatGrid): LoopPlan | undefined {
  if (songS >= needS + SAFETY_S) return undefined;
  const usable = songS - SAFETY_S;
  const xfadeS = Math.min(XFADE_S, usable / 4);
  if (beat && beat.clear) {
    const p = 60 / beat.bpm;
    // First beat at or after the song start; the body needs the crossfade's tail after it.
    const first = beat.firstBeatS - Math.floor(beat.firstBeatS / p) * p;
    let n = Math.floor((usable - first - xfadeS) / p + 1e-9);
    if (n >= 4) n -= n % 4; // whole bars of 4/4 when at least one fits
    if (n >= 1 && n * p >= MIN_MUSIC_S) return { bodyStartS: first, bodyS: n * p, xfadeS };
  }
  return { bodyStartS: 0, bodyS: usable - xfadeS, xfadeS };
}

const smp = (s: number) => Math.round(s * SAMPLE_RATE);

/** `[in]` → `out`: the song, then its body repeated forever (the caller trims). */
export function loopChain(inLabel: string, plan: LoopPlan, out: string): string {
  const id = out.replace(/\W/g, '');
  const o = plan.bodyStartS;
  const end = o + plan.bodyS;
  const x = plan.xfadeS;
  const trim = (a: number, b: number) => `atrim=start_sample=${smp(a)}:end_sample=${smp(b)},asetpts=PTS-STARTPTS`;
  return [
    `${inLabel}${FORMAT},asplit=4[${id}s0][${id}s1][${id}s2][${id}s3]`,
    `[${id}s0]atrim=end_sample=${smp(end)},asetpts=PTS-STARTPTS[${id}first]`,
    `[${id}s1]${trim(o + x, end)}[${id}rest]`,
    `[${id}s2]${trim(o, o + x)},afade=t=in:d=${x.toFixed(4)}:curve=qsin[${id}hin]`,
    `[${id}s3]${trim(end, end + x)},afade=t=out:d=${x.toFixed(4)}:curve=qsin[${id}hout]`,
    `[${id}hin][${id}hout]amerge=inputs=2,pan=stereo|c0=c0+c2|c1=c1+c3[${id}head]`,
    `[${id}head][${id}rest]concat=n=2:v=0:a=1[${id}body]`,
    `[${id}body]aloop=loop=-1:size=${smp(plan.bodyS)}[${id}loop]`,
    `[${id}first][${id}loop]concat=n=2:v=0:a=1${out}`,
  ].join(';');
}
