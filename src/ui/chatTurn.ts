/**
 * One streamed turn as the panel sees it: stream events become bubbles (chunks, then the final
 * text that replaces them), tool activity and notices; the outcome closes the last bubble with
 * its suggestions, or marks it interrupted. The history is saved when a bubble is final.
 */
import type { StreamEvent } from '../core/api/events';
import type { TurnOutcome } from '../core/serviceApi';
import type { ToWebviewMessage } from '../protocol';
import { reportText } from '../words/report';
import { uiWords } from './words';
import type { ConversationStore } from './conversation';
import type { UiVideoService } from './types';
import { toolPhrase } from './toolPhrases';
import { localize } from './l10n';

interface Bubble {
  id: string;
  text: string;
  final: boolean;
}

export async function runTurnStream(
  service: UiVideoService,
  text: string,
  signal: AbortSignal,
  store: ConversationStore,
  post: (m: ToWebviewMessage) => void,
  postError: (e: unknown) => void,
): Promise<TurnOutcome> {
  /** `current` receives text now; undefined after a final text (the next text opens a new bubble). */
  const bubbles: { current?: Bubble; last?: Bubble } = {};

  const open = (): Bubble => {
    if (bubbles.current) return bubbles.current;
    const b: Bubble = { id: store.newId(), text: '', final: false };
    bubbles.current = bubbles.last = b;
    void store.add({ id: b.id, role: 'assistant', text: '' }, false);
    post({ type: 'message-start', id: b.id, role: 'assistant' });
    return b;
  };

  const onEvent = (event: StreamEvent): void => {
    switch (event.type) {
      case 'text-chunk': {
        const b = open();
        b.text += event.text;
        void store.update(b.id, { text: b.text }, false);
        post({ type: 'chunk', id: b.id, text: event.text });
        break;
      }
      case 'text-final': {
        const b = open();
        b.text = event.text;
        b.final = true;
        void store.update(b.id, { text: b.text });
        post({ type: 'message-final', id: b.id, text: event.text });
        bubbles.current = undefined;
        break;
      }
      case 'tool-call':
        post({ type: 'tool', id: open().id, name: toolPhrase(event.name) });
        break;
      case 'still-working':
        post({
          type: 'notice',
          ...(bubbles.current ? { id: bubbles.current.id } : {}),
          text: localize('⏳ Still working...'),
        });
        break;
      case 'error':
        postError(new Error(event.message));
        break;
      default:
        break; // tool results, keep-alives and the end stay internal
    }
  };

  try {
    const outcome = await service.send(text, { signal, onEvent });
    if (outcome.kind === 'reply') await finishReply(outcome, bubbles.last, store, post);
    return outcome;
  } finally {
    // Stopped or failed mid-text: keep what arrived, marked as cut short; drop empty bubbles.
    const last = bubbles.last;
    if (last && !last.final) {
      if (last.text) {
        await store.update(last.id, { text: last.text, interrupted: true });
        post({ type: 'message-interrupted', id: last.id });
      } else {
        await store.remove(last.id);
        post({ type: 'message-remove', id: last.id });
      }
    }
  }
}

async function finishReply(
  outcome: Extract<TurnOutcome, { kind: 'reply' }>,
  last: Bubble | undefined,
  store: ConversationStore,
  post: (m: ToWebviewMessage) => void,
): Promise<void> {
  // The core reports what a silent turn did as data; it is worded here, in the UI's language.
  const w = uiWords();
  outcome = {
    ...outcome,
    text: outcome.report ? reportText(outcome.report, w) : outcome.text,
    suggestions: outcome.suggestions.map((s) => ({ ...s, label: w.suggestion[s.action] })),
  };
  let bubble = last;
  if (!bubble) {
    // No text and no tool activity came: the reply is the "what changed" summary.
    bubble = { id: store.newId(), text: outcome.text, final: true };
    await store.add({ id: bubble.id, role: 'assistant', text: outcome.text });
    post({ type: 'message-start', id: bubble.id, role: 'assistant' });
    post({ type: 'message-final', id: bubble.id, text: outcome.text });
  } else if (!bubble.text && outcome.text) {
    // Only tool activity came (about a third of edit turns): the open bubble gets the summary.
    bubble.text = outcome.text;
    bubble.final = true;
    await store.update(bubble.id, { text: outcome.text });
    post({ type: 'message-final', id: bubble.id, text: outcome.text });
  } else if (!bubble.final && !outcome.interrupted) {
    // Chunks without a final event: this bubble's own chunks are its text (the outcome's text
    // covers the whole turn, whose earlier messages have bubbles of their own).
    bubble.final = true;
    await store.update(bubble.id, { text: bubble.text });
    post({ type: 'message-final', id: bubble.id, text: bubble.text });
  }
  if (outcome.interrupted) {
    bubble.final = true;
    await store.update(bubble.id, { text: bubble.text, interrupted: true });
    post({ type: 'message-interrupted', id: bubble.id });
    post({
      type: 'notice',
      id: bubble.id,
      text: localize('The connection dropped before the reply was complete. Press Retry to ask again.'),
    });
  }
  if (outcome.suggestions.length) {
    await store.update(bubble.id, { suggestions: outcome.suggestions });
    post({ type: 'suggestions', id: bubble.id, actions: outcome.suggestions });
  }
}
