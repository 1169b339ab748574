#!/usr/bin/env node
// `vscode:prepublish` (run by `vsce package` / `vsce publish`): type-check every project, then
// a clean production build of dist/ (minified, no source maps, no test bundles).
// VG_PREPUBLISH_SKIP_TYPECHECK=1 skips the type-check: for the test runners, which package a
// VSIX to install after `npm test` type-checked already. Never set it for a release.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`prepublish: ${cmd} ${args.join(' ')} failed`);
    process.exit(r.status ?? 1);
  }
}

if (process.env.VG_PREPUBLISH_SKIP_TYPECHECK !== '1') run('npm', ['run', '--silent', 'typecheck']);
rmSync('dist', { recursive: true, force: true });
run(process.execPath, ['esbuild.mjs', '--production']);
