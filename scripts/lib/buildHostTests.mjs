// Builds the extension and bundles the extension-host suite (test/host/*.test.ts + the mocha
// runner test/host/index.ts) into dist/test/host — shared by the code-server runner
// (scripts/host-tests.mjs) and the desktop runner (scripts/host-tests-desktop.mjs) — and the
// production-mode suite (test/host-production/*.test.ts, same runner) into dist/test/host-production.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import * as esbuild from 'esbuild';

/** Run from the repository root; returns how many test files were bundled. */
export async function buildAll() {
  const r = spawnSync(process.execPath, ['esbuild.mjs'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('node esbuild.mjs failed');
  if (!existsSync('dist/extension.js')) throw new Error('dist/extension.js is missing (no src/extension.ts?)');
  const tests = await bundleSuite('test/host', 'dist/test/host');
  if (existsSync('test/host-production')) await bundleSuite('test/host-production', 'dist/test/host-production');
  return tests;
}

async function bundleSuite(dir, outdir) {
  const tests = readdirSync(dir)
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => `${dir}/${f}`);
  rmSync(outdir, { recursive: true, force: true });
  await esbuild.build({
    // Each suite's index.js is the same mocha runner (it loads the *.test.js next to it).
    entryPoints: [{ in: 'test/host/index.ts', out: 'index' }, ...tests],
    outdir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // The MCP SDK (used by lm.test.ts's client) is loaded from node_modules as shipped: bundled
    // into CJS with zod v4, its circular imports initialise out of order ("Class is not a constructor").
    external: ['vscode', 'mocha', '@modelcontextprotocol/sdk', '@modelcontextprotocol/sdk/*', 'zod', 'zod/*'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return tests.length;
}
