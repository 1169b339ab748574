/**
 * The phrases the planner understands, English and Chinese, as regular expressions over the
 * lower-cased request (quotes already masked). One place to extend the vocabulary; docs/planner.md
 * lists the same phrases for people.
 */

const REMOVE_EN = String.raw`(?:(?:don[’']?t|do not|never|no need to)\s+(?:add|use|want|need|include|put|show|have)(?:\s+any)?|no|without|remove|delete|drop|mute|kill|disable|lose|ditch|hide|clear|turn off|switch off|get rid of|take out|take off|cut out|skip)`;
const REMOVE_ZH = String.raw`(?:去掉|去除|删除|删掉|不要|不需要|不用|移除|取消|关掉|关闭|隐藏|清除|清空|拿掉|无|没有)`;
const THE = String.raw`(?:(?:the|all|any|that|my|those|these|of|every|each)\s+){0,3}`;

function removal(en: string, zh: string): RegExp {
  // "remove every caption and the title": the noun may be the second thing removed.
  return new RegExp(
    String.raw`\b${REMOVE_EN}\s+(?:[a-z ]{1,40}?\s(?:and|&)\s+)?${THE}(?:${en})\b|${REMOVE_ZH}(?:所有|全部|任何)?(?:的)?(?:${zh})`,
  );
}

// ---- canvas -------------------------------------------------------------------------------
export const YOUTUBE_SHORTS = /youtube\s+shorts?|yt\s+shorts?/;
export const RATIO_VERTICAL = /\b9\s*(?:[:x×/]|by)\s*16\b/;
export const RATIO_LANDSCAPE = /\b16\s*(?:[:x×/]|by)\s*9\b|\b1920\s*[x×]\s*1080\b/;
export const RATIO_SQUARE = /\b1\s*[:x×/]\s*1\b|\b1080\s*[x×]\s*1080\b/;
export const RATIO_PORTRAIT_POST = /\b4\s*[:x×/]\s*5\b/;
export const ORIENT_VERTICAL = /\b(?:vertical|portrait|upright)\b|竖屏|竖版|竖向|竖着|竖的/;
export const ORIENT_LANDSCAPE = /\b(?:landscape|horizontal|widescreen|wide[- ]screen)\b|横屏|横版|横向|横着|横的|宽屏/;
export const ORIENT_SQUARE = /\bsquare\b|正方形|方形|方屏/;
export const INSTAGRAM_SQUARE = /\b(?:instagram|insta|ig)\s+(?:post|feed|grid)\b/;
/** Platform words → platform id and orientation. */
export const PLATFORMS: Array<[RegExp, string, 'vertical' | 'landscape']> = [
  [/\btik\s?tok\b/, 'tiktok', 'vertical'],
  [/抖音/, 'douyin', 'vertical'],
  [/快手/, 'kuaishou', 'vertical'],
  [/视频号/, 'channels', 'vertical'],
  [/小红书/, 'xiaohongshu', 'vertical'],
  [/\breels?\b/, 'reels', 'vertical'],
  [/\bshorts\b/, 'shorts', 'vertical'],
  [/\b(?:stories|story|snapchat)\b/, 'stories', 'vertical'],
  [/\b(?:instagram|insta)\b/, 'instagram', 'vertical'],
  [/\byoutube\b|\byt\b/, 'youtube', 'landscape'],
  [/b站|bilibili|哔哩哔哩|西瓜视频/, 'bilibili', 'landscape'],
];
export const HD_1080P = /\b1080p\b|\bfull\s?hd\b/;

