/**
 * The engine's data dir after a crash: what a killed engine leaves behind (a half-uploaded
 * `tmp/*.part`, a half-rendered `renders/*.part.mp4`, a render's work dir `tmp/render/vg-render-*`)
 * is removed when the next engine starts, and the dir is private to its user (0700).
 *
 * Several engines can share one data dir (two VS Code windows each run one), so a partial file
 * may belong to a live neighbour. Each engine registers its pid under `instances/`; at start the
 * entries of dead processes are dropped, and when no other engine is alive every partial is
 * stale. With a live neighbour only partials untouched for `busyAgeMs` go (a live upload or
 * ffmpeg writes its file continuously; a render's work dir is written only at its start, so it
 * gets the render deadline's worth of time).
 */
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

export interface SweepResult {
  /** Paths removed, relative to the data dir. */
  removed: string[];
  /** Other engines alive on this data dir when we started. */
  liveNeighbours: number;
}

const PARTIAL_AGE_MS = 10 * 60_000;
const WORKDIR_AGE_MS = 2 * 60 * 60_000;

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Makes `dir` (and any missing parents we create) 0700; an existing dir is tightened too. */
export function privateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    chmodSync(dir, 0o700);
  } catch {
    /* not ours to change (e.g. a mount): leave it */
  }
}

/** Finished renders are kept this long (a week), then their video and record go. */
export const RENDER_RETENTION_MS = 7 * 24 * 60 * 60_000;

/** Registers this engine and removes stale partials and expired renders; returns what it removed. */
export function sweepDataDir(dataDir: string, now = Date.now(), retentionMs = RENDER_RETENTION_MS): SweepResult {
  const instances = join(dataDir, 'instances');
  privateDir(instances);
  let liveNeighbours = 0;
  for (const f of readdirSync(instances)) {
    const pid = Number(f);
    if (pid === process.pid) continue;
    if (alive(pid)) liveNeighbours += 1;
    else rmSync(join(instances, f), { force: true });
  }
  writeFileSync(join(instances, String(process.pid)), '', { mode: 0o600 });

  const removed: string[] = [];
  const stale = (p: string, ageMs: number) => {
    if (!liveNeighbours) return true;
    const st = statSync(p, { throwIfNoEntry: false });
    return !!st && now - st.mtimeMs > ageMs;
  };
  const sweep = (sub: string, match: (name: string) => boolean, ageMs: number) => {
    const dir = join(dataDir, sub);
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (!match(name) || !stale(p, ageMs)) continue;
      rmSync(p, { recursive: true, force: true });
      removed.push(join(sub, name));
    }
  };
  sweep('tmp', (n) => n.endsWith('.part') || n.endsWith('.tmp'), PARTIAL_AGE_MS);
  sweep('renders', (n) => n.endsWith('.part.mp4') || n.endsWith('.tmp'), PARTIAL_AGE_MS);
  sweep('sessions', (n) => n.startsWith('.') && n.endsWith('.tmp'), PARTIAL_AGE_MS);
  sweep(join('tmp', 'render'), (n) => n.startsWith('vg-render-'), WORKDIR_AGE_MS);
  sweep(join('tmp', 'render', 'vg-music-beds'), (n) => n.endsWith('.tmp'), PARTIAL_AGE_MS);
  removed.push(...expireRenders(join(dataDir, 'renders'), now, retentionMs));
  return { removed, liveNeighbours };
}

/**
 * Old exports: the user downloaded them long ago (or never will), and each is tens of MB in a
 * folder they never see. A finished render older than the retention loses its video and record.
 */
function expireRenders(dir: string, now: number, retentionMs: number): string[] {
  if (!existsSync(dir)) return [];
  const removed: string[] = [];
  for (const f of readdirSync(dir)) {
    if (!f.endsWith('.json') || f.startsWith('.')) continue;
    let rec: { id?: unknown; completedAt?: unknown };
    try {
      rec = JSON.parse(readFileSync(join(dir, f), 'utf8')) as typeof rec;
    } catch {
      continue;
    }
    if (typeof rec.completedAt !== 'number' || now - rec.completedAt <= retentionMs) continue;
    const id = f.slice(0, -'.json'.length);
    for (const name of [`${id}.mp4`, f]) {
      if (!existsSync(join(dir, name))) continue;
      rmSync(join(dir, name), { force: true });
      removed.push(join('renders', name));
    }
  }
  return removed;
}

/** Drops this engine's registration (on close). */
export function unregisterInstance(dataDir: string): void {
  try {
    unlinkSync(join(dataDir, 'instances', String(process.pid)));
  } catch {
    /* already gone */
  }
}
