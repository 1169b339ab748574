/** The English strings table (see types.ts). */
import type { Words } from './types';
import type { TextLimitProblem } from '../contract/textLimits';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
const n = (x: number) => x.toLocaleString('en');
const mp = (x: number) => `${Math.round(x / 1_000_000)} MP`;

function textLimitText(p: TextLimitProblem): string {
  switch (p.kind) {
    case 'itemChars':
      return `Text ${p.item} ("${p.preview}") is ${n(p.actual)} characters long; a title or caption may have at most ${n(p.limit)}. Shorten it or split it into several captions.`;
    case 'itemLines':
      return `Text ${p.item} ("${p.preview}") has ${n(p.actual)} lines; a title or caption may have at most ${n(p.limit)}. Shorten it or split it into several captions.`;
    case 'draftChars':
      return `The video's text items add up to ${n(p.actual)} characters; a video may carry at most ${n(p.limit)}. Remove or shorten some captions.`;
    case 'draftLines':
      return `The video's text items add up to ${n(p.actual)} lines; a video may carry at most ${n(p.limit)}. Remove or shorten some captions.`;
  }
}

export const en: Words = {
  lang: 'en',
  track: {
    video: 'Video',
    bgm: 'BGM',
    title: 'Title',
    text: 'Text',
    overlay: 'Overlay',
    track: 'Track',
    caption: 'Caption',
  },
  trackOfType: (type) => `Track (type ${type})`,
  segment: (n) => `Segment ${n}`,
  builtinMusic: 'Lo-fi bed',
  quote: (s) => `"${s}"`,
  list: (labels, more) => (more > 0 ? `${labels.join(', ')} +${more} more` : labels.join(', ')),
  span: (start, end) => `${start}-${end}s`,
  seconds: (s) => `${s}s`,
  item: (label, what, details) => `${label}: ${what} (${details.join(', ')})`,
  emptyTimeline: 'The timeline is empty — upload media or describe your video.',
  changes: {
    textChanged: (name, from, to) => `${name} changed from ${from} to ${to}.`,
    textMoved: (name, label, now, was) => `${name} ${label} now shows ${now} (was ${was}).`,
    textAdded: (name, label, span) => `Added ${name.toLowerCase()} ${label} (${span}).`,
    textRemoved: (name, label) => `Removed ${name.toLowerCase()} ${label}.`,
    renamed: (from, to) => `The ${from} track is now called ${to}.`,
    replaced: (name, from, to) => `${name} changed from ${from} to ${to}.`,
    count: (name, now, was) => `${name} now has ${plural(now, 'segment')} (was ${was}).`,
    added: (name, labels) => `Added to ${name}: ${labels}.`,
    removed: (name, labels) => `Removed from ${name}: ${labels}.`,
    runs: (name, now, was) => `${name} now runs ${now} (was ${was}).`,
    volume: (name, from, to) => `${name} volume changed from ${from} to ${to}.`,
    volumeSet: (name, to) => `${name} volume set to ${to}.`,
    trackAdded: (label, items) => `Added a ${label} track: ${items.join('; ')}.`,
    trackAddedEmpty: (label) => `Added an empty ${label} track.`,
    trackRemoved: (label) => `Removed the ${label} track.`,
    length: (from, to) => `Total length changed from ${from} to ${to}.`,
    canvas: (from, to) => `Canvas changed from ${from} to ${to}.`,
    canvasSet: (to) => `Canvas set to ${to}.`,
    title: (from, to) => `Project title changed from "${from}" to "${to}".`,
    titleSet: (to) => `Project title set to "${to}".`,
  },
  report: {
    changed: (lines) => `Done — I updated the timeline:\n${lines.map((c) => `- ${c}`).join('\n')}`,
    unchanged:
      'The agent finished without a reply and the timeline did not change. Try describing the edit more specifically.',
    silent: 'The agent finished without a reply. Ask for the status to see the timeline.',
    dropped: 'The connection dropped before the agent answered. Try sending your message again.',
  },
  credits: (c) => {
    if (c.unlimited) return 'Unlimited credits: the local engine is free.';
    if (c.frozen)
      return `${c.available} credits available (${c.frozen} reserved for running jobs, ${c.total} in total).`;
    return `${c.available} credits available.`;
  },
  // English shows the core's own message (it names the file, the URL, the code); this is the fallback.
  error: (kind) => `Something went wrong (${kind}). Try again in a moment.`,
  suggestion: { export: 'Export', 'show-timeline': 'Show timeline', upload: 'Upload files', credits: 'Check credits' },
  stillWorking: '⏳ Still working...',
  exportPhase: {
    submitting: 'Starting the export…',
    rendering: 'Rendering…',
    downloading: 'Downloading…',
    done: 'Done.',
  },
  skipped: (_names, detail) => detail,
  converted: (names) =>
    `Converted ${names.length === 1 ? 'an iPhone photo' : `${names.length} iPhone photos`} (HEIC) to JPEG on this machine before uploading: ${names.join(', ')}.`,
  heifSkipped: (reason, names) => {
    const which = `${names.length === 1 ? 'This iPhone photo was' : `${names.length} iPhone photos were`} not uploaded (${names.join(', ')})`;
    switch (reason) {
      case 'converter-missing':
        return `${which}: converting HEIC to JPEG needs libheif's heif-convert, which is not installed. Install it (Debian/Ubuntu: sudo apt-get install libheif-examples; macOS: brew install libheif), or export the photos as JPEG, then upload again.`;
      case 'not-heif':
        return `${which}: the content is not a HEIC/HEIF picture (was it renamed?).`;
      case 'unreadable':
        return `${which}: the file cannot be read (check that it exists and its permissions).`;
      default:
        return `${which}: heif-convert could not decode it. Export it as JPEG on the phone or computer, then upload that.`;
    }
  },
  engineProcess: (failure, logFile, detail) =>
    ({
      'start-failed': `The free local engine stopped while starting${detail ? ` (${detail})` : ''}. Check the ffmpeg setting, then try again; the engine log is ${logFile}.`,
      'start-timeout': `The free local engine did not start within 45 seconds. Try again; if it keeps happening, the engine log is ${logFile}.`,
      'lock-timeout': `Another window has been starting the free local engine for too long. Try again, or reload that window; the engine log is ${logFile}.`,
    })[failure],
  sessionRenewed:
    'The previous session was gone on the server, so a new one was started. Earlier uploads may need to be added again.',
  textLimit: (p) => `${textLimitText(p)} Nothing was saved.`,
  refusal: (r) => {
    switch (r.reason) {
      case 'text_limit':
        return `${textLimitText(r)} ${r.stage === 'render' ? 'Nothing was rendered.' : 'Nothing was saved.'}`;
      case 'chat_too_long':
        return `The message is ${n(r.actual)} characters long; the engine reads at most ${n(r.limit)}. Describe the edit in a few sentences.`;
      case 'too_many_pixels':
        return r.media === 'photo'
          ? `"${r.file}" is ${r.width}×${r.height} pixels (${mp(r.width * r.height)}); photos up to ${mp(r.limit)} are accepted. Resize it (4000 px on the long side is plenty for a 1080p video) and upload again.`
          : `"${r.file}" has ${r.width}×${r.height} frames; videos up to 4096×4096 (4K) are accepted. Export it at 4K or 1080p and upload again.`;
      case 'disk_full':
        return `The disk is full (${r.freeMb !== undefined ? `${n(r.freeMb)} MB free at ` : ''}${r.dir}). Free some space — old exports, downloads — and try again; nothing was saved half-way.`;
      case 'music_too_short':
        return `The audio segment ${r.item} ("${r.file}") is only ${n(r.ms)} ms long; music must be at least ${r.minMs / 1000} s to play or loop. Upload a longer song or remove it.`;
      case 'interrupted':
        return 'The engine stopped (it was restarted or killed) while this export was rendering. Export again.';
    }
  },
  cli: {
    startingEngine: 'Starting the free local engine…',
    connecting: 'Connecting…',
    workingOn: (name) => `… working on: ${name}`,
    uploadHint: 'To upload, run: video-gen upload <files…>',
    interrupted:
      'The connection dropped before the reply finished; the text above is partial. Run the command again to retry.',
    uploading: 'Uploading',
    uploaded: (names) => `Uploaded ${plural(names.length, 'file')}: ${names.join(', ')}`,
    newSession: 'Started a new session with an empty timeline.',
    serving: (url, tokenFile) =>
      `Local engine listening on ${url}\nIts token is in ${tokenFile}; point a client at it with:\n  NEMO_API_BASE=${url} NEMO_TOKEN="$(cat ${tokenFile})" video-gen status\nPress Ctrl-C to stop.`,
    logAt: (file) => `The engine's log (requests, warnings, errors) is in ${file}.`,
    cancelled: 'Cancelled.',
    errorPrefix: 'video-gen:',
    staleExportCleared: (n) => {
      const why =
        n.refusal?.reason === 'interrupted'
          ? 'the engine stopped while it was rendering'
          : n.reason === 'failed'
            ? `it failed on the engine${n.error && !n.refusal ? `: ${n.error}` : ''}`
            : n.reason === 'cancelled'
              ? 'it was cancelled on the engine'
              : n.reason === 'unknown'
                ? 'the engine no longer knows it'
                : 'the engine that ran it is gone';
      const refused = n.refusal && n.refusal.reason !== 'interrupted' ? ` ${en.refusal(n.refusal)}` : '';
      return `The earlier export ${n.renderId} could not finish (${why}), so it was cleared.${refused} Starting a new export.`;
    },
    exportRunning:
      'An export is already running for this project. Follow it and download the video with: video-gen export --resume — or stop it with: video-gen cancel',
    noExportToResume: 'There is no unfinished export in this folder to resume. Start one with: video-gen export',
    noExportToCancel: 'No export is running in this folder; nothing to cancel.',
    exportCancelled: (id) => `Cancelled the export ${id}.`,
    exportAlreadyEnded: (id) =>
      `The export ${id} had already ended on the engine; it is cleared here. Start a new one with: video-gen export`,
  },
};
