/**
 * One chat turn as pure logic: request + session (draft, uploads, language, undo history) → the
 * tool call the agent reports, its result, the reply, the new draft (only when something
 * changed) and the new history. plannerAgent.ts only streams this and keeps the history on disk.
 */
import type { Draft } from '../../contract/draft';
import type { MediaFile } from '../contracts';
import { applyOps } from './edit';
import { emptyHistory, HISTORY_LIMIT, type DraftHistory } from './history';
import { classifyMedia } from './media';
import { parseRequest } from './parse';
import { planDraft } from './plan';
import { examplesLine, refusalText, replyFor } from './reply';
import { HISTORY_TEXT } from './historyText';
import { examplesFor } from './suggest';
import { draftProblems } from './validate';
import { draftTexts, textLimitProblem } from '../../contract/textLimits';

const textSize = (d: Draft | undefined): number => draftTexts(d).reduce((n, t) => n + t.length + 1, 0);
import type { Change, Lang, Op, ParseResult, Refusal } from './types';

export interface TurnInput {
  draft: Draft | undefined;
  media: MediaFile[];
  /** Session language (`en`, `zh-CN`…). */
  language: string;
  /** The session's undo history (absent: none kept yet). */
  history?: DraftHistory;
}

export type ToolResponse =
  | { ok: true; tracks: Array<{ type: number; name: string; segments: number }>; duration_ms: number }
  | { ok: false; reason: string };

