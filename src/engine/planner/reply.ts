/**
 * Short replies in English or Chinese, written from what actually changed (Change list) or why
 * nothing did (Refusal). Texts are plain sentences; the chat panel renders them as Markdown.
 */
import type { PlatformCanvas, Change, Lang, Refusal, StyleName, TextPosition, TextTarget } from './types';
import { quoteList } from './suggest';

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

function orientation(c: PlatformCanvas, lang: Lang): string {
  if (c.width > c.height) return lang === 'zh' ? '横屏' : 'landscape';
  if (c.width === c.height) return lang === 'zh' ? '方形' : 'square';
  return lang === 'zh' ? '竖屏' : 'vertical';
}

function platformSuffix(c: PlatformCanvas, lang: Lang): string {
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

const TARGET = {
  title: { en: 'the title', zh: '标题' },
  caption: { en: 'the captions', zh: '字幕' },
  all: { en: 'the text', zh: '文字' },
} as const;
const PLACE = {
  top: { en: 'the top', zh: '顶部' },
  center: { en: 'the middle', zh: '中间' },
  bottom: { en: 'the bottom', zh: '底部' },
} as const;
/** The looks by name, and what each one changes (render/styles.ts), for the replies. */
export const STYLE_TEXT: Record<StyleName, { en: string; zh: string; whatEn: string; whatZh: string }> = {
  energetic: {
    en: 'energetic',
    zh: '动感',
    whatEn: 'heavy capitals that pop in, zoom-through and slide transitions, punchy colour',
    whatZh: '粗体大写标题弹出、缩放穿越和滑动转场、更鲜艳的色彩',
  },
  bold: {
    en: 'bold',
    zh: '醒目',
    whatEn: 'big yellow capitals revealed word by word, hard cuts and wipes, high contrast',
    whatZh: '黄色粗体大字逐词出现、硬切和擦除转场、高对比度',
  },
  clean: {
    en: 'clean',
    zh: '简约',
    whatEn: 'a light sans-serif typed on letter by letter, soft dissolves, bright gentle colour',
    whatZh: '细体无衬线字逐字打出、柔和的淡入淡出、明亮柔和的色调',
  },
  elegant: {
    en: 'elegant',
    zh: '高级',
    whatEn: 'serif type that rises in slowly, dips through black between shots, warm muted colour',
    whatZh: '衬线字体缓缓升起、镜头之间经黑场过渡、温暖低饱和的色调',
  },
  playful: {
    en: 'playful',
    zh: '活泼',
    whatEn: 'rounded yellow type that pops in, circle and slide transitions, bright saturated colour',
    whatZh: '圆润的黄色字体弹出、圆形和滑动转场、明亮饱和的色彩',
  },
};

const CORNER_ZH: Record<string, string> = {
  'top-left': '左上角',
  'top-right': '右上角',
  'bottom-left': '左下角',
  'bottom-right': '右下角',
};

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
      c.style ? `「${STYLE_TEXT[c.style].zh}」风格（${STYLE_TEXT[c.style].whatZh}）` : '',
      c.endCard ? '结尾有标题和行动号召的片尾卡，画面随音乐淡出到黑场' : '',
    ].filter(Boolean);
    return `已用 ${from}做好一个 ${Math.round(c.seconds * 10) / 10} 秒的${orientation(c.canvas, lang)}视频${platformSuffix(c.canvas, lang)}${parts.length ? '，' + parts.join('，') : ''}。`;
  }
  const from = listEn(
    [
      c.photos ? `${c.photos} photo${c.photos > 1 ? 's' : ''}` : '',
      c.clips ? `${c.clips} clip${c.clips > 1 ? 's' : ''}` : '',
    ].filter(Boolean),
  );
  const parts = [
    c.title ? `a title "${c.title}"` : '',
    c.captions ? `${c.captions} caption${c.captions > 1 ? 's' : ''}` : '',
    c.music ? (c.music === 'Lo-fi bed' ? 'music' : `your song "${c.music}"`) : '',
    c.logo ? 'your logo in the corner' : '',
  ].filter(Boolean);
  const look = c.style ? ` The look is ${STYLE_TEXT[c.style].en}: ${STYLE_TEXT[c.style].whatEn}.` : '';
  const card = c.endCard
    ? ' It ends on a card with the title and a call to action, then fades to black with the music.'
    : '';
  return `Made a ${secs(c.seconds)} ${orientation(c.canvas, lang)} video${platformSuffix(c.canvas, lang)} from ${from}${parts.length ? ' with ' + listEn(parts) : ''}.${look}${card}`;
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
    case 'created':
      return created(c, lang);
    case 'canvas':
      return zh
        ? `画面改成 ${c.canvas.width}×${c.canvas.height}（${orientation(c.canvas, lang)}）${platformSuffix(c.canvas, lang)}。`
        : `Switched to ${c.canvas.width}×${c.canvas.height} (${orientation(c.canvas, lang)})${platformSuffix(c.canvas, lang)}.`;
    case 'duration':
      return zh ? `视频现在是 ${Math.round(c.seconds * 10) / 10} 秒。` : `The video is now ${secs(c.seconds)}.`;
    case 'clamped':
      return zh
        ? `视频长度只能在 3–180 秒之间，所以用了 ${c.seconds} 秒（你要的是 ${c.requestedSeconds} 秒）。`
        : `Videos can be 3–180 s long, so I used ${secs(c.seconds)} instead of ${secs(c.requestedSeconds)}.`;
    case 'clipsShort':
      return zh
        ? `你的视频素材一共只够 ${c.seconds} 秒，所以成片是 ${c.seconds} 秒；多传几段素材或照片就能更长。`
        : `Your clips only fill ${secs(c.seconds)}, so that's the length; upload more photos or clips for a longer video.`;
    case 'title':
      return zh ? `标题改成了「${c.text}」。` : `Title set to "${c.text}".`;
    case 'titleRemoved':
      return zh ? '标题已去掉。' : 'Removed the title.';
    case 'caption':
      return zh
        ? `在第 ${c.atSeconds} 秒加了字幕「${c.text}」。`
        : `Added the caption "${c.text}" at ${secs(c.atSeconds)}.`;
    case 'captionMoved':
      return zh ? `字幕「${c.text}」移到了第 ${c.atSeconds} 秒。` : `Moved "${c.text}" to ${secs(c.atSeconds)}.`;
    case 'captionsRemoved':
      return zh ? `去掉了 ${c.count} 条字幕。` : `Removed ${c.count} caption${c.count > 1 ? 's' : ''}.`;
    case 'textOverlays':
      return zh
        ? `加了标题和 ${c.captions} 条字幕。`
        : `Added a title and ${c.captions} caption${c.captions > 1 ? 's' : ''}.`;
    case 'textScale':
      return zh
        ? `${target(c.target, lang)}${c.bigger ? '放大' : '缩小'}了（${c.scale}×）。`
        : `Made ${target(c.target, lang)} ${c.bigger ? 'bigger' : 'smaller'} (${c.scale}×).`;
    case 'textPosition':
      return zh
        ? `${target(c.target, lang)}移到了${place(c.position, lang)}。`
        : `Moved ${target(c.target, lang)} to ${place(c.position, lang)}.`;
    case 'music':
      if (c.from)
        return zh
          ? `「${c.from}」是你上传的唯一一首歌，所以换成了内置背景音乐；再上传一首就能换成它。`
          : `"${c.from}" is the only song you uploaded, so I switched to the built-in track; upload another song to use it instead.`;
      return zh
        ? c.name === 'Lo-fi bed'
          ? '加上了背景音乐。'
          : `配乐换成了「${c.name}」。`
        : c.name === 'Lo-fi bed'
          ? 'Added background music.'
          : `The music is now "${c.name}".`;
    case 'order': {
      // Quick cuts repeat shots: a long order is summed up by its start.
      const shown =
        c.names.length > 6
          ? [...c.names.slice(0, 5), zh ? `……（共 ${c.names.length} 个镜头）` : `… (${c.names.length} shots)`]
          : c.names;
      return zh
        ? `新的顺序：${shown.join('、')}。`
        : `New order: ${c.names.length > 6 ? shown.join(', ') : listEn(shown)}.`;
    }
    case 'mediaRemoved':
      return zh ? `去掉了 ${c.names.join('、')}。` : `Removed ${listEn(c.names)} from the video.`;
    case 'mediaAdded':
      return zh
        ? `把 ${c.names.join('、')} 加到了${c.at === 'start' ? '开头' : '结尾'}。`
        : `Added ${listEn(c.names)} at the ${c.at === 'start' ? 'start' : 'end'}.`;
    case 'mediaReplaced':
      return zh ? `把 ${c.from} 换成了 ${c.to}。` : `Replaced ${c.from} with ${c.to}.`;
    case 'held':
      return zh ? `${c.name} 现在停留 ${c.seconds} 秒。` : `${c.name} now stays on screen for ${secs(c.seconds)}.`;
    case 'pace':
      return zh
        ? `现在每个镜头约 ${c.shotSeconds} 秒（共 ${c.shots} 个镜头，${Math.round(c.seconds * 10) / 10} 秒）。`
        : `Each shot is now about ${secs(c.shotSeconds)} (${c.shots} shots, ${secs(c.seconds)} in all).`;
    case 'clipSound':
      return zh
        ? c.volume === 0
          ? `关掉了 ${c.clips} 段视频的原声。`
          : `打开了 ${c.clips} 段视频的原声。`
        : c.volume === 0
          ? `Muted the clips' own sound (${c.clips} clip${c.clips > 1 ? 's' : ''}).`
          : `The clips' own sound is back on (${c.clips} clip${c.clips > 1 ? 's' : ''}).`;
    case 'already':
      return already(c, lang);
    case 'musicRemoved':
      return zh ? '音乐已去掉。' : 'Removed the music.';
    case 'musicVolume':
      return zh ? `音乐音量调到了 ${c.percent}%。` : `Music volume is now ${c.percent}%.`;
    case 'transition':
      return zh
        ? c.crossfade
          ? '镜头之间改成淡入淡出转场。'
          : '去掉了转场，镜头直接切换。'
        : c.crossfade
          ? 'Shots now crossfade into each other.'
          : 'Transitions are off: straight cuts between shots.';
    case 'logo':
      return zh
        ? `logo「${c.name}」放在了${CORNER_ZH[c.position] ?? '角落'}。`
        : `Your logo "${c.name}" is in the ${c.position} corner.`;
    case 'logoScale':
      return zh ? `logo 现在占画面宽度的 ${c.percent}%。` : `The logo is now ${c.percent}% of the frame width.`;
    case 'logoRemoved':
      return zh ? 'logo 已去掉。' : 'Removed the logo.';
    case 'beatSync':
      return c.on
        ? zh
          ? `画面切换现在卡在音乐的节拍上（${c.bpm} BPM）。`
          : `Picture changes now land on the music's beat (${c.bpm} bpm).`
        : zh
          ? '已关闭卡点，镜头平均分配时长。'
          : 'Beat sync is off: shots share the time evenly.';
    case 'noClearBeat':
      return c.music
        ? zh
          ? '这首音乐没有清晰的节拍，所以没法卡点，镜头保持平均时长。'
          : 'This music has no clear beat, so I kept the cuts evenly spaced instead of on the beat.'
        : zh
          ? '现在没有音乐，没法卡点——先说“加音乐”。'
          : 'There\'s no music to cut to — say "add music" first.';
    case 'style': {
      const t = STYLE_TEXT[c.style];
      // The look's pace (lookPace.ts), when it re-paced the shots.
      const paced = c.shots !== undefined && c.shotSeconds !== undefined;
      if (zh)
        return (
          (c.from
            ? `风格从「${STYLE_TEXT[c.from].zh}」换成了「${t.zh}」：${t.whatZh}。`
            : `风格换成了「${t.zh}」：${t.whatZh}。`) +
          (paced ? `节奏跟着变：${c.shots} 个镜头，每个约 ${c.shotSeconds} 秒。` : '')
        );
      return (
        `Switched the look to ${t.en}${c.from ? ` (was ${STYLE_TEXT[c.from].en})` : ''}: ${t.whatEn}.` +
        (paced ? ` The pace follows: ${c.shots} shots of about ${c.shotSeconds} s.` : '')
      );
    }
    case 'skipped':
      return skipped(c, lang);
  }
}

