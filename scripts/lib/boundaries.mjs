// The architecture as ESLint import rules (used by eslint.config.mjs and checked by
// test/unit/boundaries.test.ts):
//   src/core, src/engine — plain Node: never `vscode`, never src/ui;
//   src/cli              — plain Node: never `vscode`, never src/ui;
//   webview/             — browser: never a Node module.
import { builtinModules } from 'node:module';

const noVscode = { name: 'vscode', message: 'src/core, src/engine and the CLI are plain Node: only src/ui and src/extension.ts import vscode.' };
const noUi = { regex: '(^|/)ui(/|$)', message: 'The UI layer (src/ui) depends on core, never the other way round.' };
const nodeModules = builtinModules.filter((m) => !m.startsWith('_'));

export const boundaries = [
  {
    files: ['src/core/**/*.ts', 'src/engine/**/*.ts', 'src/cli/**/*.ts', 'src/cli.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode], patterns: [noUi] }] },
  },
  {
    files: ['webview/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: nodeModules.map((name) => ({ name, message: 'The webview runs in a browser: no Node modules.' })),
        patterns: [{ regex: '^node:', message: 'The webview runs in a browser: no Node modules.' }],
      }],
    },
  },
];
