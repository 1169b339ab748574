/** Shared helpers for the engine tests: real HTTP (undici), real media made by ffmpeg. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { fetch, FormData, request } from 'undici';

export const SKILL_HEADERS = {
  'X-Skill-Source': 'video-generator-free-app',
  'X-Skill-Version': '0.1.0',
  'X-Skill-Platform': 'unknown',
};

export interface Reply {
  status: number;
  body: any;
  text: string;
  headers: Record<string, string | string[] | undefined>;
}

export async function call(
  base: string,
  method: 'GET' | 'POST',
  path: string,
  opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...SKILL_HEADERS, ...(opts.headers ?? {}) };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
  }
  const res = await request(`${base}${path}`, { method, headers, body });
  const text = await res.body.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.statusCode, body: parsed, text, headers: res.headers };
}

/** A stand-in user: token + session. */
export async function anonSession(
  base: string,
  clientId = `client-${Math.random().toString(36).slice(2)}`,
): Promise<{ token: string; sid: string; userId: string }> {
  const t = await call(base, 'POST', '/api/auth/anonymous-token', { headers: { 'X-Client-Id': clientId } });
  const token = t.body.data.token as string;
  const s = await call(base, 'POST', '/api/tasks/me/with-session/nemo_agent', {
    token,
    body: { task_name: 'project', language: 'en' },
  });
  return { token, sid: s.body.data.session_id, userId: t.body.data.user_id };
}

export async function uploadFiles(
  base: string,
  token: string,
  sid: string,
  files: { name: string; data: Uint8Array; type?: string }[],
): Promise<Reply> {
  const form = new FormData();
  for (const f of files)
    form.append('files', new Blob([f.data], { type: f.type ?? 'application/octet-stream' }), f.name);
  const res = await fetch(`${base}/api/upload-video/nemo_agent/me/${sid}`, {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${token}`, ...SKILL_HEADERS },
  });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text), text, headers: Object.fromEntries(res.headers) };
}

/** Raw SSE text of one chat turn. */
export async function chat(base: string, token: string, sid: string, text: string): Promise<Reply> {
  return call(base, 'POST', '/run_sse', {
    token,
    headers: { accept: 'text/event-stream' },
    body: { app_name: 'nemo_agent', user_id: 'me', session_id: sid, new_message: { role: 'user', parts: [{ text }] } },
  });
}

/** The JSON of every `data:` event in an SSE text (skips keep-alives). */
export function sseEvents(text: string): any[] {
  return text
    .split(/\r?\n\r?\n/)
    .map((block) =>
      block
        .split(/\r?\n/)
        .filter((l) => l.startsWith('data:'))
        .map((l) => l.slice(5).trim())
        .join('\n'),
    )
    .filter(Boolean)
    .map((d) => {
      try {
        return JSON.parse(d);
      } catch {
        return { __malformed: d };
      }
    });
}

let mediaDir: string | undefined;
const cache = new Map<string, Buffer>();
/** Small real media made by ffmpeg once per process: png photo, mp4 clip, wav/mp3 audio. */
export function media(kind: 'png' | 'jpg' | 'mp4' | 'wav' | 'mp3'): Buffer {
  const hit = cache.get(kind);
  if (hit) return hit;
  mediaDir ??= mkdtempSync(join(tmpdir(), 'vg-engine-media-'));
  const out = join(mediaDir, `m.${kind}`);
  const input =
    kind === 'png' || kind === 'jpg'
      ? ['-f', 'lavfi', '-i', 'color=c=red:s=64x96', '-frames:v', '1']
      : kind === 'mp4'
        ? [
            '-f',
            'lavfi',
            '-i',
            'testsrc2=s=96x160:r=10:d=1',
            '-c:v',
            'libx264',
            '-preset',
            'ultrafast',
            '-pix_fmt',
            'yuv420p',
          ]
        : ['-f', 'lavfi', '-i', 'sine=f=330:d=1'];
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...input, out]);
  const data = readFileSync(out);
  cache.set(kind, data);
  return data;
}
process.once('exit', () => {
  if (mediaDir) rmSync(mediaDir, { recursive: true, force: true });
});

/** Waits (polling, no fixed sleep) until `fn` returns a truthy value. */
export async function waitFor<T>(fn: () => Promise<T> | T, what: string, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export { once };
