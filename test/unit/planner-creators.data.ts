/**
 * How creators actually phrase requests, per failure class of issue #12, in English and Chinese.
 * Written before the planner code that handles them and not tuned one by one: each group is one
 * intent with one check, and every phrasing of the group must pass the same check. Used by
 * test/unit/planner-creators.test.ts and bench/planner.ts (which prints how many pass per class).
 */

export type ClassId = 'refs' | 'text' | 'timing' | 'music' | 'scope' | 'logo' | 'undo' | 'truth';

export const CLASS_NAMES: Record<ClassId, string> = {
  refs: '1 media references (reorder/append/remove/replace/hold)',
  text: '2 where text goes',
  timing: '3 timing as perceived',
  music: '4 music like a person means it',
  scope: '5 out of scope, said honestly',
  logo: '6 logos and titles from file names',
  undo: '7 undo / redo / history',
  truth: '8 truthful replies',
};

/** Named upload sets and the requests that set a session up before the phrasing is tried. */
export type SetupId =
  | 'photos'
  | 'photosZh'
  | 'photosNew'
  | 'photosNewZh'
  | 'titled'
  | 'titledZh'
  | 'long'
  | 'longZh'
  | 'twoSongs'
  | 'twoSongsOff'
  | 'twoSongsOffZh'
  | 'bedOff'
  | 'talk'
  | 'talkFresh'
  | 'brandFresh'
  | 'logoFresh'
  | 'square'
  | 'squareZh'
  | 'undone'
  | 'undoneZh'
  | 'oneSong';

export type Expect =
  /** Video track order, as file-name stems. */
  | { k: 'order'; names: string[] }
  /** Video track holds exactly these, in this order (after remove/append/replace). */
  | { k: 'visible'; name: string; atLeastMs: number }
  /** A caption with these words starts in the last `withinMs` and the title is unchanged. */
  | { k: 'captionAtEnd'; text: string; withinMs: number }
  | { k: 'captionRange'; text: string; s: number; end: number }
  | { k: 'captionAfterTitle'; text: string }
  | { k: 'title'; text: string }
  | { k: 'captionExact'; text: string }
  | { k: 'noText' }
  /** Each photo is visible on its own for about this long (crossfades shared half-half). */
  | { k: 'perPhoto'; ms: number }
  | { k: 'meanShot'; atMostMs?: number; atLeastMs?: number }
  | { k: 'lengthFactor'; factor?: number; shorter?: boolean; longer?: boolean }
  | { k: 'music'; name: string }
  | { k: 'clipsMuted' }
  | { k: 'speechAudible'; name: string }
  /** Nothing changes, the reply says why in words matching `says`. */
  | { k: 'unchanged'; says: string }
  /** Nothing changes and the reply asks one concrete question. */
  | { k: 'asks' }
  | { k: 'noLogoNoInventedTitle' }
  | { k: 'logoOverlay'; name: string }
  /** The draft equals the one after setup step `step` (0-based). */
  | { k: 'sameAsStep'; step: number }
  | { k: 'historyListed'; mentions: string }
  | { k: 'already' }
  /** Nothing changes; the reply's quoted examples (2–3) each change this draft when sent. */
  | { k: 'workingExamples' }
  /** Either switches to another music source, or changes nothing and says why truthfully. */
  | { k: 'otherMusicOrTruth' };

export interface Group {
  cls: ClassId;
  setup: SetupId;
  expect: Expect;
  en?: string[];
  zh?: string[];
}

