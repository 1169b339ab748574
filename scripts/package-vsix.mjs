#!/usr/bin/env node
// `npm run package`: the production VSIX with @vscode/vsce (vscode:prepublish type-checks and
// builds dist/ for production), then its size and file count against the targets.
//
//   node scripts/package-vsix.mjs [--out file.vsix]
// Default output: <name>-<version>.vsix in the repository root (git-ignored).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildVsix, listZip } from './lib/vsix.mjs';

export const MAX_VSIX_BYTES = 1.5 * 1024 * 1024;
export const MAX_VSIX_FILES = 60;

const root = new URL('..', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const outArg = process.argv.indexOf('--out');
const out = outArg > 0 ? process.argv[outArg + 1] : join(root, `${pkg.name}-${pkg.version}.vsix`);

try {
  buildVsix(out, { skipTypecheck: process.env.VG_PREPUBLISH_SKIP_TYPECHECK === '1' });
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
const { bytes, entries } = listZip(out);
// vsce adds [Content_Types].xml and extension.vsixmanifest next to the extension/ folder.
const files = entries.filter((e) => !e.name.endsWith('/'));
const mb = (n) => `${(n / 1024 / 1024).toFixed(2)} MB`;
console.log(
  `${out}: ${mb(bytes)} (target ≤ ${mb(MAX_VSIX_BYTES)}), ${files.length} files (target ≤ ${MAX_VSIX_FILES})`,
);
if (bytes > MAX_VSIX_BYTES || files.length > MAX_VSIX_FILES) {
  console.error('The VSIX is over its size or file-count target: check .vscodeignore and the bundles.');
  process.exit(1);
}
