/**
 * Turning failures into words and buttons: the core's ApiError already says what went wrong
 * and what to do; here we add the register/upgrade button and keep Stop/Cancel quiet.
 */
import * as vscode from 'vscode';
import { isApiError } from '../core/api/errors';
import { EXPORT_RUNNING } from '../core/serviceApi';
import { errorWords } from '../words';
import { uiWords } from './words';
import { localize } from './l10n';

/** The error in the user's language, with its recovery (src/words). */
export function errorText(e: unknown): string {
  // The core says another export runs; which command stops it is VS Code's to name.
  if (isApiError(e) && e.detail === EXPORT_RUNNING)
    return localize(
      'An export is already running for this project. Wait for it to finish, or cancel it (Video Generator: Cancel Export).',
    );
  return errorWords(e, uiWords());
}

/** The user cancelled: say nothing loud. */
export function isCancellation(e: unknown): boolean {
  return (isApiError(e) && e.kind === 'aborted') || (e instanceof Error && e.name === 'AbortError');
}

/** The page that fixes this error (register / upgrade), with the button's label. */
export function errorLink(e: unknown): { url: string; label: string } | undefined {
  if (!isApiError(e) || !e.url) return undefined;
  const label = e.kind === 'plan' ? localize('Upgrade plan') : localize('Register');
  return { url: e.url, label };
}

/**
 * The cloud failed in a way the free local engine avoids (unreachable, out of credits, plan,
 * rate limit): offer the one-click switch. Never on the local engine itself.
 */
export function offersLocalEngine(e: unknown): boolean {
  if (vscode.workspace.getConfiguration('videoGenerator').get<string>('backend') === 'local') return false;
  return isApiError(e) && ['network', 'timeout', 'credits', 'plan', 'rate-limit'].includes(e.kind);
}

/** An error notification; with a link button when the error has a page that fixes it. */
export async function showError(e: unknown, prefix?: string): Promise<void> {
  if (isCancellation(e)) return;
  const text = prefix ? `${prefix} ${errorText(e)}` : errorText(e);
  const link = errorLink(e);
  const useLocal = localize('Use Local Engine');
  const offerLocal = offersLocalEngine(e);
  const buttons = [link?.label, offerLocal ? useLocal : undefined].filter((b): b is string => !!b);
  const picked = await vscode.window.showErrorMessage(text, ...buttons);
  if (link && picked === link.label) await vscode.env.openExternal(vscode.Uri.parse(link.url));
  if (picked === useLocal) await vscode.commands.executeCommand('videoGenerator.useLocalEngine');
}
