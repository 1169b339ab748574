/** The pieces that make a converted iPhone photo upright: EXIF orientation and HEIF transforms. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyOrientation, readOrientation, writeOrientation } from '../../src/core/exifOrientation';
import { hasHeifTransforms, isHeifName, looksLikeHeif } from '../../src/core/heif';
import { splitJpeg } from '../support/heic';

/** A 3×2 image whose pixels are numbered 0–5 (red channel), row by row. */
const numbered = { width: 3, height: 2, data: Uint8Array.from([0, 1, 2, 3, 4, 5].flatMap((n) => [n, 0, 0, 255])) };
const reds = (img: { data: Uint8Array }) => [...img.data].filter((_, i) => i % 4 === 0);

test('applyOrientation shows the pixels as a viewer does for each EXIF orientation', { timeout: 5_000 }, () => {
  // 0 1 2      orientation 6 (quarter turn clockwise): 3 0
  // 3 4 5                                              4 1
  //                                                    5 2
  const cases: Record<number, [number, number, number[]]> = {
    1: [3, 2, [0, 1, 2, 3, 4, 5]],
    2: [3, 2, [2, 1, 0, 5, 4, 3]],
    3: [3, 2, [5, 4, 3, 2, 1, 0]],
    4: [3, 2, [3, 4, 5, 0, 1, 2]],
    5: [2, 3, [0, 3, 1, 4, 2, 5]],
    6: [2, 3, [3, 0, 4, 1, 5, 2]],
    7: [2, 3, [5, 2, 4, 1, 3, 0]],
    8: [2, 3, [2, 5, 1, 4, 0, 3]],
  };
  for (const [o, [w, h, px]] of Object.entries(cases)) {
    const out = applyOrientation(numbered, Number(o));
    assert.deepEqual([out.width, out.height, reds(out)], [w, h, px], `orientation ${o}`);
  }
});

test('EXIF orientation is read and rewritten in place; a JPEG without one reads as 1', { timeout: 5_000 }, () => {
  const jpg = splitJpeg(8, 4, 6);
  assert.equal(readOrientation(jpg), 6);
  const before = jpg.length;
  writeOrientation(jpg, 1);
  assert.equal(readOrientation(jpg), 1);
  assert.equal(jpg.length, before);
  assert.equal(readOrientation(splitJpeg(8, 4)), 1);
  assert.equal(readOrientation(Buffer.from('not a jpeg')), 1);
});

/** An ISO-BMFF box. */
const box = (type: string, ...body: Buffer[]) => {
  const b = Buffer.concat(body);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + b.length);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, b]);
};
const heifWith = (...props: Buffer[]) =>
  Buffer.concat([
    box('ftyp', Buffer.from('heic\0\0\0\0mif1heic', 'latin1')),
    box(
      'meta',
      Buffer.alloc(4),
      box('hdlr', Buffer.alloc(24)),
      box('iprp', box('ipco', box('ispe', Buffer.alloc(12)), ...props)),
    ),
  ]);

test(
  'HEIF transforms (what iPhones write) are found in meta/iprp/ipco; a zero rotation is none',
  { timeout: 5_000 },
  () => {
    assert.equal(hasHeifTransforms(heifWith(box('irot', Buffer.from([1])))), true);
    assert.equal(hasHeifTransforms(heifWith(box('imir', Buffer.from([0])))), true);
    assert.equal(hasHeifTransforms(heifWith(box('irot', Buffer.from([0])))), false);
    assert.equal(hasHeifTransforms(heifWith()), false);
    assert.equal(hasHeifTransforms(Buffer.from('garbage that is not boxes')), false);
    assert.equal(looksLikeHeif(heifWith()), true);
    assert.equal(looksLikeHeif(Buffer.from('\0\0\0\x18ftypisom\0\0\0\0', 'latin1')), false, 'an MP4 is not HEIF');
    assert.deepEqual(['a.HEIC', 'b.heif', 'c.jpg', 'heic'].map(isHeifName), [true, true, false, false]);
  },
);
