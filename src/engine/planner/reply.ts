/**
 * Short replies in English or Chinese, written from what actually changed (Change list) or why
 * nothing did (Refusal). Texts are plain sentences; the chat panel renders them as Markdown.
 */
import type { Canvas, Change, Lang, Refusal, TextPosition, TextTarget } from './types';

const PLATFORM_NAMES: Record<string, { en: string; zh: string }> = {
  tiktok: { en: 'TikTok', zh: 'TikTok' },
  douyin: { en: 'Douyin', zh: '抖音' },
  kuaishou: { en: 'Kuaishou', zh: '快手' },
  channels: { en: 'WeChat Channels', zh: '视频号' },
  xiaohongshu: { en: 'Xiaohongshu', zh: '小红书' },
  reels: { en: 'Reels', zh: 'Reels' },
  shorts: { en: 'Shorts', zh: 'Shorts' },
  stories: { en: 'Stories', zh: 'Stories' },
  instagram: { en: 'Instagram', zh: 'Instagram' },
  youtube: { en: 'YouTube', zh: 'YouTube' },
  bilibili: { en: 'Bilibili', zh: 'B站' },
};

function orientation(c: Canvas, lang: Lang): string {
  if (c.width > c.height) return lang === 'zh' ? '横屏' : 'landscape';
  if (c.width === c.height) return lang === 'zh' ? '方形' : 'square';
  return lang === 'zh' ? '竖屏' : 'vertical';
}

function platformSuffix(c: Canvas, lang: Lang): string {
  const p = PLATFORM_NAMES[c.platform];
  if (!p) return '';
  return lang === 'zh' ? `（适合${p.zh}）` : ` for ${p.en}`;
}

function secs(n: number): string {
  return `${Math.round(n * 10) / 10} s`;
}

