/** The working indicator: the log's last row while a turn runs, saying what happens now. */
import { el } from './view';

export class WorkingRow {
  readonly root: HTMLElement;
  private readonly text: HTMLElement;

  constructor(
    doc: Document,
    private readonly generalWords: string,
  ) {
    this.root = el(doc, 'div', 'working');
    this.root.setAttribute('role', 'status');
    this.root.hidden = true;
    const spinner = el(doc, 'span', 'codicon codicon-loading codicon-modifier-spin');
    spinner.setAttribute('aria-hidden', 'true');
    this.text = el(doc, 'span', 'working-text');
    this.root.append(spinner, this.text);
  }

  /** The host's words for the current step, or the general words. */
  show(text: string | undefined): void {
    this.text.textContent = text ?? this.generalWords;
    this.root.hidden = false;
  }

  hide(): void {
    this.root.hidden = true;
  }
}
