/**
 * Parses ffmpeg's `-progress pipe:1` key=value stream into a monotonic 0..99 percentage;
 * 100 is reported by the renderer only after the file is complete and renamed into place.
 */
export class ProgressParser {
  private buf = '';
  private last = -1;

  constructor(
    private readonly totalMs: number,
    private readonly onPercent: (p: number) => void,
  ) {}

  push(chunk: string): void {
    this.buf += chunk;
    let nl: number;
    while ((nl = this.buf.indexOf('\n')) >= 0) {
      const line = this.buf.slice(0, nl).trim();
      this.buf = this.buf.slice(nl + 1);
      const m = /^out_time_(us|ms)=(\d+)$/.exec(line); // out_time_ms is also µs (an old ffmpeg misnomer)
      if (m) this.report(Number(m[2]) / 1000);
    }
  }

  private report(doneMs: number): void {
    if (!(this.totalMs > 0)) return;
    const p = Math.min(99, Math.max(0, Math.floor((doneMs / this.totalMs) * 100)));
    if (p > this.last) {
      this.last = p;
      this.onPercent(p);
    }
  }
}
