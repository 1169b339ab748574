/**
 * Runs the creator phrasings of planner-creators.data.ts through the planner's pure turn logic
 * (decideTurn, with the session's undo history) and checks each against its group's
 * expectation. Shared by the table test and bench/planner.ts.
 */
import type { Draft, DraftSegment } from '../../src/contract/draft';
import type { MediaFile } from '../../src/engine/contracts';
import { decideTurn, type TurnResult } from '../../src/engine/planner/turn';
import type { DraftHistory } from '../../src/engine/planner/history';
import { GROUPS, type ClassId, type Expect, type Group, type SetupId } from './planner-creators.data';

let clock = 1_800_000_000_000;
function file(name: string, kind: MediaFile['kind'], extra: Partial<MediaFile> = {}): MediaFile {
  clock += 1000;
  const id = `m_${Buffer.from(name).toString('hex').slice(0, 24)}`;
  const mime =
    kind === 'image'
      ? name.endsWith('.png')
        ? 'image/png'
        : 'image/jpeg'
      : kind === 'video'
        ? 'video/mp4'
        : 'audio/mpeg';
  return {
    id,
    name,
    path: `/data/${id}`,
    mime,
    kind,
    size: 2_000_000,
    uploadedAt: clock,
    ...(kind === 'image' ? { width: 3024, height: 4032 } : {}),
    ...extra,
  };
}
const img = (n: string) => file(n, 'image');
const EN_PHOTOS = ['menu_board.jpg', 'birthday_cake.jpg', 'beach.jpg', 'sunset_pier.jpg', 'latte_art.jpg'];
const ZH_PHOTOS = ['菜单.jpg', '生日蛋糕.jpg', '海边.jpg', '日落.jpg', '咖啡拉花.jpg'];
const song = (n: string) => file(n, 'audio', { duration: 120 });
const talkClips = () => [
  file('interview_talk.mp4', 'video', { duration: 6, hasAudio: true, width: 1920, height: 1080, fps: 30 }),
  file('street_walk.mp4', 'video', { duration: 5, hasAudio: true, width: 1920, height: 1080, fps: 30 }),
];

interface Setup {
  media: () => MediaFile[];
  steps: string[];
  later?: () => MediaFile[];
  language: string;
}
const SETUPS: Record<SetupId, Setup> = {
  photos: { media: () => EN_PHOTOS.map(img), steps: ['make a video'], language: 'en' },
  photosZh: { media: () => ZH_PHOTOS.map(img), steps: ['做一个视频'], language: 'zh-CN' },
  photosNew: {
    media: () => EN_PHOTOS.map(img),
    steps: ['make a video'],
    later: () => ['puppy_park.jpg', 'ice_cream.jpg'].map(img),
    language: 'en',
  },
  photosNewZh: {
    media: () => ZH_PHOTOS.map(img),
    steps: ['做一个视频'],
    later: () => ['小狗.jpg', '冰淇淋.jpg'].map(img),
    language: 'zh-CN',
  },
  titled: { media: () => EN_PHOTOS.map(img), steps: ['make a video titled "Grand Opening"'], language: 'en' },
  titledZh: { media: () => ZH_PHOTOS.map(img), steps: ['做一个视频，标题「盛大开业」'], language: 'zh-CN' },
  long: { media: () => EN_PHOTOS.map(img), steps: ['make a 30 second video'], language: 'en' },
  longZh: { media: () => ZH_PHOTOS.map(img), steps: ['做一个30秒的视频'], language: 'zh-CN' },
  twoSongs: {
    media: () => [...EN_PHOTOS.map(img), song('chill_vibes.mp3'), song('upbeat_pop.mp3')],
    steps: ['make a video'],
    language: 'en',
  },
  twoSongsOff: {
    media: () => [...EN_PHOTOS.map(img), song('chill_vibes.mp3'), song('upbeat_pop.mp3')],
    steps: ['make a video', 'use my song', 'no music'],
    language: 'en',
  },
  twoSongsOffZh: {
    media: () => [...ZH_PHOTOS.map(img), song('chill_vibes.mp3'), song('upbeat_pop.mp3')],
    steps: ['做一个视频', '用我的歌', '去掉音乐'],
    language: 'zh-CN',
  },
  bedOff: { media: () => EN_PHOTOS.map(img), steps: ['make a video', 'no music'], language: 'en' },
  oneSong: { media: () => [...EN_PHOTOS.map(img), song('chill_vibes.mp3')], steps: ['make a video'], language: 'en' },
  talk: {
    media: () => [...EN_PHOTOS.slice(0, 3).map(img), ...talkClips()],
    steps: ['make a video with music'],
    language: 'en',
  },
  talkFresh: { media: () => [...EN_PHOTOS.slice(0, 3).map(img), ...talkClips()], steps: [], language: 'en' },
  brandFresh: {
    media: () => ['brand_new_sneakers.jpg', 'IMG_2041.jpg', 'DSC_0042.jpg'].map(img),
    steps: [],
    language: 'en',
  },
  logoFresh: {
    media: () => [
      ...EN_PHOTOS.slice(0, 3).map(img),
      file('shop_logo.png', 'image', { width: 400, height: 400, hasAlpha: true, size: 20_000 }),
    ],
    steps: [],
    language: 'en',
  },
  square: { media: () => EN_PHOTOS.map(img), steps: ['make a video', 'make it square'], language: 'en' },
  squareZh: { media: () => ZH_PHOTOS.map(img), steps: ['做一个视频', '改成方形'], language: 'zh-CN' },
  undone: { media: () => EN_PHOTOS.map(img), steps: ['make a video', 'make it square', 'undo'], language: 'en' },
  undoneZh: { media: () => ZH_PHOTOS.map(img), steps: ['做一个视频', '改成方形', '撤销'], language: 'zh-CN' },
};

