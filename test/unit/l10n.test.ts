/**
 * Every runtime string the extension shows goes through localize() (src/ui/l10n.ts, over
 * vscode.l10n.t); the Chinese bundle must
 * translate each of them (a missing key silently falls back to English), keep the same {n}
 * placeholders, and hold no stale keys. Also checks package.nls.*.json cover each other.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

function sources(): string[] {
  const dir = join(root, 'src', 'ui');
  // Recursive: src/ui/lm and any later subfolder are scanned too.
  return [
    join(root, 'src', 'extension.ts'),
    ...readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => join(dir, f)),
  ];
}

/** The literal first arguments of `localize('…')` / `l10n.t('…')` calls (single, double or plain back quotes). */
export function l10nKeys(code: string): string[] {
  const keys: string[] = [];
  const re = /(?:\blocalize|l10n\.t)\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g;
  for (const m of code.matchAll(re)) keys.push(m[2].replace(/\\(['"`\\])/g, '$1').replace(/\\n/g, '\n'));
  return keys;
}

const placeholders = (s: string) =>
  [...s.matchAll(/\{(\d+)\}/g)]
    .map((m) => m[1])
    .sort()
    .join(',');

test('the key scanner reads quotes and escapes', () => {
  assert.deepEqual(l10nKeys(`vscode.l10n.t('It\\'s {0}', x); l10n.t("Ready"); localize('Send')`), [
    "It's {0}",
    'Ready',
    'Send',
  ]);
});

test('every localized string in src/ui has a zh-cn translation with the same placeholders', () => {
  const bundle = JSON.parse(readFileSync(join(root, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<
    string,
    string
  >;
  const used = new Set(sources().flatMap((f) => l10nKeys(readFileSync(f, 'utf8'))));
  assert.ok(used.size > 40, `expected many localised strings, found ${used.size}`);
  const missing = [...used].filter((k) => typeof bundle[k] !== 'string' || !bundle[k].trim());
  assert.deepEqual(missing, [], 'strings without a translation in l10n/bundle.l10n.zh-cn.json');
  const badPlaceholders = [...used].filter((k) => placeholders(k) !== placeholders(bundle[k]));
  assert.deepEqual(badPlaceholders, [], 'translations whose {n} placeholders differ');
  const stale = Object.keys(bundle).filter((k) => !used.has(k));
  assert.deepEqual(stale, [], 'translations no code uses any more');
});

test('package.nls.zh-cn.json translates every manifest string and package.json uses only known keys', () => {
  const en = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
  const zh = JSON.parse(readFileSync(join(root, 'package.nls.zh-cn.json'), 'utf8')) as Record<string, string>;
  assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
  const manifest = readFileSync(join(root, 'package.json'), 'utf8');
  const referenced = [...manifest.matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]);
  assert.ok(referenced.length > 20);
  assert.deepEqual(
    referenced.filter((k) => !(k in en)),
    [],
    'package.json %keys% missing from package.nls.json',
  );
});
