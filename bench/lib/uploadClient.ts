/** One upload through the core service; prints wall time and peak RSS growth of this process. */
import { createVideoService } from '../../src/core/service';
import { MemoryKeyValueStore, MemoryTokenStore } from '../../src/core/ports';

async function main() {
  const [url, file] = process.argv.slice(2);
  const svc = createVideoService({ baseUrl: url, version: 'bench', tokenStore: new MemoryTokenStore(), state: new MemoryKeyValueStore(), projectKey: 'bench', language: 'en', env: {} });
  await svc.connect();
  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 5);
  const t0 = performance.now();
  await svc.upload([file]);
  const ms = performance.now() - t0;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  process.stdout.write(`${JSON.stringify({ ms, rssGrowthMb: (peak - base) / 1024 / 1024 })}\n`);
}
void main();
