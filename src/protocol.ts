/**
 * The host ⇄ chat-webview message contract: one typed map shared by both sides, validated with
 * zod on arrival (a webview is a separate page; a message is just untrusted JSON to the other
 * side). zod/mini keeps the webview bundle small (full zod is ~450 KB there). Imported by the extension host (src/ui) and bundled into the webview (webview/main.ts),
 * so this file imports nothing from `vscode` or Node.
 *
 * The HOST owns the conversation (`ChatMessage[]`): a webview receives nothing while hidden, so
 * after hide/show or a reload it posts `ready` and redraws from the `init` the host answers with.
 * The host posts nothing before `ready` (messages sent earlier are lost).
 */
import * as z from 'zod/mini';
import type { SuggestedAction, ConnectionPhase } from './core/serviceApi';

/** Links the webview may ask the host to open, and error buttons may point at: web pages only. */
const webUrl = z.string().check(
  z.maxLength(2048),
  z.refine((u) => /^https?:\/\/[^\s]+$/i.test(u), 'expected an http(s) URL'),
);
const id = z.string().check(z.minLength(1), z.maxLength(200));

/** Buttons under a message: the core's suggestions, plus the app's own (open the cloud session on the web). */
const suggestedAction = z.object({
  action: z.enum(['export', 'show-timeline', 'upload', 'credits', 'open-in-nemo']),
  label: z.string().check(z.maxLength(200)),
});

const role = z.enum(['user', 'assistant', 'system']);

/** One picture of the thumbnail strip: a JPEG/PNG data URI (the engine's frame) and its time ("0:12"). */
const thumbnail = z.object({
  src: z.string().check(
    z.maxLength(512 * 1024),
    z.refine((s) => /^data:image\/(jpeg|png);base64,[A-Za-z0-9+/=]+$/.test(s), 'expected an image data URI'),
  ),
  time: z.string().check(z.maxLength(20)),
  /** Pixel size, so the strip has its height before the pictures load (the log stays pinned). */
  width: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(4096))),
  height: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(4096))),
});

const chatMessage = z.object({
  id,
  role,
  text: z.string(),
  /** An exported video: its path in `text` is a link that opens it (the host knows the file by the message). */
  file: z.optional(z.string().check(z.maxLength(4096))),
  /** A user message that never reached the backend (not connected): shown unsent, with Send again. */
  unsent: z.optional(z.boolean()),
  /** A strip of frames of the video as this reply left it (only the latest reply keeps one). */
  thumbnails: z.optional(z.array(thumbnail).check(z.maxLength(8))),
  /** The connection dropped mid-reply: `text` is partial. */
  interrupted: z.optional(z.boolean()),
  suggestions: z.optional(z.array(suggestedAction)),
});

const status = z.object({
  phase: z.enum(['connecting', 'ready', 'error', 'idle']),
  /** What the status line says ("Connecting…", "Ready"), already localised by the host. */
  text: z.string(),
});

// ---- webview → host -------------------------------------------------------------------------

/** What a button in the panel (`data-action`) may ask the host to do. */
export const BUTTON_ACTIONS = [
  'export',
  'show-timeline',
  'upload',
  'credits',
  'use-local',
  'use-cloud',
  'open-in-nemo',
  'preview',
] as const;

/** Buttons (quick actions, suggestions) and links clicked in the panel. */
const actionMessage = z.discriminatedUnion('action', [
  z.object({ type: z.literal('action'), action: z.enum(BUTTON_ACTIONS) }),
  /** A link in a reply or on an error: the host opens it with vscode.env.openExternal. */
  z.object({ type: z.literal('action'), action: z.literal('open-external'), url: webUrl }),
]);

const toHost = z.discriminatedUnion('type', [
  /** The webview's script runs and listens: the host answers with `init`. */
  z.object({ type: z.literal('ready') }),
  /** The user sent a message (trimmed, non-empty). */
  z.object({ type: z.literal('send'), text: z.string().check(z.minLength(1), z.maxLength(100_000)) }),
  /** Stop the running turn (aborts the request). */
  z.object({ type: z.literal('stop') }),
  actionMessage,
  /** Copy text to the clipboard through the host (fallback when navigator.clipboard fails). */
  z.object({ type: z.literal('copy'), text: z.string().check(z.maxLength(1_000_000)) }),
  /** Send the last user message again (after an error or an interrupted reply). */
  z.object({ type: z.literal('retry') }),
  /** Open the exported video of message `id` (the host looks the file up; no path comes from here). */
  z.object({ type: z.literal('open-file'), id }),
  /** Send the unsent user message `id` again. */
  z.object({ type: z.literal('resend'), id }),
]);

// ---- host → webview -------------------------------------------------------------------------