function already(c: Extract<Change, { kind: 'already' }>, lang: Lang): string {
  const zh = lang === 'zh';
  switch (c.what) {
    case 'canvas': {
      const [size, platform] = c.detail.split('|');
      const [w, h] = (size ?? '').split('×').map(Number);
      const canvas = { width: w ?? 0, height: h ?? 0, platform: platform ?? '' };
      return zh
        ? `画面已经是 ${size}（${orientation(canvas, lang)}）了${platformSuffix(canvas, lang)}，不用改。`
        : `It's already ${size} (${orientation(canvas, lang)})${platformSuffix(canvas, lang) ? `, which fits${platformSuffix(canvas, lang).replace(/^ for/, '')}` : ''} — nothing to change.`;
    }
    case 'music':
      return zh ? `已经有音乐了（「${c.detail}」）。` : `Music is already on ("${c.detail}").`;
    case 'clipSound':
      return zh
        ? c.detail === '0'
          ? '视频原声已经是关着的。'
          : '视频原声已经是开着的。'
        : c.detail === '0'
          ? "The clips' own sound is already off."
          : "The clips' own sound is already on.";
    case 'order':
      return zh ? `已经是这个顺序了（${c.detail}）。` : `They're already in that order (${c.detail}).`;
    case 'transition':
      return zh ? '转场已经是这样了。' : 'The transitions already are like that.';
    case 'style': {
      const t = STYLE_TEXT[c.detail as StyleName];
      return zh ? `已经是「${t?.zh ?? c.detail}」风格了。` : `The look is already ${t?.en ?? c.detail}.`;
    }
    case 'logo': {
      const [name, corner] = c.detail.split('|');
      return zh
        ? `logo「${name}」已经在${CORNER_ZH[corner ?? ''] ?? '角落'}了。`
        : `Your logo "${name}" is already in the ${corner} corner.`;
    }
  }
}

