/**
 * Renders take turns. Each ffmpeg render already uses every core it gets, so four at once on a
 * two-core laptop run four times slower each and may run out of memory together; in a queue
 * the first finishes as early as it would alone and the others say where they stand.
 * FIFO, with a waiter's place in line reported as it changes; a cancelled waiter leaves.
 */
import { availableParallelism } from 'node:os';

export interface QueueTicket {
  /** Call once when the render ends (however it ends). */
  release(): void;
}

interface Waiter {
  grant: (t: QueueTicket) => void;
  onPosition: (position: number) => void;
  cancel: () => void;
}

/** cores / 2 (at least 1): one render leaves room for the editor and a second render's decode. */
export function defaultRenderConcurrency(): number {
  return Math.max(1, Math.floor(availableParallelism() / 2));
}

export class RenderQueue {
  private active = 0;
  private readonly waiting: Waiter[] = [];

  constructor(readonly concurrency = defaultRenderConcurrency()) {}

  get running(): number {
    return this.active;
  }
  get queued(): number {
    return this.waiting.length;
  }

  /**
   * Resolves with a ticket when it is this render's turn; `onPosition(n)` tells the place in
   * line (1 = next) whenever it changes. Rejects with the signal's reason when aborted first.
   */
  acquire(signal: AbortSignal, onPosition: (position: number) => void = () => undefined): Promise<QueueTicket> {
    if (signal.aborted) return Promise.reject(signal.reason as Error);
    if (this.active < this.concurrency && this.waiting.length === 0) return Promise.resolve(this.ticket());
    return new Promise<QueueTicket>((resolve, reject) => {
      const onAbort = () => {
        waiter.cancel();
        reject(signal.reason as Error);
      };
      const waiter: Waiter = {
        grant: (t) => {
          signal.removeEventListener('abort', onAbort);
          resolve(t);
        },
        onPosition,
        cancel: () => {
          const i = this.waiting.indexOf(waiter);
          if (i >= 0) {
            this.waiting.splice(i, 1);
            this.announce(i);
          }
        },
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
      onPosition(this.waiting.length);
    });
  }

  private ticket(): QueueTicket {
    this.active += 1;
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.active -= 1;
        this.next();
      },
    };
  }

  private next(): void {
    while (this.active < this.concurrency && this.waiting.length) {
      const w = this.waiting.shift()!;
      w.grant(this.ticket());
      this.announce(0);
    }
  }

  /** Everyone from index `from` on moved up one place. */
  private announce(from: number): void {
    for (let i = from; i < this.waiting.length; i += 1) this.waiting[i].onPosition(i + 1);
  }
}