export interface TurnResult {
  call: {
    name: 'plan_timeline' | 'edit_timeline' | 'undo' | 'redo' | 'show_history';
    args: { ops: Op[]; rebuild?: boolean };
  };
  response: ToolResponse;
  reply: string;
  lang: Lang;
  /** Set only when the turn changed the draft. */
  draft?: Draft;
  changes: Change[];
  /** The session's history after this turn; set when it changed. */
  history?: DraftHistory;
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

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Records a change: the draft before it becomes undoable, anything undone is dropped. */
function recorded(history: DraftHistory | undefined, before: Draft | undefined, label: string): DraftHistory {
  const h = history ?? emptyHistory();
  const past = [...h.past, { draft: before ?? null, label: label.trim().slice(0, 120), at: Date.now() }].slice(
    -HISTORY_LIMIT,
  );
  return { past, future: [], last: 'edit' };
}

function undoRedo(kind: 'undo' | 'redo', input: TurnInput, lang: Lang): TurnResult {
  const h = input.history ?? emptyHistory();
  const call = { name: kind, args: { ops: [] as Op[] } } as const;
  const fail = (reply: string): TurnResult => ({
    call,
    response: { ok: false, reason: `nothing to ${kind}` },
    reply,
    lang,
    changes: [],
  });
  const from = kind === 'undo' ? h.past : h.future;
  const entry = from[from.length - 1];
  if (!entry) return fail(kind === 'undo' ? HISTORY_TEXT.nothingToUndo(lang) : HISTORY_TEXT.nothingToRedo(lang));
  if (!entry.draft) return fail(HISTORY_TEXT.firstVersion(lang));
  const moved = { draft: input.draft ?? null, label: entry.label, at: Date.now() };
  const history: DraftHistory =
    kind === 'undo'
      ? { past: h.past.slice(0, -1), future: [...h.future, moved].slice(-HISTORY_LIMIT), last: 'undo' }
      : { past: [...h.past, moved].slice(-HISTORY_LIMIT), future: h.future.slice(0, -1), last: 'redo' };
  const draft = structuredClone(entry.draft);
  const reply = kind === 'undo' ? HISTORY_TEXT.undone(entry.label, lang) : HISTORY_TEXT.redone(entry.label, lang);
  return { call, response: summary(draft), reply, lang, draft, changes: [], history };
}

function control(parsed: ParseResult, input: TurnInput, lang: Lang): TurnResult {
  const h = input.history ?? emptyHistory();
  if (parsed.control === 'history') {
    return {
      call: { name: 'show_history', args: { ops: [] } },
      response: { ok: false, reason: 'history' },
      reply: HISTORY_TEXT.list(h.past, h.future, lang),
      lang,
      changes: [],
    };
  }
  // "change it back" reverts the last action: an undo is reverted by redoing it.
  if (parsed.control === 'changeBack')
    return undoRedo(h.last === 'undo' && h.future.length ? 'redo' : 'undo', input, lang);
  return undoRedo(parsed.control === 'redo' ? 'redo' : 'undo', input, lang);
}

export function decideTurn(text: string, input: TurnInput): TurnResult {
  const parsed = parseRequest(text);
  const lang = replyLanguage(parsed.lang, input.language);
  if (parsed.control) return control(parsed, input, lang);
  const planning = !input.draft || parsed.create;
  const call = {
    name: planning ? ('plan_timeline' as const) : ('edit_timeline' as const),
    args: { ops: parsed.ops, ...(input.draft && parsed.create ? { rebuild: true } : {}) },
  };
  const examples = (): string[] => examplesFor(input.draft, input.media, lang);
  const refuse = (reason: Refusal): TurnResult => ({
    call,
    response: { ok: false, reason },
    reply: refusalText(
      reason,
      lang,
      ['unknown', 'generative', 'voiceover', 'vague'].includes(reason) ? examples() : [],
    ),
    lang,
    changes: [],
  });

  const hasVisuals = classifyMedia(input.media).visuals.length > 0;
  // "a promo video" before any draft: make one rather than ask what to change.
  const startsDraft = !input.draft && parsed.refusal === 'unknown' && parsed.mentionsVideo;
  if (parsed.refusal && parsed.ops.length === 0 && !parsed.create && !startsDraft) {
    // Without uploads the first thing to say is how to upload, whatever was asked.
    return refuse(
      !input.draft && !hasVisuals && parsed.refusal !== 'help' && parsed.refusal !== 'tooLong'
        ? 'noMedia'
        : parsed.refusal,
    );
  }
  const previous = [...(input.history?.past ?? [])]
    .reverse()
    .map((e) => e.draft)
    .filter((d): d is Draft => !!d);
  const finish = (draft: Draft, changes: Change[], refusal: Refusal | undefined): TurnResult => {
    const problems = draftProblems(draft);
    if (problems.length) {
      return {
        call,
        response: { ok: false, reason: `invalid draft: ${problems.slice(0, 3).join('; ')}` },
        reply: HISTORY_TEXT.invalid(lang),
        lang,
        changes: [],
      };
    }
    // Too much text is never saved: the same limits as a saved or rendered draft, said plainly.
    // A draft already over a limit (written by hand) may still lose text, never gain it.
    const tooMuch = textLimitProblem(draft);
    if (tooMuch && !(textLimitProblem(input.draft) && textSize(draft) < textSize(input.draft)))
      return {
        call,
        response: { ok: false, reason: `text limit: ${tooMuch.kind} ${tooMuch.actual} > ${tooMuch.limit}` },
        reply: HISTORY_TEXT.textLimit(tooMuch, lang),
        lang,
        changes: [],
      };
    const next = changes.some((c) => c.kind === 'created') ? examplesFor(draft, input.media, lang, 2) : [];
    return {
      call,
      response: summary(draft),
      reply: replyFor(changes, lang, refusal, true, next),
      lang,
      draft,
      changes,
      history: recorded(input.history, input.draft, text),
    };
  };

  if (planning) {
    const titleOfOld = input.draft?.m?.title;
    const plan = planDraft({
      media: input.media,
      ops: parsed.ops,
      lang,
      promo: parsed.promo,
      asksForText: parsed.asksForText,
      ...(typeof titleOfOld === 'string' ? { keepTitle: titleOfOld } : {}),
    });
    if (!plan) return refuse('noMedia');
    return finish(plan.draft, plan.changes, startsDraft ? undefined : parsed.refusal);
  }

  const draft = input.draft!;
  const edited = applyOps(draft, parsed.ops, { media: input.media, lang, promo: parsed.promo, previous });
  if (same(edited.draft, draft)) {
    // Nothing changed: only the explanations of what could not be done are true now.
    const notes = edited.changes.filter((c) => c.kind === 'skipped' || c.kind === 'already');
    const reason = reasonOf(notes);
    let reply = replyFor(notes, lang, parsed.refusal, false);
    if (!reply) {
      const ex = examples();
      reply = refusalText('unknown', lang, ex);
      if (!ex.length) reply = HISTORY_TEXT.nothingChanged(lang);
    } else if (!notes.some((c) => c.kind === 'already' || (c.kind === 'skipped' && c.reason === 'ambiguous'))) {
      const ex = examples();
      if (ex.length >= 2) reply += examplesLine(ex, lang);
    }
    return { call, response: { ok: false, reason }, reply, lang, changes: notes };
  }
  return finish(edited.draft, edited.changes, parsed.refusal);
}
