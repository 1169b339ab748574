/**
 * The architecture's import boundaries (scripts/lib/boundaries.mjs, used by eslint.config.mjs):
 * each forbidden import is reported, the allowed ones are not, and today's sources keep them.
 * Runs ESLint with only those rules (no type information), so it takes a second or two.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';

const ROOT = join(__dirname, '..', '..');

async function linter(): Promise<ESLint> {
  const { boundaries } = (await import(pathToFileURL(join(ROOT, 'scripts/lib/boundaries.mjs')).href)) as {
    boundaries: Linter.Config[];
  };
  return new ESLint({
    cwd: ROOT,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser as Linter.Parser },
        // No inline comment may switch a boundary off (and one naming another plug-in's rule,
        // unknown to this rules-only linter, must not count as a problem either).
        linterOptions: { reportUnusedDisableDirectives: 'off', noInlineConfig: true },
      },
      ...boundaries,
    ],
  });
}

async function problems(eslint: ESLint, file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  return result.messages
    .filter((m) => m.ruleId !== null || m.fatal) // a boundary rule, or code that does not parse
    .map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

const CASES: Array<[file: string, code: string, forbidden: boolean]> = [
  ['src/core/x.ts', "import * as vscode from 'vscode';", true],
  ['src/core/api/x.ts', "import { log } from '../../ui/log';", true],
  ['src/engine/x.ts', "import type { Uri } from 'vscode';", true],
  ['src/engine/planner/x.ts', "export { x } from '../../ui/chatView';", true],
  ['src/cli/x.ts', "import { showError } from '../ui/errors';", true],
  ['src/cli.ts', "import * as vscode from 'vscode';", true],
  ['webview/x.ts', "import { readFileSync } from 'node:fs';", true],
  ['webview/x.ts', "import * as path from 'path';", true],
  ['webview/x.ts', "import { Buffer } from 'buffer';", true],
  ['src/core/x.ts', "import { startEngine } from '../engine/server';", true],
  ['src/engine/planner/x.ts', "import { summarizeTimeline } from '../../core/timeline';", true],
  ['src/engine/x.ts', "import { en } from '../words/en';", true],
  ['src/contract/x.ts', "import type { Timeline } from '../core/timeline';", true],
  ['src/contract/x.ts', "import { Store } from '../engine/store';", true],
  ['src/words/x.ts', "import { Store } from '../engine/store';", true],
  ['src/mcp/x.ts', "import * as vscode from 'vscode';", true],
  ['src/core/x.ts', "import { wordsFor } from './guiWords';", false],
  ['src/core/x.ts', "import type { Draft } from '../contract/draft';", false],
  ['src/engine/planner/x.ts', "import { TrackType } from '../../contract/draft';", false],
  ['src/words/x.ts', "import type { Timeline } from '../core/timeline';", false],
  ['src/cli/x.ts', "import { en } from '../words/en'; import { startLocalEngine } from '../engine/local';", false],
  ['src/engine/x.ts', "import { readFileSync } from 'node:fs';", false],
  ['src/ui/x.ts', "import * as vscode from 'vscode'; import { createVideoService } from '../core/service';", false],
  ['webview/x.ts', "import type { HostMessage } from '../src/protocol';", false],
];

test('forbidden imports are reported, allowed ones are not', { timeout: 30_000 }, async () => {
  const eslint = await linter();
  for (const [file, code, forbidden] of CASES) {
    const found = await problems(eslint, file, code);
    if (forbidden)
      assert.ok(
        found.some((p) => p.startsWith('no-restricted-imports')),
        `${file}: \`${code}\` should be refused, got ${JSON.stringify(found)}`,
      );
    else assert.deepEqual(found, [], `${file}: \`${code}\` should be allowed`);
  }
});

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

test('src/ and webview/ keep the boundaries', { timeout: 60_000 }, async () => {
  const eslint = await linter();
  const files = [...tsFiles(join(ROOT, 'src')), ...tsFiles(join(ROOT, 'webview'))];
  assert.ok(files.length > 20);
  const bad: string[] = [];
  for (const f of files) {
    for (const p of await problems(eslint, relative(ROOT, f), readFileSync(f, 'utf8')))
      bad.push(`${relative(ROOT, f)}: ${p}`);
  }
  assert.deepEqual(bad, []);
});
