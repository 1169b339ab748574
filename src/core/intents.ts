/**
 * Routes the user's words (docs/protocol.md "Routing the user's words"): a few short commands are
 * answered without the chat stream (export, credits, status, upload); everything else goes to
 * the agent.
 *
 * The rule: a message routes only when, after dropping politeness and filler words ("please",
 * "can you", "now", "帮我", "一下"…) and punctuation, what is left is exactly a command phrase plus
 * optional object words ("it", "the video", "视频"…). Anything more — a format ("at 4k"), an extra
 * instruction ("with a new intro"), another object ("some music") — is an edit request and goes
 * to the agent, because routing it away would silently drop the user's instruction.
 */
import type { IntentName } from './serviceApi';

/** Longer messages are always conversation: no command phrase is this long. */
const MAX_COMMAND_CHARS = 80;

const EN_FILLERS = new RegExp(
  '\\b(?:' +
    [
      'please',
      'pls',
      'plz',
      'kindly',
      'hey',
      'hi',
      'hello',
      'ok',
      'okay',
      'thanks',
      'thank you',
      'thx',
      'can you',
      'could you',
      'would you',
      'will you',
      'can i',
      'could i',
      'may i',
      'i want to',
      'i wanna',
      'i would like to',
      'id like to',
      'i need to',
      'lets',
      'let me',
      'go ahead and',
      'just',
      'right now',
      'now',
      'for me',
      'then',
      'again',
    ].join('|') +
    ')\\b',
  'g',
);

/** Chinese politeness and "check/show" verbs that add nothing to the command. */
const ZH_FILLERS =
  /请|麻烦你?|帮我|帮忙|给我|一下|现在|马上|我要|我想要?|可以|能不能|能否|查一下|查查|查询|查看|看一下|看看|显示|检查|吧|呢|吗|啊|呀|哦/g;

const EN_OBJECT =
  '(?: (?:it|this|that|them|(?:the |my |this |that |our )?(?:final )?(?:video|mp4|movie|clip|result|file|project))(?: (?:as|to|in) (?:an? )?mp4)?)?';

const EN_RULES: Array<[IntentName, RegExp[]]> = [
  [
    'export',
    [
      new RegExp(`^(?:export|download|render)${EN_OBJECT}$`),
      /^(?:send|give) (?:me )?(?:it|the video|my video|the final video|the mp4|the file|the result)(?: to me)?$/,
      /^(?:export|download) (?:as|to) (?:an? )?mp4$/,
    ],
  ],
  [
    'credits',
    [
      /^(?:check |show |see |get |whats |what is )?(?:my |the )?(?:credits?|balance|credit balance|credits balance)(?: left| remaining)?$/,
      /^how (?:many|much) credits?(?: do i have| have i got| are left| do i have left| left| remaining)?$/,
      /^remaining credits$/,
    ],
  ],
  [
    'status',
    [
      /^(?:show |see |view |display |open |check |whats |what is )?(?:me )?(?:the |my )?(?:status|tracks|timeline|track list|current timeline)$/,
      /^whats on the timeline$/,
    ],
  ],
  [
    'upload',
    [
      /^upload(?: (?:a |an |my |some |the |these |those |more )?(?:files?|photos?|pictures?|images?|videos?|clips?|media|footage|music))?$/,
    ],
  ],
];

const ZH_OBJECT = '(?:这个视频|视频|成片|这个|它|mp4)?';
const ZH_RULES: Array<[IntentName, RegExp[]]> = [
  [
    'export',
    [new RegExp(`^(?:把${ZH_OBJECT})?(?:导出|下载)${ZH_OBJECT}$`), /^(?:把)?(?:视频|成片)?发(?:给)?我(?:视频|成片)?$/],
  ],
  ['credits', [/^(?:我的|我还有|还有|剩余|剩下)?(?:多少)?(?:积分|余额|积分余额)(?:还有多少|还剩多少|是多少|多少)?$/]],
  ['status', [/^(?:当前)?(?:状态|时间线|轨道)$/]],
  ['upload', [/^上传(?:文件|视频|图片|照片|素材|音乐)?$/]],
];

function normalize(text: string): string {
  return text
    .normalize('NFKC') // full-width letters and punctuation → ASCII
    .toLowerCase()
    .replace(/['’`]/g, '') // "what's" → "whats", "let's" → "lets"
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(EN_FILLERS, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function routeIntent(text: string): IntentName {
  if (typeof text !== 'string' || text.length > MAX_COMMAND_CHARS * 2) return 'chat';
  const words = normalize(text);
  if (!words || words.length > MAX_COMMAND_CHARS) return 'chat';
  for (const [intent, patterns] of EN_RULES) {
    if (patterns.some((p) => p.test(words))) return intent;
  }
  // Chinese has no spaces between words: match the compacted string.
  const compact = words.replace(/\s+/g, '').replace(ZH_FILLERS, '');
  if (!compact) return 'chat';
  for (const [intent, patterns] of ZH_RULES) {
    if (patterns.some((p) => p.test(compact))) return intent;
  }
  return 'chat';
}
