#!/usr/bin/env node
// The extension-host suite in desktop VS Code, for developers who have it (or can download it):
// the same bundled tests as scripts/host-tests.mjs, launched through @vscode/test-electron.
// CI here cannot download VS Code (no network beyond npm/Debian), so `npm test` runs the suite
// in code-server instead; this runner is the desktop path.
//   node scripts/host-tests-desktop.mjs                    (downloads the stable VS Code)
//   VSCODE_EXECUTABLE=/path/to/code node scripts/host-tests-desktop.mjs
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { runTests } from '@vscode/test-electron';
import { buildAll } from './lib/buildHostTests.mjs';

const root = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
process.chdir(root);
await buildAll();
const workspace = mkdtempSync(join(tmpdir(), 'vg-host-ws-'));
try {
  await runTests({
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'dist', 'test', 'host', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
} catch (e) {
  console.error(`Extension-host tests failed: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
}
