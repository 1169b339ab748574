/**
 * Faces (issue 13, item 2): found once per photo at upload by the tiny face detector shipped in
 * @vladmandic/face-api, stored in the photo's Subject, and used by the renderer — the cover crop
 * and the Ken Burns zoom keep the face in frame, and the title is placed off the face.
 * Fixture: astronaut.png (NASA portrait of Eileen Collins, public domain) from Debian's
 * python3-skimage (scripts/test.mjs installs it); a mate-backgrounds nature photo has no face.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Draft } from '../../src/contract/draft';
import {
  analyzeClip,
  analyzePhoto,
  bestCover,
  GRID,
  paddedFace,
  subjectFocus,
  type Subject,
} from '../../src/engine/subject';
import { detectFaces, type FaceBox } from '../../src/engine/faces';
import { chooseFit } from '../../src/engine/render/video';
import { frameRgb, mediaFile, renderDraft, tmp } from './render-fixtures';

const ASTRONAUT = '/usr/lib/python3/dist-packages/skimage/data/astronaut.png';
const NATURE = '/usr/share/backgrounds/mate/nature/LadyBird.jpg';
const W = 360;
const H = 640;
const FFMPEG = process.env.FFMPEG_PATH || 'ffmpeg';

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
const overlap = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** The faces the detector sees in one frame of a rendered video, canvas px. */
async function facesInFrame(video: string, seconds: number, dir: string): Promise<Box[]> {
  const png = join(dir, `f-${seconds}.png`);
  execFileSync(FFMPEG, ['-v', 'error', '-y', '-ss', seconds.toFixed(3), '-i', video, '-frames:v', '1', png]);
  const found: FaceBox[] = await detectFaces(png, W, H, FFMPEG);
  return found.map((f) => ({ x: f.x * W, y: f.y * H, w: f.w * W, h: f.h * H }));
}

/** The bounding box of the pixels where two frames differ clearly (the title drawn on one of them). */
function changedBox(a: Buffer, b: Buffer): Box | undefined {
  let x0 = W;
  let y0 = H;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const i = (y * W + x) * 3;
      const d = Math.abs(a[i]! - b[i]!) + Math.abs(a[i + 1]! - b[i + 1]!) + Math.abs(a[i + 2]! - b[i + 2]!);
      if (d < 90) continue;
      x0 = Math.min(x0, x);
      y0 = Math.min(y0, y);
      x1 = Math.max(x1, x);
      y1 = Math.max(y1, y);
    }
  return x1 < 0 ? undefined : { x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1 };
}

test(
  'analyzePhoto finds the one face of the astronaut portrait where it is, and none in a nature photo',
  { timeout: 120_000, skip: !existsSync(ASTRONAUT) && 'python3-skimage is not installed' },
  async () => {
    const s = await analyzePhoto(ASTRONAUT, 512, 512);
    assert.ok(s?.faces, 'the detector ran');
    assert.equal(s.faces.length, 1, `one face: ${JSON.stringify(s.faces)}`);
    const f = s.faces[0]!;
    // Eileen Collins' face spans about x 165–280, y 75–190 of the 512 px portrait.
    const cx = (f.x + f.w / 2) * 512;
    const cy = (f.y + f.h / 2) * 512;
    assert.ok(Math.abs(cx - 222) < 25 && Math.abs(cy - 132) < 25, `face centre (${cx.toFixed(0)}, ${cy.toFixed(0)})`);
    assert.ok(f.w * 512 > 80 && f.w * 512 < 160, `face width ${(f.w * 512).toFixed(0)} px`);
    assert.ok(f.score > 0.8, `score ${f.score}`);
    const n = await analyzePhoto(NATURE, 2560, 1600);
    assert.deepEqual(n?.faces, [], 'no face in the ladybird photo');
  },
);

