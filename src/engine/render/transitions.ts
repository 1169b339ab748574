/**
 * Joins the per-segment streams into one: crossfades, hard cuts and black gaps.
 *
 * Why not a plain chain of xfade filters: ffmpeg's xfade costs ~2 ms for EVERY frame it passes
 * through, not only the blended ones (measured: 1200 frames through one xfade 2.4 s CPU vs 0.1 s
 * with concat) — on a 5-photo promo that alone doubled the render. So each segment is split into
 * head / body / tail with `trim` (frame references, no copies), only the overlapping tail+head
 * pairs go through a transition (transitionFilters.ts), and everything is joined with `concat`.
 *
 * The join is planned as a list of PARTS in timeline order (black gap, crossfade, body), each a
 * run of output frames made from known frame ranges of one or two segments. A render can then be
 * cut into chunks of consecutive parts (chunks.ts), each needing only some frames of a few
 * segments, and the chunks' outputs laid end to end are exactly the whole join.
 */
import { PLAIN, transitionAt, type Look } from './styles';
import { transitionChain } from './transitionFilters';

export interface Placed {
  /** Graph label of the segment's stream, e.g. `[v0]` (pts = frame index). */
  label: string;
  startF: number;
  frames: number;
}

export interface Joined {
  chains: string[];
  out: string;
  startF: number;
  endF: number;
}

/** A run of output frames: black before segment `seg`, its crossfade in from `seg - 1`, or its body. */
export interface JoinPart {
  kind: 'gap' | 'xfade' | 'body';
  seg: number;
  frames: number;
}

/** Frames [from, to) of segment `seg` that a part reads. */
export interface SegmentRange {
  seg: number;
  from: number;
  to: number;
}

export interface JoinPlan {
  parts: JoinPart[];
  /** Crossfade frames between segment i-1 and i (index i). */
  xf: number[];
  /** Frames each segment shows alone (between its head and tail). */
  body: number[];
  startF: number;
  endF: number;
}

export function planJoin(
  segs: { startF: number; frames: number }[],
  crossfade: boolean,
  fps: number,
  look: Look = PLAIN,
): JoinPlan {
  const n = segs.length;
  // The look picks each cut's transition and caps its length (the rest of the overlap is cut).
  const kind = (i: number) => transitionAt(look, i);
  const maxXf = Math.max(1, Math.round((look.transitionMs * fps) / 1000));
  const xf = new Array<number>(n + 1).fill(0); // crossfade frames between i-1 and i
  const cut = new Array<number>(n + 1).fill(0); // frames dropped from the end of i-1 (hard cut)
  const gap = new Array<number>(n + 1).fill(0); // black frames before i
  for (let i = 1; i < n; i++) {
    const prev = segs[i - 1]!;
    const cur = segs[i]!;
    const overlap = prev.startF + prev.frames - cur.startF;
    if (overlap < 0) gap[i] = -overlap;
    else if (crossfade && overlap > 0)
      xf[i] = kind(i) === 'cut' ? 0 : Math.min(overlap, maxXf, cur.frames, prev.frames - xf[i - 1]!);
    else if (overlap > 0) cut[i] = Math.min(overlap, prev.frames - xf[i - 1]!);
    // An overlap larger than what can blend is cut (keeps the timeline in step).
    if (crossfade && overlap > xf[i]! && overlap > 0)
      cut[i] = Math.min(overlap - xf[i]!, prev.frames - xf[i - 1]! - xf[i]!);
  }
  const parts: JoinPart[] = [];
  const body = segs.map((s, i) => s.frames - xf[i]! - xf[i + 1]! - cut[i + 1]!);
  segs.forEach((_, i) => {
    if (gap[i]) parts.push({ kind: 'gap', seg: i, frames: gap[i]! });
    if (xf[i]) parts.push({ kind: 'xfade', seg: i, frames: xf[i]! });
    if (body[i]! > 0) parts.push({ kind: 'body', seg: i, frames: body[i]! });
  });
  const last = segs[n - 1]!;
  return { parts, xf, body, startF: segs[0]!.startF, endF: last.startF + last.frames };
}

