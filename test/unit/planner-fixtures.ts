/** Plain MediaFile objects and draft checks shared by the planner tests (no files needed). */
import assert from 'node:assert/strict';
import type { Draft, DraftSegment } from '../../src/contract/draft';
import type { MediaFile } from '../../src/engine/contracts';

let clock = 1_700_000_000_000;
function base(id: string, name: string): Pick<MediaFile, 'id' | 'name' | 'path' | 'uploadedAt'> {
  clock += 1000;
  return { id, name, path: `/data/${id}`, uploadedAt: clock };
}

export function photo(i: number, name = `summer_sale_${i}.jpg`): MediaFile {
  return { ...base(`photo${i}`, name), mime: 'image/jpeg', kind: 'image', size: 2_000_000, width: 3024, height: 4032 };
}
export function clip(i: number, seconds: number, hasAudio = false, name = `clip_${i}.mp4`): MediaFile {
  return {
    ...base(`clip${i}`, name),
    mime: 'video/mp4',
    kind: 'video',
    size: 9_000_000,
    width: 1920,
    height: 1080,
    duration: seconds,
    fps: 30,
    hasAudio,
  };
}
export function song(name = 'my_song.mp3', id = 'song1'): MediaFile {
  return { ...base(id, name), mime: 'audio/mpeg', kind: 'audio', size: 3_000_000, duration: 95 };
}
export function logo(name = 'logo.png'): MediaFile {
  return {
    ...base('logo1', name),
    mime: 'image/png',
    kind: 'image',
    size: 30_000,
    width: 512,
    height: 512,
    hasAlpha: true,
  };
}
export function photos(n: number): MediaFile[] {
  return Array.from({ length: n }, (_, i) => photo(i + 1));
}

export function track(d: Draft | undefined, tt: number) {
  return d?.t?.find((t) => t.tt === tt);
}
export function texts(d: Draft | undefined, role?: 'title' | 'caption'): DraftSegment[] {
  const sg = track(d, 7)?.sg ?? [];
  return role ? sg.filter((s) => s.m?.role === role) : sg;
}
export function title(d: Draft | undefined): DraftSegment | undefined {
  return texts(d, 'title')[0];
}

/**
 * The timing contract the renderer relies on: consecutive video segments overlap by exactly the
 * track's transitionMs, the first starts at 0, the last ends at the draft's d, every d > 0, and
 * every other segment lies inside [0, d].
 */
export function assertTiming(d: Draft, label = ''): void {
  const total = d.d ?? 0;
  assert.ok(total > 0, `${label}: total > 0`);
  const v = track(d, 0);
  assert.ok(v && v.sg.length > 0, `${label}: a video track with segments`);
  const t = v.m?.transition === 'none' ? 0 : Number(v.m?.transitionMs ?? 0);
  if (v.m?.transition === 'none') assert.equal(v.m?.transitionMs, 0, `${label}: no transition → 0 ms`);
  assert.equal(v.sg[0]!.s, 0, `${label}: first segment starts at 0`);
  v.sg.forEach((seg, i) => {
    assert.ok(Number.isInteger(seg.s) && Number.isInteger(seg.d), `${label}: integer ms`);
    assert.ok((seg.d ?? 0) > 0, `${label}: segment ${i} d > 0`);
    assert.ok((seg.d ?? 0) >= 2 * t || v.sg.length === 1, `${label}: segment ${i} longer than two crossfades`);
    const next = v.sg[i + 1];
    if (next)
      assert.equal(next.s, (seg.s ?? 0) + (seg.d ?? 0) - t, `${label}: overlap between ${i} and ${i + 1} is ${t}`);
  });
  const lastSeg = v.sg[v.sg.length - 1]!;
  assert.equal((lastSeg.s ?? 0) + (lastSeg.d ?? 0), total, `${label}: last end == d`);
  for (const tr of d.t ?? []) {
    if (tr.tt === 0) continue;
    for (const seg of tr.sg) {
      assert.ok((seg.s ?? 0) >= 0 && (seg.d ?? 0) > 0, `${label}: tt ${tr.tt} segment has s ≥ 0, d > 0`);
      assert.ok((seg.s ?? 0) + (seg.d ?? 0) <= total, `${label}: tt ${tr.tt} segment ends by ${total}`);
    }
  }
}
