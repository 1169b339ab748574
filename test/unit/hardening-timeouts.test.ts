/**
 * Every hardening test has a timeout of its own: a removed guard must make its test FAIL, not
 * hang the suite (a mutation check once found the body-size test waiting forever). Parses
 * test/hardening/*.test.ts with the TypeScript compiler and lists each `test(…)` call whose
 * options object has no `timeout`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const DIR = join(__dirname, '..', 'hardening');

/** `file:line title` of every test call without a timeout option. */
export function testsWithoutTimeout(file: string, source = readFileSync(file, 'utf8')): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const name = ts.isIdentifier(callee)
        ? callee.text
        : ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)
          ? callee.expression.text
          : '';
      if (name === 'test' && node.arguments.length >= 2) {
        const opts = node.arguments.length >= 3 ? node.arguments[1] : undefined;
        const hasTimeout =
          !!opts &&
          ts.isObjectLiteralExpression(opts) &&
          opts.properties.some((p) => p.name !== undefined && ts.isIdentifier(p.name) && p.name.text === 'timeout');
        if (!hasTimeout) {
          const line = sf.getLineAndCharacterOfPosition(node.getStart()).line + 1;
          out.push(`${file}:${line} ${node.arguments[0]!.getText().slice(0, 80)}`);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

test('every test in test/hardening has a timeout option', { timeout: 30_000 }, () => {
  const files = readdirSync(DIR)
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => join(DIR, f));
  assert.ok(files.length > 10, `${files.length} hardening files`);
  const missing = files.flatMap((f) => testsWithoutTimeout(f));
  assert.deepEqual(missing, [], `tests without a timeout:\n${missing.join('\n')}`);
});

test(
  'the check sees a missing timeout (plain, with other options, in a loop) and accepts one that is there',
  { timeout: 10_000 },
  () => {
    const src = `
    test('a', async () => {});
    test('b', { skip: true }, async () => {});
    for (const x of [1]) test(\`c \${x}\`, () => {});
    test('d', { timeout: 5_000 }, async () => {});
    test('e', { skip: false, timeout: 1 }, () => {});`;
    assert.deepEqual(
      testsWithoutTimeout('x.ts', src).map((l) => l.split(' ')[0]),
      ['x.ts:2', 'x.ts:3', 'x.ts:4'],
    );
  },
);