test(
  'astronaut + title on 9:16: the zoom keeps the face in every sampled frame and the title never covers it',
  { timeout: 300_000, skip: !existsSync(ASTRONAUT) && 'python3-skimage is not installed' },
  async () => {
    const dir = tmp();
    const subject = await analyzePhoto(ASTRONAUT, 512, 512);
    assert.equal(subject?.faces?.length, 1, 'the face was found at upload');
    const photo = mediaFile(ASTRONAUT, 'image', { width: 512, height: 512, subject });
    // The square portrait fills the vertical frame: a 9:16 crop keeps the face whole.
    assert.equal(chooseFit(photo, { w: W, h: H, fps: 30 }), 'cover');
    const draft = (title: boolean, motion: 'in' | 'out'): Draft => ({
      d: 3000,
      m: { width: W, height: H, fps: 30 },
      t: [
        { tt: 0, sg: [{ s: 0, d: 3000, m: { src: photo.id, kind: 'image', motion } }] },
        ...(title ? [{ tt: 7, sg: [{ s: 0, d: 3000, m: { text: 'Mission Ready', role: 'title' as const } }] }] : []),
      ],
    });
    for (const motion of ['in', 'out'] as const) {
      const plain = join(dir, `plain-${motion}.mp4`);
      const titled = join(dir, `titled-${motion}.mp4`);
      await renderDraft(draft(false, motion), [photo], plain);
      await renderDraft(draft(true, motion), [photo], titled);
      for (const t of [0.05, 0.8, 1.5, 2.2, 2.9]) {
        const faces = await facesInFrame(plain, t, dir);
        assert.equal(faces.length, 1, `${motion} @${t}s: one face in the frame (${JSON.stringify(faces)})`);
        const face = faces[0]!;
        assert.ok(
          face.x > 2 && face.y > 2 && face.x + face.w < W - 2 && face.y + face.h < H - 2,
          `${motion} @${t}s: the face is inside the frame ${JSON.stringify(face)}`,
        );
        const title = changedBox(frameRgb(titled, t), frameRgb(plain, t));
        if (t >= 0.8) assert.ok(title, `${motion} @${t}s: the title is drawn`);
        if (title)
          assert.ok(
            !overlap(title, face),
            `${motion} @${t}s: title ${JSON.stringify(title)} over face ${JSON.stringify(face)}`,
          );
      }
    }
  },
);

/** Pixels where two frames differ clearly (text drawn on one), and how many of them lie in `box`. */
function changedIn(a: Buffer, b: Buffer, box: Box): { changed: number; inBox: number } {
  let changed = 0;
  let inBox = 0;
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const i = (y * W + x) * 3;
      if (Math.abs(a[i]! - b[i]!) + Math.abs(a[i + 1]! - b[i + 1]!) + Math.abs(a[i + 2]! - b[i + 2]!) < 90) continue;
      changed++;
      if (x >= box.x && x < box.x + box.w && y >= box.y && y < box.y + box.h) inBox++;
    }
  return { changed, inBox };
}

test(
  'the end card keeps its title and call to action off the face',
  { timeout: 300_000, skip: !existsSync(ASTRONAUT) && 'python3-skimage is not installed' },
  async () => {
    const dir = tmp();
    const subject = await analyzePhoto(ASTRONAUT, 512, 512);
    const photo = mediaFile(ASTRONAUT, 'image', { width: 512, height: 512, subject });
    // Same picture and dim either way: only the card's words differ.
    const draft = (words: boolean): Draft => ({
      d: 4000,
      m: { width: W, height: H, fps: 30, endCard: { ms: 2000, ...(words ? { cta: 'Order today' } : {}) } },
      t: [
        { tt: 0, sg: [{ s: 0, d: 4000, m: { src: photo.id, kind: 'image', motion: 'in' } }] },
        ...(words ? [{ tt: 7, sg: [{ s: 0, d: 1500, m: { text: 'Mission Ready', role: 'title' as const } }] }] : []),
      ],
    });
    const plain = join(dir, 'card-plain.mp4');
    const worded = join(dir, 'card-words.mp4');
    await renderDraft(draft(false), [photo], plain);
    await renderDraft(draft(true), [photo], worded);
    for (const t of [2.6, 3.2, 3.8]) {
      const faces = await facesInFrame(plain, t, dir);
      assert.equal(faces.length, 1, `@${t}s: the face is seen under the dim (${JSON.stringify(faces)})`);
      const { changed, inBox } = changedIn(frameRgb(worded, t), frameRgb(plain, t), faces[0]!);
      assert.ok(changed > 500, `@${t}s: the card's words are drawn (${changed} px)`);
      assert.equal(
        inBox,
        0,
        `@${t}s: ${inBox} of the words' ${changed} px lie on the face ${JSON.stringify(faces[0])}`,
      );
    }
  },
);

