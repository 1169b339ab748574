/**
 * Type that reads, measured on rendered frames: the title is there at frame 0 (the thumbnail),
 * big (≥ 7 % of the frame height), ≥ 4.5:1 against what is behind it even on a white photo,
 * and neither text nor logo enters the platform UI bands; text moves clear of the logo.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Draft } from '../../src/contract/draft';
import { baseSize, layout, safeArea } from '../../src/engine/render/text';
import { textContrast } from '../../bench/lib/frames';
import { frameRgb, makeImage, makeLogo, mediaFile, regionDiff, renderDraft, tmp } from './render-fixtures';

const W = 360;
const H = 640;
const REAL = '/usr/share/backgrounds/mate/nature/YellowFlower.jpg';

function draft(photoId: string, opts: { title?: string; caption?: string; logo?: string } = {}): Draft {
  const texts = [
    ...(opts.title ? [{ s: 0, d: 1500, m: { text: opts.title, role: 'title' as const } }] : []),
    ...(opts.caption ? [{ s: 0, d: 1500, m: { text: opts.caption, role: 'caption' as const } }] : []),
  ];
  return {
    d: 1500,
    m: { width: W, height: H, fps: 30 },
    t: [
      { tt: 0, sg: [{ s: 0, d: 1500, m: { src: photoId, kind: 'image', motion: 'none' } }] },
      ...(opts.logo
        ? [{ tt: 3, sg: [{ s: 0, d: 1500, m: { src: opts.logo, position: 'top-right' as const, scale: 0.2 } }] }]
        : []),
      ...(texts.length ? [{ tt: 7, sg: texts }] : []),
    ],
  };
}

test(
  'the title is fully there at frame 0, ≥ 7 % of the frame height, ≥ 4.5:1 against a white and a busy photo',
  { timeout: 180_000 },
  async (t) => {
    const dir = tmp();
    const photos = [
      mediaFile(makeImage(join(dir, 'white.png'), 540, 960, 'color=c=white'), 'image', { width: 540, height: 960 }),
    ];
    if (existsSync(REAL)) photos.push(mediaFile(REAL, 'image', { width: 2560, height: 1600 }));
    else t.diagnostic(`${REAL} not installed (Debian mate-backgrounds): checked on the white photo only`);
    const title = 'Big Summer Sale';
    const laid = layout({ text: title, role: 'title', startMs: 0, endMs: 1500 }, { w: W, h: H });
    assert.ok(laid.size >= 0.07 * H, `title size ${laid.size} px ≥ 7 % of ${H}`);
    assert.ok(baseSize('caption', { w: W, h: H }) >= 0.04 * H);
    for (const p of photos) {
      const withTitle = join(dir, `t-${p.id}.mp4`);
      const plain = join(dir, `p-${p.id}.mp4`);
      await renderDraft(draft(p.id, { title }), photos, withTitle);
      await renderDraft(draft(p.id), photos, plain);
      const f0 = frameRgb(withTitle, 0);
      const c = textContrast(f0, frameRgb(plain, 0), W, H);
      t.diagnostic(`${p.name}: title contrast ${c.ratio.toFixed(1)}:1 at frame 0, glyph box ${JSON.stringify(c.box)}`);
      assert.ok(c.ratio >= 4.5, `${p.name}: contrast ${c.ratio.toFixed(2)}:1 at frame 0`);
      // The same glyphs at frame 0 as mid-way (no fade-in from nothing).
      const mid = frameRgb(withTitle, 0.75);
      assert.ok(regionDiff(f0, mid, W, c.box!) < 3, 'frame 0 already shows the whole title');
      // Glyph height: capitals of a ≥ 7 % em are ≥ 4.5 % of the frame height.
      assert.ok(c.box!.h >= 0.045 * H, `glyph block ${c.box!.h} px tall`);
    }
  },
);

test(
  'logo and text stay out of the platform UI bands; the title moves clear of the logo',
  { timeout: 180_000 },
  async () => {
    const dir = tmp();
    const photo = mediaFile(makeImage(join(dir, 'p.png'), 540, 960), 'image', { width: 540, height: 960 });
    const logo = mediaFile(makeLogo(join(dir, 'logo.png'), 128), 'image', { width: 128, height: 128, hasAlpha: true });
    const files = [photo, logo];
    const plain = join(dir, 'plain.mp4');
    const full = join(dir, 'full.mp4');
    await renderDraft(draft(photo.id), files, plain);
    const longTitle = 'Handmade ceramics for your kitchen table';
    await renderDraft(
      draft(photo.id, { title: longTitle, caption: 'Order today, ships tomorrow from our studio', logo: logo.id }),
      files,
      full,
    );
    const a = frameRgb(plain, 0.5);
    const b = frameRgb(full, 0.5);
    const top = Math.round(H * 0.1);
    const bottom = Math.round(H * 0.8);
    const right = Math.round(W * 0.88);
    assert.ok(regionDiff(a, b, W, { x: 0, y: 0, w: W, h: top - 1 }) < 0.3, 'top 10 % untouched');
    assert.ok(regionDiff(a, b, W, { x: 0, y: bottom + 1, w: W, h: H - bottom - 1 }) < 0.3, 'bottom 20 % untouched');
    assert.ok(regionDiff(a, b, W, { x: right + 1, y: 0, w: W - right - 1, h: H }) < 0.3, 'right 12 % untouched');
    // The logo is drawn (its red square), sized by the short side.
    const area = safeArea({ w: W, h: H });
    const lw = 72; // 0.2 × 360
    const lx = area.right - Math.round(W * 0.02) - lw;
    const ly = area.top + Math.round(W * 0.02);
    const red = { x: lx + 30, y: ly + 30, w: 12, h: 12 };
    const i = ((red.y + 6) * W + red.x + 6) * 3;
    assert.ok(b[i]! > 150 && b[i + 1]! < 90, `red logo at ${red.x},${red.y}`);
    // The title's block does not overlap the logo.
    const laid = layout({ text: longTitle, role: 'title', startMs: 0, endMs: 1500 }, { w: W, h: H }, [
      { x: lx, y: ly, w: lw, h: lw },
    ]);
    assert.ok(laid.block.y >= ly + lw, `title block starts at ${laid.block.y}, logo ends at ${ly + lw}`);
    assert.ok(
      regionDiff(a, b, W, { x: area.left, y: ly + lw + 2, w: area.right - area.left, h: laid.block.h - 4 }) > 5,
      'title drawn below the logo',
    );
  },
);

test(
  'draft m.fadeOutMs fades the whole picture (logo included) to black at the end',
  { timeout: 120_000 },
  async () => {
    const dir = tmp();
    const photo = mediaFile(makeImage(join(dir, 'p.png'), 540, 960, 'color=c=white'), 'image', {
      width: 540,
      height: 960,
    });
    const logo = mediaFile(makeLogo(join(dir, 'logo.png'), 128), 'image', { width: 128, height: 128, hasAlpha: true });
    const d = draft(photo.id, { title: 'End', logo: logo.id });
    d.m = { ...d.m, fadeOutMs: 600 };
    const out = join(dir, 'fade.mp4');
    await renderDraft(d, [photo, logo], out);
    const mean = (f: Buffer) => {
      let s = 0;
      for (let i = 0; i < f.length; i++) s += f[i]!;
      return s / f.length;
    };
    const before = mean(frameRgb(out, 0.5));
    const last = mean(frameRgb(out, 1.45)); // the last frame (1.467 s) is 1/18 of the way from black
    assert.ok(before > 200, `bright before the fade (${before.toFixed(0)})`);
    assert.ok(last < 40, `black at the end (${last.toFixed(0)})`);
  },
);
