/**
 * The `video-gen` commands over the core service. Progress goes to stderr, results to stdout
 * (`--json` for machines). Ctrl-C aborts the running request and cancels a running render job,
 * so nothing is left orphaned on the backend.
 */
import { resolve, dirname, basename, join } from 'node:path';
import { writeFileAtomic } from '../engine/atomicFile';
import { createVideoService, type VideoService } from '../core/service';
import { DEFAULT_API_BASE } from '../core/api/client';
import { summarizeTimeline } from '../words/timeline';
import { reportText } from '../words/report';
import { heifSkippedLines } from '../words';
import { LOOPBACK_POLL_MS, isLoopbackUrl } from '../core/export';
import type { StreamEvent } from '../core/api/events';
import type { CliArgs } from './args';
import { FileKeyValueStore, FileTokenStore, configDir, dataDir } from './stores';
import { CliError, Output } from './output';
import { isApiError } from '../core/api/errors';
import { EXPORT_RUNNING } from '../core/serviceApi';
import { startLocalEngine } from '../engine/local';
import type { Engine } from '../engine/server';
import { fileLog, parseLevel } from '../engine/engineLog';
import { privateDir } from '../engine/dataDirHygiene';
import { runMcpServer } from '../mcp/server';
import { draftJsonSchema } from '../contract/draftSchema';
import { claimLink } from '../core/claim';

declare const __VERSION__: string | undefined;
export const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

/** --lang, else LC_ALL / LANG: sessions and every line the CLI prints follow it. */
export function language(args: Pick<CliArgs, 'lang'>): string {
  if (args.lang) return /^zh/i.test(args.lang) ? 'zh-CN' : args.lang;
  const lang = process.env.LC_ALL || process.env.LANG || '';
  return /^zh/i.test(lang) ? 'zh-CN' : 'en';
}

export interface RunContext {
  args: CliArgs;
  out: Output;
  signal: AbortSignal;
}

/** Errors a local engine's log explains, and that log's path (cli.ts names it after the error). */
const engineLogOfError = new WeakMap<object, string>();

/** The log of the engine a failed command ran, when the error is one its log explains. */
export function engineLogOf(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null ? engineLogOfError.get(e) : undefined;
}

/** A refusal the user can act on from its words alone, or their own Stop: no log to read. */
function explainedByLog(e: unknown): boolean {
  if (!isApiError(e)) return !(e instanceof CliError);
  return !e.refusal && !['aborted', 'input', 'unsupported-file', 'file-too-large'].includes(e.kind);
}

/**
 * The engine's log for a command that runs it in-process (`--backend local`), as `serve` has:
 * `<data>/engine.log`, 0600, with levels (VIDEO_GEN_LOG_LEVEL). File only — the terminal is the
 * command's own output, in the user's language — and an error it explains names the file.
 */
function localEngineLog(dir: string, command: string) {
  privateDir(dir);
  const logFile = join(dir, 'engine.log');
  const engineLog = fileLog(logFile, { minLevel: parseLevel(process.env.VIDEO_GEN_LOG_LEVEL) });
  engineLog.log(`video-gen ${command}: starting the engine (data ${dir})`);
  return { ...engineLog, logFile };
}

async function withService<T>(ctx: RunContext, fn: (svc: VideoService) => Promise<T>): Promise<T> {
  const { args } = ctx;
  let engine: Engine | undefined;
  let engineLog: ReturnType<typeof localEngineLog> | undefined;
  try {
    let baseUrl = args.apiBase ?? process.env.NEMO_API_URL ?? process.env.NEMO_API_BASE ?? DEFAULT_API_BASE;
    let fixedToken: string | undefined;
    let backendKey: string | undefined;
    if (args.backend === 'local') {
      ctx.out.progress(ctx.out.words.cli.startingEngine);
      const engineDir = resolve(args.data ?? join(dataDir(), 'engine'));
      engineLog = localEngineLog(engineDir, args.command);
      engine = await startLocalEngine({
        dataDir: engineDir,
        port: args.port,
        log: engineLog.log,
        logFile: engineLog.logFile,
      });
      engineLog.log(`engine listening on ${engine.url}`);
      baseUrl = engine.url;
      fixedToken = engine.token;
      backendKey = `local:${engineDir}`; // the port changes every run; the data dir does not
    }
    const dir = configDir();
    const svc = createVideoService({
      baseUrl,
      version: VERSION,
      tokenStore: new FileTokenStore(dir),
      state: new FileKeyValueStore(dir),
      projectKey: process.cwd(),
      language: language(args),
      fixedToken,
      backendKey,
      log: ctx.out.logger,
      // An engine on this machine (--backend local, or `serve` on loopback) is polled fast so
      // progress shows as it happens; a remote API keeps the back-off.
      ...(isLoopbackUrl(baseUrl) ? { pollIntervalStartMs: LOOPBACK_POLL_MS, pollIntervalCapMs: LOOPBACK_POLL_MS } : {}),
    });
    return await fn(svc);
  } catch (e) {
    if (engineLog && explainedByLog(e)) {
      const what = isApiError(e) ? `${e.kind}: ${e.message}${e.detail ? ` (${e.detail})` : ''}` : String(e);
      engineLog.log(`video-gen ${args.command} failed: ${what}`, 'error');
      if (typeof e === 'object' && e !== null) engineLogOfError.set(e, engineLog.logFile);
    }
    throw e;
  } finally {
    await engine?.close();
    engineLog?.log('engine stopped');
    engineLog?.close();
  }
}

