/**
 * Content sniffing from the first bytes of a file, so a renamed text file is refused before
 * upload (client) and on arrival (local engine). Returns undefined for unknown content.
 */
export type MediaKind = 'image' | 'video' | 'audio';
export interface Sniffed {
  mime: string;
  kind: MediaKind;
  ext: string;
}

/** How many leading bytes `sniff` needs. */
export const SNIFF_BYTES = 64;

function ascii(b: Uint8Array, start: number, len: number): string {
  return String.fromCharCode(...b.subarray(start, start + len));
}

export function sniff(b: Uint8Array): Sniffed | undefined {
  if (b.length < 4) return undefined;
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return { mime: 'image/jpeg', kind: 'image', ext: 'jpg' };
  if (b[0] === 0x89 && ascii(b, 1, 3) === 'PNG') return { mime: 'image/png', kind: 'image', ext: 'png' };
  if (ascii(b, 0, 4) === 'GIF8') return { mime: 'image/gif', kind: 'image', ext: 'gif' };
  if (ascii(b, 0, 4) === 'RIFF' && b.length >= 12) {
    const sub = ascii(b, 8, 4);
    if (sub === 'WEBP') return { mime: 'image/webp', kind: 'image', ext: 'webp' };
    if (sub === 'WAVE') return { mime: 'audio/wav', kind: 'audio', ext: 'wav' };
    if (sub === 'AVI ') return { mime: 'video/x-msvideo', kind: 'video', ext: 'avi' };
  }
  if (b.length >= 12 && ascii(b, 4, 4) === 'ftyp') {
    const brand = ascii(b, 8, 4);
    if (brand.startsWith('M4A') || brand.startsWith('M4B')) return { mime: 'audio/mp4', kind: 'audio', ext: 'm4a' };
    if (brand === 'qt  ') return { mime: 'video/quicktime', kind: 'video', ext: 'mov' };
    return { mime: 'video/mp4', kind: 'video', ext: 'mp4' };
  }
  if (b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3) {
    // EBML: webm and mkv share it; the DocType string tells them apart.
    const head = ascii(b, 0, Math.min(b.length, SNIFF_BYTES));
    return head.includes('webm')
      ? { mime: 'video/webm', kind: 'video', ext: 'webm' }
      : { mime: 'video/x-matroska', kind: 'video', ext: 'mkv' };
  }
  if (ascii(b, 0, 3) === 'ID3') return { mime: 'audio/mpeg', kind: 'audio', ext: 'mp3' };
  if (b[0] === 0xff && (b[1] & 0xf6) === 0xf0) return { mime: 'audio/aac', kind: 'audio', ext: 'aac' }; // ADTS
  if (b[0] === 0xff && (b[1] & 0xe0) === 0xe0) return { mime: 'audio/mpeg', kind: 'audio', ext: 'mp3' }; // MPEG frame sync
  return undefined;
}
