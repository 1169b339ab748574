/**
 * What the offline planner cannot do, recognised per clause so a keyword inside such a request
 * never triggers an edit ("upload it to YouTube" is not "make it 16:9"; "remove the person in the
 * beach photo" does not remove the beach photo). The clause is blanked; the rest of the request
 * is still read ("add music and a dancing cat" adds music and says no to the cat).
 */
import * as L from './lexicon';
import type { Refusal } from './types';

const PUBLISH: RegExp[] = [
  /\b(?:upload|post|publish|share|send|put|submit|schedule)\b.{0,40}?\b(?:to|on|onto|in)\s+(?:my\s+|our\s+|the\s+)?(?:youtube|yt|tiktok|tik tok|instagram|insta|ig|facebook|fb|twitter|x|reels|shorts|douyin|bilibili|xiaohongshu|snapchat|linkedin|pinterest|channel|page|account|feed|story|stories|profile|socials?|social media)\b/,
  /\b(?:publish|post)\s+(?:it|this|the video)\b/,
  /\b(?:go live|auto[- ]?post)\b/,
  /(?:发|发布|上传|传|分享|投稿|发表|同步)(?:到|在|给|至)(?:我的)?(?:小红书|抖音|快手|视频号|b站|哔哩哔哩|微博|朋友圈|youtube|油管|微信|公众号|ins|tiktok|平台)/,
  /帮我(?:发|发布|投稿|上传)/,
  /(?:发布|发)(?:出去|一下)/,
];
const RETOUCH: RegExp[] = [
  /\b(?:remove|erase|delete|get rid of|photoshop|edit out|clean up|blur out|cut out)\b.{0,40}?\b(?:person|people|guy|girl|man|woman|stranger|tourists?|photobomber|background|object|trash|bin|car|sign|blemish(?:es)?|wrinkles?|spots?|pimples?|reflection)\b(?!\s+(?:photo|pic|picture|one|shot|clip|music|track|song|noise|sound))/,
  /\b(?:skin|whiten(?:ing)?|teeth|slim(?:mer)?|retouch(?:ing)?|airbrush|blemish(?:es)?|acne|wrinkles?|beautify|touch up|touch-up|face ?tune|photoshop|color grade|colou?r correct|sharpen|upscale|enhance|unblur|denoise)\b/,
  /[pP]掉|[pP]图|修图|美颜|磨皮|瘦脸|美白|祛痘|抠掉|抹掉|修一下照片|调色|去水印|(?:去掉|删掉|抹掉).{0,12}(?:路人|垃圾桶|行人|杂物|背景里)|(?:路人|垃圾桶|行人|杂物|背景(?:里|中)?的?(?:人|东西))(?:.{0,8})?(?:去掉|删掉|[pP]掉|抹掉)/,
];
const VOICE: RegExp[] = [
  L.VOICEOVER,
  /配个?音|\bai voice\b|\bread(?:s|ing)? (?:it|the captions|the text|this|them) (?:out|aloud)?|\bvoice ?clone\b|ai配音|语音合成|念出来|读出来/,
];
const GENERATED: RegExp[] = [
  L.GENERATIVE,
  /\bgenerate\s+(?:a|an|some|me\s+a)\s+(?:\w+\s+){0,2}(?:clip|footage|video|shot|scene|image|picture|photo|b-roll)s?\s+(?:of|with|showing|where)\b/,
  /\bstock footage\b|\bb-?roll\b|\bdrone (?:shot|footage)\b|\bai[- ]generated\b|\btext[- ]to[- ]video\b/,
  /生成一?(?:段|个|张)?.{1,14}的(?:视频|画面|镜头|图片|照片)|航拍|无人机|文生视频|ai生成/,
];
const VAGUE_EXTRA =
  /\bnot quite\b|\bnot right\b|\bsomething'?s off\b|\bmeh\b|\bi don'?t like (?:it|this)\b|\bspice it up\b|\bmore (?:vibe|energy|wow)\b|\bwow factor\b|不太对|不对劲|高级一?点|有感觉|不够好|差点意思|再好看|好看点|不太行|感觉不对/;

export interface ScopeScan {
  /** The request with out-of-scope clauses blanked. */
  rest: string;
  refusal?: Extract<Refusal, 'publish' | 'retouch' | 'voiceover' | 'generative'>;
}

const KINDS: Array<[NonNullable<ScopeScan['refusal']>, RegExp[]]> = [
  ['publish', PUBLISH],
  ['retouch', RETOUCH],
  ['voiceover', VOICE],
  ['generative', GENERATED],
];

/** Clauses split on punctuation and "and"/"then" (offsets kept, so blanking keeps alignment). */
function clauses(t: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  let start = 0;
  for (const m of t.matchAll(/[,，。;；!！?？\n]|\band\b|\bthen\b|\balso\b|\bplus\b|然后|并且|同时|还有|另外/g)) {
    out.push({ start, end: m.index ?? 0 });
    start = (m.index ?? 0) + m[0].length;
  }
  out.push({ start, end: t.length });
  return out.filter((r) => r.end > r.start);
}

export function scanScope(lower: string): ScopeScan {
  let rest = lower;
  let refusal: ScopeScan['refusal'];
  for (const r of clauses(lower)) {
    const c = lower.slice(r.start, r.end);
    const kind = KINDS.find(([, res]) => res.some((re) => re.test(c)))?.[0];
    if (!kind) continue;
    refusal ??= kind;
    rest = rest.slice(0, r.start) + ' '.repeat(r.end - r.start) + rest.slice(r.end);
  }
  return { rest, ...(refusal ? { refusal } : {}) };
}

export function isVague(t: string): boolean {
  return L.VAGUE.test(t) || VAGUE_EXTRA.test(t);
}