// ---- music --------------------------------------------------------------------------------
export const NO_MUSIC = new RegExp(
  removal(
    String.raw`(?:background\s+)?(?:music|bgm|soundtrack|songs?|audio track|background track)`,
    String.raw`背景音乐|音乐|配乐|bgm|歌曲|歌`,
  ).source + String.raw`|\b(?:music|bgm)\s+off\b|\bsilent\b|\bno sound\b|静音`,
);
export const USE_MY_SONG =
  /\b(?:use|play|add|put(?:\s+in)?|switch to|with)\s+(?:my|the)\s+(?:own\s+)?(?:uploaded\s+)?(?:song|music|track|audio|mp3|tune|sound)\b|\bmy\s+(?:own\s+)?(?:song|music|track|mp3)\b|(?:用|使用|换成|改用|放|换)\s*(?:我|我的|我上传的|自己的)\s*(?:的)?\s*(?:歌曲|歌|音乐|配乐|bgm|音频)|我(?:上传)?的(?:歌曲|歌|音乐)/;
export const CHANGE_MUSIC =
  /\b(?:change|switch|swap|replace|different|another|other|next)\b[^,.;]*\b(?:music|song|track|bgm)\b|换(?:一首|个|一下)?(?:音乐|歌|配乐)|(?:音乐|歌|配乐)换/;
export const MUSIC_WORD =
  /\b(?:music|bgm|soundtrack|song|tune|beat|background track|track)\b|音乐|配乐|背景乐|bgm|歌曲/;
export const VOLUME_WORD = /\bvolume\b|\bloud|音量|声音/;
export const PERCENT = /(\d{1,3}(?:\.\d+)?)\s*(?:%|％|\s?percent\b)|百分之([零〇一二两三四五六七八九十百]+|\d+)/;
export const QUIETER =
  /\b(?:quieter|softer|lower|turn(?:ed)?\s+(?:it\s+)?down|less loud|not so loud|too loud|reduce|decrease|down)\b|小一点|小点|小一些|小些|轻一点|轻点|低一点|调低|调小|降低|减小|太大|太吵/;
export const LOUDER =
  /\b(?:louder|turn(?:ed)?\s+(?:it\s+)?up|increase|raise|higher|boost|too quiet|up)\b|大一点|大点|大声|调高|调大|提高|加大|太小/;

// ---- transitions --------------------------------------------------------------------------
export const NO_TRANSITIONS = new RegExp(
  removal(String.raw`transitions?|crossfades?|cross-fades?|fades?|dissolves?`, String.raw`转场|过渡|淡入淡出`).source +
    String.raw`|\b(?:hard|straight|jump|simple)\s+cuts?\b|\bcut straight\b|直接切|硬切`,
);
export const CROSSFADE =
  /\b(?:cross-?fades?|dissolves?|fade transitions?|smooth transitions?|transitions?|fade between)\b|转场|过渡|淡入淡出|交叉淡化/;

