/**
 * The planner's vocabulary: the typed edit operations the parser pulls out of a request, and
 * the changes an edit reports back (the reply is written from those, so it never claims more
 * than was done).
 */

import type { MediaRef } from './refs';
import type { StyleName } from '../../contract/draft';

export type { StyleName };

export type Lang = 'en' | 'zh';
export type TextTarget = 'title' | 'caption' | 'all';
export type TextPosition = 'top' | 'center' | 'bottom';
export type Corner = 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';

/** A frame size for a platform (TikTok 1080x1920, …): what the planner chooses (the renderer keeps its own frame type in render/video.ts). */
export interface PlatformCanvas {
  width: number;
  height: number;
  platform: string;
}

/** One thing the user asked for. JSON-safe: these are the function call's args. */
export type Op =
  | { op: 'canvas'; width: number; height: number; platform: string }
  /** Total length; `requestedMs` is what was asked before clamping to 3–180 s. */
  | { op: 'duration'; ms: number; requestedMs?: number }
  /** Seconds each photo stays on screen ("3 seconds per photo"). */
  | { op: 'perItem'; ms: number }
  /** Stretches or shrinks the whole video's length ("slower" ×1.25, "faster" ×0.8, "half as long" ×0.5): not playback speed. */
  | { op: 'scaleLength'; factor: number }
  | { op: 'title'; text: string }
  /** "add a title" without words: the default title unless one exists. */
  | { op: 'ensureTitle' }
  | { op: 'removeTitle' }
  /** `atMs` -1 = at the end; `afterTitle` = right after the title. */
  | { op: 'caption'; text: string; atMs?: number; durMs?: number; afterTitle?: boolean }
  /** Removes every caption, or only those whose text matches `text`. */
  | { op: 'removeCaptions'; text?: string }
  /** "with text overlays" / "加字幕": a title plus generated captions. */
  | { op: 'textOverlays' }
  | { op: 'textScale'; target: TextTarget; factor: number }
  | { op: 'textPosition'; target: TextTarget; position: TextPosition }
  /** Music on; `change` ("change the music") switches to another uploaded song. */
  /** `words`: name words of the song wanted ("a different track, the upbeat one"). */
  | { op: 'music'; change?: boolean; words?: string[] }
  | { op: 'noMusic' }
  | { op: 'useMySong' }
  | { op: 'musicVolume'; volume: number }
  | { op: 'musicRelative'; factor: number }
  | { op: 'transition'; kind: 'crossfade' | 'none' }
  | { op: 'logo'; position?: Corner }
  | { op: 'logoScale'; factor: number }
  | { op: 'noLogo' }
  /** Short or long shots whatever the length ("quick cuts", "slow and calm"): on-screen ms per shot. */
  | { op: 'pace'; shotMs: number }
  | { op: 'move'; ref: MediaRef; to: 'first' | 'last' | 'after' | 'before'; anchor?: MediaRef }
  | { op: 'swap'; a: MediaRef; b: MediaRef }
  | { op: 'reverse' }
  | { op: 'removeMedia'; ref: MediaRef }
  /** Puts uploads not yet in the video at its end (or start). */
  | { op: 'appendMedia'; ref: MediaRef; at: 'end' | 'start' }
  | { op: 'replaceMedia'; ref: MediaRef; with: MediaRef }
  /** One shot stays on screen `ms` (or `factor` × its time). */
  | { op: 'hold'; ref: MediaRef; ms?: number; factor?: number }
  /** What played before ("bring the music back"). */
  | { op: 'musicRestore' }
  /** An uploaded song by its name words ("play the upbeat one"). */
  | { op: 'musicPick'; words: string[] }
  /** The clips' own sound: 0 mutes, 1 restores. */
  | { op: 'clipSound'; volume: number }
  /** "cut to the beat" / "卡点" (on) and "no beat sync" (off): beatSync.ts. */
  | { op: 'beatSync'; on: boolean }
  /** A named look ("elegant", "更活泼一点"): font, text animation, transitions, colour. */
  | { op: 'style'; style: StyleName };

export type OpName = Op['op'];

