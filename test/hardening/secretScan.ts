/**
 * Scans everywhere a secret could leak to for a token: strings (logs, URLs, DOM text, messages),
 * structured values (state stores, recorded requests), files and whole folders (temp files,
 * config dirs). Reusable by the extension-host / e2e suites for settings, globalState,
 * workspaceState and the webview DOM: pass them as `values` or `texts`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface SecretPlaces {
  /** Free text: log lines, URLs, DOM text, posted messages. Keyed by a label for the report. */
  texts?: Record<string, string | string[]>;
  /** Structured values (serialised with JSON; Maps are walked). */
  values?: Record<string, unknown>;
  /** Files or folders (walked recursively); `except` paths are skipped (the token store itself). */
  paths?: string[];
  except?: string[];
}

export interface Leak {
  where: string;
  sample: string;
}

function serialise(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (x instanceof Map ? Object.fromEntries(x) : x instanceof Set ? [...x] : x)) ?? '';
}

function walk(path: string, except: Set<string>, out: string[]): void {
  if (except.has(path)) return;
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) return;
  if (st.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name), except, out);
  else if (st.isFile() && st.size < 64 * 1024 * 1024) out.push(path);
}

/** Every place the token (or its base64 / URL-encoded form) appears. Empty means no leak. */
export function scanForSecret(token: string, places: SecretPlaces): Leak[] {
  if (token.length < 8) throw new Error('scanForSecret needs a real token (8+ chars) to avoid false positives');
  const needles = [token, Buffer.from(token).toString('base64'), encodeURIComponent(token)];
  const leaks: Leak[] = [];
  const check = (where: string, hay: string) => {
    for (const n of needles) {
      const i = hay.indexOf(n);
      if (i >= 0) {
        leaks.push({ where, sample: hay.slice(Math.max(0, i - 30), i + 10).replace(token, '<TOKEN>') });
        return;
      }
    }
  };
  for (const [label, t] of Object.entries(places.texts ?? {})) check(label, Array.isArray(t) ? t.join('\n') : t);
  for (const [label, v] of Object.entries(places.values ?? {})) check(label, serialise(v));
  const files: string[] = [];
  const except = new Set(places.except ?? []);
  for (const p of places.paths ?? []) walk(p, except, files);
  for (const f of files) check(f, readFileSync(f).toString('latin1'));
  return leaks;
}