export async function runCommand(ctx: RunContext): Promise<void> {
  const { args, out } = ctx;
  switch (args.command) {
    case 'serve':
      return serve(ctx);
    case 'mcp':
      return runMcpServer(
        {
          version: VERSION,
          language: language(args),
          cwd: process.cwd(),
          allow: args.allow,
          defaultBackend: args.backend,
          dataDir: args.data ? resolve(args.data) : undefined,
          apiBase: args.apiBase,
        },
        ctx.signal,
      );
    case 'open':
      return withService(ctx, async (svc) => {
        const link = await claimLink(svc);
        out.result({ url: link }, link);
      });
    case 'schema':
      return out.result(draftJsonSchema(), JSON.stringify(draftJsonSchema(), null, 2));
    case 'chat':
      return withService(ctx, (svc) => chat(ctx, svc, args.positionals[0]));
    case 'upload':
      return withService(ctx, (svc) => upload(ctx, svc, args.positionals));
    case 'status':
      return withService(ctx, async (svc) => {
        const t = await svc.timeline();
        out.result(t, summarizeTimeline(t, out.words));
      });
    case 'credits':
      return withService(ctx, async (svc) => {
        const c = await svc.credits();
        out.result(c, out.words.credits(c));
      });
    case 'export':
      return withService(ctx, (svc) => (args.resume ? resumeExport(ctx, svc) : exportVideo(ctx, svc)));
    case 'cancel':
      return withService(ctx, (svc) => cancelExport(ctx, svc));
    case 'new-session':
      return withService(ctx, async (svc) => {
        const s = await svc.newSession();
        out.result(s, out.words.cli.newSession);
      });
    case 'make':
      return withService(ctx, async (svc) => {
        const [request, ...files] = args.positionals;
        await svc.newSession();
        if (files.length) await upload(ctx, svc, files);
        await chat(ctx, svc, request, true);
        await exportVideo(ctx, svc);
      });
    default:
      throw new Error(`unhandled command ${args.command}`);
  }
}

async function chat(ctx: RunContext, svc: VideoService, text: string, quiet = false): Promise<void> {
  const { out } = ctx;
  const w = out.words;
  out.progress(w.cli.connecting);
  await svc.connect(ctx.signal);
  const outcome = await svc.send(text, {
    signal: ctx.signal,
    onEvent: (e) => out.streamEvent(e as StreamEvent, quiet),
  });
  out.endStream();
  if (outcome.kind === 'answer')
    return out.result(
      outcome,
      outcome.intent === 'credits' ? w.credits(outcome.credits) : summarizeTimeline(outcome.timeline, w),
    );
  if (outcome.kind === 'action') {
    if (outcome.intent === 'export') return exportVideo(ctx, svc);
    return out.result(outcome, w.cli.uploadHint);
  }
  if (outcome.sessionRenewed) out.progress(w.sessionRenewed);
  if (outcome.interrupted && !outcome.report) out.progress(w.cli.interrupted);
  out.replyDone(outcome, outcome.report ? reportText(outcome.report, w) : outcome.text, quiet);
}

