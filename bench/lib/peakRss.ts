/**
 * Peak memory and CPU of the ffmpeg processes this process starts, for the render benches and
 * tests: /proc is polled every 50 ms for children named ffmpeg; their VmHWM (the kernel's own
 * high-water mark of resident memory, so a spike between two polls still counts) and the sum of
 * their VmRSS at each poll. CPU is exact: the kernel's count for this process's reaped children
 * (cutime + cstime in /proc/self/stat) before and after, so a short ffmpeg that lived between two
 * polls, or the last 50 ms of a long one, is not missed. Linux only.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface Measured<T> {
  result: T;
  /** Highest VmHWM of any one ffmpeg child, MiB. */
  peakMiB: number;
  /** Highest sum of VmRSS over the ffmpeg children alive at one poll (a chunked render runs two), MiB. */
  treeMiB: number;
  wallS: number;
  /** user + system CPU of every child process that ended during the run, s. */
  cpuS: number;
}

/** user + system CPU of this process's children that have ended (and been waited for), s. */
export function childCpuS(): number {
  const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[13]) + Number(f[14])) / 100; // cutime + cstime, clock ticks
}

export async function withPeakRss<T>(run: () => Promise<T>): Promise<Measured<T>> {
  let peak = 0;
  let tree = 0;
  const cpu0 = childCpuS();
  const poll = () => {
    let sum = 0;
    for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const f = stat.split(') ')[1]!.split(' ');
        if (!stat.includes('(ffmpeg)') || Number(f[1]) !== process.pid) continue;
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
      cpuS: childCpuS() - cpu0,
    };
  } finally {
    clearInterval(timer);
  }
}
