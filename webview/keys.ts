/**
 * What a key press in the message box means. Pure, so it is tested in Node.
 *
 * Enter sends, Shift+Enter inserts a new line, and nothing is ever sent while an input method
 * (IME: Chinese, Japanese, Korean…) is composing — there Enter confirms the candidate. Browsers
 * disagree on how to say "composing": `isComposing`, keyCode 229, or only the composition events
 * (Safari fires compositionend *before* the confirming keydown), so all three are checked.
 */
export interface KeyInput {
  key: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  isComposing?: boolean;
  keyCode?: number;
}

export type KeyDecision = 'send' | 'newline' | 'default';

/** keyCode browsers report for key presses that go to an IME. */
const IME_KEY_CODE = 229;

export function decideKey(e: KeyInput, composing = false): KeyDecision {
  if (e.key !== 'Enter') return 'default';
  if (composing || e.isComposing || e.keyCode === IME_KEY_CODE) return 'default';
  if (e.shiftKey) return 'newline';
  // Alt/Ctrl/Cmd+Enter: leave to the browser/VS Code (no accidental send from a shortcut).
  if (e.altKey || e.ctrlKey || e.metaKey) return 'default';
  return 'send';
}

/**
 * Tracks compositionstart/compositionend. After compositionend the next Enter keydown (Safari
 * sends it right after) still belongs to the IME, so "composing" is held until the next event
 * turn; `now` is injectable for tests.
 */
export class CompositionTracker {
  private active = false;
  private endedAt = -Infinity;

  constructor(
    private readonly now: () => number = () => Date.now(),
    private readonly graceMs = 50,
  ) {}

  start(): void {
    this.active = true;
  }
  end(): void {
    this.active = false;
    this.endedAt = this.now();
  }

  get composing(): boolean {
    return this.active || this.now() - this.endedAt < this.graceMs;
  }
}
