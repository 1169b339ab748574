/**
 * Child processes that die with the engine. A render's ffmpeg would otherwise run on to the end
 * (minutes of two busy cores, and a .part file nobody will finish) when the engine is killed
 * with SIGKILL or crashes, since nothing else tells it. On Linux, util-linux's `setpriv
 * --pdeathsig KILL` (present on every Debian/Ubuntu system) asks the kernel to kill the child
 * when its parent goes; elsewhere the child is spawned as is and the engine's startup sweep
 * (dataDirHygiene.ts) removes what it leaves.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams, type SpawnOptions } from 'node:child_process';

let setprivPath: string | null | undefined;

/** `setpriv` when it supports --pdeathsig (checked once), else null. */
export function parentDeathHelper(): string | null {
  if (setprivPath !== undefined) return setprivPath;
  setprivPath = null;
  if (process.platform !== 'linux') return setprivPath;
  for (const candidate of ['/usr/bin/setpriv', '/bin/setpriv']) {
    const r = spawnSync(candidate, ['--pdeathsig', 'KILL', '--', 'true'], { stdio: 'ignore', timeout: 5_000 });
    if (r.status === 0) {
      setprivPath = candidate;
      break;
    }
  }
  return setprivPath;
}

/** spawn(), with the child tied to this process's life where the platform allows it. */
export function spawnTied(bin: string, args: string[], options: SpawnOptions): ChildProcessWithoutNullStreams {
  const helper = parentDeathHelper();
  return (
    helper ? spawn(helper, ['--pdeathsig', 'KILL', '--', bin, ...args], options) : spawn(bin, args, options)
  ) as ChildProcessWithoutNullStreams;
}
