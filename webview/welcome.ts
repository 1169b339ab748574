/** The empty chat's welcome: what this is, the choice of engine, and example requests to click. */
import type { ChatStrings } from '../src/protocol';
import { el } from './view';

export function buildWelcome(doc: Document, s: ChatStrings): HTMLElement {
  const box = el(doc, 'section', 'welcome');
  const examples = el(doc, 'div', 'examples');
  for (const text of [s.example1, s.example2, s.example3]) {
    const b = el(doc, 'button', 'example', text);
    b.type = 'button';
    b.dataset.prompt = text;
    examples.append(b);
  }
  const choice = el(doc, 'div', 'backend-choice');
  const cloud = el(doc, 'button', 'text-button', s.useCloud);
  cloud.type = 'button';
  cloud.dataset.action = 'use-cloud';
  const local = el(doc, 'button', 'text-button', s.useLocal);
  local.type = 'button';
  local.dataset.action = 'use-local';
  choice.append(el(doc, 'p', 'choice-title', s.chooseBackend), cloud, local);
  // The choice of engine before the examples: on first run it is the first decision, and a
  // short chat pane would hide it below the fold.
  box.append(el(doc, 'h2', 'welcome-title', s.welcomeTitle), choice, el(doc, 'p', undefined, s.welcomeText), examples);
  return box;
}
