/**
 * The chat stream reader: SSE bytes from `/run_sse` → normalized `StreamEvent`s.
 *
 * The backend is Google ADK behind a gateway (docs/protocol.md "The stream"); older descriptions use
 * flat `{"type":…}` events. Every variant is accepted and mapped onto the one union in
 * events.ts, so the conversation code, the CLI and the chat panel never see wire shapes.
 */
import { createParser, type ParseError } from 'eventsource-parser';
import type { StreamEvent } from './events';
import { abortedError } from './errors';
import type { Logger } from '../ports';

export interface ReadStreamOptions {
  /** Stop: reading ends promptly and the generator throws `ApiError` kind `aborted`. */
  signal?: AbortSignal;
  /** While only keep-alives (or nothing) arrive, a `still-working` notice is yielded each interval. */
  stillWorkingIntervalMs?: number;
  /** The whole reply's limit; then an `error` (code `timeout`) and an interrupted `end`. */
  maxDurationMs?: number;
  /** Malformed JSON and unknown event kinds are logged at debug and skipped. */
  log?: Logger;
}

export const DEFAULT_STILL_WORKING_MS = 120_000;
export const DEFAULT_MAX_DURATION_MS = 15 * 60_000;
/** A single event larger than this is refused rather than buffered without bound. */
const MAX_EVENT_CHARS = 64 * 1024 * 1024;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
/** ADK serialises camelCase; snake_case must also be accepted. */
const pick = (o: Json, camel: string, snake: string): unknown => (o[camel] !== undefined ? o[camel] : o[snake]);

function errorText(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() || undefined;
  if (isObject(v)) return str(v.message)?.trim() || str(v.detail)?.trim() || undefined;
  return undefined;
}

function errorCodeOf(v: unknown): string | undefined {
  if (typeof v === 'string' && v) return v;
  if (typeof v === 'number') return String(v);
  return undefined;
}

const GENERIC_ERROR = 'The video service reported an error while replying. Try again in a moment.';

/** ADK event: content parts, plus `errorCode`/`errorMessage` for model-level failures. */
function normalizeAdk(ev: Json): StreamEvent[] {
  const out: StreamEvent[] = [];
  const content = isObject(ev.content) ? ev.content : undefined;
  const author = str(ev.author);
  // ADK echoes the user's message (role/author `user`) and sends function responses with role
  // `user` too: drop the echoed text, keep the responses.
  const fromUser = str(content?.role) === 'user' || author === 'user';
  const parts = Array.isArray(content?.parts) ? content.parts : [];
  let text = '';
  let sawText = false;
  const tools: StreamEvent[] = [];
  for (const part of parts) {
    if (!isObject(part)) continue;
    const call = pick(part, 'functionCall', 'function_call');
    const response = pick(part, 'functionResponse', 'function_response');
    if (isObject(call)) {
      tools.push({ type: 'tool-call', id: str(call.id), name: str(call.name) ?? 'tool', args: call.args });
    } else if (isObject(response)) {
      tools.push({
        type: 'tool-result',
        id: str(response.id),
        name: str(response.name) ?? 'tool',
        response: response.response,
      });
    } else if (typeof part.text === 'string' && part.thought !== true && !fromUser) {
      text += part.text;
      sawText = true;
    }
    // inlineData / executableCode / anything else: not for the chat.
  }
  if (sawText && text !== '') {
    const who = author && author !== 'user' ? { author } : {};
    out.push(ev.partial === true ? { type: 'text-chunk', text, ...who } : { type: 'text-final', text, ...who });
  }
  out.push(...tools);
  const code = errorCodeOf(pick(ev, 'errorCode', 'error_code'));
  const message = errorText(pick(ev, 'errorMessage', 'error_message'));
  if (code !== undefined || message !== undefined) {
    out.push({ type: 'error', message: message ?? code ?? GENERIC_ERROR, ...(code !== undefined ? { code } : {}) });
  }
  return out;
}