/** A session as the engine keeps it: draft, uploads, undo history. */
export interface SimSession {
  draft: Draft | undefined;
  media: MediaFile[];
  history: DraftHistory | undefined;
  language: string;
  /** Draft after each setup step. */
  snapshots: Array<Draft | undefined>;
}

export function say(s: SimSession, text: string): TurnResult {
  const input = { draft: s.draft, media: s.media, language: s.language, history: s.history };
  const r = decideTurn(text, input as Parameters<typeof decideTurn>[1]);
  if (r.draft) s.draft = r.draft;
  const h = (r as { history?: DraftHistory }).history;
  if (h) s.history = h;
  return r;
}

export function setUp(id: SetupId): SimSession {
  const def = SETUPS[id];
  const s: SimSession = {
    draft: undefined,
    media: def.media(),
    history: undefined,
    language: def.language,
    snapshots: [],
  };
  for (const step of def.steps) {
    say(s, step);
    s.snapshots.push(structuredClone(s.draft));
  }
  if (def.later) s.media = [...s.media, ...def.later()];
  return s;
}

const stem = (n: unknown) => String(n ?? '').replace(/\.[^.]+$/, '');
const track = (d: Draft | undefined, tt: number) => d?.t?.find((t) => t.tt === tt);
const texts = (d: Draft | undefined, role?: string): DraftSegment[] =>
  (track(d, 7)?.sg ?? []).filter((x) => !role || x.m?.role === role);
const titleText = (d: Draft | undefined) => texts(d, 'title')[0]?.m?.text;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** On-screen time of each video segment with every crossfade shared half-half. */
export function visibleMs(d: Draft): Array<{ name: string; kind: unknown; ms: number }> {
  const v = track(d, 0)?.sg ?? [];
  return v.map((seg, i) => {
    const before = i > 0 ? Math.max(0, (v[i - 1]!.s ?? 0) + (v[i - 1]!.d ?? 0) - (seg.s ?? 0)) : 0;
    const after = i + 1 < v.length ? Math.max(0, (seg.s ?? 0) + (seg.d ?? 0) - (v[i + 1]!.s ?? 0)) : 0;
    return { name: stem(seg.m?.name), kind: seg.m?.kind, ms: (seg.d ?? 0) - before / 2 - after / 2 };
  });
}

const CLAIMS =
  /^(?:Switched|Added|Removed|Moved|Title set|The video is now|The music is now|Made )|^(?:画面改成|加了|去掉了|已(?!经))/;
const QUOTED = /"([^"]{2,80})"|“([^”]{2,80})”/g;

