/**
 * Auto-scroll that follows the conversation while the user is at the bottom and stops as soon
 * as they scroll up to read (resuming once they are back at the bottom).
 */
export interface ScrollBox {
  scrollTop: number;
  readonly scrollHeight: number;
  readonly clientHeight: number;
}

/** Pixels from the bottom that still count as "at the bottom" (sub-pixel rounding, zoom). */
const SLACK = 24;

export function isAtBottom(box: ScrollBox, slack = SLACK): boolean {
  return box.scrollHeight - box.clientHeight - box.scrollTop <= slack;
}

export class AutoScroller {
  /** Whether new content keeps the view pinned to the bottom. */
  stick = true;

  constructor(private readonly box: ScrollBox) {}

  /** Call from the box's `scroll` event: a user scroll decides whether we keep following. */
  onScroll(): void {
    this.stick = isAtBottom(this.box);
  }

  /** Call after content changed. */
  follow(): void {
    if (this.stick) this.box.scrollTop = this.box.scrollHeight;
  }

  /** Restore a saved position (after reload): pinned, or where the user left it. */
  restore(stick: boolean, scrollTop: number): void {
    this.stick = stick;
    if (stick) this.box.scrollTop = this.box.scrollHeight;
    else this.box.scrollTop = scrollTop;
  }
}
