/**
 * Where the CLI writes: results on stdout (text, or one JSON document with --json), progress and
 * notices on stderr. A streamed reply prints its chunks as they come; the final text only adds
 * what the chunks did not already show, so nothing is printed twice.
 */
import type { StreamEvent } from '../core/api/events';
import type { Logger } from '../core/ports';
import type { Words } from '../words';
import { en } from '../words/en';

export class Output {
  private streamed = '';
  /** Whether any reply text reached stdout during this turn. */
  private printedReply = false;
  private lastPercent = -1;
  private lastLabel = '';

  constructor(
    private readonly json: boolean,
    readonly words: Words = en,
    private readonly stdout = process.stdout,
    private readonly stderr = process.stderr,
  ) {}

  readonly logger: Logger = {
    trace: () => {},
    debug: (m) => {
      if (process.env.VIDEO_GEN_VERBOSE) this.stderr.write(`debug: ${m}\n`);
    },
    info: (m) => {
      if (process.env.VIDEO_GEN_VERBOSE) this.stderr.write(`${m}\n`);
    },
    warn: (m) => this.stderr.write(`warning: ${m}\n`),
    error: (m) => this.stderr.write(`error: ${m}\n`),
  };

  progress(message: string): void {
    this.stderr.write(`${message}\n`);
  }

  percent(label: string, percent: number): void {
    const p = Math.max(0, Math.min(100, Math.floor(percent)));
    if (
      label === this.lastLabel &&
      (p === this.lastPercent || (!this.stderr.isTTY && p - this.lastPercent < 10 && p !== 100))
    )
      return;
    this.lastLabel = label;
    this.lastPercent = p;
    const shown = label.replace(/(…|\.\.\.)$/, '');
    if (this.stderr.isTTY) this.stderr.write(`\r${shown}… ${p}%   `);
    else this.stderr.write(`${shown}… ${p}%\n`);
  }

  endPercent(): void {
    if (this.stderr.isTTY && this.lastPercent >= 0) this.stderr.write('\n');
    this.lastPercent = -1;
    this.lastLabel = '';
  }

  streamEvent(e: StreamEvent, quiet: boolean): void {
    const show = !this.json && !quiet;
    switch (e.type) {
      case 'text-chunk':
        if (show) {
          this.stdout.write(e.text);
          this.printedReply = true;
        }
        this.streamed += e.text;
        break;
      case 'text-final': {
        if (show) {
          if (e.text.startsWith(this.streamed)) this.stdout.write(e.text.slice(this.streamed.length));
          else this.stdout.write(`${this.streamed ? '\n' : ''}${e.text}`);
          this.stdout.write('\n');
          this.printedReply = true;
        }
        this.streamed = '';
        break;
      }
      case 'tool-call':
        this.stderr.write(`${this.words.cli.workingOn(e.name)}\n`);
        break;
      case 'still-working':
        this.stderr.write(`${this.words.stillWorking}\n`);
        break;
      default:
        break;
    }
  }

  endStream(): void {
    if (this.streamed && !this.json) this.stdout.write('\n');
  }

  /** A streamed reply finished: print it when none of it was streamed (e.g. a timeline-change summary). */
  replyDone(data: unknown, text: string, quiet: boolean): void {
    if (this.json) return this.result(data, text);
    if (!quiet && !this.printedReply) this.stdout.write(`${text}\n`);
    this.streamed = '';
    this.printedReply = false;
  }

  result(data: unknown, text: string): void {
    this.stdout.write(this.json ? `${JSON.stringify(data)}\n` : `${text}\n`);
  }
}

/** A failure already put into the user's words (strings table), printed as is with its exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}