/** The segment frames a part reads (none for black). */
export function partNeeds(plan: JoinPlan, p: JoinPart): SegmentRange[] {
  const head = plan.xf[p.seg]!;
  if (p.kind === 'gap') return [];
  if (p.kind === 'body') return [{ seg: p.seg, from: head, to: head + p.frames }];
  // The tail of the previous segment starts after its own head and body.
  const prevStart = plan.xf[p.seg - 1]! + Math.max(0, plan.body[p.seg - 1]!);
  return [
    { seg: p.seg - 1, from: prevStart, to: prevStart + p.frames },
    { seg: p.seg, from: 0, to: p.frames },
  ];
}

/**
 * Filter chains joining `parts` (consecutive, in order) into `out`. `input(seg)` is the label of
 * a stream holding the segment's frames from `first(seg)` on (pts = frame index − first).
 */
export function emitJoin(
  plan: JoinPlan,
  parts: JoinPart[],
  input: (seg: number) => string,
  first: (seg: number) => number,
  canvas: { w: number; h: number; fps: number },
  look: Look = PLAIN,
  out = '[vjoin]',
): string[] {
  const { w, h, fps } = canvas;
  // Which pieces of each segment the parts read, named as before: h = head, b = body, t = tail.
  const pieces = new Map<number, { name: string; from: number; to: number }[]>();
  const piece = (r: SegmentRange, name: string) => {
    const list = pieces.get(r.seg) ?? [];
    list.push({ name, from: r.from, to: r.to });
    pieces.set(r.seg, list);
    return `[${name}t]`;
  };
  const joins: string[] = [];
  const labels: string[] = [];
  for (const p of parts) {
    const i = p.seg;
    if (p.kind === 'gap') {
      joins.push(
        `color=c=black:s=${w}x${h}:r=${fps}:d=${p.frames / fps},format=yuv420p,setsar=1,settb=1/${fps},setpts=N[g${i}]`,
      );
      labels.push(`[g${i}]`);
    } else if (p.kind === 'xfade') {
      const [tail, head] = partNeeds(plan, p) as [SegmentRange, SegmentRange];
      const a = piece(tail, `t${i - 1}`);
      const b = piece(head, `h${i}`);
      joins.push(transitionChain(transitionAt(look, i), a, b, `[f${i}]`, p.frames, canvas));
      labels.push(`[f${i}]`);
    } else {
      labels.push(piece(partNeeds(plan, p)[0]!, `b${i}`));
    }
  }
  const chains: string[] = [];
  for (const [seg, list] of [...pieces].sort((x, y) => x[0] - y[0])) {
    list.sort((x, y) => x.from - y.from);
    const outs = list.map((l) => `[${l.name}]`);
    chains.push(
      outs.length === 1 ? `${input(seg)}null${outs[0]}` : `${input(seg)}split=${outs.length}${outs.join('')}`,
    );
    const at = first(seg);
    for (const l of list)
      chains.push(`[${l.name}]trim=start_frame=${l.from - at}:end_frame=${l.to - at},setpts=PTS-STARTPTS[${l.name}t]`);
  }
  chains.push(...joins);
  // concat's output counts time in µs (its pts rounded per segment, so a frame due at 8.5 s can
  // come out at 8.499999 s and miss an `enable=between(t,8.5,…)`): frame numbers again, exact, and
  // the same whether the join is one graph or chunks laid end to end.
  const joined = labels.length === 1 ? `${labels[0]}null` : `${labels.join('')}concat=n=${labels.length}:v=1:a=0`;
  chains.push(`${joined},settb=1/${fps},setpts=N${out}`);
  return chains;
}

export function joinSegments(
  segs: Placed[],
  crossfade: boolean,
  canvas: { w: number; h: number; fps: number },
  look: Look = PLAIN,
): Joined {
  const plan = planJoin(segs, crossfade, canvas.fps, look);
  const chains = emitJoin(
    plan,
    plan.parts,
    (i) => segs[i]!.label,
    () => 0,
    canvas,
    look,
  );
  return { chains, out: '[vjoin]', startF: plan.startF, endF: plan.endF };
}
