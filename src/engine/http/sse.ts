/**
 * POST /run_sse: one chat turn. Streams the agent's ADK events as SSE, sends keep-alives while
 * it works, aborts the agent when the client goes away (Stop), and saves the new draft BEFORE
 * the stream closes so a client reading the state right after sees it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AdkEvent } from '../contracts';
import { ID_PATTERN } from '../store';
import type { EngineContext, RouteParams } from './context';
import { HttpError, readJsonBody, sendJson, str } from './envelope';
import { createSseWriter } from './sseWriter';
import { refused } from '../refusalText';
import { ErrorCode } from '../../contract/errorCodes';
import type { Draft } from '../../contract/draft';

const CHAT_BODY = 1024 * 1024;

function messageText(msg: unknown): string {
  const parts = (msg as { parts?: unknown })?.parts;
  if (!Array.isArray(parts)) return '';
  return parts
    .map((p) => (typeof p?.text === 'string' ? p.text : ''))
    .filter(Boolean)
    .join('\n');
}

/**
 * The longest chat message the engine reads (the extension and CLI stop at the same length):
 * a request is a few sentences, and the planner's work grows with its length, so a pasted
 * novel is refused up front instead of holding the engine.
 */
export const MAX_CHAT_CHARS = 20_000;

export async function runSse(
  c: EngineContext,
  req: IncomingMessage,
  res: ServerResponse,
  p: RouteParams,
): Promise<void> {
  const body = await readJsonBody(req, CHAT_BODY);
  const sid = str(body.session_id) ?? str(body.sessionId);
  if (!sid || !ID_PATTERN.test(sid))
    throw new HttpError(
      400,
      400,
      'session_id is missing or malformed: create a session first and send its session_id.',
    );
  const session = c.store.session(sid);
  if (!session || session.userId !== p.userId) {
    sendJson(res, 404, { detail: 'Session not found' });
    return;
  }
  const text = messageText(body.new_message ?? body.newMessage);
  if (!text.trim())
    throw new HttpError(
      400,
      400,
      'new_message has no text: send {"new_message":{"role":"user","parts":[{"text":"…"}]}}.',
    );
  if (text.length > MAX_CHAT_CHARS) {
    throw refused(413, 413, { reason: 'chat_too_long', limit: MAX_CHAT_CHARS, actual: text.length });
  }
  if (!c.hooks.chargeTurn(p.userId)) throw new HttpError(200, ErrorCode.InsufficientCredits, 'insufficient credits');

  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.flushHeaders();
  const ac = new AbortController();
  let serverClosed = false;
  let closeReported = false;
  const reportClose = (clientAborted: boolean) => {
    if (closeReported) return;
    closeReported = true;
    c.events.emit('sse-close', sid, { clientAborted });
  };
  res.on('close', () => {
    if (!res.writableEnded && !serverClosed) {
      ac.abort(new Error('client closed the stream'));
      reportClose(true);
    } else reportClose(false);
  });
  c.events.emit('sse-open', sid);

  const onStop = () => {
    serverClosed = true;
    ac.abort(new Error('the stream writer ended the stream'));
  };
  const writer = c.hooks.sseWriter?.(res, onStop) ?? createSseWriter(res);
  const ping = setInterval(() => writer.raw(': ping\n\n'), c.keepAliveMs);
  let finalText = '';
  try {
    await c.hooks.beforeTurn?.(writer, ac.signal);
    const emit = (e: AdkEvent) => {
      if (ac.signal.aborted) return;
      const part = e.content?.parts?.find((x) => 'text' in x);
      if (!e.partial && part && 'text' in part && !part.thought) finalText = part.text;
      writer.emit(e);
    };
    // Written through before the agent says anything changed; in memory only once on disk.
    let persisted: Draft | undefined;
    const persist = (draft: Draft) => {
      if (ac.signal.aborted) throw new Error('the turn was stopped');
      const before = session.draft;
      session.draft = draft;
      try {
        c.store.saveSession(session);
        persisted = draft;
      } catch (e) {
        session.draft = before;
        c.log?.(`could not save the draft of session ${sid}: ${(e as Error).message}`, 'warn');
        throw e;
      }
    };
    const turn = await c.agent.run(
      text,
      {
        sessionId: sid,
        language: session.language,
        draft: session.draft ? structuredClone(session.draft) : undefined,
        media: [...session.media],
        signal: ac.signal,
        persist,
      },
      emit,
    );
    if (!ac.signal.aborted) {
      // An agent that did not persist its draft (the stand-in's) is saved here, as before.
      const draftBefore = session.draft;
      const historyBefore = session.history;
      if (turn.draft && turn.draft !== persisted) session.draft = turn.draft;
      session.history = [
        ...(session.history ?? []),
        { role: 'user' as const, text, at: Date.now() },
        { role: 'agent' as const, text: finalText, at: Date.now() },
      ].slice(-50);
      try {
        c.store.saveSession(session);
      } catch (e) {
        // Memory keeps matching the disk: the chat history line (and an unsaved draft) is dropped.
        session.draft = turn.draft && turn.draft !== persisted ? draftBefore : session.draft;
        session.history = historyBefore;
        throw e;
      }
    }
  } catch (e) {
    if (!ac.signal.aborted)
      writer.raw(`data: ${JSON.stringify({ error: `Agent failed: ${(e as Error).message}` })}\n\n`);
  } finally {
    clearInterval(ping);
    if (!ac.signal.aborted) writer.end();
    await writer.flushed();
    serverClosed = true;
    if (!res.destroyed) res.end();
  }
}