const toWebview = z.discriminatedUnion('type', [
  /** Full redraw: the conversation so far, the status line and whether a turn runs. */
  z.object({ type: z.literal('init'), messages: z.array(chatMessage), status, busy: z.boolean() }),
  z.object({ type: z.literal('status'), ...status.shape }),
  /** A new message bubble; assistant text then arrives as `chunk`s and one `message-final`. */
  z.object({ type: z.literal('message-start'), id, role }),
  /** Append streamed text to message `id`. */
  z.object({ type: z.literal('chunk'), id, text: z.string() }),
  /** The final text of message `id`: replaces the chunks shown so far (never shown twice). */
  z.object({ type: z.literal('message-final'), id, text: z.string() }),
  /** What the agent works on, in a person's words ("Planning your video…"; never a tool's name). */
  z.object({ type: z.literal('tool'), id, name: z.string().check(z.maxLength(200)) }),
  /** A transient notice ("⏳ Still working..."), under message `id` when given. */
  z.object({ type: z.literal('notice'), id: z.optional(id), text: z.string().check(z.maxLength(2000)) }),
  /** Buttons offered after reply `id`. */
  z.object({ type: z.literal('suggestions'), id, actions: z.array(suggestedAction) }),
  /** A turn started / ended: toggles Stop vs Send. */
  z.object({ type: z.literal('busy'), busy: z.boolean() }),
  /** An error for the user; with `url` a link button (register, upgrade) labelled `linkLabel`. */
  z.object({
    type: z.literal('error'),
    text: z.string(),
    url: z.optional(webUrl),
    linkLabel: z.optional(z.string().check(z.maxLength(100))),
    /** The cloud failed (unreachable, out of credits, plan, rate limit): offer the free local engine. */
    offerLocal: z.optional(z.boolean()),
  }),
  /** Message `id` names an exported video at `file`: its path becomes a link. */
  z.object({ type: z.literal('file-link'), id, file: z.string().check(z.maxLength(4096)) }),
  /** The user message `id` was not sent (not connected). */
  z.object({ type: z.literal('message-unsent'), id }),
  /** Frames of the new version under reply `id` (older strips go away). */
  z.object({ type: z.literal('thumbnails'), id, images: z.array(thumbnail).check(z.maxLength(8)) }),
  /** The reply `id` stopped early (Stop or a dropped connection): its text so far stays. */
  z.object({ type: z.literal('message-interrupted'), id }),
  /** Bubble `id` never got any text (the turn failed or was stopped before it): take it away. */
  z.object({ type: z.literal('message-remove'), id }),
]);

export type ChatRole = z.infer<typeof role>;
export type ChatMessage = z.infer<typeof chatMessage>;
/** A button under a message. */
export type PanelSuggestion = z.infer<typeof suggestedAction>;
export type Thumbnail = z.infer<typeof thumbnail>;
export type ChatStatus = z.infer<typeof status>;
export type ToHostMessage = z.infer<typeof toHost>;
export type ToWebviewMessage = z.infer<typeof toWebview>;
/** The action names a button or link can post. */
export type PanelAction = Extract<ToHostMessage, { type: 'action' }>['action'];
/** One message type of each direction, by name: `ToWebview<'chunk'>`. */
export type ToHost<T extends ToHostMessage['type']> = Extract<ToHostMessage, { type: T }>;
export type ToWebview<T extends ToWebviewMessage['type']> = Extract<ToWebviewMessage, { type: T }>;

/** A message from the webview, typed, or undefined when it is not one (never throws). */
export function parseToHost(raw: unknown): ToHostMessage | undefined {
  const r = toHost.safeParse(raw);
  return r.success ? r.data : undefined;
}

/** A message from the host, typed, or undefined when it is not one (never throws). */
export function parseToWebview(raw: unknown): ToWebviewMessage | undefined {
  const r = toWebview.safeParse(raw);
  return r.success ? r.data : undefined;
}

/** Status phases are the core's connection phases: a compile-time check that they agree. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const phasesAgree: Same<ChatStatus['phase'], ConnectionPhase> = true;
/** Every suggestion the core derives can be shown as a button (the panel has a few more of its own). */
const actionsFit: SuggestedAction extends z.infer<typeof suggestedAction> ? true : false = true;
void phasesAgree;
void actionsFit;

/**
 * The panel's own words. The host passes them (localised with vscode.l10n) into the HTML shell;
 * the webview falls back to these English defaults for any that are missing.
 */
export interface ChatStrings {
  send: string;
  stop: string;
  copy: string;
  copied: string;
  retry: string;
  upload: string;
  export: string;
  credits: string;
  /** The working indicator's words before the host says what it works on. */
  working: string;
  interrupted: string;
  placeholder: string;
  conversation: string;
  you: string;
  assistant: string;
  quickActions: string;
  dismiss: string;
  /** The thumbnail strip's label, and one thumbnail's alt text ({0} = its time, "0:12"). */
  thumbnails: string;
  thumbnailAt: string;
  /** The button beside the strip that plays a quick preview of that version. */
  preview: string;
  /** Under a message that was not sent, and its button. */
  unsent: string;
  resend: string;
  /** A file link's tooltip. */
  openFile: string;
  welcomeTitle: string;
  welcomeText: string;
  /** Example requests shown as buttons in the empty chat; a click puts one in the message box. */
  example1: string;
  example2: string;
  example3: string;
  chooseBackend: string;
  useCloud: string;
  useLocal: string;
}

export const DEFAULT_CHAT_STRINGS: ChatStrings = {
  send: 'Send',
  stop: 'Stop',
  copy: 'Copy',
  copied: 'Copied',
  retry: 'Retry',
  upload: 'Upload',
  export: 'Export',
  credits: 'Credits',
  working: 'Working on your request…',
  interrupted: 'Reply interrupted.',
  placeholder: 'Describe the video you want (Enter to send, Shift+Enter for a new line)',
  conversation: 'Conversation',
  you: 'You',
  assistant: 'Assistant',
  quickActions: 'Quick actions',
  dismiss: 'Dismiss',
  thumbnails: 'The video so far',
  thumbnailAt: 'Frame at {0}',
  preview: 'Preview',
  unsent: 'Not sent: not connected.',
  resend: 'Send again',
  openFile: 'Open the video',
  welcomeTitle: 'Make a short video from your photos and clips',
  welcomeText: 'Upload photos, clips or music, then describe the video you want. Try one of these:',
  example1: 'Turn these photos into a 30-second promo video with music and text overlays',
  example2: 'Make a 15-second vertical video for TikTok from my clips, with captions',
  example3: 'Create a travel recap with upbeat music and the title "Summer 2026"',
  chooseBackend: 'Where should your videos be made?',
  useCloud: 'In the cloud (free starter credits)',
  useLocal: 'Use the free local engine (offline)',
};
