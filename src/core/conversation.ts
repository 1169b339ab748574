/**
 * One streamed chat turn: snapshot the timeline, stream the agent's reply (chunks shown as they
 * come, replaced by the final text — never twice), and when the stream closes without any text
 * (about 30 % of edit turns) report what changed in the timeline instead — as data (the two
 * timelines); the UI and the CLI put it into words (src/words/timeline.ts).
 */
import { readEventStream } from './api/sse';
import { ApiError } from './api/errors';
import type { StreamEvent } from './api/events';
import type { Timeline } from './timeline';
import { suggestActions } from './guiWords';
import type { SuggestedAction, TurnReport } from './serviceApi';
import type { Logger } from './ports';

export interface StreamTurnOptions {
  /** Opens the SSE stream (the service adds auth, session and recovery). */
  open: () => Promise<AsyncIterable<Uint8Array>>;
  /** Reads the current timeline; undefined when it cannot be read. */
  snapshot: () => Promise<Timeline | undefined>;
  signal?: AbortSignal;
  onEvent?: (e: StreamEvent) => void;
  stillWorkingIntervalMs?: number;
  maxDurationMs?: number;
  log?: Logger;
}

export interface StreamTurnResult {
  /** The agent's words ('' when it said nothing: see `report`). */
  text: string;
  /** What the turn did when the agent said nothing. */
  report?: TurnReport;
  fromTimelineDiff: boolean;
  interrupted: boolean;
  suggestions: SuggestedAction[];
}

/** Collects the reply: finished messages, plus chunks of a message whose final never came. */
class ReplyText {
  private finals: string[] = [];
  private chunks = '';
  chunk(t: string) {
    this.chunks += t;
  }
  final(t: string) {
    if (t.trim()) this.finals.push(t);
    this.chunks = '';
  }
  get text(): string {
    return [...this.finals, ...(this.chunks.trim() ? [this.chunks] : [])].join('\n\n').trim();
  }
}

export async function streamTurn(o: StreamTurnOptions): Promise<StreamTurnResult> {
  const before = await o.snapshot().catch(() => undefined);
  const body = await o.open();
  const reply = new ReplyText();
  let interrupted = false;
  for await (const event of readEventStream(body, {
    signal: o.signal,
    stillWorkingIntervalMs: o.stillWorkingIntervalMs,
    maxDurationMs: o.maxDurationMs,
    log: o.log,
  })) {
    o.onEvent?.(event);
    if (event.type === 'text-chunk') reply.chunk(event.text);
    else if (event.type === 'text-final') reply.final(event.text);
    else if (event.type === 'error') {
      throw new ApiError({
        kind: 'server',
        detail: event.code,
        message: `The video agent stopped with an error: ${event.message.replace(/[\s.。]+$/u, '')}. Your message is kept — try sending it again.`,
      });
    } else if (event.type === 'end') interrupted = !!event.interrupted;
  }
  const text = reply.text;
  if (text) {
    return { text, fromTimelineDiff: false, interrupted, suggestions: suggestActions(text) };
  }
  // No text: ask the state what the turn did.
  const after = await o.snapshot().catch(() => undefined);
  const changed = !!before && !!after && JSON.stringify(before) !== JSON.stringify(after);
  const report: TurnReport = interrupted
    ? { kind: 'dropped' }
    : changed
      ? { kind: 'changed', before: before!, after: after! }
      : after
        ? { kind: 'unchanged' }
        : { kind: 'silent' };
  return {
    text: '',
    report,
    fromTimelineDiff: changed,
    interrupted,
    suggestions: changed
      ? [
          { action: 'show-timeline', label: 'Show timeline' },
          { action: 'export', label: 'Export' },
        ]
      : [],
  };
}
