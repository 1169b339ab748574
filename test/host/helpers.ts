/**
 * Shared by the extension-host suites: the extension's test handles, a fresh stand-in backend
 * wired in through the real settings, waiting on conditions, and real media files.
 */
import * as vscode from 'vscode';
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestApi, TestExports } from '../../src/extension';
import { startStandIn, type StandIn } from '../../src/engine/standin';

export const EXTENSION_ID = 'video-generator-free-app.video-generator-free-app';

export async function testApi(): Promise<TestApi> {
  const ext = vscode.extensions.getExtension<TestExports | undefined>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not loaded`);
  const exports = await ext.activate();
  if (!exports) throw new Error(`${EXTENSION_ID} exported no test hooks: is it running in ExtensionMode.Test?`);
  return exports.testApi;
}

/** Polls until `check` is truthy (no fixed sleeps); fails with `what` after `timeoutMs`. */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  what: string,
  timeoutMs = 15_000,
): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * A new stand-in as the backend: points `videoGenerator.apiBaseUrl` at it (Global settings,
 * as a user would), forgets any stored token, and makes the next use build a fresh service.
 */
export async function useStandIn(api: TestApi, opts: Parameters<typeof startStandIn>[0] = {}): Promise<StandIn> {
  const standIn = await startStandIn(opts);
  const config = vscode.workspace.getConfiguration('videoGenerator');
  await config.update('backend', 'cloud', vscode.ConfigurationTarget.Global);
  await config.update('apiBaseUrl', standIn.url, vscode.ConfigurationTarget.Global);
  api.setServiceOverrides({ env: {}, pollIntervalStartMs: 20, pollIntervalCapMs: 100, rateLimitWaitMs: 10 });
  await api.tokenStore.delete();
  await api.host.reset();
  return standIn;
}

export function workspaceDir(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the host tests need a workspace folder');
  return folder.uri.fsPath;
}

/** A real PNG (solid colour), small enough to build in memory. */
export function makePng(width = 16, height = 16, rgb: [number, number, number] = [200, 60, 40]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2; // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Writes PNGs into <workspace>/<dir> and returns their URIs. */
export function writePhotos(dir: string, names: string[]): vscode.Uri[] {
  const folder = join(workspaceDir(), dir);
  mkdirSync(folder, { recursive: true });
  return names.map((name, i) => {
    const file = join(folder, name);
    writeFileSync(file, makePng(16 + i, 16, [(40 * i) % 255, 120, 200]));
    return vscode.Uri.file(file);
  });
}
