/** suggestActions: the agent's web-editor words → buttons, unique, in the order mentioned. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suggestActions } from '../../src/core/guiWords';
import type { SuggestedAction } from '../../src/core/serviceApi';

type A = SuggestedAction['action'];
const TABLE: Array<[string, A[]]> = [
  ['Your video is ready! Click Export to download it.', ['export']],
  ['点击导出即可下载视频。', ['export']],
  ['Export', ['export']],
  ['导出', ['export']],
  ['When you are happy, click the "Download" button.', ['export']],
  ['I added the music. Preview it in the timeline, then click Export.', ['show-timeline', 'export']],
  ['You can check the timeline to see the new title.', ['show-timeline']],
  ['Open the timeline panel on the right to adjust clips.', ['show-timeline']],
  ['The title is now on the timeline at 0–3 s.', ['show-timeline']],
  ['请在时间线中查看新加的字幕。', ['show-timeline']],
  ['打开编辑器即可看到效果', ['show-timeline']],
  ['Drag and drop your files into the media panel to get started.', ['upload']],
  ['Drop your photos here, or upload them from your computer.', ['upload']],
  ['请把素材拖拽到上传区域', ['upload']],
  ['请上传你的照片', ['upload']],
  ['This render will use 10 credits.', ['credits']],
  ['你的积分不足，请充值。', ['credits']],
  [
    'Upload your clips, check the timeline, then Export. It costs 5 credits.',
    ['upload', 'show-timeline', 'export', 'credits'],
  ],
  ['Export now! Or export later — click Export whenever you like.', ['export']],
  // negatives
  ['I made the clip brighter and added a fade at the end.', []],
  ['I have exported nothing yet.', []],
  ['The photos you uploaded look great.', []],
  ['I am uploading the new music for you.', []],
  ['This is an export-ready cut with balanced colours.', []],
  ['视频已导出。', []],
  ['你上传的照片很好看。', []],
  ['', []],
];

test(`suggestActions table (${TABLE.length} texts)`, () => {
  const wrong = TABLE.filter(
    ([text, want]) => JSON.stringify(suggestActions(text).map((s) => s.action)) !== JSON.stringify(want),
  ).map(
    ([text, want]) =>
      `${JSON.stringify(text)}: got ${JSON.stringify(suggestActions(text).map((s) => s.action))}, want ${JSON.stringify(want)}`,
  );
  assert.deepEqual(wrong, []);
});

test('labels are the button texts, one per action', () => {
  assert.deepEqual(suggestActions('Upload files, check the timeline, click Export, mind your credits'), [
    { action: 'upload', label: 'Upload files' },
    { action: 'show-timeline', label: 'Show timeline' },
    { action: 'export', label: 'Export' },
    { action: 'credits', label: 'Check credits' },
  ]);
});

test('the result is the same on every call (no regex state leaks between calls)', () => {
  const text = 'Click Export. 点击导出. Export again.';
  assert.deepEqual(suggestActions(text), suggestActions(text));
  assert.deepEqual(suggestActions(text), [{ action: 'export', label: 'Export' }]);
});
