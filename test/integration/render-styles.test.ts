/**
 * Named looks and the promo's ending, measured on rendered frames (real ffmpeg): each look
 * changes the transition, the font and the text's entrance visibly; the end card shows the
 * title, the call to action and the logo on a dimmed picture and the last frame is black; a
 * real-photo master lands at an upload bitrate.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Draft, StyleName } from '../../src/contract/draft';
import type { MediaFile } from '../../src/engine/contracts';
import { textContrast } from '../../bench/lib/frames';
import { frameRgb, makeImage, makeLogo, mediaFile, regionMean, renderDraft, tmp } from './render-fixtures';

const W = 360;
const H = 640;
type Box = { x: number; y: number; w: number; h: number };
const full: Box = { x: 0, y: 0, w: W, h: H };
const centre: Box = { x: W / 2 - 20, y: H / 2 - 20, w: 40, h: 40 };
const corner: Box = { x: 4, y: 4, w: 30, h: 30 };
/** Bounding box of the pixels that differ from the text-less frame (faint, fading text included). */
function inkBox(withText: Buffer, without: Buffer): Box | undefined {
  let x0 = W;
  let y0 = H;
  let x1 = -1;
  let y1 = -1;
  for (let i = 0; i < W * H; i++) {
    const d =
      Math.abs(withText[3 * i]! - without[3 * i]!) +
      Math.abs(withText[3 * i + 1]! - without[3 * i + 1]!) +
      Math.abs(withText[3 * i + 2]! - without[3 * i + 2]!);
    if (d > 24) {
      const x = i % W;
      const y = (i - x) / W;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    }
  }
  return x1 < 0 ? undefined : { x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1 };
}
const luma = ([r, g, b]: [number, number, number]) => 0.2126 * r + 0.7152 * g + 0.0722 * b;

function twoShots(a: string, b: string, style?: StyleName, extra: Partial<Draft> = {}): Draft {
  return {
    d: 2500,
    m: { width: W, height: H, fps: 30, ...(style ? { style } : {}) },
    t: [
      {
        tt: 0,
        m: { transition: 'crossfade', transitionMs: 500 },
        sg: [
          { s: 0, d: 1500, m: { src: a, kind: 'image', motion: 'none' } },
          { s: 1000, d: 1500, m: { src: b, kind: 'image', motion: 'none' } },
        ],
      },
    ],
    ...extra,
  };
}

test(
  'each look has its own transition: dissolve, hard cut, circle reveal, dip to black',
  { timeout: 240_000 },
  async () => {
    const dir = tmp();
    const red = mediaFile(makeImage(join(dir, 'red.png'), 540, 960, 'color=c=red'), 'image', {
      width: 540,
      height: 960,
    });
    const blue = mediaFile(makeImage(join(dir, 'blue.png'), 540, 960, 'color=c=blue'), 'image', {
      width: 540,
      height: 960,
    });
    const at = async (style: StyleName | undefined, t: number) => {
      const out = join(dir, `x-${style ?? 'plain'}.mp4`);
      await renderDraft(twoShots(red.id, blue.id, style), [red, blue], out);
      const f = frameRgb(out, t);
      return { c: regionMean(f, W, centre), k: regionMean(f, W, corner) };
    };
    const mixed = (v: [number, number, number]) => v[0] > 50 && v[2] > 50;
    for (const style of [undefined, 'clean'] as const) {
      const { c, k } = await at(style, 1.2);
      assert.ok(
        mixed(c) && mixed(k),
        `${style ?? 'plain'}: a dissolve mixes both shots everywhere (centre ${c}, corner ${k})`,
      );
    }
    // bold: the first cut is a hard cut — one shot or the other, never a mix.
    const bold = await at('bold', 1.2);
    assert.ok(!mixed(bold.c) && !mixed(bold.k), `bold: hard cut (centre ${bold.c}, corner ${bold.k})`);
    // playful: circleopen — the new shot opens from the middle while the corners still show the old one.
    const playful = await at('playful', 1.2);
    assert.ok(
      playful.c[2] > playful.c[0] + 60 && playful.k[0] > playful.k[2] + 60,
      `playful: circle reveal (centre ${playful.c}, corner ${playful.k})`,
    );
    // elegant: fadeblack — the middle of the transition dips through black.
    const elegant = await at('elegant', 1.25);
    assert.ok(luma(elegant.c) < 40 && luma(elegant.k) < 40, `elegant: dip to black (centre ${elegant.c})`);
  },
);