async function upload(ctx: RunContext, svc: VideoService, items: string[]): Promise<void> {
  const { out } = ctx;
  const urls = items.filter((i) => /^[a-z]+:\/\//i.test(i));
  const files = items.filter((i) => !urls.includes(i)).map((f) => resolve(f));
  const names: string[] = [];
  if (files.length) {
    const r = await svc.upload(files, {
      signal: ctx.signal,
      onProgress: (p) => out.percent(out.words.cli.uploading, p.totalBytes ? (p.sentBytes / p.totalBytes) * 100 : 0),
    });
    out.endPercent();
    if (r.converted?.length) out.progress(out.words.converted(r.converted.map((c) => basename(c.from))));
    for (const line of heifSkippedLines(r, out.words)) out.progress(line);
    if (r.skippedMessage)
      out.progress(
        out.words.skipped(
          (r.skipped ?? []).map((s) => basename(s.path)),
          r.skippedMessage,
        ),
      );
    names.push(...r.files.map((f) => f.filename));
  }
  if (urls.length) {
    const r = await svc.uploadUrls(urls, { signal: ctx.signal });
    names.push(...r.files.map((f) => f.filename));
  }
  out.result({ uploaded: names }, out.words.cli.uploaded(names));
}

async function exportVideo(ctx: RunContext, svc: VideoService): Promise<void> {
  const { args, out } = ctx;
  const target = args.output ? resolve(args.output) : undefined;
  const onAbort = () => {
    void svc.cancelExport().catch(() => undefined);
  };
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  try {
    const path = await svc
      .exportVideo({
        folder: target ? dirname(target) : resolve('exports'),
        fileName: target ? basename(target) : undefined,
        signal: ctx.signal,
        onProgress: (p) => out.percent(out.words.exportPhase[p.phase === 'done' ? 'downloading' : p.phase], p.percent),
        onNotice: (n) => out.progress(out.words.cli.staleExportCleared(n)),
      })
      .catch((e: unknown) => {
        // The core only knows "another export runs"; the commands that help here are the CLI's own.
        if (isApiError(e) && e.detail === EXPORT_RUNNING) throw new CliError(out.words.cli.exportRunning, EXIT_SERVICE);
        throw e;
      });
    out.endPercent();
    out.result({ output: path }, path);
  } finally {
    ctx.signal.removeEventListener('abort', onAbort);
  }
}

/** The CLI's "service refused" exit code (cli.ts EXIT.service). */
const EXIT_SERVICE = 3;

/** `export --resume`: follows the job a killed run left (Ctrl-C stops following, keeps the job). */
async function resumeExport(ctx: RunContext, svc: VideoService): Promise<void> {
  const { out } = ctx;
  const job = svc.pendingExport();
  if (!job) throw new CliError(out.words.cli.noExportToResume, EXIT_SERVICE);
  const path = await svc.resumeExport({
    signal: ctx.signal,
    onProgress: (p) => out.percent(out.words.exportPhase[p.phase === 'done' ? 'downloading' : p.phase], p.percent),
  });
  out.endPercent();
  out.result({ output: path, renderId: job.renderId }, path);
}

/** `cancel`: stops the job on the engine and forgets it here. */
async function cancelExport(ctx: RunContext, svc: VideoService): Promise<void> {
  const { out } = ctx;
  const job = svc.pendingExport();
  if (!job) return out.result({ cancelled: null }, out.words.cli.noExportToCancel);
  try {
    await svc.cancelExport();
  } catch (e) {
    // Already over on the engine (409) or unknown to it (404): cancel() has forgotten it here.
    if (isApiError(e) && (e.status === 409 || e.status === 404) && !svc.pendingExport()) {
      return out.result(
        { cancelled: job.renderId, alreadyEnded: true },
        out.words.cli.exportAlreadyEnded(job.renderId),
      );
    }
    throw e;
  }
  out.result({ cancelled: job.renderId }, out.words.cli.exportCancelled(job.renderId));
}

async function serve(ctx: RunContext): Promise<void> {
  const { args, out } = ctx;
  const dir = args.data ? resolve(args.data) : join(dataDir(), 'engine');
  privateDir(dir);
  // A log the engine's error answers point to: the file (0600) and stderr, with levels.
  const logFile = join(dir, 'engine.log');
  const engineLog = fileLog(logFile, {
    minLevel: parseLevel(process.env.VIDEO_GEN_LOG_LEVEL),
    stderr: (line) => process.stderr.write(line),
  });
  let engine: Engine;
  try {
    engine = await startLocalEngine({ dataDir: dir, port: args.port ?? 0, log: engineLog.log, logFile });
  } catch (e) {
    engineLog.log(`the engine could not start: ${(e as Error).message}`, 'error');
    engineLog.close();
    throw e;
  }
  engineLog.log(`engine listening on ${engine.url} (data ${dir})`);
  // The token is a secret: it goes to a 0600 file, never to the terminal or logs.
  const tokenFile = join(dir, 'engine-token');
  // A new 0600 file renamed into place: a file or symlink already at that path is replaced,
  // never written through.
  writeFileAtomic(tokenFile, engine.token ?? '');
  out.result(
    { url: engine.url, tokenFile, logFile },
    `${out.words.cli.serving(engine.url, tokenFile)}\n${out.words.cli.logAt(logFile)}`,
  );
  await new Promise<void>((resolveStop) => ctx.signal.addEventListener('abort', () => resolveStop(), { once: true }));
  await engine.close();
  engineLog.log('engine stopped');
  engineLog.close();
}
