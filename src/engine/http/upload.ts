/**
 * POST /api/upload-video/nemo_agent/me/<sid>: multipart (repeatable field `files`, parsed
 * streaming to disk) or JSON `{urls:[…], source_type:"url"}`. A request is all-or-nothing for
 * the session: if one file is refused, none is added, and the answer says which and why.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import type { MediaFile } from '../contracts';
import { ingestStream, unsupported, type IngestResult } from '../mediaIngest';
import { openUrl, UrlRefused } from '../urlFetch';
import type { EngineContext, RouteParams } from './context';
import { HttpError, readJsonBody, sendOk } from './envelope';
import { mediaInfo, ownedSession } from './sessionRoutes';
import { ErrorCode } from '../../contract/errorCodes';

const MAX_FILES = 50;

function multipart(c: EngineContext, req: IncomingMessage): Promise<IngestResult[]> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      // File names arrive as raw UTF-8 (browsers, form-data); busboy's default is latin1.
      bb = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        limits: { files: MAX_FILES, fields: 20, fieldSize: 64 * 1024 },
      });
    } catch (e) {
      reject(new HttpError(400, 400, `Malformed multipart request: ${(e as Error).message}`));
      return;
    }
    const jobs: Promise<IngestResult>[] = [];
    const open = new Set<Readable>();
    // A broken or interrupted request must not leave a file stream waiting forever (and its
    // temp file on disk): fail every open one, which makes ingestStream clean up.
    const failOpen = (why: string) => {
      for (const s of open) s.destroy(new Error(why));
    };
    bb.on('file', (field, stream, info) => {
      if (field !== 'files' && field !== 'file') {
        stream.resume();
        return;
      }
      open.add(stream);
      stream.once('close', () => open.delete(stream));
      const job = ingestStream(c.store, stream, multipartName(info.filename), c.maxUploadBytes, 'drain', c.mediaTools);
      job.catch(() => {
        /* reported through Promise.all below */
      });
      jobs.push(job);
    });
    // More files than the limit: refuse the request (all-or-nothing) rather than silently
    // dropping the rest.
    let tooMany = false;
    bb.on('filesLimit', () => {
      tooMany = true;
    });
    bb.on('error', (e) => {
      failOpen('malformed multipart request');
      reject(new HttpError(400, 400, `Malformed multipart request: ${(e as Error).message}`));
    });
    bb.on('close', () => {
      Promise.all(jobs).then((results) => {
        if (!tooMany) {
          resolve(results);
          return;
        }
        reject(
          new HttpError(
            200,
            ErrorCode.UnsupportedFile,
            `Too many files in one request: at most ${MAX_FILES}. Upload them in smaller batches.`,
          ),
        );
      }, reject);
    });
    req.on('close', () => {
      if (req.complete) return;
      failOpen('upload interrupted');
      reject(new HttpError(400, 400, 'The upload was interrupted before it finished.'));
    });
    req.pipe(bb);
  });
}

/**
 * The multipart file name as the user named it: browsers and form-data percent-encode `"`, CR
 * and LF inside the quoted filename parameter (WHATWG multipart rules); undo exactly those.
 */
export function multipartName(raw: string | undefined): string {
  return (raw || 'file').replace(/%22/g, '"').replace(/%0D/gi, '\r').replace(/%0A/gi, '\n');
}

async function fromUrls(c: EngineContext, urls: unknown): Promise<IngestResult[]> {
  if (!Array.isArray(urls) || urls.length === 0 || urls.some((u) => typeof u !== 'string')) {
    throw new HttpError(
      200,
      ErrorCode.UnsupportedFile,
      'Send {"urls":["https://…"],"source_type":"url"} with at least one URL string.',
    );
  }
  if (urls.length > MAX_FILES)
    throw new HttpError(200, ErrorCode.UnsupportedFile, `At most ${MAX_FILES} URLs per request.`);
  const results: IngestResult[] = [];
  for (const u of urls as string[]) {
    try {
      const opened = await openUrl(u, {
        allowPrivate: c.allowPrivateUrls,
        isPrivate: c.isPrivateAddress,
        deadlineMs: c.urlDownloadDeadlineMs,
      });
      const lengthHeader = Number(opened.stream.headers['content-length']);
      if (Number.isFinite(lengthHeader) && lengthHeader > c.maxUploadBytes) {
        opened.stream.destroy();
        results.push({
          code: ErrorCode.FileTooLarge,
          message: `${u.slice(0, 200)} is larger than the upload limit (${Math.round(c.maxUploadBytes / 1024 / 1024)} MB). Compress or trim it, then upload again.`,
        });
        continue;
      }
      results.push(
        await ingestStream(
          c.store,
          opened.stream,
          opened.name || 'download',
          c.maxUploadBytes,
          'destroy',
          c.mediaTools,
        ),
      );
    } catch (e) {
      if (e instanceof UrlRefused) results.push({ code: ErrorCode.UnsupportedFile, message: e.message });
      // The remote server stopped sending or the connection broke: say so, not "internal error".
      else
        results.push({
          code: ErrorCode.UnsupportedFile,
          message: `Downloading ${u.slice(0, 200)} was interrupted (${(e as Error).message || 'connection closed'}). Check the link and try again.`,
        });
    }
  }
  return results;
}

export async function upload(
  c: EngineContext,
  req: IncomingMessage,
  res: ServerResponse,
  p: RouteParams,
): Promise<void> {
  const session = ownedSession(c, p.ids[0], p.userId);
  const type = String(req.headers['content-type'] ?? '').toLowerCase();
  let results: IngestResult[];
  if (type.startsWith('multipart/form-data')) results = await multipart(c, req);
  else if (type.startsWith('application/json')) results = await fromUrls(c, (await readJsonBody(req, 256 * 1024)).urls);
  else {
    req.resume();
    throw new HttpError(
      200,
      ErrorCode.UnsupportedFile,
      'Send files as multipart/form-data (field "files") or URLs as JSON {"urls":[…],"source_type":"url"}.',
    );
  }
  if (results.length === 0) throw new HttpError(200, ErrorCode.UnsupportedFile, unsupportedNone());
  const failed = results.find((r): r is Extract<IngestResult, { code: number }> => 'code' in r);
  if (failed) throw new HttpError(200, failed.code, failed.message, failed.refusal);
  const added: MediaFile[] = results.map((r) => (r as { media: MediaFile }).media);
  for (const m of added) {
    // Re-uploading the same content keeps its first place in the session's order.
    if (!session.media.some((x) => x.id === m.id)) session.media.push(m);
  }
  c.store.saveSession(session);
  sendOk(res, { files: added.map((m) => mediaInfo(c, m)), session_state_applied: true });
}

function unsupportedNone(): string {
  const r = unsupported('The request', 'holds no file (use the multipart field "files")');
  return 'message' in r ? r.message : '';
}