// ---- cuts on the beat ----------------------------------------------------------------------
export const NO_BEAT_SYNC =
  /\b(?:no|without|stop|turn off|switch off|disable|don[’']?t)\s+(?:the\s+)?(?:beat[- ]?sync(?:ing|ed)?|cut(?:ting)?s? (?:to|on) the beat|sync(?:ing)? (?:to|with) the (?:beat|music))\b|\bbeat[- ]?sync\s+off\b|不要卡点|取消卡点|别卡点|不卡点|关闭卡点|关掉卡点/;
export const BEAT_SYNC =
  /\b(?:cut|cuts|edit|sync|synced|time|switch|change)\s+(?:\w+\s+)?(?:to|on|with)\s+the\s+(?:beat|beats|rhythm|music)\b|\bbeat[- ]?sync(?:ed|ing)?\b|\bon[- ]beat\b|卡点|踩点|跟着节奏|按节奏|卡节奏|对上节拍|跟着节拍/;

// ---- logo ---------------------------------------------------------------------------------
export const NO_LOGO = removal(String.raw`logo|watermark|brand mark`, String.raw`logo|水印|标志|商标`);
export const LOGO_WORD = /\blogos?\b|\bwatermark\b|水印|标志|商标/;
export const CORNERS: Array<[RegExp, 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right']> = [
  [/(?:top|upper)[\s-]*right|right[\s-]*top|右上/, 'top-right'],
  [/(?:top|upper)[\s-]*left|left[\s-]*top|左上/, 'top-left'],
  [/(?:bottom|lower)[\s-]*right|right[\s-]*bottom|右下/, 'bottom-right'],
  [/(?:bottom|lower)[\s-]*left|left[\s-]*bottom|左下/, 'bottom-left'],
];

// ---- text ---------------------------------------------------------------------------------
export const NO_CAPTIONS = removal(String.raw`captions?|subtitles?`, String.raw`字幕`);
export const NO_TITLE = removal(String.raw`titles?|headings?`, String.raw`标题`);
export const NO_TEXT = new RegExp(
  removal(String.raw`text|texts|words|text overlays?|overlays?`, String.raw`文字|文案|字(?!幕)`).source +
    String.raw`|\bno text\b|(?:所有|全部)?(?:的)?(?:文字|文案)(?:全部|都|全)?(?:删掉|去掉|删了|删除|拿掉|不要了?)|不要任何字|(?:把)?字(?:都|全)(?:去掉|删掉|删了|拿掉|不要了?)|(?:所有|全部)?(?:的)?(?:字幕|标题|文字)(?:和|与|跟|、)(?:字幕|标题|文字)(?:都|全)?(?:去掉|删掉|删了|拿掉|不要了?)|清空(?:所有)?(?:文字|字幕)`,
);
export const TEXT_OVERLAYS =
  /\btext overlays?\b|\boverlay text\b|\bwith (?:some\s+)?text\b|\b(?:add|with|include|put|plus)\s+(?:some\s+|the\s+)?(?:captions|subtitles|text)\b|\bcaptions\b|\bsubtitles\b|\bcaptioned\b|字幕|文字|文案/;
export const ADD_TITLE =
  /\b(?:add|with|include|put|plus)\s+(?:a\s+|the\s+)?title\b|(?:加|添加|加上|加个|加一个|要)\s*(?:个)?标题/;
export const CAPTION_TARGET = /\bcaptions?\b|\bsubtitles?\b|字幕/;
export const TITLE_TARGET = /\btitles?\b|\bheading\b|\bheadline\b|标题/;
export const ALL_TEXT_TARGET = /\btext\b|\bwords\b|\bfonts?\b|\blettering\b|文字|字体|字/;
export const BIGGER =
  /\b(?:bigger|larger|huge|huger|enlarge|increase|bolder|more prominent)\b|大一点|大点|大一些|大些|放大|变大|加大|更大|大些/;
export const SMALLER =
  /\b(?:smaller|tinier|shrink|less big|less prominent|more subtle|subtler)\b|小一点|小点|小一些|小些|缩小|变小|更小/;
export const MOVE_VERB =
  /\b(?:move|put|place|position|shift|show|set|align|at|to)\b|移到|移至|移动到|放到|放在|挪到|改到|置于|在/;
export const POSITIONS: Array<[RegExp, 'top' | 'center' | 'bottom']> = [
  [/\b(?:top|upper|up top|above)\b|顶部|上面|上方|顶端|上边|顶上|最上/, 'top'],
  [/\b(?:bottom|lower|below)\b|底部|下面|下方|底端|下边|底下|最下/, 'bottom'],
  [/\b(?:center|centre|middle|centered|centred)\b|中间|居中|中央|正中/, 'center'],
];

// ---- pace ---------------------------------------------------------------------------------
export const SLOWER =
  /\b(?:video|it|this|that)(?:'s|\s+is)?\s+(?:way\s+|a bit\s+|a little\s+|much\s+)?too short\b|视频太短|太短了|\bslower\b|\bslow (?:it )?down\b|\bmore slowly\b|\blonger\b|\bmore time (?:per|on each)\b|慢一点|慢点|放慢|慢些|更慢|节奏慢|长一点|长一些|加长|久一点/;
export const FASTER =
  /\b(?:video|it|this|that)(?:'s|\s+is)?\s+(?:way\s+|a bit\s+|a little\s+|much\s+)?too long\b|视频太长|太长了|\bfaster\b|\bspeed (?:it )?up\b|\bquicker\b|\bshorter\b|\bsnappier\b|\bpick up the pace\b|快一点|快点|加快|快些|更快|节奏快|短一点|短一些|缩短/;
/** Short shots, whatever the length ("quick cuts", "快节奏"): each shot about QUICK_SHOT_MS. */
export const PACE_QUICK =
  /\b(?:quick|fast|rapid|short)[- ]?(?:cuts?|shots?)\b|\bcut (?:it |them )?(?:fast|quick(?:ly)?)\b|\bfast cutting\b|\bmontage[- ]style\b|\blike a (?:tiktok |reels? )?montage\b|\bfast[- ]paced\b|\bsnappy\b|\bquick[- ]?fire\b|\bhigh[- ]energy\b|快节奏|快剪|剪得快|卡点/;
/** Long, calm shots ("slow and calm", "舒缓"). */
export const PACE_SLOW =
  /\bslow and (?:calm|relaxing|gentle|steady)\b|\bcalm(?:er)?\b|\brelax(?:ed|ing)\b|\blonger shots\b|\bslow[- ]paced\b|\bgentle\b|\bmellow\b|\bunhurried\b|舒缓|慢节奏|悠闲|平静|安静一点|慢慢/;
/** Relative lengths: "half as long" ×0.5, "double it" ×2. */
export const HALF_LENGTH =
  /\bhalf as long\b|\b(?:cut|chop)\s+(?:the length|it|the video)\s+in half\b|\bhalve (?:it|the length|the video)\b|\bhalf the length\b|减半|缩短一半|短一半|砍一半/;
export const DOUBLE_LENGTH =
  /\bdouble (?:it|the length|the video|that)\b|\btwice as long\b|\bdouble the length\b|翻倍|加倍|长一倍|两倍长/;

// ---- intent -------------------------------------------------------------------------------
const VIDEO_NOUN = String.raw`(?:videos?|promos?|reels?|slideshow|slide show|montage|shorts?|clip|ad|advert|commercial|movie|film|story|tiktok|mp4|edit)`;
export const CREATE = new RegExp(
  String.raw`\b(?:make|create|generate|build|produce|render|put together|compile|cut|do)\s+(?:me\s+|us\s+)?(?:a|an|one|another|new|my|some)\b[^.]*?\b${VIDEO_NOUN}\b` +
    String.raw`|\bturn\s+(?:these|the|my|all|those|this)\b.*\binto\b|\binto\s+(?:a|an|one)\b[^.]*?\b${VIDEO_NOUN}\b|\bstart (?:over|again|from scratch)\b|\brebuild\b|\b(?:put|stitch|string|edit|cut)\s+(?:these|them|those|it all|everything|all of (?:these|them))\s+together\b|\bcombine (?:these|them|those)\b` +
    String.raw`|(?:做|制作|生成|剪|弄|来|搞|创建|出)\s*(?:一个|一段|一条|一支|个|段|条|支)[^，。]*?(?:视频|短片|宣传片|影片|片子|vlog)|把.*(?:做成|生成|剪成|变成|合成|制作成)|重新(?:做|生成|制作)`,
);
/** Names a video at all ("a promo video"): enough to start a first draft when none exists. */
export const MENTIONS_VIDEO = new RegExp(String.raw`\b${VIDEO_NOUN}\b|视频|短片|宣传片|影片|片子`);
export const PROMO =
  /\b(?:promo|promos|promotion|promotional|ad|ads|advert|advertisement|commercial|products?|sale|sales|shop|store|launch|offer|discount|marketing|brand)\b|宣传|促销|广告|产品|商品|特卖|新品|带货|推广|店铺|优惠/;

// ---- what the planner cannot do ------------------------------------------------------------
export const VOICEOVER =
  /\bvoice[- ]?overs?\b|\bnarrat\w*|\btext[- ]to[- ]speech\b|\btts\b|\bvoice\b|\bspeak\w*|配音|旁白|解说|朗读|人声/;
export const GENERATIVE =
  /\b(?:cats?|dogs?|animals?|characters?|avatars?|animations?|animated|cartoons?|stickers?|emojis?|gifs?|effects?|filters?|3d|explosions?|fireworks|dancing|dance|lip[- ]?sync|green ?screen|face ?swap|deepfake|background removal|remove the background)\b|特效|滤镜|贴纸|数字人|动画|表情包|抠图|换脸|跳舞/;
export const VAGUE =
  /\b(?:better|nicer|cooler|prettier|more beautiful|more professional|more cinematic|more epic|awesome|amazing|improve|fix it|pop)\b|好看|更好|高级感|美化|优化|大片感/;
export const HELP =
  /^\s*(?:help|hi|hello|hey|yo|what can you do|what do you do|how does this work|\?+|你好|您好|帮助|怎么用|你能做什么|能做什么)\s*[!?.！？。]*\s*$/;
export const EXPORT =
  /^\s*(?:please\s+)?(?:export|download|render|send me the video|save)(?:\s+(?:it|the video|now|please))*\s*[!.]*\s*$|^\s*(?:导出|下载|渲染)/;

// ---- music, as people mean it -------------------------------------------------------------
/** "bring the music back": what played before, the built-in bed included. */
export const MUSIC_BACK =
  /\bbring (?:the |my |our )?(?:music|song|soundtrack) back\b|\bbring back (?:the |my )?(?:music|song)\b|\b(?:put|add) (?:the |my )?(?:music|song) back\b|\b(?:music|song) back\b|\b(?:music|song) again\b|\brestore (?:the )?(?:music|song)\b|\bun-?mute the music\b|(?:音乐|配乐|歌)(?:加回来|放回来|找回来|恢复|回来)|恢复(?:音乐|配乐)|还是(?:要|加上?)(?:音乐|配乐)|(?:音乐|配乐)还是要/;
/** "switch to the other song", "换成另一首". */
export const OTHER_SONG =
  /\b(?:the )?other (?:song|track|tune|music|one)\b|\banother (?:song|track|tune)\b|另一首|另外一首|别的歌|其他的歌|下一首/;
/** "play the upbeat one instead", "change the song to upbeat pop", "换成upbeat_pop": a named upload. */
export const SONG_BY_NAME: RegExp[] = [
  /\b(?:switch|change)\s+(?:the\s+)?(?:song|music|track|soundtrack)\s+to\s+(.{1,60})/,
  /\b(?:play|use|try)\s+(.{1,60}?)\s+instead\b(?!\s+of)/,
  /\b(?:use|play)\s+(?:the\s+)?(.{1,40}?)\s+(?:song|track|tune)\b/,
  /换成\s*(?:那首|这首)?\s*([a-z0-9_\-. ]{2,40}|.{1,20}?那首)/,
  /(?:用|放|播)\s*([a-z0-9_\-. ]{2,40})\s*(?:那首|这首|的歌)?$/,
];
/** The clips' own sound off / back on. */
export const CLIPS_MUTE =
  /\b(?:mute|silence)\s+(?:the\s+|all\s+)?(?:clips?|videos?|original(?:\s+(?:audio|sound))?|footage)\b|\b(?:turn|switch|shut)\s+off\s+(?:the\s+)?(?:clips?|videos?|original)[’']?s?\s*(?:own\s+)?(?:sound|audio)\b|\bno (?:sound|audio) from the (?:clips|videos)\b|\b(?:clips?|videos?|original)[’']?s?\s+(?:own\s+)?(?:sound|audio)\s+off\b|\b(?:remove|drop|kill|lose)\s+(?:the\s+)?(?:original|clips?[’']?s?|videos?[’']?s?)\s+(?:sound|audio)\b|(?:去掉|关掉|关闭|不要|去除)(?:视频)?(?:的)?原声|原声(?:关掉|去掉|关了|不要)|视频(?:的)?(?:原声|声音)?(?:关掉|静音)|视频静音|把视频(?:的)?(?:原声|声音)关|视频(?:里|中)?的?(?:声音|原声)(?:去掉|关掉|关了|不要)/;
export const CLIPS_UNMUTE =
  /\b(?:turn|switch)\s+(?:the\s+)?(?:clips?|videos?|original)[’']?s?\s*(?:sound|audio)\s+(?:back\s+)?on\b|\bunmute (?:the )?(?:clips?|videos?)\b|\bkeep (?:the )?(?:original|clips?[’']?s?) (?:sound|audio)\b|保留原声|恢复原声|打开原声|原声打开/;

// ---- undo, redo, history --------------------------------------------------------------------
export const UNDO =
  /^\s*(?:please\s+)?(?:undo|go back|revert|take (?:that|it) back|back up)\b|\bundo (?:that|it|the last|last|this)\b|\b(?:that|it) was better before\b|\bgo back (?:one step|a step|to (?:the )?(?:previous|last|before|how it was))|\brevert (?:that|it|the last)|\bundo\s*[.!]*\s*$|撤销|撤回|恢复上一步|返回上一步|回到上一步|退回上一步|上一步|刚才(?:那样|那个)(?:更好|比较好|好)|还是刚才的好|之前(?:那样|那个)更好/;
export const REDO =
  /^\s*(?:please\s+)?(?:actually,?\s+)?redo\b|\bredo (?:that|it|the last)\b|\bre-?apply\b|重做|恢复撤销|取消撤销|撤销撤销/;
/** "change it back" / "改回去": reverts the last action (an edit → undo, an undo → redo). */
export const CHANGE_BACK = /\b(?:change|put|switch) it back\b|\bback to how it was\b|改回去|改回来|换回来|变回去/;
export const HISTORY =
  /^\s*(?:so\s+)?(?:what (?:did you |have you |was )?change(?:d)?(?: so far)?|(?:show (?:me )?)?(?:the )?(?:edit )?history|list (?:the |my )?changes|(?:show (?:me )?)?(?:the )?changes so far)\s*[?？.!]*\s*$|改了什么|改了哪些|修改记录|历史记录|改动记录|编辑记录|做了哪些修改|都改了啥/;

// ---- named styles (render/styles.ts) --------------------------------------------------------
/**
 * Words that name a look, in the order they are tried (the first that matches wins; "more
 * elegant" and "更活泼一点" name the look the same way). `bold` needs a word of style around it,
 * so "make the title bolder" stays a text-size edit.
 */
export const STYLE_WORDS: Array<[RegExp, 'energetic' | 'bold' | 'clean' | 'elegant' | 'playful']> = [
  [
    /\b(?:elegant|elegance|classy|luxur(?:y|ious)|sophisticated|premium|upscale|refined|chic|high[- ]end|graceful|cinematic look)\b|高级感|高级|优雅|精致|奢华|轻奢|大气|质感|高端/,
    'elegant',
  ],
  [
    /\b(?:playful|fun|funny|cute|cheerful|whimsical|bubbly|lively|quirky|joyful)\b|活泼|可爱|有趣|俏皮|好玩|趣味|欢快|童趣|萌/,
    'playful',
  ],
  [
    /\b(?:minimal|minimalist|minimalistic|clean|simple|sleek|understated|calm look)\b(?!\s+cuts?)|简约|简洁|干净|极简|清爽|素雅|简单/,
    'clean',
  ],
  [
    /\b(?:energetic|energy|dynamic|hype|hyped|punchy|exciting|vibrant|upbeat style)\b|动感|活力|有劲|燃|激情|带劲|炸裂/,
    'energetic',
  ],
  [
    /\bbold\s+(?:style|look|vibe|design)\b|\b(?:style|look)\s*[:：]?\s*bold\b|\b(?:make it|more|go|very)\s+bold\b|\bbold and\b|\bstriking\b|\bimpactful\b|\bin[- ]your[- ]face\b|醒目|大胆|冲击力|张扬|硬朗/,
    'bold',
  ],
];
