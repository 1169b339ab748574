/**
 * How ADK events go on the wire: `data: <camelCase JSON>\n\n`, the documented form. Writes are
 * serialised through one promise chain so keep-alives never land inside an event. A plug-in
 * may supply another writer (hooks.sseWriter) with the same interface.
 */
import type { ServerResponse } from 'node:http';
import type { AdkEvent } from '../contracts';

export interface SseWriter {
  emit(event: AdkEvent): void;
  /** The turn is over: writers that must still say something do it now. */
  end(): void;
  /** Raw bytes (keep-alives). */
  raw(text: string): void;
  /** Resolves when everything queued is written. */
  flushed(): Promise<void>;
  /** True once the writer ended the stream by itself. */
  readonly stopped: boolean;
}

export function createSseWriter(res: ServerResponse): SseWriter {
  let chain = Promise.resolve();
  const write = (text: string) => {
    chain = chain.then(
      () =>
        new Promise<void>((resolve) => {
          if (res.destroyed || res.writableEnded) {
            resolve();
            return;
          }
          res.write(text, () => resolve());
        }),
    );
  };
  return {
    emit: (e) => write(`data: ${JSON.stringify(e)}\n\n`),
    end: () => {
      /* nothing more to say */
    },
    raw: write,
    flushed: () => chain,
    stopped: false,
  };
}
