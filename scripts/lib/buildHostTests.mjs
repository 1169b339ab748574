// Builds the extension and bundles the extension-host suite (test/host/*.test.ts + the mocha
// runner test/host/index.ts) into dist/test/host — shared by the code-server runner
// (scripts/host-tests.mjs) and the desktop runner (scripts/host-tests-desktop.mjs).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import * as esbuild from 'esbuild';

/** Run from the repository root; returns how many test files were bundled. */
export async function buildAll() {
  const r = spawnSync(process.execPath, ['esbuild.mjs'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('node esbuild.mjs failed');
  if (!existsSync('dist/extension.js')) throw new Error('dist/extension.js is missing (no src/extension.ts?)');
  const tests = readdirSync('test/host').filter((f) => f.endsWith('.test.ts')).map((f) => `test/host/${f}`);
  rmSync('dist/test/host', { recursive: true, force: true });
  await esbuild.build({
    entryPoints: ['test/host/index.ts', ...tests],
    outdir: 'dist/test/host',
    bundle: true, platform: 'node', format: 'cjs', target: 'node20',
    external: ['vscode', 'mocha'], sourcemap: 'inline', logLevel: 'warning',
  });
  return tests.length;
}
