/**
 * The strings table for what the core reports as data (timeline, change report, credits,
 * errors), in the language sessions use: videoGenerator.language, else VS Code's display
 * language. The UI's own labels go through vscode.l10n (l10n/bundle.l10n.*.json).
 */
import { wordsFor, type Words } from '../words';
import { sessionLanguage } from './serviceHost';

export function uiWords(): Words {
  return wordsFor(sessionLanguage());
}