export const GROUPS: Group[] = [
  // ---- 1. referring to media ---------------------------------------------------------------
  {
    cls: 'refs',
    setup: 'photos',
    expect: { k: 'order', names: ['beach', 'menu_board', 'birthday_cake', 'sunset_pier', 'latte_art'] },
    en: [
      'open with the beach one',
      'start with the beach photo',
      'put the beach pic first',
      'move the beach shot to the front',
      'lead with the beach picture',
      'the beach one should come first',
    ],
  },
  {
    cls: 'refs',
    setup: 'photosZh',
    expect: { k: 'order', names: ['海边', '菜单', '生日蛋糕', '日落', '咖啡拉花'] },
    zh: ['海边那张放第一个', '用海边的照片开头', '把海边那张挪到最前面', '先放海边那张', '开头用海边那张'],
  },
  {
    cls: 'refs',
    setup: 'photos',
    expect: { k: 'order', names: ['birthday_cake', 'menu_board', 'beach', 'sunset_pier', 'latte_art'] },
    en: ['swap the first two', 'switch the first two photos around', 'swap photo 1 and photo 2'],
  },
  {
    cls: 'refs',
    setup: 'photosZh',
    expect: { k: 'order', names: ['生日蛋糕', '菜单', '海边', '日落', '咖啡拉花'] },
    zh: ['前两张换一下位置', '第一张和第二张换一下', '交换前两张'],
  },
  {
    cls: 'refs',
    setup: 'photos',
    expect: { k: 'order', names: ['latte_art', 'sunset_pier', 'beach', 'birthday_cake', 'menu_board'] },
    en: ['flip the order', 'reverse the order of the photos', 'do it in reverse order'],
  },
  {
    cls: 'refs',
    setup: 'photosZh',
    expect: { k: 'order', names: ['咖啡拉花', '日落', '海边', '生日蛋糕', '菜单'] },
    zh: ['顺序反过来', '倒过来排', '把顺序倒一下'],
  },
  {
    cls: 'refs',
    setup: 'photos',
    expect: { k: 'order', names: ['menu_board', 'beach', 'sunset_pier', 'birthday_cake', 'latte_art'] },
    en: ['put the cake after the sunset', 'move the cake pic after the sunset one'],
  },
  {
    cls: 'refs',
    setup: 'photosZh',
    expect: { k: 'order', names: ['菜单', '海边', '日落', '生日蛋糕', '咖啡拉花'] },
    zh: ['把蛋糕那张放到日落后面', '蛋糕那张挪到日落之后'],
  },
  {
    cls: 'refs',
    setup: 'photos',
    expect: { k: 'order', names: ['menu_board', 'beach', 'sunset_pier', 'latte_art'] },
    en: [
      'drop the cake one',
      'remove the second photo',
      'get rid of the birthday cake pic',
      'take out the cake picture',
    ],
  },
  {
    cls: 'refs',
    setup: 'photosZh',
    expect: { k: 'order', names: ['菜单', '海边', '日落', '咖啡拉花'] },
    zh: ['去掉第二张', '把蛋糕那张删了', '不要生日蛋糕那张', '删掉第二张照片'],
  },
  {
    cls: 'refs',
    setup: 'photos',
    expect: { k: 'order', names: ['latte_art', 'menu_board', 'birthday_cake', 'beach', 'sunset_pier'] },
    en: ['move the last photo to the start'],
    zh: [],
  },
  {
    cls: 'refs',
    setup: 'photosZh',
    expect: { k: 'order', names: ['咖啡拉花', '菜单', '生日蛋糕', '海边', '日落'] },
    zh: ['把最后一张放到开头', '最后一张挪到第一个'],
  },
  {
    cls: 'refs',
    setup: 'photosNew',
    expect: {
      k: 'order',
      names: ['menu_board', 'birthday_cake', 'beach', 'sunset_pier', 'latte_art', 'puppy_park', 'ice_cream'],
    },
    en: [
      'add these at the end',
      'add the new ones to the end',
      'put the ones I just uploaded at the end',
      'add the new photos too',
    ],
  },
  {
    cls: 'refs',
    setup: 'photosNewZh',
    expect: { k: 'order', names: ['菜单', '生日蛋糕', '海边', '日落', '咖啡拉花', '小狗', '冰淇淋'] },
    zh: ['把新传的加到最后', '刚上传的加到结尾', '把这几张新的也加进去'],
  },
  {
    cls: 'refs',
    setup: 'photosNew',
    expect: { k: 'order', names: ['menu_board', 'puppy_park', 'beach', 'sunset_pier', 'latte_art'] },
    en: ['replace the cake one with the puppy photo', 'swap the birthday cake pic for the puppy one'],
  },
  {
    cls: 'refs',
    setup: 'photosNewZh',
    expect: { k: 'order', names: ['菜单', '小狗', '海边', '日落', '咖啡拉花'] },
    zh: ['把蛋糕那张换成小狗那张', '用小狗的照片替换生日蛋糕那张'],
  },
  {
    cls: 'refs',
    setup: 'photos',
    expect: { k: 'visible', name: 'menu_board', atLeastMs: 4_800 },
    en: ['stay on the menu for 5 seconds', 'keep the menu board on screen for 5 seconds', 'hold the menu shot for 5s'],
  },
  {
    cls: 'refs',
    setup: 'photosZh',
    expect: { k: 'visible', name: '菜单', atLeastMs: 4_800 },
    zh: ['菜单那张停留5秒', '菜单那张放5秒', '第一张停5秒'],
  },

  // ---- 2. where text goes --------------------------------------------------------------------
  {
    cls: 'text',
    setup: 'titled',
    expect: { k: 'captionAtEnd', text: 'See you there', withinMs: 5_000 },
    en: [
      "add 'See you there' at the end",
      'at the end say See you there',
      "put 'See you there' in the last few seconds",
      "end with the text 'See you there'",
      'add a line at the end: See you there',
    ],
  },
  {
    cls: 'text',
    setup: 'titledZh',
    expect: { k: 'captionAtEnd', text: '欢迎光临', withinMs: 5_000 },
    zh: ['结尾加上一句「欢迎光临」', '最后几秒加一句：欢迎光临', '结尾写上欢迎光临', '在最后加一行字「欢迎光临」'],
  },
  {
    cls: 'text',
    setup: 'titled',
    expect: { k: 'captionRange', text: 'Happy hour', s: 5_000, end: 9_000 },
    en: ["show 'Happy hour' between 0:05 and 0:09", "from 5s to 9s show 'Happy hour'"],
  },
  {
    cls: 'text',
    setup: 'titledZh',
    expect: { k: 'captionRange', text: '开业大吉', s: 5_000, end: 9_000 },
    zh: ['在5秒到9秒之间显示「开业大吉」', '第5秒到第9秒加字幕「开业大吉」'],
  },
  {
    cls: 'text',
    setup: 'titled',
    expect: { k: 'captionAfterTitle', text: 'Est. 1998' },
    en: ["right after the title add 'Est. 1998'", "after the title show 'Est. 1998'"],
  },
  {
    cls: 'text',
    setup: 'titledZh',
    expect: { k: 'captionAfterTitle', text: '老字号' },
    zh: ['标题后面加一句「老字号」', '标题之后显示「老字号」'],
  },
  {
    cls: 'text',
    setup: 'titled',
    expect: { k: 'title', text: 'Grand Opening Weekend' },
    en: [
      'title Grand Opening Weekend',
      'change the title to Grand Opening Weekend',
      'make the title Grand Opening Weekend',
      'call it Grand Opening Weekend',
    ],
  },
  {
    cls: 'text',
    setup: 'titledZh',
    expect: { k: 'title', text: '周末盛大开业' },
    zh: ['标题改成周末盛大开业', '标题叫周末盛大开业'],
  },
  {
    cls: 'text',
    setup: 'titled',
    expect: { k: 'captionExact', text: 'Fresh bread daily' },
    en: ['captions say: Fresh bread daily', 'caption: Fresh bread daily'],
  },
  {
    cls: 'text',
    setup: 'titledZh',
    expect: { k: 'captionExact', text: '每天新鲜出炉' },
    zh: ['字幕写：每天新鲜出炉'],
  },
  {
    cls: 'text',
    setup: 'titled',
    expect: { k: 'noText' },
    en: ['remove all text', 'no text at all', 'get rid of all the words', 'clear all text'],
  },
  {
    cls: 'text',
    setup: 'titledZh',
    expect: { k: 'noText' },
    zh: ['去掉所有文字', '文字全部删掉', '不要任何字'],
  },

  // ---- 3. timing as perceived ----------------------------------------------------------------
  {
    cls: 'timing',
    setup: 'photos',
    expect: { k: 'perPhoto', ms: 2_000 },
    en: ['2 seconds per photo', 'each photo for 2 seconds', 'give each picture 2 seconds', 'two seconds a pic'],
  },
  {
    cls: 'timing',
    setup: 'photosZh',
    expect: { k: 'perPhoto', ms: 2_000 },
    zh: ['每张照片2秒', '每张停2秒', '每张图显示两秒'],
  },
  { cls: 'timing', setup: 'photos', expect: { k: 'perPhoto', ms: 1_000 }, en: ['one second per photo'], zh: [] },
  { cls: 'timing', setup: 'photosZh', expect: { k: 'perPhoto', ms: 1_000 }, zh: ['每张1秒'] },
  {
    cls: 'timing',
    setup: 'long',
    expect: { k: 'meanShot', atMostMs: 1_600 },
    en: ['quick cuts', 'make it snappy with fast cuts', 'fast-paced edit please'],
  },
  { cls: 'timing', setup: 'longZh', expect: { k: 'meanShot', atMostMs: 1_600 }, zh: ['快节奏', '剪得快节奏一点'] },
  {
    cls: 'timing',
    setup: 'photos',
    expect: { k: 'meanShot', atLeastMs: 4_000 },
    en: ['slow and calm', 'make it slow and relaxing', 'calmer, with longer shots'],
  },
  {
    cls: 'timing',
    setup: 'photosZh',
    expect: { k: 'meanShot', atLeastMs: 4_000 },
    zh: ['慢一点，舒缓一些', '舒缓的节奏'],
  },
  {
    cls: 'timing',
    setup: 'long',
    expect: { k: 'lengthFactor', factor: 0.5 },
    en: ['half as long', 'cut the length in half'],
  },
  { cls: 'timing', setup: 'long', expect: { k: 'lengthFactor', factor: 2 }, en: ['double it', 'twice as long'] },
  { cls: 'timing', setup: 'longZh', expect: { k: 'lengthFactor', factor: 0.5 }, zh: ['长度减半', '缩短一半'] },
  { cls: 'timing', setup: 'longZh', expect: { k: 'lengthFactor', factor: 2 }, zh: ['时长翻倍'] },
  { cls: 'timing', setup: 'longZh', expect: { k: 'lengthFactor', shorter: true }, zh: ['再短一点'] },
  { cls: 'timing', setup: 'long', expect: { k: 'lengthFactor', shorter: true }, en: ['a bit shorter'] },

  // ---- 4. music --------------------------------------------------------------------------------
  {
    cls: 'music',
    setup: 'twoSongsOff',
    expect: { k: 'music', name: 'upbeat_pop.mp3' },
    en: ['bring the music back', 'put the music back', 'I want the music again', 'add the music back in'],
  },
  {
    cls: 'music',
    setup: 'twoSongsOffZh',
    expect: { k: 'music', name: 'upbeat_pop.mp3' },
    zh: ['把音乐加回来', '音乐恢复', '还是要音乐吧'],
  },
  {
    cls: 'music',
    setup: 'bedOff',
    expect: { k: 'music', name: 'Lo-fi bed' },
    en: ['bring back the music'],
    zh: ['把刚才的音乐加回来'],
  },
  {
    cls: 'music',
    setup: 'twoSongs',
    expect: { k: 'music', name: 'upbeat_pop.mp3' },
    en: [
      'switch to the other song',
      'use the other track',
      'play the upbeat one instead',
      'change the song to upbeat pop',
    ],
    zh: ['换成另一首', '换成upbeat_pop', '换成 upbeat pop 那首'],
  },
  {
    cls: 'music',
    setup: 'talk',
    expect: { k: 'clipsMuted' },
    en: ["turn off the clips' sound", 'mute the videos', 'mute the original audio', 'no sound from the clips'],
    zh: ['把视频原声关掉', '去掉原声', '视频静音'],
  },
  {
    cls: 'music',
    setup: 'talkFresh',
    expect: { k: 'speechAudible', name: 'interview_talk.mp4' },
    en: ['make a video with music', 'make a reel with some background music'],
    zh: ['做一个带音乐的视频', '做个视频，加背景音乐'],
  },

  // ---- 5. out of scope ---------------------------------------------------------------------------
  {
    cls: 'scope',
    setup: 'photos',
    expect: { k: 'unchanged', says: 'export|file|folder' },
    en: [
      'upload it to YouTube for me',
      'post this on TikTok',
      'can you publish it to Instagram',
      'share it to my Facebook page',
    ],
  },
  {
    cls: 'scope',
    setup: 'photosZh',
    expect: { k: 'unchanged', says: '导出|文件' },
    zh: ['帮我发到小红书', '发布到抖音', '帮我上传到B站'],
  },
  {
    cls: 'scope',
    setup: 'photos',
    expect: { k: 'unchanged', says: "can't|cannot|not possible|offline" },
    en: [
      'remove the person in the background of the beach photo',
      'make my skin smoother',
      'add an AI voice reading the captions',
      'generate a clip of a drone flying over the city',
    ],
  },
  {
    cls: 'scope',
    setup: 'photosZh',
    expect: { k: 'unchanged', says: '没法|不能|无法|做不了' },
    zh: ['把照片里的路人P掉', '帮我美颜一下', '加个AI配音', '生成一段无人机航拍的视频'],
  },
  { cls: 'scope', setup: 'photos', expect: { k: 'asks' }, en: ['make it pop', 'make it better', 'hmm not quite'] },
  { cls: 'scope', setup: 'photosZh', expect: { k: 'asks' }, zh: ['感觉不太对', '差点意思', '再好看点'] },

  // ---- 6. logos and titles from file names ---------------------------------------------------------
  {
    cls: 'logo',
    setup: 'brandFresh',
    expect: { k: 'noLogoNoInventedTitle' },
    en: [
      'make a video',
      'put these together',
      'make a slideshow of these',
      'turn these into a reel',
      'make a tiktok from these',
    ],
    zh: ['做个视频', '把这些做成视频', '剪一个短视频', '做一个抖音视频', '帮我做个视频吧'],
  },
  {
    cls: 'logo',
    setup: 'logoFresh',
    expect: { k: 'logoOverlay', name: 'shop_logo.png' },
    en: [
      'make a video',
      'make a promo with my logo',
      'turn these into a reel',
      'make a short video',
      'put these together',
    ],
    zh: ['做个视频', '做一个宣传视频', '把这些做成视频', '剪一个短视频', '做个带logo的视频'],
  },

  // ---- 7. undo / redo ------------------------------------------------------------------------------
  {
    cls: 'undo',
    setup: 'square',
    expect: { k: 'sameAsStep', step: 0 },
    en: ['undo', 'go back', 'that was better before', 'undo that', 'revert that', 'take that back'],
  },
  {
    cls: 'undo',
    setup: 'squareZh',
    expect: { k: 'sameAsStep', step: 0 },
    zh: ['撤销', '恢复上一步', '返回上一步', '刚才那样更好', '撤回'],
  },
  { cls: 'undo', setup: 'undone', expect: { k: 'sameAsStep', step: 1 }, en: ['redo', 'redo that', 'actually redo it'] },
  { cls: 'undo', setup: 'undoneZh', expect: { k: 'sameAsStep', step: 1 }, zh: ['重做', '重做一下', '还是改回去吧'] },
  {
    cls: 'undo',
    setup: 'square',
    expect: { k: 'historyListed', mentions: 'make it square' },
    en: ['what changed?', 'history', 'show me the history'],
  },
  {
    cls: 'undo',
    setup: 'squareZh',
    expect: { k: 'historyListed', mentions: '改成方形' },
    zh: ['改了什么？', '历史记录', '看看修改记录'],
  },

  // ---- 8. truthful replies -------------------------------------------------------------------------
  {
    cls: 'truth',
    setup: 'photos',
    expect: { k: 'already' },
    en: ['make it vertical', 'vertical please', '9:16', 'for tiktok'],
  },
  { cls: 'truth', setup: 'photosZh', expect: { k: 'already' }, zh: ['改成竖屏', '竖屏的', '9:16竖版'] },
  {
    cls: 'truth',
    setup: 'photos',
    expect: { k: 'workingExamples' },
    en: ['zorp the flibber', 'can you do the thing', 'banana'],
  },
  { cls: 'truth', setup: 'photosZh', expect: { k: 'workingExamples' }, zh: ['嗯嗯', '那个东西弄一下', '香蕉'] },
  {
    cls: 'truth',
    setup: 'oneSong',
    expect: { k: 'otherMusicOrTruth' },
    en: ['change the music', 'different song please', 'switch the song'],
    zh: ['换一首音乐', '换首歌', '换个配乐'],
  },
  { cls: 'truth', setup: 'photos', expect: { k: 'already' }, en: ['add music', 'with music please'], zh: [] },
  { cls: 'truth', setup: 'photosZh', expect: { k: 'already' }, zh: ['加音乐', '要背景音乐'] },
];
