/**
 * The UI's own sentences (labels, toasts, the status bar, the chat panel's chrome).
 *
 * VS Code picks an extension's l10n bundle by its display language, and a display language
 * other than English needs a language pack. A person who sets `videoGenerator.language` to
 * zh-CN (no pack installed, or an English workbench by choice) must still read every sentence
 * of this extension in Chinese — the core's reports already follow that setting — so when the
 * setting names a language other than the display language, the bundle is read from l10n/ here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

type Bundle = Readonly<Record<string, string>>;

let extensionRoot: string | undefined;
const bundles = new Map<string, Bundle | undefined>();

/** Called once from activate(): where the extension's l10n/ folder is. */
export function initL10n(extensionPath: string): void {
  extensionRoot = extensionPath;
  bundles.clear();
}

/** `vscode.l10n.t` that follows `videoGenerator.language` when it differs from the display language. */
export function localize(message: string, ...args: Array<string | number | boolean>): string {
  const bundleName = overridingBundle();
  if (bundleName === undefined) return vscode.l10n.t(message, ...args);
  const translated = bundleName === 'en' ? message : (loadBundle(bundleName)?.[message] ?? message);
  return translated.replace(/\{(\d+)\}/g, (whole, i: string) =>
    Number(i) < args.length ? String(args[Number(i)]) : whole,
  );
}

/** The bundle the setting asks for, or undefined when VS Code's own choice already fits. */
function overridingBundle(): string | undefined {
  const setting = vscode.workspace.getConfiguration('videoGenerator').get<string>('language')?.trim().toLowerCase();
  if (!setting || setting === vscode.env.language.toLowerCase()) return undefined;
  if (setting.startsWith('zh')) return 'zh-cn';
  if (setting.startsWith('en')) return 'en';
  return undefined; // a language we have no bundle for: VS Code's choice
}

function loadBundle(name: string): Bundle | undefined {
  if (!bundles.has(name)) {
    let bundle: Bundle | undefined;
    try {
      if (extensionRoot)
        bundle = JSON.parse(readFileSync(join(extensionRoot, 'l10n', `bundle.l10n.${name}.json`), 'utf8')) as Bundle;
    } catch {
      bundle = undefined; // a missing or broken bundle shows the English source, never an error
    }
    bundles.set(name, bundle);
  }
  return bundles.get(name);
}
