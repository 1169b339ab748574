/**
 * What the agent is doing, in a person's words: the agent's tool names (`plan_timeline`,
 * `edit_timeline`, the cloud's own) are internal and never shown. Unknown tools get a phrase by
 * what their name is about, else a general one.
 */
import { localize } from './l10n';

export function toolPhrase(name: string): string {
  const n = name.toLowerCase();
  if (n === 'plan_timeline' || /plan|storyboard|script/.test(n)) return localize('Planning your video…');
  if (n === 'undo') return localize('Undoing the last change…');
  if (n === 'redo') return localize('Redoing the change…');
  if (/history/.test(n)) return localize('Looking at the edit history…');
  if (/music|audio|sound|voice/.test(n)) return localize('Choosing the music and sound…');
  if (/caption|subtitle|text|title/.test(n)) return localize('Writing the captions…');
  if (/media|upload|asset|image|photo|clip|analy/.test(n)) return localize('Looking at your media…');
  if (/render|export/.test(n)) return localize('Preparing the render…');
  if (/edit|timeline|track|cut|trim/.test(n)) return localize('Editing the timeline…');
  return localize('Working on your video…');
}
