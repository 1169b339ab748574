/** The MCP tests' client: the SDK's Client over stdio, spawning the BUILT `dist/cli.js mcp`. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

export const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

export interface McpSession {
  client: Client;
  stderr: () => string;
  close: () => Promise<void>;
}

export async function startMcp(cwd: string, args: string[], env: Record<string, string>): Promise<McpSession> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first.`);
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, 'mcp', ...args],
    cwd,
    stderr: 'pipe',
    env: { PATH: process.env.PATH ?? '', HOME: cwd, ...env },
  });
  let err = '';
  transport.stderr?.on('data', (d) => {
    err += String(d);
  });
  const client = new Client({ name: 'vg-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, stderr: () => err, close: () => client.close() };
}

/** Calls a tool and returns its result (errors included: the tests look at isError). */
export async function callTool(
  c: Client,
  name: string,
  args: Record<string, unknown>,
  timeoutMs = 120_000,
): Promise<CallToolResult> {
  return (await c.callTool({ name, arguments: args }, undefined, { timeout: timeoutMs })) as CallToolResult;
}

export function textOf(r: CallToolResult): string {
  return r.content
    .filter((c) => c.type === 'text')
    .map((c) => (c as { text: string }).text)
    .join('\n');
}

export function structured<T = Record<string, any>>(r: CallToolResult): T {
  if (r.isError) throw new Error(`tool error: ${textOf(r)}`);
  return r.structuredContent as T;
}

export function imageOf(r: CallToolResult): { data: Buffer; mimeType: string } {
  const img = r.content.find((c) => c.type === 'image') as { data: string; mimeType: string } | undefined;
  if (!img) throw new Error(`no image in the result: ${textOf(r)}`);
  return { data: Buffer.from(img.data, 'base64'), mimeType: img.mimeType };
}

/** Five real photographs (mate-backgrounds), scaled down, written into `dir`. */
export function writePhotos(dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  return ['Aqua', 'Dune', 'Garden', 'LadyBird', 'Storm'].map((n) => {
    const out = join(dir, `${n.toLowerCase()}.jpg`);
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-i',
      `/usr/share/backgrounds/mate/nature/${n}.jpg`,
      '-vf',
      'scale=960:-2',
      out,
    ]);
    return out;
  });
}

/** An image decoded to 8-bit gray pixels by ffmpeg. */
export function grayPixels(file: string): { w: number; h: number; px: Buffer } {
  const probe = JSON.parse(
    execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=width,height', '-of', 'json', file], {
      encoding: 'utf8',
    }),
  );
  const { width: w, height: h } = probe.streams[0];
  const px = execFileSync('ffmpeg', ['-v', 'error', '-i', file, '-f', 'rawvideo', '-pix_fmt', 'gray', '-'], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return { w, h, px };
}

/** Mean absolute difference of two same-size gray images per `n`×`n` block, sorted ascending. */
export function blockDiffs(a: Buffer, b: Buffer, w: number, h: number, n = 40): number[] {
  const out: number[] = [];
  for (let by = 0; by + n <= h; by += n) {
    for (let bx = 0; bx + n <= w; bx += n) {
      let sum = 0;
      for (let y = by; y < by + n; y++) for (let x = bx; x < bx + n; x++) sum += Math.abs(a[y * w + x] - b[y * w + x]);
      out.push(sum / (n * n));
    }
  }
  return out.sort((x, y) => x - y);
}

export function ffprobe(file: string): { codecs: string[]; width: number; height: number; duration: number } {
  const p = JSON.parse(
    execFileSync(
      'ffprobe',
      ['-v', 'error', '-show_entries', 'stream=codec_name,width,height:format=duration', '-of', 'json', file],
      { encoding: 'utf8' },
    ),
  );
  const v = p.streams.find((s: { width?: number }) => s.width);
  return {
    codecs: p.streams.map((s: { codec_name: string }) => s.codec_name),
    width: v?.width,
    height: v?.height,
    duration: Number(p.format.duration),
  };
}
