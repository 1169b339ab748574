/**
 * Soundtrack benchmark (not in CI): `npx tsx bench/audio.ts`
 *
 * Renders promos from real photographs (Debian mate-backgrounds) at 540x960 through the real
 * FfmpegRenderer and measures the outputs the way platforms do (ffmpeg ebur128, true peak):
 *  1. loudness: built-in bed, a quiet song, a loud song → integrated LUFS, true peak;
 *  2. ducking: a clip whose sound is an espeak-ng voice under a song made pure "side" (R = −L),
 *     so the voice (mid) and the music (side) are measured apart → LU of speech above music
 *     during speech, and how far the music comes back in the pause;
 *  3. cuts on the beat: a 120 bpm click track, "cut to the beat" with hard cuts → picture
 *     changes found in the rendered frames vs the true clicks: error ms median/max;
 *  4. loop seams: a 3.3 s song looped over 12 s → level jump (dB, 20 ms RMS either side) at
 *     each seam, next to the same song spliced hard (what -stream_loop did);
 *  5. cost: the bed promo rendered with and without the audio work (loudness pre-pass, limiter,
 *     ducking), alternating, 3 runs each → median wall time ratio.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Draft } from '../src/contract/draft';
import { detectBeats } from '../src/engine/beatDetect';
import type { MediaFile } from '../src/engine/contracts';
import { decideTurn } from '../src/engine/planner/turn';
import { FfmpegRenderer } from '../src/engine/render/ffmpegRenderer';
import { planLoop } from '../src/engine/render/musicLoop';
import { loudness, makeClickTrack, makeSong, makeTalkingClip, pcm, sideOnly } from '../test/integration/sound-fixtures';

const dir = mkdtempSync(join(tmpdir(), 'vg-bench-audio-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const W = 540;
const H = 960;
const NATURE = '/usr/share/backgrounds/mate/nature';

function file(path: string, kind: MediaFile['kind'], extra: Partial<MediaFile> = {}): MediaFile {
  const id = path.split('/').pop()!.replace(/\W/g, '_');
  return {
    id,
    name: path.split('/').pop()!,
    path,
    mime: 'application/octet-stream',
    kind,
    size: 0,
    uploadedAt: 0,
    ...extra,
  };
}

function photos(n: number): MediaFile[] {
  const names = ['Aqua.jpg', 'Dune.jpg', 'FreshFlower.jpg', 'GreenMeadow.jpg', 'LadyBird.jpg', 'Storm.jpg'];
  return names.slice(0, n).map((name, i) => {
    const src = join(NATURE, name);
    const path = join(dir, `photo${i}.jpg`);
    if (existsSync(src)) execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', src, '-vf', 'scale=1280:-2', path]);
    else
      execFileSync('ffmpeg', [
        '-v',
        'error',
        '-y',
        '-f',
        'lavfi',
        '-i',
        'mandelbrot=s=1280x800',
        '-frames:v',
        '1',
        path,
      ]);
    return file(path, 'image', { width: 1280, height: 800 });
  });
}

/** CPU seconds (user + sys) of this process's reaped children: every ffmpeg the renderer ran. */
function childCpu(): number {
  const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[13]) + Number(f[14])) / 100; // cutime, cstime in clock ticks (USER_HZ = 100)
}