function skipped(c: Extract<Change, { kind: 'skipped' }>, lang: Lang): string | undefined {
  const zh = lang === 'zh';
  const names = c.names?.length ? c.names : undefined;
  switch (c.reason) {
    case 'noSuchMedia':
      return zh
        ? `没找到和“${c.ref ?? ''}”对应的照片或视频${names ? `——现在视频里有：${names.join('、')}` : ''}。`
        : `I couldn't find a photo or clip matching "${c.ref ?? ''}"${names ? ` — the video has ${listEn(names)}` : ''}.`;
    case 'ambiguous':
      return zh
        ? `“${c.ref ?? ''}”指的是哪一张：${(names ?? []).join('还是')}？可以说“第二张”或文件名里的词。`
        : `Which one do you mean by "${c.ref ?? ''}" — ${(names ?? []).join(' or ')}? Say e.g. "the second photo" or a word from its file name.`;
    case 'noNewMedia':
      return zh
        ? '没有还没放进视频的新上传——先上传照片或视频，再说“把新传的加到最后”。'
        : 'There are no new uploads that aren\'t in the video yet — upload photos or clips first, then say "add these at the end".';
    case 'noClips':
      return zh ? '这个视频里没有带原声的视频片段。' : 'There are no clips with their own sound in this video.';
    case 'onlyBed':
      return zh
        ? '内置背景音乐是我唯一的音乐——上传一个 MP3/WAV/M4A，再说“用我的歌”。'
        : 'The built-in track is the only music I have — upload an MP3, WAV or M4A and say "use my song".';
    case 'lastShot':
      return zh
        ? '这样会把所有照片和视频都去掉——至少要留一个。'
        : 'That would remove every photo and clip — at least one has to stay.';
    case 'noAudio':
      if (c.ref && names)
        return zh
          ? `你上传的音乐里没有和“${c.ref}”对应的——有：${names.join('、')}。`
          : `None of your songs matches "${c.ref}" — you uploaded ${listEn(names)}.`;
      return zh
        ? '你还没有上传音频文件——上传一个 MP3/WAV/M4A，再说“用我的歌”。'
        : 'There\'s no audio file among your uploads — upload an MP3, WAV or M4A, then say "use my song".';
    case 'noLogo':
      return zh
        ? '你的上传里没有找到 logo——上传一个名字带 logo 的 PNG（比如 logo.png），再说“把 logo 放在角落”。'
        : 'I couldn\'t find a logo among your uploads — upload a PNG named like "logo.png", then say "put the logo in the corner".';
    case 'noMusicTrack':
      return zh ? '现在还没有音乐——先说“加音乐”。' : 'There\'s no music yet — say "add music" first.';
    case 'noText':
      return zh
        ? '视频上还没有文字——试试“把标题改成「夏日特卖」”。'
        : "There's no text on the video yet — try \"title 'Summer Sale'\".";
    case 'noCaptions':
      return zh
        ? '现在还没有字幕——试试“在第5秒加字幕「立即选购」”。'
        : 'There are no captions yet — try "add caption \'Shop now\' at 5s".';
    case 'unchanged':
      return undefined;
  }
}

