/**
 * Batches streamed text into at most one DOM update per message per animation frame. The agent
 * can send hundreds of tiny chunks a second; re-rendering markdown for each would stutter, so
 * chunks only accumulate here and the frame callback renders each changed message once.
 *
 * `message-final` replaces the accumulated chunks (the final text is the whole reply, so showing
 * both would double it); chunks that arrive for a message after its final are ignored.
 */
export interface CoalescerSink {
  /** Show `text` (the whole text so far) in message `id`. Called at most once per id per frame. */
  render(id: string, text: string, final: boolean): void;
  /** Called once after each frame that rendered something (scroll to bottom, etc.). */
  afterFrame?(ids: readonly string[]): void;
}

/** requestAnimationFrame in the webview; a manual ticker in tests. */
export type FrameScheduler = (callback: () => void) => void;

export class ChunkCoalescer {
  private readonly texts = new Map<string, string>();
  private readonly finals = new Set<string>();
  private readonly dirty = new Set<string>();
  private scheduled = false;

  constructor(
    private readonly sink: CoalescerSink,
    private readonly schedule: FrameScheduler,
  ) {}

  /** Start tracking message `id` with `text` (e.g. redraw from history). */
  begin(id: string, text = ''): void {
    this.texts.set(id, text);
    this.finals.delete(id);
  }

  chunk(id: string, text: string): void {
    if (this.finals.has(id) || !text) return;
    this.texts.set(id, (this.texts.get(id) ?? '') + text);
    this.markDirty(id);
  }

  final(id: string, text: string): void {
    this.texts.set(id, text);
    this.finals.add(id);
    this.markDirty(id);
  }

  /** The text message `id` shows (or will show at the next frame). */
  text(id: string): string | undefined {
    return this.texts.get(id);
  }

  isFinal(id: string): boolean {
    return this.finals.has(id);
  }

  /** Render what is pending right now (before a full redraw, on interrupt). */
  flush(): void {
    if (!this.dirty.size) return;
    const ids = [...this.dirty];
    this.dirty.clear();
    for (const id of ids) this.sink.render(id, this.texts.get(id) ?? '', this.finals.has(id));
    this.sink.afterFrame?.(ids);
  }

  /** Forget everything (the conversation is redrawn from `init`). */
  reset(): void {
    this.texts.clear();
    this.finals.clear();
    this.dirty.clear();
  }

  private markDirty(id: string): void {
    this.dirty.add(id);
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => {
      this.scheduled = false;
      this.flush();
    });
  }
}
