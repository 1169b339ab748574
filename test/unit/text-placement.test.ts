/**
 * Where a text block goes when its own place is taken by a face or the logo (render/text.ts
 * `layout`): never over the obstacle, with room to breathe (1.5 em) when the frame has it, and as
 * close to the look's own place as that allows. Pure layout: no ffmpeg.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layout, safeArea, type Rect } from '../../src/engine/render/text';

const canvas = { w: 1080, h: 1920 };
const title = { text: 'Summer Sale', role: 'title' as const, startMs: 0, endMs: 3000 };

/** Vertical air between the text block and a rectangle (negative: they overlap). */
function air(block: Rect, r: Rect): number {
  if (r.y < block.y + block.h && r.y + r.h > block.y) return -1;
  return r.y >= block.y + block.h ? r.y - (block.y + block.h) : block.y - (r.y + r.h);
}

test('a title that lands on a face keeps 1.5 em of air from it, near its own place', { timeout: 5_000 }, () => {
  const free = layout(title, canvas);
  // A face right where the title would go (the upper third).
  const face: Rect = { x: 330, y: free.block.y - 150, w: 420, h: 460 };
  const moved = layout(title, canvas, [face]);
  const a = air(moved.block, face);
  assert.ok(a >= 1.5 * moved.size, `air ${a} px between the title and the face (size ${moved.size})`);
  // Not sent to the far end of the frame: the nearest place with that much air.
  const area = safeArea(canvas);
  const below = face.y + face.h + Math.round(1.5 * moved.size);
  const above = face.y - Math.round(1.5 * moved.size) - moved.block.h;
  const options = [below, above].filter((y) => y >= area.top && y + moved.block.h <= area.bottom);
  const nearest = options.sort((p, q) => Math.abs(p - free.block.y) - Math.abs(q - free.block.y))[0];
  assert.equal(moved.block.y, nearest, `title at ${moved.block.y}, options ${options.join(', ')}`);
});

test('with no place that has 1.5 em of air, the title takes the one with the most', { timeout: 5_000 }, () => {
  const area = safeArea(canvas);
  const free = layout(title, canvas);
  // A face filling the safe area but a band at its top and one at its bottom; the bottom band is deeper.
  const face: Rect = { x: 200, y: area.top + free.block.h + 20, w: 680, h: 0 };
  face.h = area.bottom - free.block.h - 60 - face.y;
  const moved = layout(title, canvas, [face]);
  assert.ok(air(moved.block, face) >= 0, 'not over the face');
  assert.ok(moved.block.y > face.y, `the deeper band below the face (title at ${moved.block.y})`);
  assert.ok(air(moved.block, face) >= 40, `air ${air(moved.block, face)} px`);
});

test('a title whose place is free stays where the look puts it', { timeout: 5_000 }, () => {
  const free = layout(title, canvas);
  const lowFace: Rect = { x: 300, y: 1200, w: 400, h: 300 };
  assert.equal(layout(title, canvas, [lowFace]).block.y, free.block.y);
});

test('a face and the logo at once: the title clears both', { timeout: 5_000 }, () => {
  const free = layout(title, canvas);
  const face: Rect = { x: 330, y: free.block.y - 100, w: 420, h: 420 };
  const logo: Rect = { x: 430, y: face.y + face.h + 40, w: 220, h: 120 };
  const moved = layout(title, canvas, [face, logo]);
  for (const r of [face, logo]) assert.ok(air(moved.block, r) >= 0, `clear of ${JSON.stringify(r)}`);
});
