/** Shared setup for core tests: a service wired to a stand-in server, and real media files. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { createVideoService, type VideoService } from '../../src/core/service';
import { MemoryKeyValueStore, MemoryTokenStore, type Logger } from '../../src/core/ports';
import type { VideoServiceOptions } from '../../src/core/serviceApi';
import type { Engine } from '../../src/engine/server';

export const instantSleep = async (_ms: number, signal?: AbortSignal) => {
  if (signal?.aborted) throw signal.reason;
};

export function tempDir(prefix = 'vg-core-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface TestService {
  svc: VideoService;
  tokens: MemoryTokenStore;
  state: MemoryKeyValueStore;
  logs: string[];
}

export function serviceFor(engine: Pick<Engine, 'url'>, over: Partial<VideoServiceOptions> = {}): TestService {
  const tokens = (over.tokenStore as MemoryTokenStore) ?? new MemoryTokenStore();
  const state = (over.state as MemoryKeyValueStore) ?? new MemoryKeyValueStore();
  const logs: string[] = [];
  const log: Logger = {
    trace: (m) => logs.push(m),
    debug: (m) => logs.push(m),
    info: (m) => logs.push(m),
    warn: (m) => logs.push(m),
    error: (m) => logs.push(m),
  };
  const svc = createVideoService({
    baseUrl: engine.url,
    version: '9.9.9-test',
    tokenStore: tokens,
    state,
    projectKey: '/work/project',
    language: 'en',
    env: {},
    sleep: instantSleep,
    pollIntervalStartMs: 10,
    pollIntervalCapMs: 50,
    log,
    ...over,
  });
  return { svc, tokens, state, logs };
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

/** A real PNG (solid colour) — small and valid, no external tools. */
export function pngBytes(w = 16, h = 16, rgb: [number, number, number] = [200, 40, 40]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2; // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: w }, () => rgb).flat())]);
  const raw = Buffer.concat(Array.from({ length: h }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Writes `names` as PNG files into `dir` and returns their paths. */
export function writePngs(dir: string, names: string[]): string[] {
  return names.map((n, i) => {
    const p = join(dir, n);
    writeFileSync(p, pngBytes(16 + i, 16, [(40 * i) % 255, 120, 200]));
    return p;
  });
}
