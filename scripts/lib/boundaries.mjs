// The architecture as ESLint import rules (used by eslint.config.mjs and checked by
// test/unit/boundaries.test.ts):
//   src/contract         — the draft, endpoints, error codes, limits: imports none of the layers;
//   src/core, src/engine — peers over the contract: never each other, never `vscode`, src/ui or src/words
//                          (they report data and codes; src/words puts them into sentences);
//   src/words            — strings tables: reads core's data types, never vscode, ui or engine;
//   src/cli, src/mcp     — plain Node: never `vscode`, never src/ui;
//   webview/             — browser: never a Node module.
import { builtinModules } from 'node:module';

const noVscode = {
  name: 'vscode',
  message: 'src/core, src/engine and the CLI are plain Node: only src/ui and src/extension.ts import vscode.',
};
const noUi = { regex: '(^|/)ui(/|$)', message: 'The UI layer (src/ui) depends on core, never the other way round.' };
const nodeModules = builtinModules.filter((m) => !m.startsWith('_'));
const layer = (name, message) => ({ regex: `(^|/)${name}(/|$)`, message });
const noEngine = layer(
  'engine',
  'src/core and src/engine are peers over src/contract: the client never imports the engine.',
);
const noCore = layer(
  'core',
  'src/core and src/engine are peers over src/contract: the engine never imports the client.',
);
// Only src/words itself (reached through ../): the planner has a words.ts of its own.
const noWords = {
  regex: '^(\\.\\./)+words(/|$)',
  message: 'The core and the engine report data and codes; src/words, the UI and the CLI put them into words.',
};
const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { paths: [noVscode], patterns }] });

export const boundaries = [
  { files: ['src/core/**/*.ts'], rules: restrict([noUi, noEngine, noWords]) },
  { files: ['src/engine/**/*.ts'], rules: restrict([noUi, noCore, noWords]) },
  {
    files: ['src/contract/**/*.ts'],
    rules: restrict(
      ['ui', 'core', 'engine', 'words', 'cli', 'mcp'].map((n) =>
        layer(n, 'src/contract is what both peers import: it imports none of the layers.'),
      ),
    ),
  },
  {
    files: ['src/words/**/*.ts'],
    rules: restrict([noUi, layer('engine', 'src/words words what the core reports; it never imports the engine.')]),
  },
  { files: ['src/cli/**/*.ts', 'src/cli.ts', 'src/mcp/**/*.ts'], rules: restrict([noUi]) },
  {
    files: ['webview/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeModules.map((name) => ({ name, message: 'The webview runs in a browser: no Node modules.' })),
          patterns: [{ regex: '^node:', message: 'The webview runs in a browser: no Node modules.' }],
        },
      ],
    },
  },
];
