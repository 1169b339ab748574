// The VSIX as users get it: packaged by @vscode/vsce (its vscode:prepublish builds dist/ for
// production), listed by reading the zip's central directory, and installed into code-server
// with its own CLI — the same `--install-extension` a user runs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');

/**
 * Packages the extension into `outFile` (no npm dependency scan: esbuild bundles every runtime
 * dependency into dist/). `skipTypecheck` is for test runners that type-checked already; a
 * release always type-checks. Throws with vsce's output when packaging fails.
 */
export function buildVsix(outFile, { skipTypecheck = true } = {}) {
  mkdirSync(dirname(outFile), { recursive: true });
  const r = spawnSync(
    process.execPath,
    [join(root, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--out', outFile],
    {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ...(skipTypecheck ? { VG_PREPUBLISH_SKIP_TYPECHECK: '1' } : {}) },
    },
  );
  if (r.status !== 0 || !existsSync(outFile)) {
    throw new Error(
      `vsce package failed (exit ${r.status ?? r.signal}):\n${`${r.stdout}\n${r.stderr}`.trim().slice(-3000)}`,
    );
  }
  return outFile;
}

/**
 * The entries of a zip file (names and uncompressed sizes), from its central directory — enough
 * for a VSIX, which vsce writes without zip64 or a long archive comment.
 */
export function listZip(file) {
  const buf = readFileSync(file);
  // End of central directory: signature 0x06054b50, searched backwards over the comment.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip file (no end-of-central-directory record)`);
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: broken central directory at entry ${n}`);
    const size = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    entries.push({ name: buf.toString('utf8', at + 46, at + 46 + nameLength), size });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return { bytes: statSync(file).size, entries };
}

/** Installs `vsix` into a code-server extensions folder with code-server's CLI (Node 24). */
export function installVsix(paths, { dir, extensionsDir, userDataDir }, vsix) {
  // The CLI writes its config and caches under XDG folders: keep them in the throwaway `dir`.
  const xdg = dir
    ? { XDG_CONFIG_HOME: join(dir, 'config'), XDG_DATA_HOME: join(dir, 'data'), XDG_CACHE_HOME: join(dir, 'cache') }
    : {};
  const r = spawnSync(
    paths.nodeBin,
    [
      paths.codeServerEntry,
      '--extensions-dir',
      extensionsDir,
      '--user-data-dir',
      userDataDir,
      '--install-extension',
      vsix,
    ],
    {
      encoding: 'utf8',
      env: { ...process.env, ...xdg, PATH: `${join(paths.nodeHome, 'bin')}:${process.env.PATH ?? ''}` },
      timeout: 120_000,
    },
  );
  const out = `${r.stdout ?? ''}\n${r.stderr ?? ''}`.trim();
  if (r.status !== 0 || !/successfully installed/i.test(out)) {
    throw new Error(
      `code-server --install-extension ${vsix} failed (exit ${r.status ?? r.signal}):\n${out.slice(-2000)}`,
    );
  }
}
