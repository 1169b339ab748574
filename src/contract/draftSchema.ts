/**
 * The draft's schema, for callers that write drafts themselves (agents through `save_draft`,
 * `video-gen schema`, the MCP resource). It mirrors docs/draft.md: the fields the local engine
 * reads are typed and bounded; every object stays open (unknown keys are kept), because cloud
 * drafts carry more. Also the draft's version: a digest of its canonical JSON, so both sides of
 * an optimistic save compute the same value without a counter on the server.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { STYLE_NAMES } from './draft';

/** The longest timeline a saved draft may describe (the local renderer's limit). */
export const MAX_DRAFT_MS = 10 * 60_000;

const ms = z.number().finite().min(0);
const duration = z.number().finite().gt(0).max(MAX_DRAFT_MS);

const SegmentMeta = z.looseObject({
  src: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('Media id (the `id` from list_project_media) or `builtin:bed` for the synthesised music bed.'),
  name: z.string().max(500).optional().describe('What a person calls it; shown in error messages.'),
  kind: z.enum(['image', 'video']).optional().describe('Video track: photo or clip.'),
  motion: z
    .enum(['in', 'out', 'left', 'right', 'up', 'down', 'none'])
    .optional()
    .describe('Video track: camera motion over a photo.'),
  fit: z
    .enum(['cover', 'blur'])
    .optional()
    .describe('Video track: fill the frame (cover) or fit on a blurred background (blur).'),
  trim: ms.optional().describe('Video track: offset into a clip where the segment starts, ms.'),
  volume: z
    .number()
    .finite()
    .min(0)
    .max(2)
    .optional()
    .describe("Gain 0..2 (video: the clip's own sound; audio: default 0.35)."),
  loop: z.boolean().optional().describe('Audio: repeat the source to fill the segment.'),
  fadeOut: ms.optional().describe('Audio: fade-out at the end, ms.'),
  text: z.string().max(2000).optional().describe('Text track: the words, shown verbatim; \\n breaks lines.'),
  role: z.enum(['title', 'caption']).optional().describe('Text track: big shadowed title or boxed caption.'),
  position: z
    .enum(['top', 'center', 'bottom', 'top-left', 'top-right', 'bottom-left', 'bottom-right'])
    .optional()
    .describe('Text: top/center/bottom; overlay: a corner.'),
  scale: z
    .number()
    .finite()
    .gt(0)
    .max(10)
    .optional()
    .describe('Text: size multiple (1 = default); overlay: width fraction of the frame (≤ 1).'),
  box: z.boolean().optional().describe('Text: a semi-transparent box behind each line.'),
});

const Segment = z.looseObject({
  s: ms.max(MAX_DRAFT_MS).optional().describe('Start on the timeline, ms (default 0).'),
  d: duration.describe('Duration, ms.'),
  m: SegmentMeta.optional(),
});

const Track = z.looseObject({
  tt: z.number().int().describe('Track type: 0 video (photos/clips), 1 audio (music), 3 image overlay (logo), 7 text.'),
  sg: z.array(Segment).max(500).describe('Segments in time order.'),
  m: z
    .looseObject({
      transition: z
        .enum(['crossfade', 'none'])
        .optional()
        .describe('Video track: crossfade where segments overlap, or cut.'),
      transitionMs: ms.max(5000).optional(),
      name: z.string().max(200).optional(),
    })
    .optional(),
});

export const DraftSchema = z
  .looseObject({
    t: z.array(Track).max(50).describe('Tracks.'),
    d: duration.optional().describe('Exact output duration, ms (default: the end of the last segment).'),
    m: z
      .looseObject({
        title: z.string().max(500).optional(),
        width: z.number().int().min(16).max(4096).optional().describe('Canvas width, px (default 1080).'),
        height: z.number().int().min(16).max(4096).optional().describe('Canvas height, px (default 1920).'),
        fps: z.number().finite().gt(0).max(120).optional().describe('Frame rate (default 30).'),
        platform: z.string().max(40).optional(),
        style: z
          .enum(STYLE_NAMES)
          .optional()
          .describe('Named look: font, text animation, transitions, colour (default: plain).'),
        fadeOutMs: ms.max(5000).optional().describe('The picture fades to black over the last N ms (with the music).'),
        endCard: z
          .looseObject({
            ms: ms.max(10_000).describe('Length of the end card at the end of the video, ms.'),
            cta: z.string().max(200).optional().describe('Call to action under the title ("Shop now").'),
          })
          .optional()
          .describe('End card: title, call to action and logo centred on the last seconds.'),
      })
      .optional(),
  })
  .superRefine((draft, ctx) => {
    // What the renderer needs beyond types: visual and audio segments name their media, text segments their words.
    draft.t.forEach((track, ti) =>
      track.sg.forEach((seg, si) => {
        const path = ['t', ti, 'sg', si, 'm'];
        if ([0, 1, 3].includes(track.tt) && !seg.m?.src)
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'src'],
            message:
              'a video, audio or overlay segment needs m.src (a media id from list_project_media, or builtin:bed for music)',
          });
        if (track.tt === 7 && !seg.m?.text?.trim())
          ctx.addIssue({ code: 'custom', path: [...path, 'text'], message: 'a text segment needs non-empty m.text' });
      }),
    );
  })
  .describe('A video timeline (draft): tracks of timed segments. Times in milliseconds.');

export type DraftIssue = { path: string; message: string };

/** `t[0].sg[2].d` from zod's path array. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const k of path) out += typeof k === 'number' ? `[${k}]` : `${out ? '.' : ''}${String(k)}`;
  return out || '(draft)';
}

/** The draft's problems, each naming the field and why; empty when it is valid. */
export function draftIssues(draft: unknown): DraftIssue[] {
  const r = DraftSchema.safeParse(draft);
  if (r.success) return [];
  return r.error.issues.slice(0, 20).map((i) => ({ path: formatPath(i.path), message: i.message }));
}

export function describeIssues(issues: DraftIssue[]): string {
  return issues.map((i) => `${i.path}: ${i.message}`).join('; ');
}

/** The JSON Schema an agent can author drafts against. */
export function draftJsonSchema(): Record<string, unknown> {
  return {
    $id: 'video-gen://schema/draft',
    title: 'Video Generator draft',
    ...z.toJSONSchema(DraftSchema, { io: 'input', unrepresentable: 'any' }),
  };
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v as object)
        .sort()
        .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

/** The draft's version: the same draft always has the same version, whatever its key order. */
export function draftVersion(draft: unknown): string {
  const json = JSON.stringify(canonical(draft ?? {}));
  return `v_${createHash('sha256').update(json).digest('hex').slice(0, 16)}`;
}
