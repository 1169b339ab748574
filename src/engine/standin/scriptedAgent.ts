/**
 * The stand-in's agent: answers every chat turn the way the cloud agent does (a hidden thought,
 * an edit_timeline call and its response, the reply as partial chunks, then one final event
 * with the whole text) and edits the draft for real. Tests can queue custom turns.
 */
import type { Draft } from '../../contract/draft';
import {
  adkCall,
  adkResponse,
  adkText,
  adkThought,
  type AdkEvent,
  type Agent,
  type AgentContext,
  type AgentTurn,
} from '../contracts';
import { buildDraft, describeDraft, quotedText, requestedDurationMs } from './scriptedDraft';

export type ScriptFn = (text: string, ctx: AgentContext, emit: (e: AdkEvent) => void) => Promise<AgentTurn> | AgentTurn;

/** A canned turn: reply text (chunked like the real stream), optional draft, optional raw events. */
export interface ScriptedTurn {
  reply?: string;
  draft?: Draft | ((ctx: AgentContext) => Draft);
  /** Sent before the reply, as is. */
  events?: AdkEvent[];
}

export interface ScriptedAgentOptions {
  author?: string;
  /** Pause between emitted events (lets tests see a stream in flight). */
  stepMs?: number;
}

const AUTHOR = 'nemo_agent';

export class ScriptedAgent implements Agent {
  /** Every message text received, in order. */
  readonly received: string[] = [];
  private queue: (ScriptedTurn | ScriptFn)[] = [];
  private override?: ScriptFn;
  private readonly author: string;
  private readonly stepMs: number;

  constructor(opts: ScriptedAgentOptions = {}) {
    this.author = opts.author ?? AUTHOR;
    this.stepMs = opts.stepMs ?? 5;
  }

  /** Handle every following turn with `fn` (until script(undefined)). */
  script(fn: ScriptFn | undefined): void {
    this.override = fn;
  }

  /** Queue one-shot turns, used in order before the default behaviour resumes. */
  enqueue(...turns: (ScriptedTurn | ScriptFn)[]): void {
    this.queue.push(...turns);
  }

  reset(): void {
    this.queue = [];
    this.override = undefined;
  }

  async run(text: string, ctx: AgentContext, emit: (e: AdkEvent) => void): Promise<AgentTurn> {
    this.received.push(text);
    const next = this.queue.shift() ?? this.override;
    if (typeof next === 'function') return next(text, ctx, emit);
    if (next) return this.playTurn(next, ctx, emit);
    return this.defaultTurn(text, ctx, emit);
  }

  private pause(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal.aborted || this.stepMs <= 0) {
        resolve();
        return;
      }
      const t = setTimeout(done, this.stepMs);
      function done() {
        clearTimeout(t);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done);
    });
  }

  /** Streams `reply` as 3–5 partial chunks then the whole text; false when aborted. */
  async streamReply(reply: string, ctx: AgentContext, emit: (e: AdkEvent) => void): Promise<boolean> {
    const words = reply.split(/(?<=\s)/);
    const n = Math.min(5, Math.max(3, Math.ceil(words.length / 6)));
    const size = Math.ceil(words.length / n);
    for (let i = 0; i < words.length; i += size) {
      if (ctx.signal.aborted) return false;
      emit(adkText(this.author, words.slice(i, i + size).join(''), true));
      await this.pause(ctx.signal);
    }
    if (ctx.signal.aborted) return false;
    emit(adkText(this.author, reply));
    return true;
  }

  private async playTurn(turn: ScriptedTurn, ctx: AgentContext, emit: (e: AdkEvent) => void): Promise<AgentTurn> {
    for (const e of turn.events ?? []) {
      if (ctx.signal.aborted) return {};
      emit(e);
      await this.pause(ctx.signal);
    }
    const draft = typeof turn.draft === 'function' ? turn.draft(ctx) : turn.draft;
    if (turn.reply !== undefined && !(await this.streamReply(turn.reply, ctx, emit))) return {};
    return draft ? { draft } : {};
  }

  private async defaultTurn(text: string, ctx: AgentContext, emit: (e: AdkEvent) => void): Promise<AgentTurn> {
    const durationMs = requestedDurationMs(text) ?? ctx.draft?.d ?? 30_000;
    const title = quotedText(text) ?? (typeof ctx.draft?.m?.title === 'string' ? ctx.draft.m.title : 'My Video');
    emit(
      adkThought(this.author, `The user wants: ${text.slice(0, 200)}. Plan a ${durationMs / 1000}s vertical video.`),
    );
    await this.pause(ctx.signal);
    const call = adkCall(this.author, 'edit_timeline', { request: text.slice(0, 500), duration_ms: durationMs, title });
    const callId = (call.content?.parts[0] as { functionCall: { id?: string } }).functionCall.id;
    emit(call);
    await this.pause(ctx.signal);
    if (ctx.signal.aborted) return {};
    const draft = buildDraft(ctx.media, { durationMs, title });
    emit(adkResponse(this.author, 'edit_timeline', { status: 'ok', tracks: draft.t?.length ?? 0 }, callId));
    await this.pause(ctx.signal);
    const visuals = ctx.media.filter((m) => m.kind !== 'audio').length;
    const intro = ctx.draft
      ? 'I updated your video.'
      : `I made a ${durationMs / 1000}-second video from your ${visuals} photo(s)/clip(s).`;
    const reply = `${intro} Timeline: ${describeDraft(draft)}. Click Export when you're ready, or preview in timeline.`;
    if (!(await this.streamReply(reply, ctx, emit))) return {};
    return { draft };
  }
}
