/**
 * The compact draft (timeline) the backend keeps per session.
 *
 * Keys follow the protocol's compact mapping: `t` tracks, `tt` track type, `sg` segments,
 * `d` duration in ms, `m` metadata. Cloud drafts carry more keys we do not know: every type
 * here is open (index signature) and drafts are always passed back to the backend verbatim.
 *
 * The local engine writes the fields documented in docs/draft.md; the renderer reads them.
 * How to read them (start, duration, kind, words, media) is draftRead.ts: use it, never the keys.
 * `s` (segment start in ms) is the one key the local engine adds to the documented set;
 * readers also accept `start`/`st`/`startTime` for cloud drafts.
 */

/**
 * Named looks (font, text animation, transitions, colour): the renderer reads `m.style`, the
 * planner sets it from the request's words or a chat edit. Absent = the plain default look.
 */
export const STYLE_NAMES = ['energetic', 'bold', 'clean', 'elegant', 'playful'] as const;
export type StyleName = (typeof STYLE_NAMES)[number];

/** Track type codes. 0/1/7 are from the protocol; 3 is the local engine's image overlay. */
export const TrackType = {
  Video: 0,
  Audio: 1,
  Overlay: 3,
  Text: 7,
} as const;

export interface DraftSegmentMeta {
  /** Stored file id (the upload's `hash`) or `builtin:bed` for the synthesised music bed. */
  src?: string;
  /** What a person calls it: the file name, or a music name. */
  name?: string;
  /** Video track: `image` (photo) or `video` (clip). */
  kind?: 'image' | 'video';
  /** Video track: camera motion over a photo. */
  motion?: 'in' | 'out' | 'left' | 'right' | 'up' | 'down' | 'none';
  /** Video track: how a mismatched aspect fills the frame. */
  fit?: 'cover' | 'blur';
  /** Video track: offset into a clip where the segment starts, ms. */
  trim?: number;
  /** Video/audio: gain 0..1 (video: the clip's own sound; 0 mutes it). */
  volume?: number;
  /** Audio: loop the source to fill `d`. */
  loop?: boolean;
  /** Audio: fade-out length at the end, ms. */
  fadeOut?: number;
  /** Text: the words, shown verbatim (never expanded). */
  text?: string;
  /** Text: `title` or `caption`. */
  role?: 'title' | 'caption';
  /** Text: vertical placement; overlay: corner. */
  position?: 'top' | 'center' | 'bottom' | 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';
  /** Text: font size as a multiple of the role's default (1 = default). Overlay: width fraction of the frame. */
  scale?: number;
  /** Text: a box behind the text for legibility. */
  box?: boolean;
  [key: string]: unknown;
}

export interface DraftSegment {
  /** Start on the timeline, ms. */
  s?: number;
  /** Duration, ms. */
  d?: number;
  m?: DraftSegmentMeta;
  [key: string]: unknown;
}

export interface DraftTrackMeta {
  /** Video track: transition between segments. */
  transition?: 'crossfade' | 'none';
  /** Video track: transition length, ms. */
  transitionMs?: number;
  name?: string;
  [key: string]: unknown;
}

export interface DraftTrack {
  tt: number;
  sg: DraftSegment[];
  m?: DraftTrackMeta;
  [key: string]: unknown;
}

export interface DraftMeta {
  title?: string;
  width?: number;
  height?: number;
  fps?: number;
  /** The platform the canvas was picked for, e.g. `tiktok`. */
  platform?: string;
  /** The named look (STYLE_NAMES); absent = the plain default. */
  style?: StyleName;
  /** The whole picture fades to black over the last `fadeOutMs` (with the music's fade-out). */
  fadeOutMs?: number;
  /** The last `ms` show an end card: the title, `cta` and the logo, centred on a dimmed picture. */
  endCard?: { ms: number; cta?: string };
  [key: string]: unknown;
}

export interface Draft {
  t?: DraftTrack[];
  d?: number;
  m?: DraftMeta;
  [key: string]: unknown;
}
