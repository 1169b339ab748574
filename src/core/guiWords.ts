/**
 * The agent writes as if the user saw its web editor ("click Export", "preview it in the
 * timeline", "drag your files in", "点击导出"). We have no such editor, so its GUI words become
 * buttons the chat panel and the CLI can offer (docs/protocol.md "Backend text written for a GUI").
 *
 * Matching is deliberately narrow: whole words, and past tenses ("exported", "uploaded", "已导出")
 * do not count, because they describe what already happened rather than what to do next.
 */
import type { SuggestedAction } from './serviceApi';

type Action = SuggestedAction['action'];

const LABELS: Record<Action, string> = {
  export: 'Export',
  'show-timeline': 'Show timeline',
  upload: 'Upload files',
  credits: 'Check credits',
};

/** Each pattern finds one way the agent points at the action. All are case-insensitive. */
const RULES: Array<[Action, RegExp[]]> = [
  [
    'export',
    [
      /\bexport(?![\w-])/i, // "click Export", "you can export it now"; not "exported", "export-ready"
      /\bclick(?:ing)? (?:on )?(?:the )?["'“‘]?download\b/i,
      /(?<!已|已经)导出(?!了)/,
    ],
  ],
  [
    'show-timeline',
    [
      /\b(?:preview|check|open|view|see|look at|review|inspect|click)\b[^.!?\n]{0,25}\btime ?line\b/i,
      /\b(?:in|on) (?:the|your) time ?line\b/i,
      /\bopen (?:the |your )?(?:editor|project|draft|preview)\b/i,
      /\bpreview\b/i,
      /时间线|时间轴|打开|预览/,
    ],
  ],
  [
    'upload',
    [
      /\bupload(?![\w-])/i, // "upload more photos"; not "uploaded", "uploading"
      /\bdrag(?:ging)?\b|\bdrop (?:your|the|them|it|files?|media|photos?|videos?|clips?)\b/i,
      /拖拽|拖入|拖动|拖放|(?<!已|已经)上传(?!的|了)/,
    ],
  ],
  ['credits', [/\bcredits\b/i, /积分|余额/]],
];

export function suggestActions(agentText: string): SuggestedAction[] {
  if (typeof agentText !== 'string' || !agentText) return [];
  const found: Array<{ action: Action; at: number }> = [];
  for (const [action, patterns] of RULES) {
    let at = Infinity;
    for (const p of patterns) {
      const m = p.exec(agentText);
      if (m && m.index < at) at = m.index;
    }
    if (at !== Infinity) found.push({ action, at });
  }
  // The order the agent mentioned them in: the first thing it pointed at comes first.
  found.sort((a, b) => a.at - b.at);
  return found.map(({ action }) => ({ action, label: LABELS[action] }));
}
