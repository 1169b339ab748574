/**
 * The local engine's refusals reach a person in their language: the engine answers with a
 * machine-readable refusal next to its English message (src/contract/refusals.ts), the client
 * keeps it on the ApiError, and the words (src/words, what the extension's `errorText` and the
 * CLI print) put it in English or Chinese with its numbers. The envelopes here are written by
 * the engine's own `sendError` and read by the client's own parsers.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { sendError } from '../../src/engine/http/envelope';
import { refused, refusalMessage } from '../../src/engine/refusalText';
import { unwrapEnvelope } from '../../src/core/api/envelope';
import { ApiError, isApiError } from '../../src/core/api/errors';
import { parseRenderStatus } from '../../src/core/api/schemas';
import { readRefusal, type EngineRefusal } from '../../src/contract/refusals';
import { errorWords, wordsFor } from '../../src/words';
import type { StaleExportCleared } from '../../src/core/serviceApi';

const zh = wordsFor('zh_CN.UTF-8');
const en = wordsFor('en');

/** What the engine puts on the wire for a thrown refusal, in a route's envelope. */
function wire(status: number, code: number, r: EngineRefusal, envelope: 'code' | 'success'): unknown {
  const e = refused(status, code, r);
  let body = '';
  const res = {
    headersSent: false,
    writeHead: () => res,
    end: (text: string) => {
      body = text;
    },
  } as unknown as ServerResponse;
  sendError(res, envelope, e.status, e.code, e.message, e.refusal);
  return JSON.parse(body);
}

function thrown(status: number, body: unknown): ApiError {
  try {
    unwrapEnvelope(status, body);
  } catch (e) {
    if (isApiError(e)) return e;
    throw e;
  }
  throw new Error('no error');
}

const CASES: Array<[EngineRefusal, number, number, RegExp, RegExp]> = [
  [
    {
      reason: 'text_limit',
      stage: 'render',
      kind: 'itemChars',
      limit: 500,
      actual: 1_000_000,
      item: 1,
      preview: 'Sale…',
    },
    400,
    400,
    /第 1 段文字（“Sale…”）有 1000000 个字符；一个标题或字幕最多 500 个字符。.*没有开始渲染。/,
    /Text 1 \("Sale…"\) is 1,000,000 characters long; a title or caption may have at most 500\. .*Nothing was rendered\./,
  ],
  [
    { reason: 'text_limit', stage: 'save', kind: 'draftLines', limit: 120, actual: 130 },
    400,
    400,
    /视频里的文字加起来有 130 行；一个视频最多 120 行。.*没有保存任何内容。/,
    /add up to 130 lines; a video may carry at most 120\. .*Nothing was saved\./,
  ],
  [
    { reason: 'chat_too_long', limit: 20_000, actual: 1_000_000 },
    413,
    413,
    /这条消息有 1000000 个字符；引擎最多读取 20000 个字符。/,
    /1,000,000 characters long; the engine reads at most 20,000\./,
  ],
  [
    { reason: 'too_many_pixels', file: 'huge.png', media: 'photo', width: 16000, height: 16000, limit: 50_000_000 },
    200,
    4002,
    /“huge\.png”是 16000×16000 像素（256 MP）；照片最多 50 MP。/,
    /"huge\.png" is 16000×16000 pixels \(256 MP\); photos up to 50 MP are accepted\./,
  ],
  [
    { reason: 'disk_full', dir: '/home/me/.local/engine', freeMb: 3 },
    507,
    507,
    /磁盘已满（\/home\/me\/\.local\/engine 还剩 3 MB）。/,
    /The disk is full \(3 MB free at \/home\/me\/\.local\/engine\)\./,
  ],
  [
    { reason: 'interrupted' },
    200,
    500,
    /这次导出在渲染时引擎停止了（被重启或被结束）。请重新导出。/,
    /The engine stopped \(it was restarted or killed\) while this export was rendering\. Export again\./,
  ],
];