function listEn(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

const TARGET = { title: { en: 'the title', zh: '标题' }, caption: { en: 'the captions', zh: '字幕' }, all: { en: 'the text', zh: '文字' } } as const;
const PLACE = { top: { en: 'the top', zh: '顶部' }, center: { en: 'the middle', zh: '中间' }, bottom: { en: 'the bottom', zh: '底部' } } as const;
const CORNER_ZH: Record<string, string> = { 'top-left': '左上角', 'top-right': '右上角', 'bottom-left': '左下角', 'bottom-right': '右下角' };

export const EXAMPLES = {
  en: 'Try: "make it 16:9 for YouTube", "title \'Summer Sale\'", "add caption \'Up to 50% off\' at 10s", "music volume 20%", "make it 15 seconds" or "no transitions".',
  zh: '可以试试：“改成横屏16:9”、“把标题改成「夏日特卖」”、“在第10秒加字幕「全场五折」”、“音乐音量20%”、“改成15秒”或“去掉转场”。',
};

const NEXT = {
  en: 'Say "export" when you\'re ready, or ask for changes like "make the title bigger".',
  zh: '准备好了就说“导出”，或者继续提修改，比如“把标题放大”。',
};

function created(c: Extract<Change, { kind: 'created' }>, lang: Lang): string {
  if (lang === 'zh') {
    const from = [c.photos ? `${c.photos} 张照片` : '', c.clips ? `${c.clips} 段视频` : ''].filter(Boolean).join('和 ');
    const parts = [
      c.title ? `标题「${c.title}」` : '',
      c.captions ? `${c.captions} 条字幕` : '',
      c.music ? (c.music === 'Lo-fi bed' ? '配上背景音乐' : `配乐「${c.music}」`) : '',
      c.logo ? '角落加了 logo' : '',
    ].filter(Boolean);
    return `已用 ${from}做好一个 ${Math.round(c.seconds * 10) / 10} 秒的${orientation(c.canvas, lang)}视频${platformSuffix(c.canvas, lang)}${parts.length ? '，' + parts.join('，') : ''}。`;
  }
  const from = listEn([c.photos ? `${c.photos} photo${c.photos > 1 ? 's' : ''}` : '', c.clips ? `${c.clips} clip${c.clips > 1 ? 's' : ''}` : ''].filter(Boolean));
  const parts = [
    c.title ? `a title "${c.title}"` : '',
    c.captions ? `${c.captions} caption${c.captions > 1 ? 's' : ''}` : '',
    c.music ? (c.music === 'Lo-fi bed' ? 'music' : `your song "${c.music}"`) : '',
    c.logo ? 'your logo in the corner' : '',
  ].filter(Boolean);
  return `Made a ${secs(c.seconds)} ${orientation(c.canvas, lang)} video${platformSuffix(c.canvas, lang)} from ${from}${parts.length ? ' with ' + listEn(parts) : ''}.`;
}

function target(t: TextTarget, lang: Lang): string {
  return TARGET[t][lang];
}

function place(p: TextPosition, lang: Lang): string {
  return PLACE[p][lang];
}

/** One sentence per change; undefined for changes not worth mentioning. */
export function describe(c: Change, lang: Lang): string | undefined {
  const zh = lang === 'zh';
  switch (c.kind) {
    case 'created': return created(c, lang);
    case 'canvas': return zh ? `画面改成 ${c.canvas.width}×${c.canvas.height}（${orientation(c.canvas, lang)}）${platformSuffix(c.canvas, lang)}。` : `Switched to ${c.canvas.width}×${c.canvas.height} (${orientation(c.canvas, lang)})${platformSuffix(c.canvas, lang)}.`;
    case 'duration': return zh ? `视频现在是 ${Math.round(c.seconds * 10) / 10} 秒。` : `The video is now ${secs(c.seconds)}.`;
    case 'clamped': return zh ? `视频长度只能在 3–180 秒之间，所以用了 ${c.seconds} 秒（你要的是 ${c.requestedSeconds} 秒）。` : `Videos can be 3–180 s long, so I used ${secs(c.seconds)} instead of ${secs(c.requestedSeconds)}.`;
    case 'clipsShort': return zh ? `你的视频素材一共只够 ${c.seconds} 秒，所以成片是 ${c.seconds} 秒；多传几段素材或照片就能更长。` : `Your clips only fill ${secs(c.seconds)}, so that's the length; upload more photos or clips for a longer video.`;
    case 'title': return zh ? `标题改成了「${c.text}」。` : `Title set to "${c.text}".`;
    case 'titleRemoved': return zh ? '标题已去掉。' : 'Removed the title.';
    case 'caption': return zh ? `在第 ${c.atSeconds} 秒加了字幕「${c.text}」。` : `Added the caption "${c.text}" at ${secs(c.atSeconds)}.`;
    case 'captionMoved': return zh ? `字幕「${c.text}」移到了第 ${c.atSeconds} 秒。` : `Moved "${c.text}" to ${secs(c.atSeconds)}.`;
    case 'captionsRemoved': return zh ? `去掉了 ${c.count} 条字幕。` : `Removed ${c.count} caption${c.count > 1 ? 's' : ''}.`;
    case 'textOverlays': return zh ? `加了标题和 ${c.captions} 条字幕。` : `Added a title and ${c.captions} caption${c.captions > 1 ? 's' : ''}.`;
    case 'textScale': return zh ? `${target(c.target, lang)}${c.bigger ? '放大' : '缩小'}了（${c.scale}×）。` : `Made ${target(c.target, lang)} ${c.bigger ? 'bigger' : 'smaller'} (${c.scale}×).`;
    case 'textPosition': return zh ? `${target(c.target, lang)}移到了${place(c.position, lang)}。` : `Moved ${target(c.target, lang)} to ${place(c.position, lang)}.`;
    case 'music': return zh ? (c.name === 'Lo-fi bed' ? '加上了背景音乐。' : `配乐换成了「${c.name}」。`) : c.name === 'Lo-fi bed' ? 'Added background music.' : `The music is now "${c.name}".`;
    case 'musicRemoved': return zh ? '音乐已去掉。' : 'Removed the music.';
    case 'musicVolume': return zh ? `音乐音量调到了 ${c.percent}%。` : `Music volume is now ${c.percent}%.`;
    case 'transition': return zh ? (c.crossfade ? '镜头之间改成淡入淡出转场。' : '去掉了转场，镜头直接切换。') : c.crossfade ? 'Shots now crossfade into each other.' : 'Transitions are off: straight cuts between shots.';
    case 'logo': return zh ? `logo「${c.name}」放在了${CORNER_ZH[c.position] ?? '角落'}。` : `Your logo "${c.name}" is in the ${c.position} corner.`;
    case 'logoScale': return zh ? `logo 现在占画面宽度的 ${c.percent}%。` : `The logo is now ${c.percent}% of the frame width.`;
    case 'logoRemoved': return zh ? 'logo 已去掉。' : 'Removed the logo.';
    case 'beatSync': return c.on
      ? (zh ? `画面切换现在卡在音乐的节拍上（${c.bpm} BPM）。` : `Picture changes now land on the music's beat (${c.bpm} bpm).`)
      : (zh ? '已关闭卡点，镜头平均分配时长。' : 'Beat sync is off: shots share the time evenly.');
    case 'noClearBeat': return c.music
      ? (zh ? '这首音乐没有清晰的节拍，所以没法卡点，镜头保持平均时长。' : 'This music has no clear beat, so I kept the cuts evenly spaced instead of on the beat.')
      : (zh ? '现在没有音乐，没法卡点——先说“加音乐”。' : 'There\'s no music to cut to — say "add music" first.');
    case 'skipped': return skipped(c.reason, lang);
  }
}

function skipped(reason: Extract<Change, { kind: 'skipped' }>['reason'], lang: Lang): string | undefined {
  const zh = lang === 'zh';
  switch (reason) {
    case 'noAudio': return zh ? '你还没有上传音频文件——上传一个 MP3/WAV/M4A，再说“用我的歌”。' : 'There\'s no audio file among your uploads — upload an MP3, WAV or M4A, then say "use my song".';
    case 'noLogo': return zh ? '你的上传里没有找到 logo——上传一个名字带 logo 的 PNG（比如 logo.png），再说“把 logo 放在角落”。' : 'I couldn\'t find a logo among your uploads — upload a PNG named like "logo.png", then say "put the logo in the corner".';
    case 'noMusicTrack': return zh ? '现在还没有音乐——先说“加音乐”。' : 'There\'s no music yet — say "add music" first.';
    case 'noText': return zh ? '视频上还没有文字——试试“把标题改成「夏日特卖」”。' : 'There\'s no text on the video yet — try "title \'Summer Sale\'".';
    case 'noCaptions': return zh ? '现在还没有字幕——试试“在第5秒加字幕「立即选购」”。' : 'There are no captions yet — try "add caption \'Shop now\' at 5s".';
    case 'unchanged': return undefined;
  }
}

export function refusalText(r: Refusal, lang: Lang): string {
  const zh = lang === 'zh';
  const ex = EXAMPLES[lang];
  switch (r) {
    case 'noMedia': return zh
      ? '请先上传照片或视频：在资源管理器里右键文件 → “上传到 Video Generator”，或者点上传按钮。然后告诉我要做什么，比如“做一个30秒的竖屏视频，加音乐和字幕”。'
      : 'Upload some photos or clips first — right-click them in the Explorer → Upload to Video Generator, or use the Upload button. Then tell me what to make, e.g. "turn these photos into a 30-second promo video with music and text overlays".';
    case 'noAudio': return skipped('noAudio', lang)!;
    case 'noLogo': return skipped('noLogo', lang)!;
    case 'voiceover': return zh ? `这里没法生成配音或旁白；你可以上传自己的音频，再说“用我的歌”。${ex}` : `I can't generate voiceovers or narration here; upload your own audio and say "use my song". ${ex}`;
    case 'generative': return zh ? `我没法生成新的画面、动画或特效——我用你上传的照片和视频来剪辑。${ex}` : `I can't generate new pictures, animations or effects — I arrange the photos and clips you upload. ${ex}`;
    case 'vague': return zh ? `告诉我具体改什么，我马上改。${ex}` : `Tell me what to change and I'll do it. ${ex}`;
    case 'help': return zh ? `我把你的照片和视频剪成短视频（竖屏、横屏或方形），可以加标题、字幕、音乐和 logo。${ex}` : `I turn your photos and clips into a short video (vertical, landscape or square) with a title, captions, music and your logo. ${ex}`;
    case 'export': return zh ? '要生成 MP4，请说“导出”或点导出按钮。' : 'To render the MP4, say "export" or use the Export button.';
    case 'unknown': return zh ? `这个我没听懂，也没有改动视频。${ex}` : `I didn't catch what to change, so the video is as it was. ${ex}`;
  }
}

/** The reply to a turn that changed the draft (plus a note about any part it could not do). */
export function replyFor(changes: Change[], lang: Lang, refusal?: Refusal): string {
  const zh = lang === 'zh';
  const noted = changes.some((c) => c.kind === 'clamped' || c.kind === 'clipsShort');
  const lines = changes
    .filter((c) => !(noted && c.kind === 'duration'))
    .map((c) => describe(c, lang))
    .filter((s): s is string => !!s);
  if (!lines.length) lines.push(zh ? '视频已经是这样了，没有需要改的。' : 'The video already looks like that — nothing to change.');
  if (refusal === 'voiceover') lines.push(zh ? '（配音和旁白暂时做不了。）' : "(I can't generate voiceovers.)");
  if (refusal === 'generative') lines.push(zh ? '（生成新画面或特效暂时做不了。）' : "(I can't generate new pictures or effects.)");
  // A first draft ends with what to do next, after any notes.
  if (changes.some((c) => c.kind === 'created')) lines.push(NEXT[lang]);
  return lines.join(zh ? '' : ' ');
}
