/**
 * How ADK events go on the wire, per stream fault mode. 'normal' is the documented form
 * (`data: <camelCase JSON>\n\n`); the other modes reproduce what the real backend or its
 * gateway has been seen to send, so the client's tolerance is tested over real sockets.
 * Writes are serialised through one promise chain so keep-alives never land inside an event.
 */
import type { ServerResponse } from 'node:http';
import type { AdkEvent, AdkPart } from '../contracts';
import type { StreamMode } from './faults';
import type { SseWriter } from '../http/sseWriter';

function textOf(e: AdkEvent): { text: string; thought: boolean } | undefined {
  const parts = e.content?.parts ?? [];
  const p = parts.find((x): x is { text: string; thought?: boolean } => 'text' in x && typeof x.text === 'string');
  return p ? { text: p.text, thought: p.thought === true } : undefined;
}

function snakeKeys(v: unknown, key = ''): unknown {
  if (key === 'args' || key === 'response') return v; // tool payloads are opaque
  if (Array.isArray(v)) return v.map((x) => snakeKeys(x));
  if (!v || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v)) {
    const sk = k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    out[sk] = snakeKeys(val, k);
  }
  return out;
}

/** The old flat event vocabulary; one ADK event becomes zero or more flat events. */
function legacy(e: AdkEvent, state: { sentPartial: boolean }): unknown[] {
  if (e.errorCode) return [{ type: 'error', message: e.errorMessage ?? e.errorCode }];
  const out: unknown[] = [];
  for (const part of (e.content?.parts ?? []) as AdkPart[]) {
    if ('functionCall' in part)
      out.push({ type: 'tool_call', name: part.functionCall.name, args: part.functionCall.args ?? {} });
    else if ('functionResponse' in part)
      out.push({ type: 'tool_result', name: part.functionResponse.name, result: part.functionResponse.response ?? {} });
    else if ('text' in part && !part.thought) {
      if (e.partial) {
        state.sentPartial = true;
        out.push({ type: 'text', content: part.text });
      } else if (!state.sentPartial) out.push({ type: 'text', content: part.text });
      else state.sentPartial = false; // the final event repeats the chunks: send nothing
    }
  }
  return out;
}

const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function createFaultSseWriter(mode: StreamMode, res: ServerResponse, onStop: () => void): SseWriter {
  let chain = Promise.resolve();
  let stopped = false;
  let partials = 0;
  let events = 0;
  const legacyState = { sentPartial: false };
  const eol = mode === 'crlf' ? '\r\n' : '\n';

  const write = (text: string) => {
    chain = chain.then(async () => {
      if (res.destroyed || res.writableEnded) return;
      // Wait for each write to be flushed, so a 'drop' destroys the socket after the chunks left.
      const put = (t: string) =>
        new Promise<void>((r) => {
          res.write(t, () => r());
        });
      if (mode !== 'split') {
        await put(text);
        return;
      }
      for (let i = 0; i < text.length; i += 7) {
        if (res.destroyed) return;
        await put(text.slice(i, i + 7));
        await delay(1); // separate TCP writes, so the client sees events cut anywhere
      }
    });
  };
  const data = (obj: unknown) => write(`data: ${JSON.stringify(obj)}${eol}${eol}`);
  const stop = () => {
    stopped = true;
    onStop();
  };
  const modelError = (e?: AdkEvent) => {
    data({
      id: e?.id ?? 'evt_error',
      invocationId: e?.invocationId ?? 'inv',
      author: e?.author ?? 'nemo_agent',
      timestamp: e?.timestamp ?? Date.now() / 1000,
      errorCode: 'MALFORMED_FUNCTION_CALL',
      errorMessage: 'The model could not complete this request.',
    });
    stop();
  };

  const emit = (e: AdkEvent) => {
    if (stopped) return;
    const t = textOf(e);
    const visibleText = t !== undefined && !t.thought;
    switch (mode) {
      case 'silent-close':
        if (!visibleText) data(e);
        return;
      case 'legacy':
        if (events++ === 0) data({ type: 'heartbeat' });
        for (const x of legacy(e, legacyState)) data(x);
        return;
      case 'snake':
        data(snakeKeys(e));
        return;
      case 'error-code':
        if (visibleText) {
          modelError(e);
          return;
        }
        data(e);
        return;
      case 'error-midstream':
      case 'drop':
        data(e);
        if (visibleText && e.partial && ++partials >= 2) {
          if (mode === 'error-midstream') data({ error: 'Internal error: the agent run failed midway (simulated).' });
          else
            chain = chain.then(() => {
              res.socket?.destroy();
            });
          stop();
        }
        return;
      case 'malformed':
        data(e);
        events += 1;
        if (events === 1) write(`data: {"content": {"parts": [broken${eol}${eol}`);
        if (events === 2) data({ kind: 'mystery_event', payload: { note: 'an event kind the client does not know' } });
        return;
      default:
        data(e);
    }
  };

  return {
    emit,
    end: () => {
      if (mode === 'error-code' && !stopped) modelError();
    },
    raw: (text) => {
      if (!stopped) write(mode === 'crlf' ? text.replace(/\n/g, '\r\n') : text);
    },
    flushed: () => chain,
    get stopped() {
      return stopped;
    },
  };
}