/** Without a change list: a reason alone. */
function skippedReason(reason: Extract<Change, { kind: 'skipped' }>['reason'], lang: Lang): string {
  return skipped({ kind: 'skipped', reason, what: 'music' }, lang) ?? '';
}

/** " Try "a", "b" or "c"." for a reply that changed nothing. */
export function examplesLine(examples: string[], lang: Lang): string {
  return lang === 'zh' ? `可以试试：${quoteList(examples, lang)}。` : ` Try: ${quoteList(examples, lang)}.`;
}

/** `examples`: requests that would work on the current draft (suggest.ts); generic ones otherwise. */
export function refusalText(r: Refusal, lang: Lang, examples: string[] = []): string {
  const zh = lang === 'zh';
  const ex = examples.length >= 2 ? examplesLine(examples, lang).trim() : EXAMPLES[lang];
  switch (r) {
    case 'noMedia':
      return zh
        ? '请先上传照片或视频：在资源管理器里右键文件 → “上传到 Video Generator”，或者点上传按钮。然后告诉我要做什么，比如“做一个30秒的竖屏视频，加音乐和字幕”。'
        : 'Upload some photos or clips first — right-click them in the Explorer → Upload to Video Generator, or use the Upload button. Then tell me what to make, e.g. "turn these photos into a 30-second promo video with music and text overlays".';
    case 'noAudio':
      return skippedReason('noAudio', lang);
    case 'noLogo':
      return skippedReason('noLogo', lang);
    case 'voiceover':
      return zh
        ? `离线没法生成配音、AI 语音或旁白；你可以录好自己的旁白上传（MP3/WAV/M4A），再说“用我的音频”。${ex}`
        : `I can't generate AI voices, voiceovers or narration offline; record your own voice-over, upload it (MP3, WAV or M4A) and say "use my audio". ${ex}`;
    case 'generative':
      return zh
        ? `离线没法生成新的画面、镜头、动画或特效——我用你上传的照片和视频来剪辑；可以上传更多素材，再说“把新传的加到最后”。${ex}`
        : `I can't generate new pictures, footage, animations or effects offline — I arrange the photos and clips you upload. Upload more and say "add these at the end". ${ex}`;
    case 'publish':
      return zh
        ? '我没法直接发布到平台——这个应用生成的是 MP4 文件。说“导出”（或点导出按钮）保存文件，然后点“打开文件夹”，就可以自己上传了。'
        : 'I can\'t post to social platforms — this app makes an MP4 file. Say "export" (or use the Export button) to save it, then "Open folder" shows the file so you can upload it yourself.';
    case 'retouch':
      return zh
        ? '离线没法修图、美颜或去掉照片里的东西——我按原样剪辑你的照片。可以上传修好的照片，再说“把海边那张换成新传的”。'
        : 'I can\'t retouch photos or remove things from them offline — I use your photos as they are. Upload an edited version and say "replace the beach one with the new one".';
    case 'tooLong':
      return zh
        ? `这条消息太长了（最多 1000 个字符），我没有读它，视频没改。请分成几条短一点的修改。`
        : 'That message is too long for me (1,000 characters at most), so I did not read it and the video is unchanged. Please send the changes as a few shorter messages.';
    case 'vague': {
      // One concrete question, with options that would work on this draft.
      const options =
        examples.length >= 2
          ? examples
          : zh
            ? ['快节奏', '换一首音乐', '改成横屏16:9']
            : ['quick cuts', 'switch to the other song', 'make it 16:9 for YouTube'];
      return zh
        ? `具体想先改哪里？比如${quoteList(options, lang)}。`
        : `Tell me what to change first — for example ${quoteList(options, lang)}?`;
    }
    case 'help':
      return zh
        ? `我把你的照片和视频剪成短视频（竖屏、横屏或方形），可以加标题、字幕、音乐和 logo。${ex}`
        : `I turn your photos and clips into a short video (vertical, landscape or square) with a title, captions, music and your logo. ${ex}`;
    case 'export':
      return zh ? '要生成 MP4，请说“导出”或点导出按钮。' : 'To render the MP4, say "export" or use the Export button.';
    case 'unknown':
      return zh
        ? `这个我没听懂，也没有改动视频。${ex}`
        : `I didn't catch what to change, so the video is as it was. ${ex}`;
  }
}

