/**
 * Peak memory and CPU of the ffmpeg processes this process starts, for the render benches and
 * tests: /proc is polled every 50 ms for children named ffmpeg; their VmHWM (the kernel's own
 * high-water mark of resident memory, so a spike between two polls still counts) and
 * utime + stime are read, and the sum of their VmRSS at each poll. Linux only.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface Measured<T> {
  result: T;
  /** Highest VmHWM of any one ffmpeg child, MiB. */
  peakMiB: number;
  /** Highest sum of VmRSS over the ffmpeg children alive at one poll (a chunked render runs two), MiB. */
  treeMiB: number;
  wallS: number;
  /** user + system CPU of every ffmpeg child seen, s. */
  cpuS: number;
}

export async function withPeakRss<T>(run: () => Promise<T>): Promise<Measured<T>> {
  let peak = 0;
  let tree = 0;
  const cpu = new Map<string, number>();
  const poll = () => {
    let sum = 0;
    for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const f = stat.split(') ')[1]!.split(' ');
        if (!stat.includes('(ffmpeg)') || Number(f[1]) !== process.pid) continue;
        cpu.set(pid, (Number(f[11]) + Number(f[12])) / 100); // utime + stime, clock ticks
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        const hwm = /VmHWM:\s+(\d+)/.exec(status);
        if (hwm) peak = Math.max(peak, Number(hwm[1]) / 1024);
        const rss = /VmRSS:\s+(\d+)/.exec(status);
        if (rss) sum += Number(rss[1]) / 1024;
      } catch {
        /* exited between the listing and the read */
      }
    }
    tree = Math.max(tree, sum);
  };
  const timer = setInterval(poll, 50);
  const t0 = performance.now();
  try {
    const result = await run();
    const wallS = (performance.now() - t0) / 1000;
    return {
      result,
      peakMiB: peak,
      treeMiB: Math.max(tree, peak),
      wallS,
      cpuS: [...cpu.values()].reduce((a, b) => a + b, 0),
    };
  } finally {
    clearInterval(timer);
  }
}
