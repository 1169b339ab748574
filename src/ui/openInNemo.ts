/**
 * Command "Open in NemoVideo": opens the cloud session in NemoVideo's web editor through a
 * claim token (core/claim.ts) — the link never carries the bearer token. The local engine has
 * no web editor, which the command says instead of failing.
 */
import * as vscode from 'vscode';
import { claimLink } from '../core/claim';
import { showError } from './errors';
import type { ServiceHost } from './serviceHost';
import { localize } from './l10n';

export function registerOpenInNemo(host: ServiceHost): vscode.Disposable {
  return vscode.commands.registerCommand('videoGenerator.openInNemoVideo', async (): Promise<string | undefined> => {
    if (vscode.workspace.getConfiguration('videoGenerator').get<string>('backend') === 'local') {
      void vscode.window.showInformationMessage(
        localize(
          'Opening in NemoVideo is not available on the local engine: it has no web editor. Switch the backend to cloud to use it.',
        ),
      );
      return undefined;
    }
    try {
      const link = await claimLink(await host.get());
      await vscode.env.openExternal(vscode.Uri.parse(link));
      return link;
    } catch (e) {
      void showError(e);
      return undefined;
    }
  });
}
