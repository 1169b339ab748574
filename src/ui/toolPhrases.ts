/**
 * What the agent is doing, in a person's words: the agent's tool names (`plan_timeline`,
 * `edit_timeline`, the cloud's own) are internal and never shown. Unknown tools get a phrase by
 * what their name is about, else a general one.
 */
import * as vscode from 'vscode';

export function toolPhrase(name: string): string {
  const n = name.toLowerCase();
  if (n === 'plan_timeline' || /plan|storyboard|script/.test(n)) return vscode.l10n.t('Planning your video…');
  if (n === 'undo') return vscode.l10n.t('Undoing the last change…');
  if (n === 'redo') return vscode.l10n.t('Redoing the change…');
  if (/history/.test(n)) return vscode.l10n.t('Looking at the edit history…');
  if (/music|audio|sound|voice/.test(n)) return vscode.l10n.t('Choosing the music and sound…');
  if (/caption|subtitle|text|title/.test(n)) return vscode.l10n.t('Writing the captions…');
  if (/media|upload|asset|image|photo|clip|analy/.test(n)) return vscode.l10n.t('Looking at your media…');
  if (/render|export/.test(n)) return vscode.l10n.t('Preparing the render…');
  if (/edit|timeline|track|cut|trim/.test(n)) return vscode.l10n.t('Editing the timeline…');
  return vscode.l10n.t('Working on your video…');
}
