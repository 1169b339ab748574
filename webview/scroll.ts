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
  /** Where our own last scroll put the view (the browser clamps scrollHeight to the maximum). */
  private ownScrollTop: number | undefined;

  constructor(private readonly box: ScrollBox) {}

  /** Call from the box's `scroll` event: a user scroll decides whether we keep following. */
  onScroll(): void {
    // Scroll events arrive a frame late. The one our own pinning caused can land after the box
    // shrank (an error banner, a taller message box) and then looks like "scrolled up": while
    // pinned, an event at the position we set is ours, not the user's.
    if (this.stick && this.ownScrollTop !== undefined && Math.abs(this.box.scrollTop - this.ownScrollTop) < 2) return;
    this.stick = isAtBottom(this.box);
  }

  /** Call after content changed. */
  follow(): void {
    if (this.stick) this.pin();
  }

  /** Restore a saved position (after reload): pinned, or where the user left it. */
  restore(stick: boolean, scrollTop: number): void {
    this.stick = stick;
    if (stick) this.pin();
    else this.box.scrollTop = scrollTop;
  }

  private pin(): void {
    this.box.scrollTop = this.box.scrollHeight;
    this.ownScrollTop = this.box.scrollTop;
  }
}
