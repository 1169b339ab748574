/**
 * The engine's log: one line per event with its time and level. `video-gen serve` writes it to
 * `<data dir>/engine.log` (a 0600 file the user's error messages point to, never a token in it)
 * and to stderr; at 5 MB the file moves to engine.log.1, so it never grows without bound.
 */
import { closeSync, constants, fchmodSync, fstatSync, openSync, renameSync, writeSync } from 'node:fs';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
/** How the engine's parts log; the level defaults to info. */
export type EngineLog = (line: string, level?: LogLevel) => void;

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };
const MAX_BYTES = 5 * 1024 * 1024;

export function parseLevel(v: string | undefined): LogLevel {
  return v && v in RANK ? (v as LogLevel) : 'info';
}

/** A log to `file` (0600, appended, never through a symlink) and to `stderr`, from `minLevel` up. */
export function fileLog(
  file: string,
  o: { minLevel?: LogLevel; stderr?: (s: string) => void } = {},
): { log: EngineLog; close: () => void } {
  const min = RANK[o.minLevel ?? 'info'];
  const open = () => {
    const fd = openSync(
      file,
      constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | (constants.O_NOFOLLOW ?? 0),
      0o600,
    );
    fchmodSync(fd, 0o600); // an older file keeps its mode on open: make it private too
    return fd;
  };
  let fd: number | undefined = open();
  let size = fstatSync(fd).size;
  const log: EngineLog = (line, level = 'info') => {
    if (RANK[level] < min) return;
    const text = `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ${line.replace(/[\r\n]+/g, ' ')}\n`;
    o.stderr?.(text);
    if (fd === undefined) return;
    try {
      if (size + text.length > MAX_BYTES) {
        closeSync(fd);
        renameSync(file, `${file}.1`);
        fd = open();
        size = 0;
      }
      size += writeSync(fd, text);
    } catch {
      // A full disk must not take the engine down with its log: stderr still has the line.
    }
  };
  return {
    log,
    close: () => {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}
