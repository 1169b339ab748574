/**
 * Bounded render memory: the picture of a long or many-photo timeline is drawn in CHUNKS, one
 * ffmpeg process after another, each writing raw frames into the one pipe the encoding ffmpeg
 * reads.
 *
 * Why: in one filter graph every segment has its own input and filter instances, and each keeps
 * its frame buffers (its stage, zoompan and crossfade output pools) until the whole graph ends —
 * ~45 MB a photo at 1080x1920 even read from its stage (photoStage.ts), so 60 photos would hold
 * ~2.7 GB while only one or two shots are on screen at any moment. A chunk's process ends when
 * its frames are drawn, and its memory with it.
 *
 * How: the join (transitions.ts) is a list of parts in timeline order; chunks are runs of
 * consecutive parts whose segments' estimated memory stays under a budget. A chunk draws only the
 * frames its parts read (the Ken Burns tables are cut to that range), so a segment whose
 * crossfade falls on a chunk border is drawn in two chunks without drawing any frame twice —
 * only its stage is read twice. Borders go where no segment straddles them (a hard cut or a
 * black gap) when one is near. The raw frames are exact (yuv420p, no encode between
 * chunks), so the picture is the same as the single-graph render's, frame for frame.
 */
import type { Look } from './styles';
import { emitJoin, partNeeds, type JoinPart, type JoinPlan } from './transitions';
import {
  chooseFit,
  clipChain,
  photoChain,
  planMotion,
  type FrameRange,
  type RenderCanvas,
  type VideoSegment,
} from './video';

export interface BodyChunk {
  /** ffmpeg input arguments (this chunk's photos and clips only). */
  inputs: string[];
  /** The chunk's filter graph, ending in `[vchunk]`. */
  filter: string;
  /** Frames it writes (the chunks' frames laid end to end are the whole join). */
  frames: number;
  /** The video segments whose photo stages (photoStage.ts) it reads. */
  stages: number[];
}

/**
 * Memory a segment's chains hold in ffmpeg until their graph ends, bytes (yuv420p: 1.5 B/px).
 * A photo is read as its stage (photoStage.ts): the raw frame as the demuxer and zoompan hold it,
 * and ~12 canvas-size frames in the zoompan, crossfade and trim queues and their buffer pools
 * (bench/renderMany.ts: ~45 MB a photo at 1080x1920). A clip's decoder keeps its references.
 */
export function segmentBytes(seg: VideoSegment, canvas: RenderCanvas): number {
  const canvasPx = canvas.w * canvas.h;
  const framesHeld = 12 * 1.5 * canvasPx;
  if (seg.media.kind !== 'image') return 8 * 1.5 * (seg.media.width ?? 4000) * (seg.media.height ?? 3000) + framesHeld;
  const stage = planMotion(seg, canvas, chooseFit(seg.media, canvas, seg.meta.fit)).stage;
  return 2 * 1.5 * stage.w * stage.h + framesHeld;
}

/**
 * What the segments of one graph may hold, bytes: with the encoding ffmpeg's own ~340 MB
 * (x264 at 1080x1920 with its lookahead, text, audio) the render stays under 700 MB. The 30 s
 * promo's five photos fit one graph whatever their size (430 MiB with 12 MP photos); 20 or 60
 * photos are drawn in chunks (bench/renderMany.ts).
 */
export const BODY_BUDGET = 330 * 1024 * 1024;

