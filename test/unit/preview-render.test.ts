/** What a preview render is (contract/previewRender.ts): its frame and fps for any canvas. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PREVIEW_AUDIO_CODEC, PREVIEW_VIDEO_CODEC, previewCanvas } from '../../src/contract/previewRender';

test('preview canvas: longer side 960, even sides, never scaled up, fps at most 15', { timeout: 5_000 }, () => {
  assert.deepEqual(previewCanvas({ w: 1080, h: 1920, fps: 30 }), { w: 540, h: 960, fps: 15 });
  assert.deepEqual(previewCanvas({ w: 1920, h: 1080, fps: 60 }), { w: 960, h: 540, fps: 15 });
  assert.deepEqual(previewCanvas({ w: 1080, h: 1080, fps: 24 }), { w: 960, h: 960, fps: 15 });
  assert.deepEqual(previewCanvas({ w: 720, h: 900, fps: 12 }), { w: 720, h: 900, fps: 12 }, 'small stays');
  const odd = previewCanvas({ w: 1082, h: 1922, fps: 30 });
  assert.equal(odd.w % 2, 0);
  assert.equal(odd.h % 2, 0);
  // The sound is one desktop VS Code webviews decode: never AAC or Opus (see the file's comment).
  assert.deepEqual([PREVIEW_VIDEO_CODEC, PREVIEW_AUDIO_CODEC], ['h264', 'mp3']);
});
