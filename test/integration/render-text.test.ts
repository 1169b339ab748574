/**
 * Text overlays in real renders: the title is drawn where it should be, captions stay out of the
 * platform UI zones, user text is never expanded or mis-quoted, and CJK renders real glyphs
 * (not the boxes DejaVu would draw).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Draft } from '../../src/contract/draft';
import { fontFor } from '../../src/engine/render/fonts';
import { layout, safeArea, textWidth } from '../../src/engine/render/text';
import { frameRgb, makeImage, mediaFile, regionDiff, renderDraft, tmp } from './render-fixtures';

const W = 270;
const H = 480;
const all = { x: 0, y: 0, w: W, h: H };

function draftWith(
  photoId: string,
  texts: { text: string; role: 'title' | 'caption'; position?: 'top' | 'center' | 'bottom' }[],
): Draft {
  return {
    d: 1000,
    m: { width: W, height: H, fps: 30 },
    t: [
      { tt: 0, sg: [{ s: 0, d: 1000, m: { src: photoId, kind: 'image', motion: 'none' } }] },
      { tt: 7, sg: texts.map((t) => ({ s: 0, d: 1000, m: t })) },
    ],
  };
}

test('the title is drawn in the upper third and nowhere else', async () => {
  const dir = tmp();
  const photo = mediaFile(makeImage(join(dir, 'p.png'), 540, 960), 'image', { width: 540, height: 960 });
  await renderDraft(draftWith(photo.id, []), [photo], join(dir, 'plain.mp4'));
  await renderDraft(draftWith(photo.id, [{ text: 'Big Sale', role: 'title' }]), [photo], join(dir, 'title.mp4'));
  const plain = frameRgb(join(dir, 'plain.mp4'), 0.5);
  const titled = frameRgb(join(dir, 'title.mp4'), 0.5);
  const upper = { x: Math.round(W * 0.2), y: Math.round(H * 0.2), w: Math.round(W * 0.6), h: Math.round(H * 0.1) }; // around 0.25 H
  const lower = { x: 0, y: Math.round(H * 0.5), w: W, h: Math.round(H * 0.5) };
  const d = regionDiff(plain, titled, W, upper);
  assert.ok(d > 8, `title pixels in the upper third (diff ${d.toFixed(1)})`);
  assert.ok(regionDiff(plain, titled, W, lower) < 1, 'nothing drawn in the lower half');
});

test('a long caption wraps inside the safe area: clear of the bottom 20% and the right 12%', async () => {
  const dir = tmp();
  const photo = mediaFile(makeImage(join(dir, 'p.png'), 540, 960), 'image', { width: 540, height: 960 });
  const text = 'Fresh handmade pastries every morning from six, with coffee roasted right here in town';
  const item = { text, role: 'caption' as const, startMs: 0, endMs: 1000 };
  const laid = layout(item, { w: W, h: H });
  const area = safeArea({ w: W, h: H });
  assert.ok(laid.lines.length >= 2);
  for (const line of laid.lines) assert.ok(textWidth(line, laid.size) <= area.right - area.left, line);
  await renderDraft(draftWith(photo.id, []), [photo], join(dir, 'plain.mp4'));
  await renderDraft(draftWith(photo.id, [{ text, role: 'caption' }]), [photo], join(dir, 'cap.mp4'));
  const plain = frameRgb(join(dir, 'plain.mp4'), 0.5);
  const cap = frameRgb(join(dir, 'cap.mp4'), 0.5);
  assert.ok(
    regionDiff(plain, cap, W, { x: 0, y: Math.round(H * 0.5), w: W, h: Math.round(H * 0.3) }) > 5,
    'caption drawn above the UI zone',
  );
  assert.ok(
    regionDiff(plain, cap, W, { x: 0, y: Math.round(H * 0.81), w: W, h: H - Math.round(H * 0.81) }) < 0.5,
    'bottom 19% untouched',
  );
  assert.ok(
    regionDiff(plain, cap, W, { x: Math.round(W * 0.89), y: 0, w: W - Math.round(W * 0.89), h: H }) < 0.5,
    'right 11% untouched',
  );
});

test('user text is shown verbatim: no %{} expansion, quotes and colons are safe', async () => {
  const dir = tmp();
  const photo = mediaFile(makeImage(join(dir, 'p.png'), 540, 960), 'image', { width: 540, height: 960 });
  const text = "50% off: it's %{pts} [today]; \\n {fun}";
  await renderDraft(draftWith(photo.id, [{ text, role: 'title', position: 'center' }]), [photo], join(dir, 'odd.mp4'));
  const plain = join(dir, 'plain.mp4');
  await renderDraft(draftWith(photo.id, []), [photo], plain);
  assert.ok(regionDiff(frameRgb(plain, 0.5), frameRgb(join(dir, 'odd.mp4'), 0.5), W, all) > 1);
});

test('CJK text renders real glyphs with the CJK font, not DejaVu tofu boxes', async () => {
  const dir = tmp();
  const bg = mediaFile(makeImage(join(dir, 'bg.png'), 540, 960, 'color=c=0x204060'), 'image', {
    width: 540,
    height: 960,
  });
  const a = join(dir, 'a.mp4');
  const b = join(dir, 'b.mp4');
  await renderDraft(draftWith(bg.id, [{ text: '夏日特卖', role: 'title' }]), [bg], a);
  await renderDraft(draftWith(bg.id, [{ text: '日夏卖特', role: 'title' }]), [bg], b);
  // The tofu reference: the same text, size and place drawn with DejaVu (which has no CJK).
  const tofu = (text: string, name: string) => {
    const laid = layout({ text, role: 'title', startMs: 0, endMs: 1000 }, { w: W, h: H });
    const tf = join(dir, `${name}.txt`);
    writeFileSync(tf, laid.lines[0]!);
    const out = join(dir, `${name}.png`);
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-i',
      a,
      '-frames:v',
      '1',
      '-vf',
      `drawbox=x=0:y=0:w=iw:h=ih:c=0x204060:t=fill,drawtext=fontfile=${fontFor('latin')}:textfile=${tf}:expansion=none:fontsize=${laid.size}:fontcolor=white:x=(w-text_w)/2:y=${laid.baselines[0]}-ascent:shadowcolor=black@0.7:shadowx=1:shadowy=1`,
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgb24',
      out,
    ]);
    return execFileSync('cat', [out]);
  };
  const fa = frameRgb(a, 0.5);
  const fb = frameRgb(b, 0.5);
  const ta = tofu('夏日特卖', 'tofuA');
  const tb = tofu('日夏卖特', 'tofuB');
  const band = { x: 0, y: Math.round(H * 0.15), w: W, h: Math.round(H * 0.2) };
  assert.ok(regionDiff(ta, tb, W, band) < 0.5, 'tofu boxes all look alike (reference sanity)');
  assert.ok(regionDiff(fa, fb, W, band) > 3, 'different CJK characters give different pixels');
  assert.ok(regionDiff(fa, ta, W, band) > 3, 'CJK render differs substantially from tofu');
});
