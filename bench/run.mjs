#!/usr/bin/env node
// `npm run bench -- <name…>`: runs bench/<name>.ts (TypeScript via tsx) one after another, at
// low priority (the machine is shared). Without a name it lists the benchmarks; see
// bench/README.md for what each measures. Extra arguments after `--args` go to every bench.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = new URL('.', import.meta.url).pathname;
const all = readdirSync(dir)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();
const argv = process.argv.slice(2);
const split = argv.indexOf('--args');
const names = split >= 0 ? argv.slice(0, split) : argv;
const extra = split >= 0 ? argv.slice(split + 1) : [];

if (!names.length) {
  console.log(
    `Benchmarks: ${all.join(', ')}\nRun one: npm run bench -- ${all[0] ?? '<name>'}   (several: npm run bench -- sse upload)`,
  );
  process.exit(0);
}
const unknown = names.filter((n) => !existsSync(join(dir, `${n}.ts`)));
if (unknown.length) {
  console.error(`No such benchmark: ${unknown.join(', ')}. Available: ${all.join(', ')}`);
  process.exit(2);
}
let failed = 0;
for (const n of names) {
  console.log(`\n== bench/${n}.ts`);
  const r = spawnSync('nice', ['-n', '10', process.execPath, '--import', 'tsx', join(dir, `${n}.ts`), ...extra], {
    stdio: 'inherit',
  });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