let lastCpu = 0;
async function render(draft: Draft, media: MediaFile[], out: string, audioProcessing = true): Promise<number> {
  const t0 = process.hrtime.bigint();
  const c0 = childCpu();
  await new FfmpegRenderer({ preset: 'veryfast', audioProcessing }).render({
    draft,
    media: (id) => media.find((m) => m.id === id),
    outFile: out,
    signal: new AbortController().signal,
    onProgress: () => {},
  });
  lastCpu = childCpu() - c0;
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

function promo(media: MediaFile[], musicSrc: string, ms: number): Draft {
  const n = media.length;
  const T = 500;
  const seg = Math.round((ms + (n - 1) * T) / n);
  return {
    d: ms,
    m: { width: W, height: H, fps: 30 },
    t: [
      {
        tt: 0,
        m: { transition: 'crossfade', transitionMs: T },
        sg: media.map((m, i) => ({
          s: i * (seg - T),
          d: i === n - 1 ? ms - i * (seg - T) : seg,
          m: { src: m.id, kind: 'image' as const },
        })),
      },
      { tt: 1, sg: [{ s: 0, d: ms, m: { src: musicSrc, volume: 0.35, fadeOut: 2000 } }] },
    ],
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const f1 = (x: number) => x.toFixed(1);

async function main(): Promise<void> {
  const pics = photos(5);
  console.log('# Soundtrack benchmark (540x960, veryfast)\n');
  if (process.argv[2] !== 'cost') await measured(pics);
  await cost(pics);
}

async function measured(pics: MediaFile[]): Promise<void> {
  // 1. Loudness.
  console.log('## Loudness (target −14 LUFS ±1, true peak ≤ −1 dBTP)\n');
  console.log('| render | source LUFS | source TP | export LUFS | export TP dBTP | plain mix LUFS (before) |');
  console.log('|---|---|---|---|---|---|');
  const songs: [string, MediaFile | undefined][] = [
    ['built-in bed', undefined],
    ['quiet song', file(makeSong(join(dir, 'quiet.wav'), 'quiet', 25), 'audio', { duration: 25 })],
    ['loud song', file(makeSong(join(dir, 'loud.wav'), 'loud', 25), 'audio', { duration: 25 })],
  ];
  for (const [name, song] of songs) {
    const media = song ? [...pics, song] : pics;
    const draft = promo(pics, song?.id ?? 'builtin:bed', 20_000);
    const out = join(dir, `${name.replace(/\W/g, '')}.mp4`);
    const plain = join(dir, `${name.replace(/\W/g, '')}-plain.mp4`);
    await render(draft, media, out);
    await render(draft, media, plain, false);
    const src = song ? loudness(song.path) : undefined;
    const m = loudness(out);
    console.log(
      `| ${name} | ${src ? f1(src.integrated) : '–'} | ${src ? f1(src.truePeak) : '–'} | ${f1(m.integrated)} | ${f1(m.truePeak)} | ${f1(loudness(plain).integrated)} |`,
    );
  }

  // 2. Ducking.
  console.log('\n## Ducking: a clip with an espeak-ng voice under a loud song (clip volume 1, music 0.35)\n');
  const talk = makeTalkingClip(
    dir,
    'Hello there, this is our new summer collection.',
    'Order today and get free shipping.',
    3,
  );
  if (!talk) console.log('espeak-ng is not installed: skipped');
  else {
    const clip = file(talk.path, 'video', { width: 320, height: 480, hasAudio: true, duration: talk.seconds });
    const song = file(sideOnly(makeSong(join(dir, 'duck.wav'), 'loud', 15), join(dir, 'duck-side.wav')), 'audio', {
      duration: 15,
    });
    const D = Math.round(talk.seconds * 1000);
    const draft: Draft = {
      d: D,
      m: { width: W, height: H },
      t: [
        { tt: 0, sg: [{ s: 0, d: D, m: { src: clip.id, kind: 'video', volume: 1 } }] },
        { tt: 1, sg: [{ s: 0, d: D, m: { src: song.id, volume: 0.35, fadeOut: 300 } }] },
      ],
    };
    console.log(
      '| mix | speech LUFS | music under speech | speech above music LU | music in the pause | whole LUFS / TP |',
    );
    console.log('|---|---|---|---|---|---|');
    for (const processed of [true, false]) {
      const out = join(dir, `duck-${processed}.mp4`);
      await render(draft, [clip, song], out, processed);
      const w = talk.speech.map(([a, b]) => ({ from: a + 0.3, dur: b - a - 0.4 }));
      const sp = w.map((x) => loudness(out, { ...x, part: 'mid' }).integrated);
      const mu = w.map((x) => loudness(out, { ...x, part: 'side' }).integrated);
      const gap = loudness(out, { from: talk.speech[0]![1] + 1.2, dur: 1.3, part: 'side' }).integrated;
      const all = loudness(out);
      console.log(
        `| ${processed ? 'ducked + mastered' : 'plain mix (before)'} | ${sp.map(f1).join(' / ')} | ${mu.map(f1).join(' / ')} | ${sp.map((s, i) => f1(s - mu[i]!)).join(' / ')} | ${f1(gap)} | ${f1(all.integrated)} / ${f1(all.truePeak)} |`,
      );
    }
  }

  // 3. Cuts on the beat.
  console.log('\n## Cuts on the beat: 120 bpm click track (first click 0.25 s), "cut to the beat", hard cuts, 12 s\n');
  const clickPath = makeClickTrack(join(dir, 'click.wav'), 120, 30, 0.25);
  const t0 = Date.now();
  const grid = await detectBeats(clickPath);
  const detectMs = Date.now() - t0;
  const click = file(clickPath, 'audio', { duration: 30, beats: grid });
  const colours = ['red', 'lime', 'blue', 'white', 'yellow', 'magenta'].map((c, i) => {
    const p = join(dir, `c${i}.png`);
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `color=c=${c}:s=540x960`, '-frames:v', '1', p]);
    return file(p, 'image', { width: 540, height: 960 });
  });
  const turn = decideTurn('make a 12 second video with my song, no transitions, cut to the beat', {
    draft: undefined,
    media: [...colours, click],
    language: 'en',
  });
  const bd = turn.draft!;
  bd.m = { ...bd.m, width: W, height: H };
  bd.t = bd.t!.filter((t) => t.tt === 0 || t.tt === 1);
  const bout = join(dir, 'beat.mp4');
  await render(bd, [...colours, click], bout);
  const raw = execFileSync(
    'ffmpeg',
    ['-v', 'error', '-i', bout, '-vf', 'scale=8:8,format=rgb24', '-f', 'rawvideo', '-'],
    { maxBuffer: 1 << 26 },
  );
  const size = 8 * 8 * 3;
  const errs: number[] = [];
  const px = (f: number, c: number) => raw[f * size + 27 * 3 + c]!;
  for (let f = 1; f * size < raw.length; f++) {
    const diff = [0, 1, 2].reduce((a, c) => a + Math.abs(px(f, c) - px(f - 1, c)), 0);
    if (diff > 150) {
      const t = (f * 1000) / 30;
      const off = (((t - 250) % 500) + 500) % 500;
      errs.push(Math.min(off, 500 - off));
    }
  }
  console.log(
    `detected ${grid ? `${grid.bpm.toFixed(2)} bpm, first beat ${(grid.firstBeatS * 1000).toFixed(1)} ms, confidence ${grid.confidence.toFixed(2)}` : 'nothing'} in ${detectMs} ms (30 s song, decode included)`,
  );
  console.log(`reply: ${turn.reply.split('\n')[0]}`);
  console.log(
    `${errs.length} cuts; error vs true clicks: median ${f1(median(errs))} ms, max ${f1(Math.max(...errs))} ms (one frame = 33.3 ms)`,
  );

  // 4. Loop seams.
  console.log('\n## Loop seams: a 3.3 s song looped over 12 s\n');
  const shortSong = join(dir, 'short.wav');
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-i',
    join(dir, 'loud.wav'),
    '-t',
    '3.3',
    '-af',
    'volume=-6dB',
    shortSong,
  ]);
  const shortBeats = await detectBeats(shortSong);
  const short = file(shortSong, 'audio', { duration: 3.3, beats: shortBeats });
  const ld = promo(pics.slice(0, 3), short.id, 12_000);
  (ld.t![1]!.sg[0]!.m as Record<string, unknown>).fadeOut = 0;
  const lout = join(dir, 'loop.mp4');
  await render(ld, [...pics, short], lout);
  const x = pcm(lout);
  const rms = (a: number, b: number, sig = x) => {
    let s = 0;
    let n = 0;
    for (let i = Math.round(a * 48000); i < Math.round(b * 48000); i++) {
      s += sig[i]! ** 2;
      n++;
    }
    return 10 * Math.log10(s / n + 1e-12);
  };
  const plan = planLoop(3.3, 12, shortBeats)!;
  const seams: number[] = [];
  for (let s = plan.bodyStartS + plan.bodyS; s < 11.5; s += plan.bodyS) seams.push(s);
  const jumps = seams.map((s) => Math.abs(rms(s - 0.02, s) - rms(s, s + 0.02)));
  // A seam on the beat meets a drum hit: compare with the jump at ordinary beats of the first pass.
  const p = shortBeats?.clear ? 60 / shortBeats.bpm : 0.5;
  const ordinary: number[] = [];
  for (let t = plan.bodyStartS + p; t < plan.bodyStartS + plan.bodyS - 0.05; t += p)
    ordinary.push(Math.abs(rms(t - 0.02, t) - rms(t, t + 0.02)));
  // The same song spliced hard, as the demuxer loop did.
  const hard = join(dir, 'hard.wav');
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-stream_loop', '3', '-i', shortSong, '-t', '12', hard]);
  const h = pcm(hard);
  const hardJumps = [3.3, 6.6, 9.9].map((s) => Math.abs(rms(s - 0.02, s, h) - rms(s, s + 0.02, h)));
  const step = (sig: Float32Array, a: number, b: number) => {
    let m = 0;
    for (let i = Math.round(a * 48000); i < Math.round(b * 48000); i++)
      m = Math.max(m, Math.abs(sig[i]! - sig[i - 1]!));
    return m;
  };
  console.log(
    `beat: ${shortBeats?.clear ? `${shortBeats.bpm.toFixed(1)} bpm → body ${plan.bodyS.toFixed(3)} s from ${plan.bodyStartS.toFixed(3)} s` : 'none → whole song'}`,
  );
  console.log(
    `| loop | seams | level jump at seams dB (max) | same at ordinary beats (max) | max sample step at seams | max sample step elsewhere |`,
  );
  console.log('|---|---|---|---|---|---|');
  console.log(
    `| crossfaded on the beat (now) | ${seams.length} | ${f1(Math.max(...jumps))} | ${f1(Math.max(...ordinary))} | ${Math.max(...seams.map((s) => step(x, s - 0.05, s + 0.05))).toFixed(3)} | ${step(x, 0.5, 2.5).toFixed(3)} |`,
  );
  console.log(
    `| hard splice (before) | 3 | ${f1(Math.max(...hardJumps))} | ${f1(Math.max(...ordinary))} | ${Math.max(...[3.3, 6.6, 9.9].map((s) => step(h, s - 0.05, s + 0.05))).toFixed(3)} | ${step(h, 0.5, 2.5).toFixed(3)} |`,
  );
  const a = probeDur(lout, 'a');
  const v = probeDur(lout, 'v');
  console.log(`audio ${a.toFixed(3)} s vs video ${v.toFixed(3)} s`);
}

