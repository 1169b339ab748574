/**
 * Audio: music/voice tracks (looped or trimmed to their segment, faded in briefly and out at
 * the end, placed at their start) mixed with the clips' own sound. Everything is converted to
 * 44.1 kHz stereo float first so amix never resamples per input differently.
 */
import { sec } from './escape';

export interface AudioPart {
  /** Graph label of the decoded input, e.g. `[3:a]`. */
  input: string;
  startMs: number;
  durMs: number;
  volume: number;
  fadeInMs: number;
  fadeOutMs: number;
}

const FORMAT = 'aformat=sample_fmts=fltp:sample_rates=44100:channel_layouts=stereo';

function partChain(p: AudioPart, out: string): string {
  const d = Math.max(1, p.durMs);
  const fo = Math.min(p.fadeOutMs, d / 2);
  const fi = Math.min(p.fadeInMs, d / 4);
  const steps = [FORMAT, `atrim=0:${sec(d)}`, 'asetpts=PTS-STARTPTS'];
  if (fi > 0) steps.push(`afade=t=in:st=0:d=${sec(fi)}`);
  if (fo > 0) steps.push(`afade=t=out:st=${sec(d - fo)}:d=${sec(fo)}`);
  steps.push(`volume=${p.volume.toFixed(3)}`);
  const delay = Math.round(p.startMs);
  if (delay > 0) steps.push(`adelay=${delay}|${delay}`);
  return `${p.input}${steps.join(',')}${out}`;
}

/** Filter text ending in `[aout]`; `normalize` says amix supports normalize=0 (ffmpeg ≥ 4.4). */
export function audioGraph(parts: AudioPart[], normalize: boolean): string {
  if (parts.length === 0) return `anullsrc=r=44100:cl=stereo,${FORMAT}[aout]`;
  const chains = parts.map((p, i) => partChain(
    // Without normalize=0 amix divides by the input count: pre-multiply to keep the levels.
    normalize ? p : { ...p, volume: p.volume * parts.length }, `[ap${i}]`));
  if (parts.length === 1) return `${chains[0]};[ap0]apad[aout]`;
  const labels = parts.map((_, i) => `[ap${i}]`).join('');
  const norm = normalize ? ':normalize=0' : '';
  return `${chains.join(';')};${labels}amix=inputs=${parts.length}:duration=longest:dropout_transition=0${norm},apad[aout]`;
}
