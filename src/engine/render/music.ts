/**
 * The built-in music bed, synthesised in plain Node (no network, no samples): a I–V–vi–IV chord
 * loop in C (pad + bass) with a soft kick on every beat and a closed hi-hat on the off-beats.
 *
 * No clicks: every oscillator keeps its phase across chord changes (only the frequency steps,
 * so the waveform stays continuous), pad notes crossfade over 60 ms at chord boundaries, every
 * percussive hit has a few-ms attack, and the file starts and ends with a short fade.
 */
import { writeFile } from 'node:fs/promises';

export interface BedOptions {
  sampleRate?: number;
  seed?: number;
  bpm?: number;
}

const midiHz = (m: number) => 440 * 2 ** ((m - 69) / 12);
const TWO_PI = 2 * Math.PI;
// Sine by table + linear interpolation: ~10x faster than Math.sin and far below audible error.
const TABLE_SIZE = 4096;
const TABLE = Float64Array.from({ length: TABLE_SIZE + 1 }, (_, i) => Math.sin((TWO_PI * i) / TABLE_SIZE));
function sin(phase: number): number {
  const x = (((phase % TWO_PI) + TWO_PI) % TWO_PI) * (TABLE_SIZE / TWO_PI);
  const i = x | 0;
  const f = x - i;
  return TABLE[i]! + (TABLE[i + 1]! - TABLE[i]!) * f;
}
// C – G – Am – F, pad voicings near middle C and bass roots an octave below.
const CHORDS = [
  [60, 64, 67],
  [59, 62, 67],
  [57, 60, 64],
  [57, 60, 65],
];
const BASS = [36, 43, 45, 41];
const BEATS_PER_CHORD = 4;

/** mulberry32: small seeded PRNG so a given seed always gives the same bed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Interleaved stereo float samples in [-1, 1]. */
export function synthBed(
  seconds: number,
  opts: BedOptions = {},
): { samples: Float32Array; sampleRate: number; chordSeconds: number } {
  const sr = opts.sampleRate ?? 44100;
  const bpm = opts.bpm ?? 96;
  const beat = 60 / bpm;
  const chordLen = beat * BEATS_PER_CHORD;
  const n = Math.max(1, Math.round(seconds * sr));
  const out = new Float32Array(n * 2);
  const rand = rng(opts.seed ?? 1);
  const padPhase = [0, 0, 0];
  let bassPhase = 0;
  let kickPhase = 0;
  let hatLp = 0;
  const xfade = 0.06; // chord crossfade, s
  const padHz = CHORDS.map((c) => c.map(midiHz));
  const bassHz = BASS.map(midiHz);
  const beatTail = Math.exp(-beat * 3);
  for (let i = 0; i < n; i++) {
    const t = i / sr;
    const ci = Math.floor(t / chordLen);
    const inChord = t - ci * chordLen;
    const chord = padHz[ci % 4]!;
    const prev = padHz[(ci + 3) % 4]!;
    // Within the first 60 ms of a chord each pad voice glides from the previous pitch.
    const g = ci > 0 && inChord < xfade ? 0.5 - 0.5 * Math.cos((Math.PI * inChord) / xfade) : 1;
    let pad = 0;
    for (let v = 0; v < 3; v++) {
      const f = g === 1 ? chord[v]! : prev[v]! * (1 - g) + chord[v]! * g;
      const ph = (padPhase[v] = (padPhase[v]! + (TWO_PI * f) / sr) % TWO_PI);
      pad += sin(ph) + 0.25 * sin(2 * ph) + 0.1 * sin(3 * ph);
    }
    // Gentle swell per chord, never reaching zero, so chord changes carry no amplitude step.
    pad *= 0.1 * (0.85 + 0.15 * sin((Math.PI * inChord) / chordLen));

    const inBeat = t % beat;
    bassPhase = (bassPhase + (TWO_PI * bassHz[ci % 4]!) / sr) % TWO_PI;
    // A pulse on each beat that is exactly 0 at both beat edges: the level never steps.
    const pulse = (Math.min(1, inBeat / 0.01) * (Math.exp(-inBeat * 3) - beatTail)) / (1 - beatTail);
    const bassEnv = 0.6 + 0.4 * pulse;
    const bass = 0.22 * bassEnv * (sin(bassPhase) + 0.2 * sin(2 * bassPhase));

    // Kick: a 110→45 Hz sweep, 3 ms attack, fast decay; phase restarts only while silent.
    if (inBeat < 1 / sr) kickPhase = 0;
    const kf = 45 + 65 * Math.exp(-inBeat * 30);
    kickPhase += (2 * Math.PI * kf) / sr;
    const kick = 0.35 * Math.min(1, inBeat / 0.003) * Math.exp(-inBeat * 9) * sin(kickPhase);

    // Hi-hat on the off-beat: high-passed noise (noise minus its low-passed self), soft attack.
    const off = (t + beat / 2) % beat;
    const noise = rand() * 2 - 1;
    hatLp += 0.3 * (noise - hatLp);
    const hat = 0.06 * Math.min(1, off / 0.002) * Math.exp(-off * 40) * (noise - hatLp);

    const edge = Math.min(1, t / 0.02, (seconds - t) / 0.05); // no click at the very start/end
    const mono = (pad + bass + kick) * Math.max(0, edge);
    out[2 * i] = mono + hat * 0.8 * edge;
    out[2 * i + 1] = mono + hat * 1.2 * edge;
  }
  // Remove DC (the kick is not perfectly zero-mean) and normalise to −3 dBFS.
  let dl = 0;
  let dr = 0;
  for (let i = 0; i < n; i++) {
    dl += out[2 * i]!;
    dr += out[2 * i + 1]!;
  }
  dl /= n;
  dr /= n;
  let peak = 0;
  for (let i = 0; i < n; i++) {
    out[2 * i] = out[2 * i]! - dl;
    out[2 * i + 1] = out[2 * i + 1]! - dr;
    peak = Math.max(peak, Math.abs(out[2 * i]!), Math.abs(out[2 * i + 1]!));
  }
  const gain = peak > 0 ? 0.707 / peak : 1;
  for (let i = 0; i < out.length; i++) out[i] = out[i]! * gain;
  return { samples: out, sampleRate: sr, chordSeconds: chordLen };
}

/** 16-bit PCM stereo WAV bytes. */
export function encodeWav(samples: Float32Array, sampleRate: number): Buffer {
  const data = samples.length * 2;
  const buf = Buffer.alloc(44 + data);
  buf.write('RIFF', 0);
  buf.writeUInt32LE(36 + data, 4);
  buf.write('WAVE', 8);
  buf.write('fmt ', 12);
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20);
  buf.writeUInt16LE(2, 22);
  buf.writeUInt32LE(sampleRate, 24);
  buf.writeUInt32LE(sampleRate * 4, 28);
  buf.writeUInt16LE(4, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36);
  buf.writeUInt32LE(data, 40);
  const pcm = new Int16Array(buf.buffer, buf.byteOffset + 44, samples.length);
  for (let i = 0; i < samples.length; i++) pcm[i] = Math.round(Math.max(-1, Math.min(1, samples[i]!)) * 32767);
  return buf;
}

export async function writeMusicBed(path: string, seconds: number, opts: BedOptions = {}): Promise<void> {
  const { samples, sampleRate } = synthBed(seconds, opts);
  await writeFile(path, encodeWav(samples, sampleRate));
}
