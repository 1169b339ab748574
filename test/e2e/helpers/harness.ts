/**
 * The repo's code-server harness (scripts/lib/codeServer.mjs, scripts/setup-vscode.mjs) is ES
 * modules and these tests compile as CommonJS: loaded dynamically by absolute file URL (a
 * relative specifier breaks when tsx loads this file for an ES-module importer), typed by their
 * .d.mts declarations.
 */
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as CodeServerLib from '../../../scripts/lib/codeServer.mjs' with { 'resolution-mode': 'import' };
import type * as SetupLib from '../../../scripts/setup-vscode.mjs' with { 'resolution-mode': 'import' };
import type * as VsixLib from '../../../scripts/lib/vsix.mjs' with { 'resolution-mode': 'import' };

/** The repository root (from __filename: tsx sets it in every loading mode, unlike __dirname). */
export const ROOT = join(dirname(__filename), '..', '..', '..');

const load = <T>(rel: string): Promise<T> => import(pathToFileURL(join(ROOT, rel)).href) as Promise<T>;

export const codeServerLib = (): Promise<typeof CodeServerLib> => load('scripts/lib/codeServer.mjs');
export const setupLib = (): Promise<typeof SetupLib> => load('scripts/setup-vscode.mjs');
export const vsixLib = (): Promise<typeof VsixLib> => load('scripts/lib/vsix.mjs');
