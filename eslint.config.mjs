// ESLint (flat config): typescript-eslint's type-checked rules, plus the architecture as import
// boundaries (see CONTRIBUTING.md, "Layers"). Stylistic rules stay off: Prettier formats.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { boundaries } from './scripts/lib/boundaries.mjs';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'out/**',
      '.vscode-test/**',
      'test-results/**',
      '**/*.d.mts',
      'test/host-production/probe-extension/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.json', './webview/tsconfig.json', './webview/tsconfig.test.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Unused names are errors, except the deliberately ignored `_x` and rest siblings.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // Promises: a dropped promise must be marked `void`; handlers may be async.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          // node:test's test()/describe() return promises the runner itself awaits.
          allowForKnownSafeCalls: [
            {
              from: 'package',
              package: 'node:test',
              name: ['test', 'it', 'describe', 'suite', 'before', 'after', 'beforeEach', 'afterEach'],
            },
          ],
        },
      ],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      // Too noisy for code that parses JSON and drives DOM/VS Code objects; zod guards the edges.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/only-throw-error': 'off',
      '@typescript-eslint/prefer-promise-reject-errors': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/no-redundant-type-constituents': 'off',
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      // ESLint 10's new rule; error wrapping here keeps its own messages on purpose.
      'preserve-caught-error': 'off',
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  // Plain JavaScript (scripts, esbuild.mjs, this file): no type information.
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      parserOptions: { project: false, program: null, projectService: false },
      // Node's globals, plus getComputedStyle for code Playwright evaluates in the page.
      globals: {
        URLSearchParams: 'readonly',
        getComputedStyle: 'readonly',
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        fetch: 'readonly',
        Buffer: 'readonly',
        SharedArrayBuffer: 'readonly',
        Atomics: 'readonly',
        Int32Array: 'readonly',
        __dirname: 'readonly',
        require: 'readonly',
        module: 'writable',
        exports: 'writable',
      },
    },
  },
  // Tests build odd inputs on purpose (1e309, literal spaces in expected output, loose JSON).
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      'no-loss-of-precision': 'off',
      'no-regex-spaces': 'off',
    },
  },
  // The UI's sentences go through ui/l10n.ts, which follows videoGenerator.language too.
  {
    files: ['src/**/*.ts'],
    ignores: ['src/ui/l10n.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.property.name='l10n'][property.name='t']",
          message:
            'Use localize() from src/ui/l10n.ts: it follows videoGenerator.language as well as the display language.',
        },
      ],
    },
  },
  ...boundaries,
);