test(
  'energetic cuts: a zoom-through pushes into the old shot as the new one dissolves in; a slide moves both shots left',
  { timeout: 240_000 },
  async () => {
    const dir = tmp();
    // A red disc in the middle of a white shot, then a blue and a green shot.
    const discPng = join(dir, 'disc.png');
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      `color=c=white:s=${W}x${H},format=rgb24,geq=r='255':g='255*gt(hypot(X-${W / 2},Y-${H / 2}),40)':b='255*gt(hypot(X-${W / 2},Y-${H / 2}),40)'`,
      '-frames:v',
      '1',
      discPng,
    ]);
    const disc = mediaFile(discPng, 'image', { width: W, height: H });
    const blue = mediaFile(makeImage(join(dir, 'blue.png'), W, H, 'color=c=blue'), 'image', { width: W, height: H });
    const green = mediaFile(makeImage(join(dir, 'green.png'), W, H, 'color=c=0x00ff00'), 'image', {
      width: W,
      height: H,
    });
    const shot = (src: string, s: number) => ({
      s,
      d: 1500,
      m: { src, kind: 'image' as const, motion: 'none' as const },
    });
    const draft: Draft = {
      d: 3500,
      m: { width: W, height: H, fps: 30, style: 'energetic' },
      t: [
        {
          tt: 0,
          m: { transition: 'crossfade', transitionMs: 500 },
          sg: [shot(disc.id, 0), shot(blue.id, 1000), shot(green.id, 2000)],
        },
      ],
    };
    const out = join(dir, 'energetic.mp4');
    await renderDraft(draft, [disc, blue, green], out);
    // The energetic look's first cut is its zoom-through (11 frames from 1.0 s): the disc grows
    // while blue comes in over it. Disc pixels: red with blue mixed in, no green (white has green).
    const discArea = (t: number) => {
      const f = frameRgb(out, t);
      let n = 0;
      for (let i = 0; i < W * H; i++) if (f[3 * i]! > 60 && f[3 * i + 1]! < 40) n++;
      return n;
    };
    const early = discArea(1.05);
    const late = discArea(1.25);
    assert.ok(early > 2000 && late > 1.5 * early, `the disc grows through the cut: ${early} → ${late} px`);
    const mid = regionMean(frameRgb(out, 1.2), W, corner);
    assert.ok(mid[2] > 60 && mid[1] > 40, `the new shot dissolves in over the old (corner ${mid})`);
    // The second cut slides (from 2.0 s): halfway, blue has moved out to the left, green in from the right.
    const slide = frameRgb(out, 2.18);
    const left = regionMean(slide, W, { x: 4, y: H / 2 - 20, w: 30, h: 40 });
    const right = regionMean(slide, W, { x: W - 34, y: H / 2 - 20, w: 30, h: 40 });
    assert.ok(left[2] > 180 && left[1] < 60, `blue on the left mid-slide (${left})`);
    assert.ok(right[1] > 180 && right[2] < 60, `green on the right mid-slide (${right})`);
  },
);

