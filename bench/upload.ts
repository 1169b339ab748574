/**
 * bench/upload: a 200 MB file uploaded to the stand-in by the core client vs `curl -F files=@…`,
 * alternated in one run. Prints the client's peak RSS growth (target ≤ 32 MB) and the wall-time
 * ratio to curl (target ≤ 1.2). Run: npx tsx bench/upload.ts
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, writeSync, closeSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ApiClient } from '../src/core/api/client';

const ROUNDS = 3;
const SIZE = 200 * 1024 * 1024;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function makeFile(dir: string): string {
  const path = join(dir, 'big.mp4');
  const fd = openSync(path, 'w');
  const head = Buffer.alloc(1 << 20);
  head.write('\0\0\0\x18ftypisom', 0, 'latin1'); // sniffed as MP4
  for (let i = 0; i < head.length; i += 4096) head[i + 100] = i & 0xff;
  for (let written = 0; written < SIZE; written += head.length)
    writeSync(fd, head, 0, Math.min(head.length, SIZE - written));
  closeSync(fd);
  return path;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'vg-bench-upload-'));
  const server = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'lib', 'standinProcess.ts')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve) => createInterface({ input: server.stdout! }).once('line', resolve));
  const { url } = JSON.parse(line) as { url: string };
  try {
    const file = makeFile(dir);
    let token = '';
    const client = new ApiClient({ baseUrl: url, version: 'bench', platform: 'unknown', token: () => token });
    token = (await client.anonymousToken('11111111-1111-4111-8111-111111111111')).token;
    const sid = (await client.createSession('en')).sessionId;
    const curlMs: number[] = [];
    const ours: { ms: number; rssGrowthMb: number }[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const t0 = performance.now();
      const c = spawnSync(
        'curl',
        [
          '-s',
          '-o',
          '/dev/null',
          '-w',
          '%{http_code}',
          '-H',
          `Authorization: Bearer ${token}`,
          '-F',
          `files=@${file}`,
          `${url}/api/upload-video/nemo_agent/me/${sid}`,
        ],
        { encoding: 'utf8' },
      );
      curlMs.push(performance.now() - t0);
      if (c.stdout !== '200') throw new Error(`curl upload failed: ${c.stdout} ${c.stderr}`);
      const r = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'lib', 'uploadClient.ts'), url, file], {
        encoding: 'utf8',
      });
      if (r.status !== 0) throw new Error(r.stderr);
      ours.push(JSON.parse(r.stdout.trim().split('\n').at(-1)!));
    }
    const ratio = median(ours.map((o) => o.ms)) / median(curlMs);
    const rss = Math.max(...ours.map((o) => o.rssGrowthMb));
    console.log('bench/upload — 200 MB file, stand-in on 127.0.0.1, medians of', ROUNDS, 'alternated rounds');
    console.log(`  curl -F           ${median(curlMs).toFixed(0)} ms`);
    console.log(
      `  core client       ${median(ours.map((o) => o.ms)).toFixed(0)} ms   (${(SIZE / 1048576 / (median(ours.map((o) => o.ms)) / 1000)).toFixed(0)} MB/s)`,
    );
    console.log(`  ratio to curl     ${ratio.toFixed(2)}   target ≤ 1.2  ${ratio <= 1.2 ? 'PASS' : 'MISS'}`);
    console.log(`  peak RSS growth   ${rss.toFixed(1)} MB   target ≤ 32 MB  ${rss <= 32 ? 'PASS' : 'MISS'}`);
  } finally {
    server.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}
void main();
