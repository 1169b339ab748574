/**
 * The chat stream reader's cost: a realistic ~50 MB recorded ADK stream, fed in 16 KiB chunks
 * through readEventStream, against the bare eventsource-parser + JSON.parse baseline over the
 * very same chunks in the same run. Runs alternate (baseline, reader, baseline, …) and medians
 * are reported, so machine noise hits both sides alike.
 *
 *   npx tsx bench/sse.ts [targetMB=50] [rounds=5]
 */
import { createParser } from 'eventsource-parser';
import { readEventStream } from '../src/core/api/sse';

const TARGET_MB = Number(process.argv[2] ?? 50);
const ROUNDS = Number(process.argv[3] ?? 5);
const CHUNK = 16 * 1024;

/** Deterministic PRNG (mulberry32), so every run measures the same bytes. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EN = [
  'I',
  'will',
  'add',
  'a',
  'warm',
  'lo-fi',
  'track',
  'under',
  'the',
  'city',
  'timelapse',
  'and',
  'fade',
  'out',
  'title',
  'captions',
  'at',
  '35%',
  'volume.',
];
const ZH = ['好的', '我会', '添加', '背景音乐', '城市', '延时', '标题', '字幕', '淡出', '视频', '竖屏', '导出'];
const TOOLS = ['generate_video', 'add_bgm', 'add_text_overlay', 'trim_clip', 'set_canvas'];

function recording(targetBytes: number): { bytes: Uint8Array; dataEvents: number } {
  const next = rng(42);
  const pick = <T>(a: T[]): T => a[Math.floor(next() * a.length)];
  const words = (n: number) => Array.from({ length: n }, () => (next() < 0.3 ? pick(ZH) : pick(EN))).join(' ');
  const parts: string[] = [];
  let size = 0;
  let dataEvents = 0;
  let ts = 1_700_000_000;
  const push = (s: string) => {
    parts.push(s);
    size += Buffer.byteLength(s);
  };
  const event = (json: unknown) => {
    const line = `data: ${JSON.stringify(json)}\n\n`;
    push(next() < 0.1 ? line.replace(/\n/g, '\r\n') : line);
    dataEvents++;
  };
  const base = () => ({ id: `e${dataEvents}`, invocationId: 'inv-1', author: 'nemo_agent', timestamp: (ts += 0.05) });
  while (size < targetBytes) {
    const id = `call-${dataEvents}`;
    const name = pick(TOOLS);
    event({
      ...base(),
      content: {
        role: 'model',
        parts: [
          {
            functionCall: {
              id,
              name,
              args: { prompt: words(12), duration_ms: 10_000, tracks: [{ tt: 0, sg: [{ s: 0, d: 10_000 }] }] },
            },
          },
        ],
      },
    });
    if (next() < 0.3) push(': ping\n\n');
    event({
      ...base(),
      author: 'user',
      content: {
        role: 'user',
        parts: [
          {
            functionResponse: {
              id,
              name,
              response: {
                ok: true,
                draft: { t: [{ tt: 1, sg: [{ s: 0, d: 10_000, m: { name: 'Lo-fi', volume: 0.35 } }] }], d: 10_000 },
              },
            },
          },
        ],
      },
    });
    if (next() < 0.2) {
      push('data:\n\n');
      dataEvents++;
    }
    const chunks = Array.from({ length: 3 + Math.floor(next() * 6) }, () => words(3 + Math.floor(next() * 8)) + ' ');
    for (const text of chunks) event({ ...base(), partial: true, content: { role: 'model', parts: [{ text }] } });
    event({
      ...base(),
      turnComplete: true,
      content: { role: 'model', parts: [{ text: chunks.join('') }] },
      actions: { stateDelta: { step: dataEvents } },
    });
  }
  return { bytes: Buffer.from(parts.join('')), dataEvents };
}

async function* chunked(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += CHUNK) yield bytes.subarray(at, Math.min(bytes.length, at + CHUNK));
}

async function baseline(bytes: Uint8Array): Promise<number> {
  let n = 0;
  const parser = createParser({
    onEvent: (m) => {
      if (m.data) JSON.parse(m.data);
      n++;
    },
    onComment: () => {
      n++;
    },
  });
  const decoder = new TextDecoder();
  for await (const c of chunked(bytes)) parser.feed(decoder.decode(c, { stream: true }));
  parser.feed(decoder.decode() + '\n\n');
  return n;
}

async function reader(bytes: Uint8Array): Promise<number> {
  let n = 0;
  for await (const e of readEventStream(chunked(bytes))) if (e.type !== 'end') n++;
  return n;
}

async function timed(fn: () => Promise<number>): Promise<{ ms: number; n: number }> {
  const t0 = performance.now();
  const n = await fn();
  return { ms: performance.now() - t0, n };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const g0 = performance.now();
  const { bytes, dataEvents } = recording(TARGET_MB * 1024 * 1024);
  const mb = bytes.length / 1024 / 1024;
  console.log(
    `Recorded stream: ${mb.toFixed(1)} MB, ${dataEvents.toLocaleString('en')} data events (+ comments), generated in ${((performance.now() - g0) / 1000).toFixed(1)} s; ${CHUNK / 1024} KiB chunks, ${ROUNDS} rounds.`,
  );
  await baseline(bytes);
  await reader(bytes); // warm-up (JIT) for both sides
  const base: number[] = [];
  const ours: number[] = [];
  let baseEvents = 0;
  let ourEvents = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const b = await timed(() => baseline(bytes));
    const o = await timed(() => reader(bytes));
    base.push(b.ms);
    ours.push(o.ms);
    baseEvents = b.n;
    ourEvents = o.n;
  }
  const mb_s = (ms: number) => (mb / (ms / 1000)).toFixed(0);
  const bm = median(base);
  const om = median(ours);
  console.log(
    `baseline  eventsource-parser + JSON.parse: median ${bm.toFixed(0)} ms, ${mb_s(bm)} MB/s, ${((bm * 1000) / baseEvents).toFixed(2)} µs/event (${baseEvents.toLocaleString('en')} events)`,
  );
  console.log(
    `reader    readEventStream (normalized):   median ${om.toFixed(0)} ms, ${mb_s(om)} MB/s, ${((om * 1000) / ourEvents).toFixed(2)} µs/event (${ourEvents.toLocaleString('en')} events)`,
  );
  console.log(
    `ratio     reader / baseline time: ${(om / bm).toFixed(2)}×; added cost ${(((om - bm) * 1000) / ourEvents).toFixed(2)} µs per normalized event`,
  );
  console.log(
    `rounds    baseline ${base.map((x) => x.toFixed(0)).join(' ')} ms | reader ${ours.map((x) => x.toFixed(0)).join(' ')} ms`,
  );
}

void main();
