/** One upload through the core service; prints wall time and peak RSS growth of this process. */
import { createVideoService } from '../../src/core/service';
import { MemoryKeyValueStore, MemoryTokenStore } from '../../src/core/ports';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

async function main() {
  const [url, file] = process.argv.slice(2);
  const svc = createVideoService({
    baseUrl: url,
    version: 'bench',
    tokenStore: new MemoryTokenStore(),
    state: new MemoryKeyValueStore(),
    projectKey: 'bench',
    language: 'en',
    env: {},
  });
  await svc.connect();
  // Warm every code path with a tiny upload first, so the figure is what the 200 MB costs
  // (streaming vs buffering), not module loading and JIT.
  const small = join(mkdtempSync(join(tmpdir(), 'vg-warm-')), 'warm.mp4');
  writeFileSync(small, Buffer.concat([Buffer.from('\0\0\0\x18ftypisom', 'latin1'), Buffer.alloc(64 * 1024)]));
  await svc.upload([small]);
  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const t0 = performance.now();
  await svc.upload([file]);
  const ms = performance.now() - t0;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  process.stdout.write(`${JSON.stringify({ ms, rssGrowthMb: (peak - base) / 1024 / 1024 })}\n`);
}
void main();
