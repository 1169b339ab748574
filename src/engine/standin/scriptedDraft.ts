/**
 * The scripted agent's timeline: photos/clips on a tt 0 track in upload order, the first audio
 * upload (or the built-in "Lo-fi" bed) as BGM at 35 % on tt 1, a title 0–3 s on tt 7, a
 * 1080x1920 canvas. Durations in ms, fields from src/contract/draft.ts.
 */
import { TrackType, type Draft, type DraftTrack } from '../../contract/draft';
import type { MediaFile } from '../contracts';

/** "15s", "15 sec", "15-second", "15 seconds" → 15000; undefined when absent. */
export function requestedDurationMs(text: string): number | undefined {
  const m = /(\d+(?:\.\d+)?)\s*-?\s*(?:s|secs?|seconds?)\b/i.exec(text);
  if (!m) return undefined;
  const s = Number(m[1]);
  return Number.isFinite(s) && s > 0 ? Math.round(Math.min(600, Math.max(1, s)) * 1000) : undefined;
}

/** The first quoted phrase, for a title ("…" or '…' or “…”). */
export function quotedText(text: string): string | undefined {
  const m = /["“']([^"”']{1,80})["”']/.exec(text);
  return m ? m[1].trim() : undefined;
}

export function buildDraft(media: MediaFile[], opts: { durationMs: number; title: string }): Draft {
  const D = opts.durationMs;
  const visuals = media.filter((m) => m.kind === 'image' || m.kind === 'video');
  const audio = media.find((m) => m.kind === 'audio');
  const per = visuals.length ? Math.floor(D / visuals.length) : 0;
  const motions = ['in', 'out', 'left', 'right'] as const;
  const video: DraftTrack = {
    tt: TrackType.Video,
    m: { transition: 'crossfade', transitionMs: 400 },
    sg: visuals.map((m, i) => ({
      s: i * per,
      d: i === visuals.length - 1 ? D - i * per : per,
      m:
        m.kind === 'image'
          ? { src: m.id, name: m.name, kind: 'image', motion: motions[i % motions.length], fit: 'cover' }
          : { src: m.id, name: m.name, kind: 'video', trim: 0, volume: 0, fit: 'cover' },
    })),
  };
  const bgm: DraftTrack = {
    tt: TrackType.Audio,
    sg: [
      {
        s: 0,
        d: D,
        m: {
          src: audio?.id ?? 'builtin:bed',
          name: audio?.name ?? 'Lo-fi',
          volume: 0.35,
          loop: true,
          fadeOut: Math.min(1500, D),
        },
      },
    ],
  };
  const title: DraftTrack = {
    tt: TrackType.Text,
    sg: [{ s: 0, d: Math.min(3000, D), m: { text: opts.title, role: 'title', position: 'center', box: false } }],
  };
  return {
    t: [video, bgm, title],
    d: D,
    m: { title: opts.title, width: 1080, height: 1920, fps: 30, platform: 'tiktok' },
  };
}

/** One line per track, for the agent's reply ("preview in timeline"). */
export function describeDraft(d: Draft): string {
  const secs = (ms: number | undefined) => `${Math.round((ms ?? 0) / 100) / 10}s`;
  return (d.t ?? [])
    .map((t) => {
      if (t.tt === TrackType.Video) return `Video: ${t.sg.length} segment(s), 0–${secs(d.d)}`;
      if (t.tt === TrackType.Audio)
        return `BGM: ${t.sg[0]?.m?.name ?? 'music'} (0–${secs(t.sg[0]?.d)}, ${Math.round(Number(t.sg[0]?.m?.volume ?? 1) * 100)}%)`;
      if (t.tt === TrackType.Text) return `Title: "${t.sg[0]?.m?.text ?? ''}" (0–${secs(t.sg[0]?.d)})`;
      return `Track ${t.tt}: ${t.sg.length} segment(s)`;
    })
    .join('; ');
}