/** The parts of the join cut into chunks under `budget` bytes (at least one part each). */
export function planChunks(plan: JoinPlan, cost: (seg: number) => number, budget: number): JoinPart[][] {
  const chunks: JoinPart[][] = [];
  let cur: JoinPart[] = [];
  let segs = new Set<number>();
  let bytes = 0;
  const segsOf = (p: JoinPart) => partNeeds(plan, p).map((r) => r.seg);
  const shares = (a: JoinPart, b: JoinPart) => segsOf(a).some((s) => segsOf(b).includes(s));
  const close = (at: number) => {
    chunks.push(cur.slice(0, at));
    cur = cur.slice(at);
    segs = new Set(cur.flatMap(segsOf));
    bytes = [...segs].reduce((s, i) => s + cost(i), 0);
  };
  for (const p of plan.parts) {
    const fresh = segsOf(p).filter((s) => !segs.has(s));
    const more = fresh.reduce((s, i) => s + cost(i), 0);
    if (cur.length && bytes + more > budget) {
      // Prefer a border no segment straddles (a cut or a gap) in the second half of the chunk.
      let at = cur.length;
      if (shares(cur[at - 1]!, p)) {
        for (let j = cur.length - 1; j >= Math.ceil(cur.length / 2); j--) {
          if (!shares(cur[j - 1]!, cur[j]!)) {
            at = j;
            break;
          }
        }
      }
      close(at);
    }
    cur.push(p);
    for (const s of segsOf(p)) {
      if (!segs.has(s)) bytes += cost(s);
      segs.add(s);
    }
  }
  if (cur.length) chunks.push(cur);
  return chunks;
}

/** One chunk's ffmpeg inputs and graph: its segments' frame ranges, joined into `[vchunk]`. */
export function chunkGraph(
  parts: JoinPart[],
  plan: JoinPlan,
  vsegs: VideoSegment[],
  canvas: RenderCanvas,
  look: Look,
  input: (seg: VideoSegment) => string[],
): BodyChunk {
  const ranges = new Map<number, FrameRange>();
  for (const p of parts)
    for (const r of partNeeds(plan, p)) {
      const had = ranges.get(r.seg);
      ranges.set(r.seg, had ? { from: Math.min(had.from, r.from), to: Math.max(had.to, r.to) } : { ...r });
    }
  const inputs: string[] = [];
  const chains: string[] = [];
  const stages: number[] = [];
  [...ranges].forEach(([i, range], k) => {
    const seg = vsegs[i]!;
    inputs.push(...input(seg));
    if (seg.media.kind === 'image') {
      stages.push(i);
      chains.push(photoChain(seg, `[${k}:v]`, `[v${i}]`, canvas, range));
    } else chains.push(clipChain(seg, `[${k}:v]`, `[v${i}]`, canvas, look.grade, range));
  });
  chains.push(
    ...emitJoin(
      plan,
      parts,
      (i) => `[v${i}]`,
      (i) => ranges.get(i)!.from,
      canvas,
      look,
      '[vchunk]',
    ),
  );
  return { inputs, filter: chains.join(';\n'), frames: parts.reduce((s, p) => s + p.frames, 0), stages };
}

/** The encoding ffmpeg's input for the chunks' frames: raw yuv420p at the canvas size and rate, on stdin. */
export function rawFrameInput(canvas: RenderCanvas): string[] {
  return rawYuvInput(canvas, canvas.fps, 'pipe:0');
}

/** An ffmpeg input of raw yuv420p frames of `size` at `fps` (a chunk's pipe, a photo's stage). */
export function rawYuvInput(size: { w: number; h: number }, fps: number, file: string): string[] {
  return ['-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-s', `${size.w}x${size.h}`, '-framerate', String(fps), '-i', file];
}

/** A chunk's own ffmpeg arguments: its graph from `graphFile`, raw frames to stdout, nothing else. */
export function chunkArgs(chunk: BodyChunk, graphArgs: string[], ffMajor: number): string[] {
  return [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'error',
    ...chunk.inputs,
    ...graphArgs,
    '-map',
    '[vchunk]',
    // Every frame as drawn (no rate conversion), exactly `frames` of them.
    ...(ffMajor >= 5 ? ['-fps_mode', 'passthrough'] : ['-vsync', 'passthrough']),
    '-frames:v',
    String(chunk.frames),
    '-f',
    'rawvideo',
    '-pix_fmt',
    'yuv420p',
    'pipe:1',
  ];
}