test('every engine refusal goes over the wire as data and is worded in Chinese and English with its numbers', () => {
  for (const [r, status, code, chinese, english] of CASES) {
    for (const envelope of ['code', 'success'] as const) {
      const body = wire(status, code, r, envelope) as Record<string, unknown>;
      // Other clients still read the engine's English message.
      assert.equal(body[envelope === 'code' ? 'message' : 'error'], refusalMessage(r));
      assert.deepEqual(body.refusal, r);
      const e = thrown(status, body);
      assert.deepEqual(e.refusal, r, `${r.reason} kept on the error (${envelope})`);
      const zhText = errorWords(e, zh);
      assert.match(zhText, chinese);
      assert.doesNotMatch(zhText, /[A-Za-z]{3,} [A-Za-z]{3,}/, `no English sentence: ${zhText}`);
      assert.match(errorWords(e, en), english);
    }
  }
});

test('a render the engine failed for a reason (music too short) is worded from its status, in Chinese', () => {
  const refusal: EngineRefusal = { reason: 'music_too_short', item: 1, file: 'click.wav', ms: 0, minMs: 500 };
  const status = parseRenderStatus(
    { success: true, data: { id: 'render_1', status: 'failed', progress: 5, error: refusalMessage(refusal), refusal } },
    'render_1',
  );
  assert.deepEqual(status.refusal, refusal);
  const e = new ApiError({
    kind: 'render',
    detail: status.error,
    refusal: status.refusal,
    message: 'The render failed.',
  });
  assert.equal(
    errorWords(e, zh),
    '第 1 段音频（“click.wav”）只有 0 毫秒；音乐至少要 0.5 秒才能播放或循环。请上传更长的歌曲，或删掉这段音频。',
  );
  assert.match(
    errorWords(e, en),
    /The audio segment 1 \("click\.wav"\) is only 0 ms long; music must be at least 0\.5 s/,
  );
});

test('an unknown or malformed refusal is ignored: the error is worded as before', () => {
  for (const bad of [
    { reason: 'from_the_future', x: 1 },
    { reason: 'text_limit', kind: 'itemChars', limit: '500' },
    'text_limit',
    null,
  ]) {
    assert.equal(readRefusal(bad), undefined, JSON.stringify(bad));
    const e = thrown(400, { success: false, code: 400, error: 'Nope.', refusal: bad });
    assert.equal(e.refusal, undefined);
    assert.match(errorWords(e, en), /refused the request \(HTTP 400\): Nope\./);
    assert.match(errorWords(e, zh), /视频服务出错了/);
  }
});

test("an export cleared as stale says why in the user's language, never quoting the engine's English", () => {
  const cases: StaleExportCleared[] = [
    {
      renderId: 'render_1',
      reason: 'failed',
      error: refusalMessage({ reason: 'interrupted' }),
      refusal: { reason: 'interrupted' },
    },
    {
      renderId: 'render_2',
      reason: 'failed',
      error: 'Text 1 is 900 characters long.',
      refusal: {
        reason: 'text_limit',
        stage: 'render',
        kind: 'itemChars',
        limit: 500,
        actual: 900,
        item: 1,
        preview: 'Sale…',
      },
    },
    // An engine failure with no reason as data (ffmpeg failed): its English stays in the engine's log.
    {
      renderId: 'render_3',
      reason: 'failed',
      error: 'ffmpeg failed (exit 1): Invalid data found when processing input',
    },
  ];
  const said = cases.map((n) => zh.cli.staleExportCleared(n));
  assert.equal(
    said[0],
    '之前的导出 render_1 无法完成（渲染时引擎停止了，可能是被重启或被结束），已清除。正在开始新的导出。',
  );
  assert.match(said[1]!, /已清除。第 1 段文字（“Sale…”）有 900 个字符；.*没有开始渲染。正在开始新的导出。/);
  assert.match(said[2]!, /它在引擎上失败了，原因见引擎日志/);
  for (const text of said) assert.doesNotMatch(text, /[A-Za-z]{3,} [A-Za-z]{3,}/, `no English sentence: ${text}`);
  assert.match(
    en.cli.staleExportCleared(cases[0]!),
    /\(the engine stopped while it was rendering\), so it was cleared\. Starting/,
  );
  assert.match(en.cli.staleExportCleared(cases[2]!), /\(it failed on the engine: ffmpeg failed \(exit 1\)/);
});