/** The older flat events: `{"type":"text","content":…}` and friends. */
function normalizeLegacy(ev: Json, type: string, log?: Logger): StreamEvent[] {
  switch (type.toLowerCase().replace(/-/g, '_')) {
    case 'text':
    case 'message':
    case 'delta': {
      const text = str(ev.content) ?? str(ev.text) ?? str(ev.delta) ?? '';
      return text ? [{ type: 'text-chunk', text }] : [];
    }
    case 'tool_call':
    case 'function_call':
      return [
        {
          type: 'tool-call',
          id: str(ev.id),
          name: str(ev.name) ?? str(ev.tool) ?? str(ev.function) ?? 'tool',
          args: ev.args ?? ev.arguments ?? ev.input ?? ev.params,
        },
      ];
    case 'tool_result':
    case 'function_response':
    case 'tool_response':
      return [
        {
          type: 'tool-result',
          id: str(ev.id),
          name: str(ev.name) ?? str(ev.tool) ?? str(ev.function) ?? 'tool',
          response: ev.response ?? ev.result ?? ev.output ?? ev.content,
        },
      ];
    case 'heartbeat':
    case 'ping':
    case 'keepalive':
    case 'keep_alive':
      return [{ type: 'keep-alive' }];
    case 'error': {
      const code = errorCodeOf(ev.code);
      const message = errorText(ev.message) ?? errorText(ev.content) ?? errorText(ev.error) ?? GENERIC_ERROR;
      return [{ type: 'error', message, ...(code !== undefined ? { code } : {}) }];
    }
    case 'done':
    case 'end':
    case 'complete':
    case 'finish':
      return []; // the end comes when the connection closes
    default:
      log?.debug(`SSE: skipped an event of unknown type "${type.slice(0, 40)}".`);
      return [];
  }
}

/** One parsed `data:` JSON → 0..n normalized events. Never throws. */
export function normalizeEvent(json: unknown, log?: Logger): StreamEvent[] {
  if (!isObject(json)) {
    log?.debug(`SSE: skipped a non-object event (${Array.isArray(json) ? 'array' : typeof json}).`);
    return [];
  }
  if (json.error !== undefined && json.error !== null && json.content === undefined) {
    const code = isObject(json.error) ? errorCodeOf(json.error.code) : undefined;
    return [
      { type: 'error', message: errorText(json.error) ?? GENERIC_ERROR, ...(code !== undefined ? { code } : {}) },
    ];
  }
  // Flat legacy events carry `type`; ADK events never do (their `content` is an object).
  if (typeof json.type === 'string' && !isObject(json.content)) {
    return normalizeLegacy(json, json.type, log);
  }
  return normalizeAdk(json);
}

function parseData(data: string, log?: Logger): StreamEvent[] {
  if (data.trim() === '') return [{ type: 'keep-alive' }];
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    if (data.trim() !== '[DONE]') log?.debug(`SSE: skipped an event that is not JSON (${data.length} chars).`);
    return [];
  }
  return normalizeEvent(json, log);
}

/** Reads one chunk at a time from whatever body we got, and can let go of it mid-read. */
interface ChunkSource {
  next(): Promise<IteratorResult<Uint8Array>>;
  /** Releases the connection; safe to call twice, never throws. */
  release(): void;
}

function openBody(body: AsyncIterable<Uint8Array>): ChunkSource {
  const b = body as Partial<ReadableStream<Uint8Array>> & { destroy?: (e?: Error) => void };
  if (typeof b.getReader === 'function') {
    // Web stream (fetch): a reader can be cancelled while a read is pending, an iterator cannot.
    const reader = b.getReader();
    return {
      next: () => reader.read() as Promise<IteratorResult<Uint8Array>>,
      release: () => {
        reader.cancel().catch(() => {});
      },
    };
  }
  const it = body[Symbol.asyncIterator]();
  return {
    next: () => it.next(),
    release: () => {
      // Node Readable (undici `request`): destroy closes the socket even with a read pending;
      // `return()` alone would queue behind that read.
      if (typeof b.destroy === 'function') b.destroy();
      it.return?.()?.catch(() => {});
    },
  };
}

