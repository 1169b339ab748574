/**
 * The free local engine's agent: deterministic planning (no network, no model). Streams a turn
 * the way the cloud's ADK agent does — function call, function response, the reply as partial
 * chunks, then one final event with the whole reply — so clients treat both backends alike.
 */
import { randomUUID } from 'node:crypto';
import type { AdkEvent, Agent, AgentContext, AgentTurn } from '../contracts';
import { adkCall, adkResponse, adkText } from '../contracts';
import { decideTurn } from './turn';
import { HISTORY_TEXT } from './historyText';
import { isDiskFull } from '../diskFull';
import { MemoryHistoryStore, type HistoryStore } from './historyStore';

export const PLANNER_AUTHOR = 'video_planner';

/** Splits a reply into 2–4 chunks at spaces (or anywhere, for Chinese) that join back exactly. */
export function chunkReply(text: string): string[] {
  const chars = Array.from(text);
  const count = Math.min(4, Math.max(2, Math.ceil(chars.length / 60)));
  if (chars.length < count) return [text];
  const chunks: string[] = [];
  let from = 0;
  for (let k = 1; k < count; k++) {
    let cut = Math.round((chars.length * k) / count);
    // Prefer to end a chunk after a space, within a few characters.
    for (let j = 0; j < 8 && cut + j < chars.length; j++) {
      if (chars[cut + j - 1] === ' ') {
        cut += j;
        break;
      }
    }
    if (cut <= from || cut >= chars.length) continue;
    chunks.push(chars.slice(from, cut).join(''));
    from = cut;
  }
  chunks.push(chars.slice(from).join(''));
  return chunks;
}

/** Lets the server flush each event before the next (and notice an abort in between). */
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export interface PlannerAgentOptions {
  /** Undo history per session; the local engine keeps it on disk (historyStore.ts). */
  history?: HistoryStore;
}

export class PlannerAgent implements Agent {
  private readonly history: HistoryStore;

  constructor(options: PlannerAgentOptions = {}) {
    this.history = options.history ?? new MemoryHistoryStore();
  }

  async run(text: string, ctx: AgentContext, emit: (event: AdkEvent) => void): Promise<AgentTurn> {
    if (ctx.signal.aborted) return {};
    let turn = decideTurn(text, {
      draft: ctx.draft,
      media: ctx.media,
      language: ctx.language,
      history: this.history.load(ctx.sessionId),
    });
    // The new draft is on disk before anything says it changed; when it cannot be written the
    // reply says so and the video stays as it was (in memory and on disk).
    if (turn.draft && ctx.persist) {
      try {
        ctx.persist(turn.draft);
      } catch (e) {
        turn = {
          ...turn,
          draft: undefined,
          history: undefined,
          changes: [],
          response: { ok: false, reason: `not saved: ${(e as NodeJS.ErrnoException).code ?? 'write failed'}` },
          reply: HISTORY_TEXT.notSaved(turn.lang, isDiskFull(e)),
        };
      }
    }

    const callId = `call_${randomUUID().slice(0, 8)}`;
    emit(adkCall(PLANNER_AUTHOR, turn.call.name, { ...turn.call.args }, callId));
    await tick();
    if (ctx.signal.aborted) return {};
    emit(adkResponse(PLANNER_AUTHOR, turn.call.name, { ...turn.response }, callId));
    for (const chunk of chunkReply(turn.reply)) {
      await tick();
      if (ctx.signal.aborted) return {};
      emit(adkText(PLANNER_AUTHOR, chunk, true));
    }
    await tick();
    if (ctx.signal.aborted) return {};
    emit(adkText(PLANNER_AUTHOR, turn.reply));
    // Only a completed turn is remembered (its draft is already saved, see persist above).
    if (turn.history) {
      try {
        this.history.save(ctx.sessionId, turn.history);
      } catch {
        /* undo history is a convenience: the draft itself is saved */
      }
    }
    return turn.draft ? { draft: turn.draft } : {};
  }
}
