/**
 * The credits item in the status bar: `$(credit-card) 87`, `∞` on the free local engine.
 * Hidden until the first balance is known (no network just to draw it); refreshed after actions.
 */
import * as vscode from 'vscode';
import type { Credits } from '../core/api/types';
import type { ServiceHost } from './serviceHost';
import { uiWords } from './words';
import { localize } from './l10n';

export class CreditsStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    'videoGenerator.credits',
    vscode.StatusBarAlignment.Right,
    100,
  );
  private last: Credits | undefined;

  constructor(
    private readonly host: ServiceHost,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.item.name = localize('Video Generator Credits');
    this.item.command = 'videoGenerator.showCredits';
  }

  get credits(): Credits | undefined {
    return this.last;
  }
  get text(): string {
    return this.item.text;
  }

  /** Fetches the balance when connected; failures only hide nothing and log. */
  async refresh(): Promise<void> {
    if (!this.host.started) return;
    try {
      this.show(await (await this.host.get()).credits());
    } catch (e) {
      this.log.warn(`Could not refresh credits: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  show(c: Credits): void {
    this.last = c;
    this.item.text = c.unlimited ? '$(credit-card) ∞' : `$(credit-card) ${c.available}`;
    this.item.tooltip = uiWords().credits(c);
    this.item.backgroundColor =
      !c.unlimited && c.available <= 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  clear(): void {
    this.last = undefined;
    this.item.hide();
  }

  dispose(): void {
    this.item.dispose();
  }
}
