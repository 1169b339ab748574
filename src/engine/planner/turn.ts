/**
 * One chat turn as pure logic: request + session (draft, uploads, language) → the tool call the
 * agent reports, its result, the reply and the new draft (only when something changed).
 * plannerAgent.ts only streams this; tests call it directly.
 */
import type { Draft } from '../../contract/draft';
import type { MediaFile } from '../contracts';
import { applyOps } from './edit';
import { classifyMedia } from './media';
import { parseRequest } from './parse';
import { planDraft } from './plan';
import { refusalText, replyFor } from './reply';
import type { Change, Lang, Op, Refusal } from './types';

export interface TurnInput {
  draft: Draft | undefined;
  media: MediaFile[];
  /** Session language (`en`, `zh-CN`…). */
  language: string;
}

export type ToolResponse =
  | { ok: true; tracks: Array<{ type: number; name: string; segments: number }>; duration_ms: number }
  | { ok: false; reason: string };

export interface TurnResult {
  call: { name: 'plan_timeline' | 'edit_timeline'; args: { ops: Op[]; rebuild?: boolean } };
  response: ToolResponse;
  reply: string;
  lang: Lang;
  /** Set only when the turn changed the draft. */
  draft?: Draft;
  changes: Change[];
}

/** Chinese request → Chinese; otherwise the session language; otherwise English. */
export function replyLanguage(requestLang: Lang | undefined, sessionLanguage: string): Lang {
  if (requestLang === 'zh') return 'zh';
  return sessionLanguage.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

function summary(draft: Draft): ToolResponse {
  return {
    ok: true,
    tracks: (draft.t ?? []).map((t) => ({ type: t.tt, name: String(t.m?.name ?? ''), segments: t.sg.length })),
    duration_ms: draft.d ?? 0,
  };
}

/** When a turn changes nothing, the first skip explains why. */
function reasonOf(changes: Change[]): Refusal | 'unchanged' {
  const s = changes.find((c) => c.kind === 'skipped');
  if (s?.kind === 'skipped' && (s.reason === 'noAudio' || s.reason === 'noLogo')) return s.reason;
  return 'unchanged';
}

export function decideTurn(text: string, input: TurnInput): TurnResult {
  const parsed = parseRequest(text);
  const lang = replyLanguage(parsed.lang, input.language);
  const planning = !input.draft || parsed.create;
  const call = {
    name: planning ? ('plan_timeline' as const) : ('edit_timeline' as const),
    args: { ops: parsed.ops, ...(input.draft && parsed.create ? { rebuild: true } : {}) },
  };
  const refuse = (reason: Refusal): TurnResult => ({ call, response: { ok: false, reason }, reply: refusalText(reason, lang), lang, changes: [] });

  const hasVisuals = classifyMedia(input.media).visuals.length > 0;
  // "a promo video" before any draft: make one rather than ask what to change.
  const startsDraft = !input.draft && parsed.refusal === 'unknown' && parsed.mentionsVideo;
  if (parsed.refusal && parsed.ops.length === 0 && !parsed.create && !startsDraft) {
    // Without uploads the first thing to say is how to upload, whatever was asked.
    return refuse(!input.draft && !hasVisuals && parsed.refusal !== 'help' ? 'noMedia' : parsed.refusal);
  }

  if (planning) {
    const titleOfOld = input.draft?.m?.title;
    const plan = planDraft({
      media: input.media,
      ops: parsed.ops,
      lang,
      promo: parsed.promo,
      ...(typeof titleOfOld === 'string' ? { keepTitle: titleOfOld } : {}),
    });
    if (!plan) return refuse('noMedia');
    return { call, response: summary(plan.draft), reply: replyFor(plan.changes, lang, startsDraft ? undefined : parsed.refusal), lang, draft: plan.draft, changes: plan.changes };
  }

  const draft = input.draft!;
  const edited = applyOps(draft, parsed.ops, { media: input.media, lang, promo: parsed.promo });
  if (JSON.stringify(edited.draft) === JSON.stringify(draft)) {
    // Nothing changed: only the explanations of what could not be done are true now.
    const skipped = edited.changes.filter((c) => c.kind === 'skipped');
    const reason = reasonOf(skipped);
    return { call, response: { ok: false, reason }, reply: replyFor(skipped, lang, parsed.refusal), lang, changes: skipped };
  }
  return { call, response: summary(edited.draft), reply: replyFor(edited.changes, lang, parsed.refusal), lang, draft: edited.draft, changes: edited.changes };
}
