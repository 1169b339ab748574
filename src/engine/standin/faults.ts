/**
 * Fault switches of the stand-in cloud: tests flip them at runtime (engine.faults) to make the
 * server answer the way the real backend misbehaves — error codes, odd stream shapes, stuck
 * renders — so the client's handling of each case is proven over real HTTP.
 */

import type { EndpointName } from '../../contract/endpoints';

/** The protocol endpoints (src/contract/endpoints.ts) a failure can be queued for. */
export type FaultEndpoint = EndpointName;

export interface FailSpec {
  /** Envelope code: 1001, 1002, 2001, 4001, 4002… (HTTP 200 unless `status` is set too). */
  code?: number;
  /** HTTP status: 400, 402, 429, 500, 502, 503… */
  status?: number;
  /** How many calls fail (default 1). */
  times?: number;
  /** Override the message/error text. */
  message?: string;
}

export type StreamMode =
  | 'normal'
  | 'silent-close' // edits the draft but sends no text
  | 'error-midstream' // some chunks, then data: {"error":…} and close
  | 'error-code' // one event with errorCode/errorMessage, no content
  | 'drop' // some partial chunks, then the socket is destroyed
  | 'keepalive-only' // only keep-alives for keepaliveOnlyMs, then normal
  | 'legacy' // flat {"type":"text",…} events
  | 'snake' // snake_case keys
  | 'crlf' // CRLF line endings
  | 'split' // each event written in tiny pieces
  | 'malformed'; // a malformed JSON line and an unknown event kind interleaved

export class Faults {
  stream: StreamMode = 'normal';
  /** How long 'keepalive-only' sends only keep-alives before answering normally. */
  keepaliveOnlyMs = 300;
  /** Delay before answering any endpoint. */
  slowMs?: number;
  /** Renders end failed with this error. */
  renderFail?: string;
  /** Renders stay `processing` until cancelled. */
  renderStuck?: boolean;
  renderStatusShape: 'A' | 'B' = 'A';
  stateShape: 'nested' | 'flat' = 'nested';
  /** A second token for the same client id within the ttl answers HTTP 429. */
  tokenRateLimit?: boolean;
  /** The CDN's next `downloadCut` render downloads announce the full length, send half and cut the socket. */
  downloadCut = 0;

  private pending = new Map<FaultEndpoint, FailSpec & { times: number }>();

  /** The next `times` (default 1) calls to `endpoint` answer with `f`'s code/status. */
  failNext(endpoint: FaultEndpoint, f: FailSpec): void {
    this.pending.set(endpoint, { ...f, times: f.times ?? 1 });
  }

  /** Consumes one pending failure for `endpoint` (server use). */
  take(endpoint: FaultEndpoint): FailSpec | undefined {
    const f = this.pending.get(endpoint);
    if (!f) return undefined;
    f.times -= 1;
    if (f.times <= 0) this.pending.delete(endpoint);
    return f;
  }

  reset(): void {
    this.pending.clear();
    this.stream = 'normal';
    this.keepaliveOnlyMs = 300;
    this.slowMs = undefined;
    this.renderFail = undefined;
    this.renderStuck = undefined;
    this.renderStatusShape = 'A';
    this.stateShape = 'nested';
    this.tokenRateLimit = undefined;
    this.downloadCut = 0;
  }
}