/** Undefined when the result meets the expectation, else why not. */
export function check(
  e: Expect,
  s: SimSession,
  prev: Draft | undefined,
  r: TurnResult,
  text: string,
): string | undefined {
  const d = s.draft;
  const reply = r.reply;
  const unchanged = same(d, prev);
  const fail = (why: string) => `${why} — reply: ${reply}`;
  switch (e.k) {
    case 'order': {
      const got = (track(d, 0)?.sg ?? []).map((x) => stem(x.m?.name));
      return same(got, e.names) ? undefined : fail(`order ${got.join(',')}`);
    }
    case 'visible': {
      const v = d ? visibleMs(d).find((x) => x.name === e.name) : undefined;
      return v && v.ms >= e.atLeastMs && v.ms <= e.atLeastMs + 800 ? undefined : fail(`visible ${v?.ms}`);
    }
    case 'captionAtEnd': {
      const c = texts(d, 'caption').find((x) => String(x.m?.text).includes(e.text));
      if (!c) return fail('no such caption');
      if ((c.s ?? 0) < (d?.d ?? 0) - e.withinMs) return fail(`caption at ${c.s} of ${d?.d}`);
      return titleText(d) === titleText(prev) ? undefined : fail(`title now ${titleText(d)}`);
    }
    case 'captionRange': {
      const c = texts(d, 'caption').find((x) => String(x.m?.text).includes(e.text));
      if (!c) return fail('no such caption');
      const end = (c.s ?? 0) + (c.d ?? 0);
      if (Math.abs((c.s ?? 0) - e.s) > 100 || Math.abs(end - e.end) > 100) return fail(`caption ${c.s}–${end}`);
      return titleText(d) === titleText(prev) ? undefined : fail(`title now ${titleText(d)}`);
    }
    case 'captionAfterTitle': {
      const c = texts(d, 'caption').find((x) => String(x.m?.text).includes(e.text));
      const t = texts(d, 'title')[0];
      if (!c || !t) return fail('caption or title missing');
      const tEnd = (t.s ?? 0) + (t.d ?? 0);
      if ((c.s ?? 0) < tEnd - 50 || (c.s ?? 0) > tEnd + 1000) return fail(`caption at ${c.s}, title ends ${tEnd}`);
      return titleText(d) === titleText(prev) ? undefined : fail(`title now ${titleText(d)}`);
    }
    case 'title':
      return titleText(d) === e.text && texts(d, 'caption').length === texts(prev, 'caption').length
        ? undefined
        : fail(`title ${titleText(d)}`);
    case 'captionExact':
      return texts(d, 'caption').some((x) => x.m?.text === e.text) && titleText(d) === titleText(prev)
        ? undefined
        : fail(
            `captions ${texts(d, 'caption')
              .map((x) => x.m?.text)
              .join('|')}, title ${titleText(d)}`,
          );
    case 'noText':
      return texts(d).length === 0 ? undefined : fail(`${texts(d).length} texts left`);
    case 'perPhoto': {
      const v = d ? visibleMs(d) : [];
      return v.length && v.every((x) => Math.abs(x.ms - e.ms) <= 150)
        ? undefined
        : fail(`visible ${v.map((x) => Math.round(x.ms)).join(',')}`);
    }
    case 'meanShot': {
      const v = d ? visibleMs(d) : [];
      const mean = v.reduce((a, x) => a + x.ms, 0) / Math.max(1, v.length);
      if (e.atMostMs !== undefined && !(mean <= e.atMostMs)) return fail(`mean shot ${Math.round(mean)}`);
      if (e.atLeastMs !== undefined && !(mean >= e.atLeastMs)) return fail(`mean shot ${Math.round(mean)}`);
      return undefined;
    }
    case 'lengthFactor': {
      const k = (d?.d ?? 0) / (prev?.d ?? 1);
      if (e.factor !== undefined && Math.abs(k - e.factor) > 0.12 * e.factor) return fail(`length ×${k.toFixed(2)}`);
      if (e.shorter && !(k < 0.95)) return fail(`length ×${k.toFixed(2)}`);
      return undefined;
    }
    case 'music':
      return track(d, 1)?.sg[0]?.m?.name === e.name ? undefined : fail(`music ${String(track(d, 1)?.sg[0]?.m?.name)}`);
    case 'clipsMuted': {
      const clips = (track(d, 0)?.sg ?? []).filter((x) => x.m?.kind === 'video');
      return clips.length && clips.every((x) => x.m?.volume === 0) && track(d, 1)
        ? undefined
        : fail(`clip volumes ${clips.map((x) => x.m?.volume).join(',')}`);
    }
    case 'speechAudible': {
      const c = (track(d, 0)?.sg ?? []).find((x) => x.m?.name === e.name);
      return c && Number(c.m?.volume) >= 0.8 && track(d, 1)
        ? undefined
        : fail(`talk clip volume ${String(c?.m?.volume)}, music ${!!track(d, 1)}`);
    }
    case 'unchanged':
      if (!unchanged) return fail('draft changed');
      if (CLAIMS.test(reply)) return fail('claims a change');
      return new RegExp(e.says, 'i').test(reply) ? undefined : fail(`reply does not say /${e.says}/`);
    case 'asks':
      if (!unchanged) return fail('draft changed');
      return /[?？]/.test(reply) ? undefined : fail('no question');
    case 'noLogoNoInventedTitle': {
      if (!d) return fail('no draft');
      if (track(d, 3)) return fail('a photo became a logo');
      if ((track(d, 0)?.sg.length ?? 0) !== 3) return fail('not all photos on the video track');
      const t = String(titleText(d) ?? '');
      return /brand|sneaker|img|dsc|2041|0042/i.test(t) ? fail(`invented title ${t}`) : undefined;
    }
    case 'logoOverlay': {
      const o = track(d, 3)?.sg[0];
      const inVideo = (track(d, 0)?.sg ?? []).some((x) => x.m?.name === e.name);
      return o?.m?.name === e.name && !inVideo ? undefined : fail(`overlay ${String(o?.m?.name)}, in video ${inVideo}`);
    }
    case 'sameAsStep':
      return same(d, s.snapshots[e.step]) ? undefined : fail(`draft differs from step ${e.step}`);
    case 'historyListed':
      if (!unchanged) return fail('draft changed');
      return reply.includes(e.mentions) ? undefined : fail(`history does not mention ${e.mentions}`);
    case 'already':
      if (!unchanged) return fail('draft changed');
      if (CLAIMS.test(reply)) return fail('claims a change');
      return /already|已经/i.test(reply) ? undefined : fail('does not say it already is');
    case 'workingExamples': {
      if (!unchanged) return fail('draft changed');
      const examples = [...reply.matchAll(QUOTED)].map((m) => m[1] ?? m[2] ?? '');
      if (examples.length < 2 || examples.length > 4) return fail(`${examples.length} examples`);
      for (const ex of examples) {
        const probe: SimSession = { ...s, draft: structuredClone(prev), snapshots: [] };
        const before = structuredClone(prev);
        say(probe, ex);
        if (same(probe.draft, before)) return fail(`example "${ex}" changes nothing`);
      }
      return undefined;
    }
    case 'otherMusicOrTruth': {
      const was = track(prev, 1)?.sg[0]?.m?.src;
      const now = track(d, 1)?.sg[0]?.m?.src;
      if (!unchanged) return now && now !== was ? undefined : fail(`music ${String(now)}`);
      return /no audio file|还没有上传音频|already looks like|已经是这样/.test(reply) || CLAIMS.test(reply)
        ? fail('untrue reply')
        : undefined;
    }
  }
  void text;
  return undefined;
}

export interface CaseResult {
  cls: ClassId;
  lang: 'en' | 'zh';
  text: string;
  error?: string;
}

export function runAll(groups: Group[] = GROUPS): CaseResult[] {
  const out: CaseResult[] = [];
  for (const g of groups) {
    for (const lang of ['en', 'zh'] as const) {
      for (const text of g[lang] ?? []) {
        const s = setUp(g.setup);
        const prev = structuredClone(s.draft);
        let error: string | undefined;
        try {
          const r = say(s, text);
          error = check(g.expect, s, prev, r, text);
        } catch (err) {
          error = `threw: ${(err as Error).stack ?? String(err)}`;
        }
        out.push({ cls: g.cls, lang, text, ...(error ? { error } : {}) });
      }
    }
  }
  return out;
}
