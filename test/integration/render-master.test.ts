/**
 * The upload master: BT.709 (tagged AND converted), constant 30 fps, a keyframe at least every
 * 2 s, no MP4 edit list, faststart, AAC 48 kHz stereo. Checked with ffprobe and on raw frames.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Draft } from '../../src/contract/draft';
import { atoms, makeClip, makeImage, mediaFile, renderDraft, tmp } from './render-fixtures';

const W = 270;
const H = 480;

function ffprobeJson(args: string[]): Record<string, unknown> {
  return JSON.parse(
    execFileSync('ffprobe', ['-v', 'error', ...args, '-of', 'json'], { encoding: 'utf8', maxBuffer: 64 << 20 }),
  ) as Record<string, unknown>;
}

/** Mean of the Y plane inside a centred box of the frame at `t` (the file is yuv420p already). */
function meanLuma(path: string, t: number): number {
  const raw = execFileSync(
    'ffmpeg',
    ['-v', 'error', '-ss', String(t), '-i', path, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-'],
    { maxBuffer: 64 << 20 },
  );
  let sum = 0;
  let n = 0;
  for (let y = H / 2 - 20; y < H / 2 + 20; y++)
    for (let x = W / 2 - 20; x < W / 2 + 20; x++) {
      sum += raw[y * W + x]!;
      n++;
    }
  return sum / n;
}

test(
  'the master is BT.709 tagged and converted, CFR 30 fps, GOP ≤ 2 s, no edit list, faststart, AAC 48 kHz stereo',
  { timeout: 120_000 },
  async () => {
    const dir = tmp();
    // Pure red as a JPEG (BT.601 full range when decoded) and as an RGB PNG.
    const jpg = mediaFile(makeImage(join(dir, 'red.jpg'), 540, 960, 'color=c=red'), 'image', {
      width: 540,
      height: 960,
    });
    const png = mediaFile(makeImage(join(dir, 'red.png'), 540, 960, 'color=c=red'), 'image', {
      width: 540,
      height: 960,
    });
    const clip = mediaFile(makeClip(join(dir, 'c.mp4'), 640, 360, 2, true), 'video', { hasAudio: true });
    const draft: Draft = {
      d: 4500,
      m: { width: W, height: H, fps: 30 },
      t: [
        {
          tt: 0,
          m: { transition: 'none' },
          sg: [
            { s: 0, d: 1500, m: { src: jpg.id, kind: 'image', motion: 'none' } },
            { s: 1500, d: 1500, m: { src: png.id, kind: 'image', motion: 'none' } },
            { s: 3000, d: 1500, m: { src: clip.id, kind: 'video' } },
          ],
        },
        { tt: 1, sg: [{ s: 0, d: 4500, m: { src: 'builtin:bed' } }] },
      ],
    };
    const out = join(dir, 'master.mp4');
    await renderDraft(draft, [jpg, png, clip], out);

    const info = ffprobeJson(['-show_streams', '-show_format', out]) as { streams: Record<string, string | number>[] };
    const v = info.streams.find((s) => s.codec_type === 'video')!;
    const a = info.streams.find((s) => s.codec_type === 'audio')!;
    assert.deepEqual(
      [v.color_space, v.color_transfer, v.color_primaries, v.color_range],
      ['bt709', 'bt709', 'bt709', 'tv'],
    );
    assert.equal(v.r_frame_rate, '30/1');
    assert.equal(v.avg_frame_rate, '30/1', 'constant frame rate');
    assert.equal(Number(v.nb_frames), 135);
    assert.equal(a.sample_rate, '48000');
    assert.equal(a.channels, 2);

    // Converted, not only tagged: pure red has Y = 16 + 219·0.2126 ≈ 63 in BT.709 (≈ 82 in BT.601).
    for (const t of [0.7, 2.2]) {
      const y = meanLuma(out, t);
      assert.ok(Math.abs(y - 63) < 4, `red at ${t}s has Y ${y.toFixed(1)} (BT.709 ≈ 63, BT.601 ≈ 82)`);
    }

    // Keyframes at least every 2 s (60 frames).
    const pk = ffprobeJson(['-select_streams', 'v', '-show_entries', 'packet=flags,pts', out]) as {
      packets: { flags: string; pts: number }[];
    };
    const keys = pk.packets
      .map((p, i) => ({ i, pts: p.pts, key: p.flags.startsWith('K') }))
      .sort((x, y) => x.pts - y.pts)
      .map((p, idx) => (p.key ? idx : -1))
      .filter((i) => i >= 0);
    assert.equal(keys[0], 0);
    const gaps = keys.map((k, i) => (i ? k - keys[i - 1]! : k));
    assert.ok(Math.max(...gaps, 135 - keys.at(-1)!) <= 60, `keyframes at ${keys.join(',')}`);

    // No edit list anywhere in the movie header; moov before mdat.
    const bytes = readFileSync(out);
    assert.equal(bytes.indexOf(Buffer.from('elst')), -1, 'no elst atom');
    const order = atoms(out);
    assert.ok(order.indexOf('moov') < order.indexOf('mdat'), order.join(','));
    // The first video frame is presented at 0 (no B-frame delay pushed into the start).
    const first = ffprobeJson([
      '-select_streams',
      'v',
      '-show_entries',
      'frame=pts_time',
      '-read_intervals',
      '%+#1',
      out,
    ]) as { frames: { pts_time: string }[] };
    assert.ok(Math.abs(Number(first.frames[0]!.pts_time)) < 0.001, `first frame at ${first.frames[0]!.pts_time}`);
  },
);