test(
  'a landscape clip fills the vertical frame around a face that stays put, and keeps the blurred background when the face moves across',
  { timeout: 300_000, skip: !existsSync(ASTRONAUT) && 'python3-skimage is not installed' },
  async () => {
    const dir = tmp();
    const clip = (name: string, x: string) => {
      const path = join(dir, name);
      execFileSync(FFMPEG, [
        ...[
          '-v',
          'error',
          '-y',
          '-f',
          'lavfi',
          '-i',
          'color=c=gray:s=1280x720:r=25:d=3',
          '-loop',
          '1',
          '-i',
          ASTRONAUT,
        ],
        ...['-filter_complex', `[1:v]scale=-2:720[p];[0:v][p]overlay=x='${x}':y=0:shortest=1,format=yuv420p`],
        ...['-t', '3', path],
      ]);
      return path;
    };
    const still = clip('still.mp4', '40');
    const moving = clip('moving.mp4', 't/3*560');
    const canvas = { w: W, h: H, fps: 30 };
    const stillSubject = await analyzeClip(still, 1280, 720, 3);
    assert.ok(stillSubject?.faces?.length, `faces found in the still clip: ${JSON.stringify(stillSubject?.faces)}`);
    const movingSubject = await analyzeClip(moving, 1280, 720, 3);
    assert.ok((movingSubject?.faces?.length ?? 0) >= 2, 'the face is seen at several places in the moving clip');
    const media = (path: string, subject: Subject | undefined) =>
      mediaFile(path, 'video', { width: 1280, height: 720, duration: 3, hasAudio: false, subject });
    assert.equal(chooseFit(media(still, stillSubject), canvas), 'cover', 'the still face fits a 9:16 crop');
    assert.equal(chooseFit(media(moving, movingSubject), canvas), 'blur', 'no 9:16 crop keeps the moving face');

    // Rendered: the still clip fills the frame with her face large and whole (the blurred fit
    // would show the whole 16:9 picture 360 px wide, her face ~45 px).
    const out = join(dir, 'still-9x16.mp4');
    const file = media(still, stillSubject);
    await renderDraft(
      {
        d: 2000,
        m: { width: W, height: H, fps: 30 },
        t: [{ tt: 0, sg: [{ s: 0, d: 2000, m: { src: file.id, kind: 'video' } }] }],
      },
      [file],
      out,
    );
    const faces = await facesInFrame(out, 1, dir);
    assert.equal(faces.length, 1, `one face in the frame: ${JSON.stringify(faces)}`);
    const f = faces[0]!;
    assert.ok(f.w > 90, `the face fills the frame's picture (${f.w.toFixed(0)} px wide)`);
    assert.ok(f.x > 2 && f.x + f.w < W - 2, `the face is inside the frame ${JSON.stringify(f)}`);
  },
);

test(
  'faces weigh more than saliency: the 9:16 crop of a landscape photo keeps the face; two faces apart → blurred fit',
  { timeout: 10_000 },
  () => {
    // Saliency all on the right (cells x 12–14), a face on the left.
    const grid = new Array<number>(GRID * GRID).fill(0);
    for (let y = 6; y < 10; y++) for (let x = 12; x < 15; x++) grid[y * GRID + x] = 1 / 12;
    const face = { x: 0.1, y: 0.3, w: 0.08, h: 0.14, score: 0.9 };
    const saliencyOnly: Subject = { grid, focus: { x: 0.84, y: 0.5 } };
    const withFace: Subject = { ...saliencyOnly, faces: [face] };
    const a = 16 / 9;
    const sal = bestCover(saliencyOnly, a, 9 / 16);
    assert.ok(sal.x > 0.5, `without faces the crop follows saliency (x ${sal.x.toFixed(2)})`);
    const crop = bestCover(withFace, a, 9 / 16);
    const f = paddedFace(face);
    assert.ok(
      crop.x <= f.x && crop.x + crop.w >= f.x + f.w,
      `the crop ${crop.x.toFixed(2)}+${crop.w.toFixed(2)} keeps the face`,
    );
    const focus = subjectFocus(withFace)!;
    assert.ok(Math.abs(focus.x - (face.x + face.w / 2)) < 0.03, 'the zoom targets the face');
    const canvas = { w: 360, h: 640, fps: 30 };
    const photo = (subject: Subject) => mediaFile(NATURE, 'image', { width: 1600, height: 900, subject });
    assert.equal(chooseFit(photo(withFace), canvas), 'cover', 'one face fits a 9:16 crop: fill');
    const twoApart: Subject = { ...saliencyOnly, faces: [face, { ...face, x: 0.82 }] };
    assert.equal(bestCover(twoApart, a, 9 / 16).kept, 0, 'no 9:16 crop keeps both faces');
    assert.equal(
      chooseFit(photo(twoApart), canvas),
      'blur',
      'two faces apart: the whole photo on the blurred background',
    );
  },
);
