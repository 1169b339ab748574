/**
 * The VSIX users install holds only what runs, within size, with every runtime dependency
 * bundled: read from the very package the journeys install (VG_VSIX, or packaged now).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { vsixLib } from './helpers/harness';
import { ROOT, vsixPath } from './helpers/session';

const MAX_BYTES = 1.5 * 1024 * 1024;
const MAX_FILES = 60;

/** Everything a VSIX may hold; anything else fails the test with its name. */
const ALLOWED: RegExp[] = [
  /^extension\.vsixmanifest$/,
  /^\[Content_Types\]\.xml$/,
  /^extension\/package\.json$/,
  /^extension\/package\.nls(\.[a-z]{2}(-[a-z]{2,4})?)?\.json$/,
  /^extension\/(readme|changelog)\.md$/,
  /^extension\/LICENSE\.txt$/,
  /^extension\/dist\/(extension|engine)\.js$/,
  // The face detector's model and tfjs' wasm (src/engine/faces.ts reads them next to engine.js).
  /^extension\/dist\/faces\/(tiny_face_detector_model-weights_manifest\.json|tiny_face_detector_model\.bin|tfjs-backend-wasm-simd\.wasm)$/,
  /^extension\/dist\/webview\/(main\.js|chat\.css|codicon\.css|codicon\.ttf)$/,
  /^extension\/media\/icon\.(svg|png)$/,
  /^extension\/media\/walkthrough\/[\w-]+\.svg$/,
  /^extension\/l10n\/bundle\.l10n\.[a-z]{2}(-[a-z]{2,4})?\.json$/,
];

test('the VSIX holds only the allowed files, within 1.5 MB and 60 files', { timeout: 300_000 }, async () => {
  const { listZip } = await vsixLib();
  const { bytes, entries } = listZip(await vsixPath());
  const files = entries.map((e) => e.name).filter((n) => !n.endsWith('/'));
  const outside = files.filter((n) => !ALLOWED.some((re) => re.test(n)));
  assert.deepEqual(outside, [], `files outside the allowed list: ${outside.join(', ')}`);
  assert.ok(bytes <= MAX_BYTES, `${bytes} bytes > ${MAX_BYTES}`);
  assert.ok(files.length <= MAX_FILES, `${files.length} files > ${MAX_FILES}`);
  // Nothing the manifest points at is missing (main, icon, webview assets, walkthrough media).
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    main: string;
    icon: string;
    contributes: { walkthroughs: Array<{ steps: Array<{ media: { image: Record<string, string> } }> }> };
  };
  const referenced = [
    pkg.main,
    pkg.icon,
    'dist/engine.js',
    'dist/faces/tiny_face_detector_model.bin',
    'dist/faces/tiny_face_detector_model-weights_manifest.json',
    'dist/faces/tfjs-backend-wasm-simd.wasm',
    'dist/webview/main.js',
    'dist/webview/chat.css',
    'dist/webview/codicon.css',
    'dist/webview/codicon.ttf',
    'package.nls.json',
    'package.nls.zh-cn.json',
    'l10n/bundle.l10n.zh-cn.json',
    ...pkg.contributes.walkthroughs.flatMap((w) => w.steps.flatMap((s) => Object.values(s.media.image))),
  ];
  const missing = referenced.map((f) => `extension/${f.replace(/^\.\//, '')}`).filter((f) => !files.includes(f));
  assert.deepEqual(missing, [], `referenced by the manifest but not packaged: ${missing.join(', ')}`);
});

test(
  'the packaged extension.js and engine.js need nothing but Node built-ins (and vscode) — no node_modules',
  { timeout: 300_000 },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vg-vsix-unzip-'));
    try {
      execFileSync('unzip', [
        '-q',
        await vsixPath(),
        'extension/dist/extension.js',
        'extension/dist/engine.js',
        '-d',
        dir,
      ]);
      const builtin = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
      const requiresOf = (file: string) => {
        const code = readFileSync(join(dir, 'extension', 'dist', file), 'utf8');
        return new Set([...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]));
      };
      const required = requiresOf('extension.js');
      const external = [...required].filter((m) => m !== 'vscode' && !builtin.has(m));
      assert.deepEqual(external, [], `the bundle requires packages the VSIX does not carry: ${external.join(', ')}`);
      assert.ok(required.has('vscode'), 'the bundle loads vscode (sanity: the scan sees requires)');
      // The engine process runs in plain Node: not even vscode.
      const engineExternal = [...requiresOf('engine.js')].filter((m) => !builtin.has(m));
      assert.deepEqual(
        engineExternal,
        [],
        `engine.js requires packages the VSIX does not carry: ${engineExternal.join(', ')}`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