/** Why nothing was done. */
export type Refusal =
  | 'noMedia'
  | 'noAudio'
  | 'noLogo'
  | 'voiceover'
  | 'vague'
  | 'generative'
  | 'unknown'
  | 'help'
  | 'export'
  | 'publish'
  | 'retouch'
  | 'tooLong';

export interface ParseResult {
  ops: Op[];
  /** Language of the request's own words (quoted text excluded); undefined when it has none. */
  lang: Lang | undefined;
  /** "make a video…", "做一个…视频": build a fresh draft even when one exists. */
  create: boolean;
  /** Names a video at all ("a promo video"); enough to start the first draft. */
  mentionsVideo: boolean;
  /** Words mentioning promo/product/sale: picks the 30 s default and promo-style texts. */
  promo: boolean;
  /** Asks for a title or text at all: only then may a first draft get a title from file names. */
  asksForText?: boolean;
  /** Set when the request asks for something the planner cannot do. */
  refusal?: Refusal;
  /** Undo / redo / show history instead of an edit. */
  control?: 'undo' | 'redo' | 'changeBack' | 'history';
}

/** What an edit or a plan actually changed, for the reply. */
export type Change =
  | {
      kind: 'created';
      seconds: number;
      canvas: PlatformCanvas;
      photos: number;
      clips: number;
      title?: string;
      captions: number;
      music?: string;
      logo: boolean;
      style?: StyleName;
      endCard?: boolean;
    }
  | { kind: 'canvas'; canvas: PlatformCanvas }
  | { kind: 'duration'; seconds: number }
  | { kind: 'clamped'; requestedSeconds: number; seconds: number }
  | { kind: 'clipsShort'; seconds: number }
  | { kind: 'title'; text: string }
  | { kind: 'titleRemoved' }
  | { kind: 'caption'; text: string; atSeconds: number }
  | { kind: 'captionMoved'; text: string; atSeconds: number }
  | { kind: 'captionsRemoved'; count: number }
  | { kind: 'textOverlays'; captions: number }
  | { kind: 'textScale'; target: TextTarget; bigger: boolean; scale: number }
  | { kind: 'textPosition'; target: TextTarget; position: TextPosition }
  /** `from`: the song it replaced when that was the only uploaded one. */
  | { kind: 'music'; name: string; from?: string }
  | { kind: 'musicRemoved' }
  | { kind: 'musicVolume'; percent: number }
  | { kind: 'transition'; crossfade: boolean }
  | { kind: 'logo'; position: Corner; name: string }
  | { kind: 'logoScale'; percent: number }
  | { kind: 'logoRemoved' }
  | { kind: 'order'; names: string[] }
  | { kind: 'mediaRemoved'; names: string[] }
  | { kind: 'mediaAdded'; names: string[]; at: 'end' | 'start' }
  | { kind: 'mediaReplaced'; from: string; to: string }
  | { kind: 'held'; name: string; seconds: number }
  | { kind: 'pace'; shotSeconds: number; shots: number; seconds: number }
  | { kind: 'clipSound'; volume: number; clips: number }
  /** Nothing to do: the draft already is what was asked. */
  | {
      kind: 'already';
      what: 'canvas' | 'music' | 'clipSound' | 'order' | 'transition' | 'logo' | 'style';
      detail: string;
    }
  /** The look changed (`from` is the one before, absent for the plain default). */
  | { kind: 'style'; style: StyleName; from?: StyleName; shots?: number; shotSeconds?: number }
  | { kind: 'beatSync'; on: boolean; bpm?: number }
  /** Beat sync asked for, but the music has no clear beat (or there is no music). */
  | { kind: 'noClearBeat'; music: boolean }
  /** An op that could not be applied, with the reason (e.g. no caption to move). */
  | {
      kind: 'skipped';
      reason:
        | 'noAudio'
        | 'noLogo'
        | 'noMusicTrack'
        | 'noText'
        | 'noCaptions'
        | 'unchanged'
        | 'noSuchMedia'
        | 'ambiguous'
        | 'noNewMedia'
        | 'noClips'
        | 'onlySong'
        | 'onlyBed'
        | 'lastShot';
      what: OpName;
      ref?: string;
      names?: string[];
    };
