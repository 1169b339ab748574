/**
 * Tempo and beat grid of a song: see detectBeats (beatDetect.ts). Stored on the upload record so
 * the planner (cuts on the beat) and the renderer (loops on the beat) never decode the song again.
 */
export interface BeatGrid {
  /** Tempo, beats per minute. */
  bpm: number;
  /** Time of a beat, s (the grid is firstBeatS + k·60/bpm). */
  firstBeatS: number;
  /** 0..1: how much of the onset energy falls on the grid. */
  confidence: number;
  /** Confident enough to cut and loop on. */
  clear: boolean;
}

/** The built-in bed's grid: 96 bpm, a kick on every beat from t = 0 (music.ts). */
export const BED_GRID: BeatGrid = { bpm: 96, firstBeatS: 0, confidence: 1, clear: true };

/** Beat times within [fromS, toS). */
export function beatTimes(grid: BeatGrid, fromS: number, toS: number): number[] {
  const p = 60 / grid.bpm;
  const out: number[] = [];
  for (let k = Math.ceil((fromS - grid.firstBeatS) / p - 1e-9); grid.firstBeatS + k * p < toS; k++)
    out.push(grid.firstBeatS + k * p);
  return out;
}
