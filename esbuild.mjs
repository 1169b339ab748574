// Bundles four targets: the extension host (CJS, `vscode` external), the chat webview
// (browser IIFE), the `video-gen` CLI (CJS with a shebang) and the per-user engine process. Type checking is separate
// (`npm run typecheck`), so bundling stays fast.
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, copyFileSync, chmodSync, readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
  define: { __VERSION__: JSON.stringify(pkg.version) },
};

// Node bundles: form-data's mime lookup is never used (see src/shims/mimeTypes.ts); face-api's
// `@tensorflow/tfjs` is tfjs-core alone (src/shims/tfjs.ts: no layers/converter/data, half the JS),
// and tfjs-core's node-fetch fallback is Node's own fetch (src/shims/nodeFetch.ts).
const nodeAlias = {
  'mime-types': './src/shims/mimeTypes.ts',
  '@tensorflow/tfjs': './src/shims/tfjs.ts',
  'node-fetch': './src/shims/nodeFetch.ts',
};

const targets = [
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    alias: nodeAlias,
  },
  {
    ...common,
    entryPoints: ['src/cli.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    alias: nodeAlias,
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    // The per-user engine process the extension starts (src/engine/process): kept out of
    // extension.js, which loads no engine code any more.
    ...common,
    entryPoints: ['src/engineMain.ts'],
    outfile: 'dist/engine.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    alias: nodeAlias,
  },
  {
    ...common,
    entryPoints: ['webview/main.ts'],
    outfile: 'dist/webview/main.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: true,
  },
];

const present = targets.filter((t) => existsSync(t.entryPoints[0]));
mkdirSync('dist/webview', { recursive: true });

// Static webview assets: the stylesheet and codicons are served from dist/ so that
// localResourceRoots can stay limited to dist/ and media/.
function copyAssets() {
  if (existsSync('webview/chat.css')) copyFileSync('webview/chat.css', 'dist/webview/chat.css');
  const codicons = 'node_modules/@vscode/codicons/dist';
  if (existsSync(codicons)) {
    copyFileSync(`${codicons}/codicon.css`, 'dist/webview/codicon.css');
    copyFileSync(`${codicons}/codicon.ttf`, 'dist/webview/codicon.ttf');
  }
  // The face detector's model and tfjs' SIMD wasm, read from disk by src/engine/faces.ts next to
  // engine.js / cli.js: they ship in the VSIX, nothing is downloaded at run time.
  mkdirSync('dist/faces', { recursive: true });
  const faceModel = 'node_modules/@vladmandic/face-api/model';
  for (const f of ['tiny_face_detector_model-weights_manifest.json', 'tiny_face_detector_model.bin'])
    copyFileSync(`${faceModel}/${f}`, `dist/faces/${f}`);
  copyFileSync(
    'node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm',
    'dist/faces/tfjs-backend-wasm-simd.wasm',
  );
}

// In watch mode a rebuild (of any of the targets) is announced once, so the editor's background
// task (.vscode/tasks.json) knows when dist/ is ready for F5.
let building = 0;
const announce = {
  name: 'announce',
  setup(build) {
    build.onStart(() => {
      if (building++ === 0) console.log('[watch] build started');
    });
    build.onEnd((r) => {
      for (const e of r.errors)
        console.log(`✘ [ERROR] ${e.text}${e.location ? ` (${e.location.file}:${e.location.line})` : ''}`);
      if (--building === 0) console.log('[watch] build finished');
    });
  },
};

if (watch) {
  for (const t of present) (await esbuild.context({ ...t, plugins: [announce] })).watch();
  copyAssets();
} else {
  await Promise.all(present.map((t) => esbuild.build(t)));
  copyAssets();
  if (existsSync('dist/cli.js')) chmodSync('dist/cli.js', 0o755);
}