test(
  'each look sets its own font and entrance: pop grows, slide rises, typewriter and words reveal',
  { timeout: 300_000 },
  async (t) => {
    const dir = tmp();
    const grey = mediaFile(makeImage(join(dir, 'grey.png'), 540, 960, 'color=c=0x556677'), 'image', {
      width: 540,
      height: 960,
    });
    const draft = (style: StyleName | undefined, withText: boolean): Draft => ({
      d: 2500,
      m: { width: W, height: H, fps: 30, ...(style ? { style } : {}) },
      t: [
        { tt: 0, sg: [{ s: 0, d: 2500, m: { src: grey.id, kind: 'image', motion: 'none' } }] },
        ...(withText
          ? [
              {
                tt: 7,
                sg: [
                  { s: 500, d: 2000, m: { text: 'Summer Sale', role: 'title' as const, position: 'center' as const } },
                ],
              },
            ]
          : []),
      ],
    });
    const boxes: Partial<Record<StyleName | 'plain', { early: Box; settled: Box; mask: Buffer }>> = {};
    for (const style of [undefined, 'energetic', 'clean', 'elegant', 'bold'] as const) {
      const name = style ?? 'plain';
      const withT = join(dir, `t-${name}.mp4`);
      const without = join(dir, `n-${name}.mp4`);
      await renderDraft(draft(style, true), [grey], withT);
      await renderDraft(draft(style, false), [grey], without);
      const bg = frameRgb(without, 2.0);
      // Early in the entrance: 1 frame (pop), 2 (typewriter, words), 6 (the slow slide, faint before).
      const settledFrame = frameRgb(withT, 2.0);
      const settled = inkBox(settledFrame, bg);
      const frames = style === 'elegant' ? 6 : style === 'energetic' ? 1 : 2;
      const early = style ? inkBox(frameRgb(withT, 0.5 + frames / 30), bg) : settled;
      assert.ok(
        early && settled,
        `${name}: text found early (${JSON.stringify(early)}) and settled (${JSON.stringify(settled)})`,
      );
      const mask = Buffer.alloc(W * H);
      for (let i = 0; i < W * H; i++)
        mask[i] =
          Math.abs(settledFrame[3 * i]! - bg[3 * i]!) + Math.abs(settledFrame[3 * i + 1]! - bg[3 * i + 1]!) > 60
            ? 1
            : 0;
      boxes[name] = { early, settled, mask };
      t.diagnostic(`${name}: early ${JSON.stringify(early)} settled ${JSON.stringify(settled)}`);
    }
    const b = boxes as Record<StyleName | 'plain', { early: Box; settled: Box; mask: Buffer }>;
    // Entrances, 2 frames in.
    assert.ok(b.energetic.early.w < 0.9 * b.energetic.settled.w, 'energetic: the title pops (smaller at first)');
    assert.ok(b.elegant.early.y > b.elegant.settled.y + 3, 'elegant: the title rises into place');
    assert.ok(b.clean.early.w < 0.4 * b.clean.settled.w, 'clean: typed on letter by letter');
    // "SUMMER SALE" is two lines in bold capitals: the first word shows alone.
    assert.ok(
      b.bold.early.h < 0.6 * b.bold.settled.h && b.bold.early.w > 0.5 * b.bold.settled.w,
      'bold: revealed word by word',
    );
    // Fonts: settled glyphs differ between looks (capitals in Inter Black, Garamond, Inter Medium).
    const overlap = (x: Buffer, y: Buffer) => {
      let i = 0;
      let u = 0;
      for (let k = 0; k < x.length; k++) {
        i += x[k]! & y[k]!;
        u += x[k]! | y[k]!;
      }
      return i / Math.max(1, u);
    };
    for (const [p, q] of [
      ['energetic', 'elegant'],
      ['elegant', 'clean'],
      ['clean', 'energetic'],
      ['plain', 'elegant'],
    ] as const) {
      const iou = overlap(b[p].mask, b[q].mask);
      t.diagnostic(`glyph overlap ${p}/${q}: ${iou.toFixed(2)}`);
      assert.ok(iou < 0.7, `${p} and ${q} draw different glyphs (overlap ${iou.toFixed(2)})`);
    }
    assert.ok(
      b.energetic.settled.w > b.elegant.settled.w * 1.15,
      'energetic capitals are wider than the elegant serif',
    );
  },
);