/** 5. Cost: the same render with and without the audio work, alternating; wall and CPU. */
async function cost(pics: MediaFile[]): Promise<void> {
  console.log('\n## Cost of the audio work: bed promo, 20 s, 5 photos, alternating runs\n');
  const draft = promo(pics, 'builtin:bed', 20_000);
  const wall = { on: [] as number[], off: [] as number[] };
  const cpu = { on: [] as number[], off: [] as number[] };
  await render(draft, pics, join(dir, 'cost-warm.mp4'), true); // bed synthesised and cached once
  for (let i = 0; i < 3; i++) {
    wall.on.push(await render(draft, pics, join(dir, `cost-on-${i}.mp4`), true));
    cpu.on.push(lastCpu);
    wall.off.push(await render(draft, pics, join(dir, `cost-off-${i}.mp4`), false));
    cpu.off.push(lastCpu);
  }
  const row = (n: string, a: number[], b: number[]) =>
    console.log(
      `| ${n} | ${a.map((t) => t.toFixed(2)).join(', ')} | ${b.map((t) => t.toFixed(2)).join(', ')} | ${(median(a) / median(b)).toFixed(3)} | ${f1(median(a) - median(b))} s |`,
    );
  console.log('| measure | with audio work | without | median ratio | difference |');
  console.log('|---|---|---|---|---|');
  row('wall s', wall.on, wall.off);
  row('ffmpeg CPU s (user+sys)', cpu.on, cpu.off);
}

function probeDur(path: string, sel: 'a' | 'v'): number {
  return Number(
    execFileSync(
      'ffprobe',
      ['-v', 'error', '-select_streams', `${sel}:0`, '-show_entries', 'stream=duration', '-of', 'csv=p=0', path],
      { encoding: 'utf8' },
    ),
  );
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
