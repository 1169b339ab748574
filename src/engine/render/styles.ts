/**
 * The named looks a draft can ask for (`m.style`): what each one changes in the picture. A look
 * is a font per role and script, a text animation, a set of transitions (cycled over the cuts),
 * a transition length (part of the pacing: snappy vs slow dissolves) and a colour grade applied
 * ONCE per photo on its stage (so the grade costs nothing per frame). Fonts come from Debian
 * packages (fonts-inter, fonts-ebgaramond, fonts-comfortaa, fonts-noto-cjk); a missing one falls
 * back to the plain chain in fonts.ts, never to tofu.
 */
import { existsSync } from 'node:fs';
import { STYLE_NAMES, type StyleName } from '../../contract/draft';
import { fontFor, type Script, type Weight } from './fonts';

/** pop: grows in with an overshoot; slide: rises into place; typewriter: letter by letter; words: word by word; fade. */
export type TextAnim = 'pop' | 'slide' | 'typewriter' | 'words' | 'fade';
/** An ffmpeg xfade transition name, or a hard cut. */
export type Transition =
  'cut' | 'fade' | 'zoomin' | 'slideleft' | 'slideup' | 'smoothup' | 'wipeleft' | 'fadeblack' | 'circleopen' | 'radial';

export interface Look {
  name: StyleName | 'plain';
  /** Font candidates per role (Latin); CJK text uses `cjk`. */
  fonts: { title: string[]; caption: string[]; cjkTitle: string[]; cjkCaption: string[] };
  /** Latin titles in capitals. */
  upper: boolean;
  titleColor: string;
  /** Word by word: the colour of the word coming in (the words before it are white). */
  highlight?: string;
  anim: TextAnim;
  /** How long a text's entrance takes. */
  animMs: number;
  transitions: Transition[];
  /** Longest transition (the rest of a longer overlap is a cut: same timeline). */
  transitionMs: number;
  /** `eq` options applied once to each photo's stage ('' = none). */
  grade: string;
}

const INTER = '/usr/share/fonts/opentype/inter/';
const GARAMOND = '/usr/share/fonts/opentype/ebgaramond/';
const COMFORTAA = '/usr/share/fonts/truetype/comfortaa/';
const NOTO = '/usr/share/fonts/opentype/noto/';
const SANS_CJK = [`${NOTO}NotoSansCJK-Bold.ttc`];
const SERIF_CJK = [`${NOTO}NotoSerifCJK-Bold.ttc`, `${NOTO}NotoSerifCJK-Regular.ttc`];

export const PLAIN: Look = {
  name: 'plain',
  fonts: { title: [], caption: [], cjkTitle: [], cjkCaption: [] },
  upper: false,
  titleColor: 'white',
  anim: 'fade',
  animMs: 300,
  transitions: ['fade'],
  transitionMs: 5000,
  grade: '',
};

export const LOOKS: Record<StyleName, Look> = {
  // The default promo: heavy capitals that pop in, zoom-through and slides, quick transitions, punchy colour.
  energetic: {
    name: 'energetic',
    fonts: {
      title: [`${INTER}InterDisplay-Black.otf`],
      caption: [`${INTER}Inter-ExtraBold.otf`],
      cjkTitle: SANS_CJK,
      cjkCaption: SANS_CJK,
    },
    upper: true,
    titleColor: 'white',
    anim: 'pop',
    animMs: 350,
    transitions: ['zoomin', 'slideleft', 'cut', 'zoomin', 'smoothup'],
    transitionMs: 350,
    grade: 'contrast=1.1:saturation=1.3',
  },
  // Big capitals revealed word by word (the word coming in highlighted, karaoke style), hard cuts and wipes, contrasty and a little desaturated.
  bold: {
    name: 'bold',
    fonts: {
      title: [`${INTER}InterDisplay-ExtraBold.otf`],
      caption: [`${INTER}Inter-Bold.otf`],
      cjkTitle: SANS_CJK,
      cjkCaption: SANS_CJK,
    },
    upper: true,
    titleColor: '#FFD400',
    highlight: '#FFD400',
    anim: 'words',
    animMs: 500,
    transitions: ['cut', 'wipeleft', 'cut', 'slideup'],
    transitionMs: 300,
    grade: 'contrast=1.2:saturation=0.9:gamma=0.95',
  },
  // Minimal: a light sans typed on, plain dissolves, a bright, soft grade.
  clean: {
    name: 'clean',
    fonts: {
      title: [`${INTER}InterDisplay-Medium.otf`, `${INTER}Inter-Medium.otf`],
      caption: [`${INTER}Inter-Regular.otf`],
      cjkTitle: SANS_CJK,
      cjkCaption: SANS_CJK,
    },
    upper: false,
    titleColor: 'white',
    anim: 'typewriter',
    animMs: 900,
    transitions: ['fade'],
    transitionMs: 500,
    grade: 'brightness=0.03:saturation=0.85:contrast=0.95',
  },
  // Serif type that rises slowly into place, long dips through black, warm and muted.
  elegant: {
    name: 'elegant',
    fonts: {
      title: [`${GARAMOND}EBGaramond12-Regular.otf`],
      caption: [`${GARAMOND}EBGaramond12-Italic.otf`],
      cjkTitle: SERIF_CJK,
      cjkCaption: SERIF_CJK,
    },
    upper: false,
    titleColor: '#F5E6C8',
    anim: 'slide',
    animMs: 1000,
    transitions: ['fadeblack', 'fade'],
    transitionMs: 5000,
    grade: 'saturation=0.75:contrast=0.95:gamma_r=1.06:gamma_b=0.94',
  },
  // Rounded type that pops, circle and slide transitions, bright saturated colour.
  playful: {
    name: 'playful',
    fonts: {
      title: [`${COMFORTAA}Comfortaa-Bold.ttf`],
      caption: [`${COMFORTAA}Comfortaa-Bold.ttf`],
      cjkTitle: SANS_CJK,
      cjkCaption: SANS_CJK,
    },
    upper: false,
    titleColor: '#FFE14D',
    anim: 'pop',
    animMs: 450,
    transitions: ['circleopen', 'slideup', 'radial', 'slideleft'],
    transitionMs: 450,
    grade: 'saturation=1.4:brightness=0.04:gamma_g=1.03',
  },
};

export function isStyleName(v: unknown): v is StyleName {
  return typeof v === 'string' && (STYLE_NAMES as readonly string[]).includes(v);
}

/** The look a draft asks for; the plain look for none or an unknown name (cloud drafts). */
export function lookOf(style: unknown): Look {
  return isStyleName(style) ? LOOKS[style] : PLAIN;
}

/** The look's font for a role and script, else the plain chain (which explains what to install). */
export function lookFont(look: Look, role: 'title' | 'caption', script: Script): string {
  const list =
    script === 'cjk'
      ? role === 'title'
        ? look.fonts.cjkTitle
        : look.fonts.cjkCaption
      : role === 'title'
        ? look.fonts.title
        : look.fonts.caption;
  const weight: Weight = role === 'title' ? 'heavy' : 'semibold';
  return list.find((p) => existsSync(p)) ?? fontFor(script, weight);
}

/** The transition at the cut before segment `i` (1-based cuts cycle through the look's set). */
export function transitionAt(look: Look, i: number): Transition {
  return look.transitions[(i - 1) % look.transitions.length]!;
}
