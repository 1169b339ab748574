/**
 * The EXIF orientation of a JPEG (tag 0x0112 in IFD0 of the APP1 "Exif" segment): read it, set it
 * in place, and turn pixels upright by it. A photo converted from HEIF must look the same to
 * every backend: the renderers draw pixels as stored and do not read EXIF.
 */

interface OrientationTag {
  offset: number;
  little: boolean;
}

/** Finds the orientation tag's value field in a JPEG; undefined when the file has none. */
function findTag(jpg: Uint8Array): OrientationTag | undefined {
  const view = new DataView(jpg.buffer, jpg.byteOffset, jpg.byteLength);
  if (jpg.length < 4 || view.getUint16(0) !== 0xffd8) return undefined;
  let pos = 2;
  while (pos + 4 <= jpg.length && jpg[pos] === 0xff) {
    const marker = jpg[pos + 1];
    if (marker === 0xda || marker === 0xd9) return undefined; // image data starts: no more metadata
    const len = view.getUint16(pos + 2);
    const start = pos + 4;
    if (marker === 0xe1 && len >= 16 && String.fromCharCode(...jpg.subarray(start, start + 6)) === 'Exif\0\0') {
      const tiff = start + 6;
      const end = pos + 2 + len;
      const little = view.getUint16(tiff) === 0x4949;
      const u16 = (at: number) => view.getUint16(at, little);
      const u32 = (at: number) => view.getUint32(at, little);
      if (tiff + 8 > end) return undefined;
      const ifd = tiff + u32(tiff + 4);
      if (ifd + 2 > end) return undefined;
      const count = u16(ifd);
      for (let i = 0; i < count; i++) {
        const entry = ifd + 2 + i * 12;
        if (entry + 12 > end) return undefined;
        if (u16(entry) === 0x0112 && u16(entry + 2) === 3) return { offset: entry + 8, little };
      }
      return undefined;
    }
    pos = start + len - 2;
  }
  return undefined;
}

/** 1–8, or 1 when the JPEG says nothing (or something out of range). */
export function readOrientation(jpg: Uint8Array): number {
  const tag = findTag(jpg);
  if (!tag) return 1;
  const v = new DataView(jpg.buffer, jpg.byteOffset, jpg.byteLength).getUint16(tag.offset, tag.little);
  return v >= 1 && v <= 8 ? v : 1;
}

/** Sets the orientation tag, when there is one, without touching the rest of the file. */
export function writeOrientation(jpg: Uint8Array, value: number): void {
  const tag = findTag(jpg);
  if (tag) new DataView(jpg.buffer, jpg.byteOffset, jpg.byteLength).setUint16(tag.offset, value, tag.little);
}

export interface Rgba {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Pixels as a viewer would show them for EXIF orientation `o` (2–8; 1 returns the input). */
export function applyOrientation(img: Rgba, o: number): Rgba {
  if (o <= 1 || o > 8) return img;
  const { width: w, height: h, data } = img;
  const swap = o >= 5;
  const W = swap ? h : w;
  const H = swap ? w : h;
  const out = new Uint8Array(W * H * 4);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      // The source pixel shown at (x, y) for each orientation (EXIF 2.32, tag 274).
      let sx: number;
      let sy: number;
      switch (o) {
        case 2:
          sx = w - 1 - x;
          sy = y;
          break;
        case 3:
          sx = w - 1 - x;
          sy = h - 1 - y;
          break;
        case 4:
          sx = x;
          sy = h - 1 - y;
          break;
        case 5:
          sx = y;
          sy = x;
          break;
        case 6:
          sx = y;
          sy = h - 1 - x;
          break;
        case 7:
          sx = w - 1 - y;
          sy = h - 1 - x;
          break;
        default:
          sx = w - 1 - y;
          sy = x;
          break; // 8
      }
      const s = (sy * w + sx) * 4;
      const d = (y * W + x) * 4;
      out[d] = data[s];
      out[d + 1] = data[s + 1];
      out[d + 2] = data[s + 2];
      out[d + 3] = data[s + 3];
    }
  }
  return { width: W, height: H, data: out };
}