test(
  'the end card shows title, call to action and logo on a dimmed picture; the last frame is black',
  { timeout: 240_000 },
  async () => {
    const dir = tmp();
    const green = mediaFile(makeImage(join(dir, 'green.png'), 540, 960, 'color=c=0x3a8a50'), 'image', {
      width: 540,
      height: 960,
    });
    const logo = mediaFile(makeLogo(join(dir, 'logo.png'), 200), 'image', { width: 200, height: 200, hasAlpha: true });
    const draft = (card: boolean): Draft => ({
      d: 4000,
      m: {
        width: W,
        height: H,
        fps: 30,
        style: 'energetic',
        ...(card ? { endCard: { ms: 1500, cta: 'Shop now' }, fadeOutMs: 500 } : {}),
      },
      t: [
        { tt: 0, sg: [{ s: 0, d: 4000, m: { src: green.id, kind: 'image', motion: 'none' } }] },
        { tt: 3, sg: [{ s: 0, d: 4000, m: { src: logo.id, position: 'top-right', scale: 0.2 } }] },
        { tt: 7, sg: [{ s: 0, d: 1500, m: { text: 'Summer Sale', role: 'title' } }] },
      ],
    });
    const withCard = join(dir, 'card.mp4');
    const noCard = join(dir, 'plain.mp4');
    await renderDraft(draft(true), [green, logo], withCard);
    await renderDraft(draft(false), [green, logo], noCard);
    const red = (f: Buffer, r: Box) => {
      let n = 0;
      for (let y = r.y; y < r.y + r.h; y++)
        for (let x = r.x; x < r.x + r.w; x++) {
          const i = 3 * (y * W + x);
          if (f[i]! > 170 && f[i + 1]! < 80 && f[i + 2]! < 80) n++;
        }
      return n;
    };
    const upperMiddle: Box = {
      x: Math.round(W * 0.3),
      y: Math.round(H * 0.2),
      w: Math.round(W * 0.4),
      h: Math.round(H * 0.3),
    };
    const topRight: Box = {
      x: Math.round(W * 0.6),
      y: Math.round(H * 0.08),
      w: Math.round(W * 0.35),
      h: Math.round(H * 0.15),
    };
    const lowBand: Box = { x: 10, y: Math.round(H * 0.85), w: W - 20, h: Math.round(H * 0.1) };
    const card = frameRgb(withCard, 3.2);
    const before = frameRgb(noCard, 3.2);
    // The picture under the card is dimmed.
    assert.ok(
      luma(regionMean(card, W, lowBand)) < 0.75 * luma(regionMean(before, W, lowBand)),
      'the picture dims under the card',
    );
    // The logo moves from the corner to the middle of the card.
    assert.ok(
      red(card, upperMiddle) > 200 && red(before, upperMiddle) === 0,
      `the logo is centred on the card (${red(card, upperMiddle)} red px)`,
    );
    assert.ok(red(card, topRight) === 0 && red(before, topRight) > 100, 'the corner logo gives way to the card');
    // Title and call to action: bright glyphs across the middle band where the plain render has none.
    const c = textContrast(card, frameRgb(withCard, 2.45), W, H);
    assert.ok(
      c.box && c.box.h > 0.12 * H,
      `title and call to action on the card (text block ${JSON.stringify(c.box)})`,
    );
    assert.ok(c.box.y > H * 0.3 && c.box.y + c.box.h < H * 0.8, 'centred below the logo');
    // Before the card nothing of it shows; the last frame is black (the plain render's is not).
    assert.ok(red(frameRgb(withCard, 2.3), upperMiddle) === 0, 'no card before its time');
    // The last frame's own time (its pts is 119/30 s; -ss a hair before it).
    const last = 4 - 1 / 30 - 0.002;
    assert.ok(luma(regionMean(frameRgb(withCard, last), W, full)) < 20, 'the last frame is black');
    assert.ok(luma(regionMean(frameRgb(noCard, last), W, full)) > 60, 'without the fade it is not');
  },
);

const REAL = '/usr/share/backgrounds/mate/nature';
const REAL_PICKS = ['YellowFlower.jpg', 'LadyBird.jpg', 'Wood.jpg'];

test('a real-photo 1080x1920 promo master lands at an upload bitrate (6–12 Mb/s)', { timeout: 400_000 }, async (t) => {
  if (!REAL_PICKS.every((f) => existsSync(join(REAL, f)))) {
    t.skip('Debian mate-backgrounds not installed');
    return;
  }
  const dir = tmp();
  const files: MediaFile[] = REAL_PICKS.map((f) => {
    const [w, h] = execFileSync(
      'ffprobe',
      ['-v', 'error', '-show_entries', 'stream=width,height', '-of', 'csv=p=0', join(REAL, f)],
      { encoding: 'utf8' },
    )
      .trim()
      .split(',')
      .map(Number);
    return mediaFile(join(REAL, f), 'image', { width: w, height: h });
  });
  const D = 6000;
  const draft: Draft = {
    d: D,
    m: { width: 1080, height: 1920, fps: 30, style: 'energetic' },
    t: [
      {
        tt: 0,
        m: { transition: 'crossfade', transitionMs: 500 },
        sg: files.map((f, i) => ({ s: i * 1833, d: 2333, m: { src: f.id, kind: 'image' as const } })),
      },
    ],
  };
  const out = join(dir, 'master.mp4');
  // The renderer's own preset and quality (not the tests' superfast).
  await renderDraft(draft, files, out, { preset: 'veryfast' });
  const bits = Number(
    execFileSync(
      'ffprobe',
      ['-v', 'error', '-select_streams', 'v', '-show_entries', 'stream=bit_rate', '-of', 'csv=p=0', out],
      { encoding: 'utf8' },
    ).trim(),
  );
  t.diagnostic(`video bitrate ${(bits / 1e6).toFixed(2)} Mb/s`);
  assert.ok(bits >= 6e6 && bits <= 12.5e6, `${(bits / 1e6).toFixed(2)} Mb/s`);
});

