/**
 * Advance widths read from the font file itself (OpenType/TrueType, and the first face of a
 * collection — the face drawtext opens): `cmap` maps characters to glyphs, `hmtx` gives each
 * glyph's advance in font units. The word-by-word highlight (text.ts) needs where a line starts
 * so that its words, drawn as growing prefixes from that same start, sit exactly where the full
 * line will; drawtext then places every glyph itself. A font that cannot be read gives undefined
 * and the caller falls back to its estimate.
 */
import { closeSync, openSync, readSync } from 'node:fs';

interface Metrics {
  unitsPerEm: number;
  advance: (codePoint: number) => number;
}

const cache = new Map<string, Metrics | undefined>();
/** Only `cmap` and `hmtx` are kept (a few hundred KB even for Noto CJK, whose file is ~20 MB). */
const MAX_TABLE_BYTES = 4 << 20;

export function fontMetrics(path: string): Metrics | undefined {
  if (cache.has(path)) return cache.get(path);
  let m: Metrics | undefined;
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const at = (off: number, len: number) => {
      const b = Buffer.alloc(len);
      readSync(fd!, b, 0, len, off);
      return b;
    };
    m = parse(at);
  } catch {
    m = undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  cache.set(path, m);
  return m;
}

/**
 * Width of `text` in px at `size` as drawtext lays it out: each glyph's advance rounded to whole
 * pixels (FreeType's hinted advance), no kerning (OpenType fonts keep it in GPOS, which drawtext
 * does not apply).
 */
export function advanceWidth(path: string, text: string, size: number): number | undefined {
  const m = fontMetrics(path);
  if (!m) return undefined;
  let w = 0;
  for (const ch of text) w += Math.round((m.advance(ch.codePointAt(0)!) * size) / m.unitsPerEm);
  return w;
}

function parse(at: (off: number, len: number) => Buffer): Metrics | undefined {
  const first = at(0, 16);
  const base = first.toString('latin1', 0, 4) === 'ttcf' ? first.readUInt32BE(12) : 0;
  const numTables = at(base + 4, 2).readUInt16BE(0);
  const dir = at(base + 12, 16 * numTables);
  const tables = new Map<string, { off: number; len: number }>();
  for (let i = 0; i < numTables; i++)
    tables.set(dir.toString('latin1', 16 * i, 16 * i + 4), {
      off: dir.readUInt32BE(16 * i + 8),
      len: dir.readUInt32BE(16 * i + 12),
    });
  const t = (tag: string) => {
    const r = tables.get(tag);
    return r && r.len <= MAX_TABLE_BYTES ? at(r.off, r.len) : undefined;
  };
  const head = t('head');
  const hhea = t('hhea');
  const hmtx = t('hmtx');
  const cmap = t('cmap');
  if (!head || !hhea || !hmtx || !cmap) return undefined;
  const unitsPerEm = head.readUInt16BE(18);
  const numHMetrics = hhea.readUInt16BE(34);
  const glyphOf = cmapLookup(cmap, 0);
  if (!glyphOf || !unitsPerEm || !numHMetrics) return undefined;
  const adv = (g: number) => hmtx.readUInt16BE(4 * Math.min(g, numHMetrics - 1));
  const memo = new Map<number, number>();
  return {
    unitsPerEm,
    advance: (cp) => {
      let a = memo.get(cp);
      if (a === undefined) {
        a = adv(glyphOf(cp));
        memo.set(cp, a);
      }
      return a;
    },
  };
}

/** Unicode cmap subtable (format 12 preferred, else format 4) as a lookup; glyph 0 when absent. */
function cmapLookup(buf: Buffer, cmap: number): ((cp: number) => number) | undefined {
  const n = buf.readUInt16BE(cmap + 2);
  let f4: number | undefined;
  let f12: number | undefined;
  for (let i = 0; i < n; i++) {
    const platform = buf.readUInt16BE(cmap + 4 + 8 * i);
    const encoding = buf.readUInt16BE(cmap + 6 + 8 * i);
    const off = cmap + buf.readUInt32BE(cmap + 8 + 8 * i);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode) continue;
    const format = buf.readUInt16BE(off);
    if (format === 12) f12 ??= off;
    else if (format === 4) f4 ??= off;
  }
  if (f12 !== undefined) {
    const groups = buf.readUInt32BE(f12 + 12);
    return (cp) => {
      let lo = 0;
      let hi = groups - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const g = f12 + 16 + 12 * mid;
        const start = buf.readUInt32BE(g);
        const end = buf.readUInt32BE(g + 4);
        if (cp < start) hi = mid - 1;
        else if (cp > end) lo = mid + 1;
        else return buf.readUInt32BE(g + 8) + (cp - start);
      }
      return 0;
    };
  }
  if (f4 === undefined) return undefined;
  const segX2 = buf.readUInt16BE(f4 + 6);
  const ends = f4 + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const ranges = deltas + segX2;
  return (cp) => {
    if (cp > 0xffff) return 0;
    for (let i = 0; i < segX2; i += 2) {
      if (cp > buf.readUInt16BE(ends + i)) continue;
      const start = buf.readUInt16BE(starts + i);
      if (cp < start) return 0;
      const delta = buf.readInt16BE(deltas + i);
      const ro = buf.readUInt16BE(ranges + i);
      if (ro === 0) return (cp + delta) & 0xffff;
      const g = buf.readUInt16BE(ranges + i + ro + 2 * (cp - start));
      return g === 0 ? 0 : (g + delta) & 0xffff;
    }
    return 0;
  };
}
