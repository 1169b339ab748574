/** The process table as tests read it (Linux /proc): which children a process has right now. */
import { readdirSync, readFileSync } from 'node:fs';

/** Pids of the children of `pid` whose command name is `name` ([] off Linux). */
export function childrenNamed(pid: number, name: string): number[] {
  if (process.platform !== 'linux') return [];
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split around the last ')'.
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid && comm === name) out.push(Number(d));
    } catch {
      /* exited meanwhile */
    }
  }
  return out;
}
