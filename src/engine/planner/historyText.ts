/**
 * The planner's replies about the turn itself rather than a change: undo, redo, the history
 * list, and why an edit was not made (it would break the draft, pass a text limit, or could not
 * be saved). English or Chinese, like reply.ts.
 */
import type { TextLimitProblem } from '../../contract/textLimits';
import type { Lang } from './types';
import type { HistoryEntry } from './history';

function labelList(entries: HistoryEntry[], lang: Lang): string {
  return entries
    .map((e, i) => (lang === 'zh' ? `${i + 1}.“${e.label}”` : `${i + 1}. "${e.label}"`))
    .join(lang === 'zh' ? ' ' : '; ');
}

export const HISTORY_TEXT = {
  undone: (label: string, lang: Lang) =>
    lang === 'zh'
      ? `已撤销“${label}”，回到了之前的版本。说“重做”可以再改回来。`
      : `Undid "${label}" — back to the version before it. Say "redo" to re-apply it.`,
  redone: (label: string, lang: Lang) => (lang === 'zh' ? `已重做“${label}”。` : `Redid "${label}".`),
  nothingToUndo: (lang: Lang) => (lang === 'zh' ? '还没有可以撤销的修改。' : "There's nothing to undo yet."),
  firstVersion: (lang: Lang) =>
    lang === 'zh'
      ? '这已经是最早的版本了，没有更早的可以退回；想重来可以再说“做一个视频”。'
      : 'This is the first version of the video — there is nothing before it to go back to. To start over, say "make a video" again.',
  nothingToRedo: (lang: Lang) =>
    lang === 'zh'
      ? '没有可以重做的修改（只有撤销过的才能重做）。'
      : 'There is nothing to redo — only an undone change can be redone.',
  list: (past: HistoryEntry[], future: HistoryEntry[], lang: Lang) => {
    if (!past.length && !future.length) return lang === 'zh' ? '还没有任何修改。' : 'No changes yet.';
    const head =
      lang === 'zh'
        ? `到目前为止的修改（从早到晚）：${labelList(past, lang)}。`
        : `Changes so far, oldest first: ${labelList(past, lang)}.`;
    const undone = future.length
      ? lang === 'zh'
        ? `已撤销：${labelList([...future].reverse(), lang)}。`
        : ` Undone: ${labelList([...future].reverse(), lang)}.`
      : '';
    const tail =
      lang === 'zh' ? '说“撤销”退回一步，“重做”再改回来。' : ' Say "undo" to go back one step, "redo" to re-apply.';
    return head + undone + tail;
  },
  invalid: (lang: Lang) =>
    lang === 'zh'
      ? '这个修改会让视频出错，所以我没有改，视频保持原样。'
      : 'That edit would have broken the video, so I left it as it was.',
  nothingChanged: (lang: Lang) => (lang === 'zh' ? '这次没有改动视频。' : 'Nothing changed in the video.'),
  /** The new draft could not be written (disk full, read-only data dir): nothing changed. */
  notSaved: (lang: Lang, diskFull: boolean) =>
    lang === 'zh'
      ? `${diskFull ? '磁盘已满，' : ''}这次修改没能保存，所以视频保持原样${diskFull ? '。请腾出一些空间' : '。请检查引擎的数据文件夹是否可写'}，然后再发一次这条消息。`
      : `I could not save that change${diskFull ? ' because the disk is full' : " (the engine's data folder could not be written)"}, so the video is unchanged. ${diskFull ? 'Free some space' : 'Check that the data folder is writable'}, then send the message again.`,
  /** The edit would pass a text limit (contract/textLimits.ts): say which, keep the video as it was. */
  textLimit: (p: TextLimitProblem, lang: Lang) => {
    const zh = lang === 'zh';
    switch (p.kind) {
      case 'itemChars':
        return zh
          ? `这段文字有 ${p.actual} 个字符，一个标题或字幕最多 ${p.limit} 个，所以我没有改，视频保持原样。请缩短，或拆成几条字幕。`
          : `That text is ${p.actual.toLocaleString('en')} characters long; a title or caption may have at most ${p.limit.toLocaleString('en')}, so I left the video as it was. Shorten it or split it into several captions.`;
      case 'itemLines':
        return zh
          ? `这段文字有 ${p.actual} 行，一个标题或字幕最多 ${p.limit} 行，所以我没有改，视频保持原样。请缩短，或拆成几条字幕。`
          : `That text has ${p.actual} lines; a title or caption may have at most ${p.limit}, so I left the video as it was. Shorten it or split it into several captions.`;
      case 'draftChars':
        return zh
          ? `这样视频里的文字加起来会有 ${p.actual} 个字符，一个视频最多 ${p.limit} 个，所以我没有改，视频保持原样。请先删掉或缩短一些字幕。`
          : `With that, the video's text would add up to ${p.actual.toLocaleString('en')} characters; a video may carry at most ${p.limit.toLocaleString('en')}, so I left it as it was. Remove or shorten some captions first.`;
      case 'draftLines':
        return zh
          ? `这样视频里的文字加起来会有 ${p.actual} 行，一个视频最多 ${p.limit} 行，所以我没有改，视频保持原样。请先删掉或缩短一些字幕。`
          : `With that, the video's text would add up to ${p.actual} lines; a video may carry at most ${p.limit}, so I left it as it was. Remove or shorten some captions first.`;
    }
  },
};