/** "15-minute", "90-second", "60 ms": the limit in the timeout message. */
export function limitText(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000}-minute`;
  if (ms >= 1000) return `${Math.round(ms / 1000)}-second`;
  return `${Math.round(ms)} ms`;
}

type Step =
  | { kind: 'chunk'; result: IteratorResult<Uint8Array> }
  | { kind: 'failed'; error: unknown }
  | { kind: 'abort' }
  | { kind: 'tick' };

/**
 * Reads an SSE body to the end and yields normalized events, always finishing with one `end`
 * (`interrupted` when the connection dropped or the time limit hit) unless aborted, which throws.
 */
export async function* readEventStream(
  body: AsyncIterable<Uint8Array>,
  opts: ReadStreamOptions = {},
): AsyncGenerator<StreamEvent> {
  const { signal, log } = opts;
  const interval = Math.max(1, opts.stillWorkingIntervalMs ?? DEFAULT_STILL_WORKING_MS);
  const maxDuration = Math.max(1, opts.maxDurationMs ?? DEFAULT_MAX_DURATION_MS);
  if (signal?.aborted) throw abortedError('The request');

  const started = performance.now();
  const deadline = started + maxDuration;
  // The "still working" clock: restarted by every content event, never by keep-alives.
  let quietSince = started;
  let noticesThisQuiet = 0;

  const queue: StreamEvent[] = [];
  let tooLarge = false;
  const parser = createParser({
    onEvent: (msg) => {
      for (const e of parseData(msg.data, log)) queue.push(e);
    },
    onComment: () => {
      queue.push({ type: 'keep-alive' });
    },
    onError: (err: ParseError) => {
      if (err.type === 'max-buffer-size-exceeded') tooLarge = true;
      else log?.debug(`SSE: ${err.message}`);
    },
    maxBufferSize: MAX_EVENT_CHARS,
  });
  const decoder = new TextDecoder('utf-8');
  const source = openBody(body);

  let onAbort: (() => void) | undefined;
  const aborted = new Promise<Step>((resolve) => {
    onAbort = () => resolve({ kind: 'abort' });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  let timer: NodeJS.Timeout | undefined;
  let pending: Promise<Step> | undefined;
  let released = false;
  const release = () => {
    if (!released) {
      released = true;
      source.release();
    }
  };

  try {
    for (;;) {
      // Drain what the parser produced; an error ends the reply (the server closes after it).
      // (Index walk, not shift(): a chunk can hold hundreds of small events.)
      let content = false;
      for (let i = 0; i < queue.length; i++) {
        const event = queue[i];
        content ||= event.type !== 'keep-alive';
        yield event;
        if (signal?.aborted) throw abortedError('The request');
        if (event.type === 'error') {
          release();
          yield { type: 'end' };
          return;
        }
      }
      queue.length = 0;
      // Once per chunk, not per event: the clock only needs chunk resolution.
      if (content) {
        quietSince = performance.now();
        noticesThisQuiet = 0;
      }
      if (tooLarge) {
        release();
        yield {
          type: 'error',
          message: `A reply event was larger than ${MAX_EVENT_CHARS / 1024 / 1024} MB and was refused. Try again; if it keeps happening, start a new session.`,
          code: 'too-large',
        };
        yield { type: 'end', interrupted: true };
        return;
      }
      const now = performance.now();
      if (now >= deadline) {
        release();
        yield {
          type: 'error',
          code: 'timeout',
          message: `The video service did not finish replying within the ${limitText(maxDuration)} limit, so the reply was stopped. Ask for "status" to see whether the timeline changed, or try again.`,
        };
        yield { type: 'end', interrupted: true };
        return;
      }
      const noticeDue = quietSince + (noticesThisQuiet + 1) * interval;
      if (now >= noticeDue) {
        // One notice per interval; a consumer that was slow does not get a burst of them.
        noticesThisQuiet = Math.max(noticesThisQuiet + 1, Math.floor((now - quietSince) / interval));
        yield { type: 'still-working', elapsedMs: Math.round(now - started) };
        if (signal?.aborted) throw abortedError('The request');
        continue;
      }

      pending ??= source.next().then(
        (result): Step => ({ kind: 'chunk', result }),
        (error: unknown): Step => ({ kind: 'failed', error }),
      );
      const ticked = new Promise<Step>((resolve) => {
        timer = setTimeout(() => resolve({ kind: 'tick' }), Math.max(0, Math.min(noticeDue, deadline) - now));
      });
      const step = await Promise.race([pending, aborted, ticked]);
      clearTimeout(timer);
      if (step.kind === 'tick') continue; // the read stays pending for the next round
      if (step.kind === 'abort' || signal?.aborted) {
        release();
        throw abortedError('The request');
      }
      pending = undefined;

      if (step.kind === 'failed') {
        // Connection dropped (undici: TypeError 'terminated', UND_ERR_SOCKET, ECONNRESET).
        log?.debug(`SSE: the connection dropped: ${(step.error as Error)?.message ?? String(step.error)}`);
        flush();
        yield* drainAfterClose(queue);
        release();
        yield { type: 'end', interrupted: true };
        return;
      }
      if (step.result.done) {
        flush();
        yield* drainAfterClose(queue);
        yield { type: 'end' };
        return;
      }
      parser.feed(decoder.decode(step.result.value, { stream: true }));
    }
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    release();
  }

  function flush(): void {
    // A server that closes right after `data: …` without the blank line still meant that event.
    if (!tooLarge) parser.feed(decoder.decode() + '\n\n');
  }
}

/** Events parsed from the final bytes; stops after an error (the caller's `end` follows). */
function* drainAfterClose(queue: StreamEvent[]): Generator<StreamEvent> {
  for (const event of queue) {
    yield event;
    if (event.type === 'error') break;
  }
  queue.length = 0;
}