test(
  'bold word by word, karaoke style: the word coming in is highlighted, the words before it are white, none moves',
  { timeout: 240_000 },
  async (t) => {
    const dir = tmp();
    const [w, h] = [1280, 720]; // one line of three words at the title's size
    const grey = mediaFile(makeImage(join(dir, 'grey.png'), 640, 360, 'color=c=0x556677'), 'image', {
      width: 640,
      height: 360,
    });
    const out = join(dir, 'words.mp4');
    const draft: Draft = {
      d: 2500,
      m: { width: w, height: h, fps: 30, style: 'bold' },
      t: [
        { tt: 0, sg: [{ s: 0, d: 2500, m: { src: grey.id, kind: 'image', motion: 'none' } }] },
        {
          tt: 7,
          sg: [{ s: 500, d: 2000, m: { text: 'Shop the sale', role: 'title', position: 'center', scale: 1.5 } }],
        },
      ],
    };
    await renderDraft(draft, [grey], out);
    // Three words over 500 ms from 0.5 s (text.ts: ~167 ms a word), then the line settles.
    const frames = {
      first: frameRgb(out, 0.5 + 2 / 30),
      second: frameRgb(out, 0.5 + 7 / 30),
      settled: frameRgb(out, 2),
    };
    const kind = (f: Buffer, i: number): 'yellow' | 'white' | undefined => {
      const [r, g, b] = [f[3 * i]!, f[3 * i + 1]!, f[3 * i + 2]!];
      if (r > 200 && g > 160 && b < 100) return 'yellow';
      if (r > 200 && g > 200 && b > 200) return 'white';
      return undefined;
    };
    /** Words = runs of columns with glyph fill (white or yellow), split at gaps wider than 15 px. */
    const words = (f: Buffer) => {
      const runs: Array<{ x0: number; x1: number; yellow: number; white: number }> = [];
      let gap = Infinity;
      for (let x = 0; x < w; x++) {
        let yellow = 0;
        let white = 0;
        for (let y = 0; y < h; y++) {
          const k = kind(f, y * w + x);
          if (k === 'yellow') yellow++;
          else if (k === 'white') white++;
        }
        if (yellow + white === 0) {
          gap++;
          continue;
        }
        if (gap > 15 || !runs.length) runs.push({ x0: x, x1: x, yellow: 0, white: 0 });
        const r = runs[runs.length - 1]!;
        r.x1 = x;
        r.yellow += yellow;
        r.white += white;
        gap = 0;
      }
      return runs;
    };
    const first = words(frames.first);
    const second = words(frames.second);
    const settled = words(frames.settled);
    t.diagnostic(
      `first ${JSON.stringify(first)}\nsecond ${JSON.stringify(second)}\nsettled ${JSON.stringify(settled)}`,
    );
    assert.equal(settled.length, 3, 'three words once settled');
    assert.equal(first.length, 1, 'the first word alone at first');
    assert.equal(second.length, 2, 'two words while the second comes in');
    const share = (r: { yellow: number; white: number }) => r.yellow / (r.yellow + r.white);
    assert.ok(share(first[0]!) > 0.9, `the first word comes in highlighted (${share(first[0]!).toFixed(2)} yellow)`);
    assert.ok(share(second[0]!) < 0.1, `the word before is white (${share(second[0]!).toFixed(2)} yellow)`);
    assert.ok(share(second[1]!) > 0.9, `the word coming in is highlighted (${share(second[1]!).toFixed(2)} yellow)`);
    assert.ok(
      settled.every((r) => share(r) > 0.9),
      'the settled title is in the look’s title colour',
    );
    // Every word appears where it stays: the line never re-centres while it grows.
    for (const [i, r] of [...first.entries(), ...second.entries()])
      assert.ok(
        Math.abs(r.x0 - settled[i]!.x0) <= 1 && Math.abs(r.x1 - settled[i]!.x1) <= 1,
        `word ${i + 1} at ${r.x0}–${r.x1}, settled at ${settled[i]!.x0}–${settled[i]!.x1}`,
      );
    // And the settled line is centred on the frame (from the font's own advances).
    const mid = (settled[0]!.x0 + settled[2]!.x1) / 2;
    assert.ok(Math.abs(mid - w / 2) <= 6, `line centre ${mid} vs ${w / 2}`);
  },
);
