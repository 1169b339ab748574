/**
 * What a click in the chat panel means, read from the element's data attributes (the markup of
 * src/ui/chatHtml.ts and view.ts). Pure: the app decides what each intent does.
 */
import { BUTTON_ACTIONS } from '../src/protocol';

type ButtonAction = (typeof BUTTON_ACTIONS)[number];

export type ClickIntent =
  | { kind: 'action'; action: ButtonAction }
  | { kind: 'prompt'; text: string }
  | { kind: 'copy'; id: string; button: HTMLElement }
  | { kind: 'open-file'; id: string }
  | { kind: 'resend'; id: string }
  | { kind: 'retry' }
  | { kind: 'link'; url: string }
  /** A link the panel will not follow (not http/https): only its default is prevented. */
  | { kind: 'ignored-link' };

const isButtonAction = (name: string | undefined): name is ButtonAction =>
  (BUTTON_ACTIONS as readonly (string | undefined)[]).includes(name);

export function readClick(target: Element): ClickIntent | undefined {
  const action = target.closest<HTMLElement>('[data-action]');
  if (action) {
    const name = action.dataset.action;
    return isButtonAction(name) ? { kind: 'action', action: name } : undefined;
  }
  const prompt = target.closest<HTMLElement>('[data-prompt]');
  if (prompt) return { kind: 'prompt', text: prompt.dataset.prompt ?? '' };
  const copy = target.closest<HTMLElement>('[data-copy]');
  if (copy) return { kind: 'copy', id: copy.dataset.copy ?? '', button: copy };
  const openFile = target.closest<HTMLElement>('[data-open-file]');
  if (openFile) return { kind: 'open-file', id: openFile.dataset.openFile ?? '' };
  const resend = target.closest<HTMLElement>('[data-resend]');
  if (resend) return { kind: 'resend', id: resend.dataset.resend ?? '' };
  if (target.closest('[data-retry]')) return { kind: 'retry' };
  const link = target.closest<HTMLElement>('a[href], [data-url]');
  if (link) {
    const url = link.getAttribute('href') ?? link.dataset.url ?? '';
    return /^https?:/i.test(url) ? { kind: 'link', url } : { kind: 'ignored-link' };
  }
  return undefined;
}
