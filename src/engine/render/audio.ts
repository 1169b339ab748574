/**
 * Audio: music/voice tracks (looped cleanly or trimmed to their segment, faded in briefly and
 * out at the end, placed at their start) and the clips' own sound. The music ducks under the
 * clips' sound (a sidechain compressor keyed on it), then everything is mixed, brought to the
 * platform loudness by the master stage (loudness.ts) and cut/padded to exactly the video's
 * length. Everything is converted to 48 kHz stereo float first so nothing resamples per input.
 */
import { sec } from './escape';
import { loopChain, type LoopPlan } from './musicLoop';
import { masterFilters, type Master } from './loudness';

export const SAMPLE_RATE = 48000;
export const FORMAT = `aformat=sample_fmts=fltp:sample_rates=${SAMPLE_RATE}:channel_layouts=stereo`;

export interface AudioPart {
  /** Input index in the ffmpeg command (`[k:a]`). */
  input: number;
  /** `clip`: a clip's own sound (keys the ducking); `music`: a music/voice track (ducked). */
  role: 'clip' | 'music';
  startMs: number;
  durMs: number;
  volume: number;
  fadeInMs: number;
  fadeOutMs: number;
  /** How a short song fills its segment (musicLoop.ts); absent = played once. */
  loop?: LoopPlan;
}

export interface MixOptions {
  /** amix supports normalize=0 (ffmpeg ≥ 4.4). */
  normalize: boolean;
  durationMs: number;
  /** Duck music under the clips' sound (default true). */
  duck?: boolean;
  /** Input label for input k (the full render and the loudness pre-pass number inputs differently). */
  label?: (k: number) => string;
}

/**
 * Ducking: the music goes down while a clip's sound is above roughly −46 dBFS (speech, an
 * engine, applause) and comes back ~0.4 s after it stops. The key is boosted 12 dB so speech
 * recorded quietly still pulls the music under it; `mix=0.85` keeps 15 % of the dry music, so
 * the dip is at most ~16.5 dB (a bed that vanishes entirely under every word sounds broken).
 * Measured in bench/audio.ts: speech ends up 6–12 LU above the music.
 */
const DUCK =
  'sidechaincompress=threshold=0.005:ratio=8:attack=15:release=400:knee=2:level_sc=4:detection=rms:link=maximum:mix=0.85';

function partChain(p: AudioPart, inLabel: string, out: string): string {
  const d = Math.max(1, p.durMs);
  const fo = Math.min(p.fadeOutMs, d / 2);
  const fi = Math.min(p.fadeInMs, d / 4);
  const head = p.loop ? `${loopChain(inLabel, p.loop, `[lp${out.slice(1, -1)}]`)};[lp${out.slice(1, -1)}]` : inLabel;
  const steps = [FORMAT, `atrim=0:${sec(d)}`, 'asetpts=PTS-STARTPTS'];
  if (fi > 0) steps.push(`afade=t=in:st=0:d=${sec(fi)}`);
  if (fo > 0) steps.push(`afade=t=out:st=${sec(d - fo)}:d=${sec(fo)}`);
  steps.push(`volume=${p.volume.toFixed(3)}`);
  const delay = Math.round(p.startMs);
  if (delay > 0) steps.push(`adelay=${delay}|${delay}`);
  return `${head}${steps.join(',')}${out}`;
}

/** Sums labelled streams into `out` (a single one is passed through). */
function sum(labels: string[], normalize: boolean, out: string): string {
  if (labels.length === 1) return `${labels[0]}anull${out}`;
  const norm = normalize ? ':normalize=0' : '';
  return `${labels.join('')}amix=inputs=${labels.length}:duration=longest:dropout_transition=0${norm}${out}`;
}

/**
 * Filter text ending in `[amix]`: the parts mixed, music ducked under the clips, not yet
 * mastered. Always yields audio (silence when there are no parts).
 */
export function audioMix(parts: AudioPart[], opts: MixOptions): string {
  if (parts.length === 0) return `anullsrc=r=${SAMPLE_RATE}:cl=stereo,${FORMAT},atrim=0:${sec(opts.durationMs)}[amix]`;
  const label = opts.label ?? ((k: number) => `[${k}:a]`);
  // Without normalize=0 amix divides by its input count: pre-multiply to keep the levels.
  const music = parts.filter((p) => p.role === 'music');
  const clips = parts.filter((p) => p.role === 'clip');
  const groups = [music, clips].filter((g) => g.length > 0).length;
  const scale = (p: AudioPart, n: number) =>
    opts.normalize ? p : { ...p, volume: p.volume * n * (groups > 1 ? 2 : 1) };
  const chains: string[] = [];
  music.forEach((p, i) => chains.push(partChain(scale(p, music.length), label(p.input), `[am${i}]`)));
  clips.forEach((p, i) => chains.push(partChain(scale(p, clips.length), label(p.input), `[ac${i}]`)));
  if (music.length)
    chains.push(
      sum(
        music.map((_, i) => `[am${i}]`),
        opts.normalize,
        '[mus]',
      ),
    );
  if (clips.length)
    chains.push(
      sum(
        clips.map((_, i) => `[ac${i}]`),
        opts.normalize,
        '[clp]',
      ),
    );
  if (!music.length) chains.push('[clp]apad[amix]');
  else if (!clips.length) chains.push('[mus]apad[amix]');
  else {
    if (opts.duck !== false) {
      // The key must outlast the music: a compressor stops at its shorter input.
      chains.push('[clp]asplit=2[clpa][clpk]', '[clpk]apad[key]', `[mus][key]${DUCK}[musd]`);
      chains.push(sum(['[musd]', '[clpa]'], opts.normalize, '[mixed]'));
    } else chains.push(sum(['[mus]', '[clp]'], opts.normalize, '[mixed]'));
    chains.push('[mixed]apad[amix]');
  }
  return chains.join(';\n');
}

/** `[amix]` → `[aout]`: the master stage, then exactly `durationMs` of audio (sample-exact). */
export function audioOut(master: Master | undefined, durationMs: number, limiterLatency: boolean): string {
  const samples = Math.round((durationMs / 1000) * SAMPLE_RATE);
  const steps = [
    ...masterFilters(master, limiterLatency),
    `atrim=end_sample=${samples}`,
    `apad=whole_len=${samples}`,
    'asetpts=PTS-STARTPTS',
  ];
  return `[amix]${steps.join(',')}[aout]`;
}