/** The reply to a turn that changed the draft (plus a note about any part it could not do). */
/** `next`: requests that would work on the new draft, offered after a first draft. */
export function replyFor(
  changes: Change[],
  lang: Lang,
  refusal?: Refusal,
  fillEmpty = true,
  next: string[] = [],
): string {
  const zh = lang === 'zh';
  const noted = changes.some((c) => c.kind === 'clamped' || c.kind === 'clipsShort');
  const lines = changes
    .filter((c) => !(noted && c.kind === 'duration'))
    .map((c) => describe(c, lang))
    .filter((s): s is string => !!s);
  if (!lines.length && !fillEmpty) return '';
  if (!lines.length) lines.push(zh ? '这次没有改动视频。' : 'Nothing changed in the video.');
  if (refusal === 'voiceover') lines.push(zh ? '（离线没法生成配音。）' : "(I can't generate voiceovers offline.)");
  if (refusal === 'generative')
    lines.push(zh ? '（离线没法生成新画面或特效。）' : "(I can't generate new pictures or effects.)");
  if (refusal === 'publish')
    lines.push(
      zh
        ? '（我没法直接发布——导出后自己上传。）'
        : "(I can't post it for you — export the MP4 and upload it yourself.)",
    );
  if (refusal === 'retouch') lines.push(zh ? '（离线没法修图。）' : "(I can't retouch photos offline.)");
  // A first draft ends with what to do next, after any notes.
  if (changes.some((c) => c.kind === 'created')) {
    lines.push(
      next.length >= 2
        ? zh
          ? `准备好了就说“导出”，或者继续提修改，比如${quoteList(next, lang)}。`
          : `Say "export" when you're ready, or ask for changes like ${quoteList(next, lang)}.`
        : NEXT[lang],
    );
  }
  return lines.join(zh ? '' : ' ');
}
