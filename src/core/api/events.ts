/**
 * The one normalized event union the chat stream produces, whatever variant the backend sent
 * (ADK camelCase or snake_case events, the flat legacy `{"type":…}` events, keep-alives).
 * Produced by `sse.ts`, consumed by `conversation.ts`, the CLI and the chat panel.
 */
export type StreamEvent =
  /** A partial text chunk: show it as it comes. */
  | { type: 'text-chunk'; text: string; author?: string }
  /** The aggregated final text of a message: replaces the chunks shown before it. */
  | { type: 'text-final'; text: string; author?: string }
  /** The agent started a tool. Stays internal ("working on: <name>"). */
  | { type: 'tool-call'; id?: string; name: string; args?: unknown }
  /** A tool finished. Stays internal. */
  | { type: 'tool-result'; id?: string; name: string; response?: unknown }
  /** The backend is still working (SSE comment, empty data line, heartbeat event). */
  | { type: 'keep-alive' }
  /** Emitted by the stream reader while only keep-alives arrive, every notice interval. */
  | { type: 'still-working'; elapsedMs: number }
  /** The run failed (`{"error":…}` or an event with `errorCode`). The stream ends after it. */
  | { type: 'error'; message: string; code?: string }
  /** The stream closed; `interrupted` when the connection dropped before a normal close. */
  | { type: 'end'; interrupted?: boolean };

export const STILL_WORKING_TEXT = '⏳ Still working...';
