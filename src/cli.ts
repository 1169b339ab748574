/**
 * `video-gen`: the command line over the same core as the extension, for scripting and batch
 * work. Exit codes: 0 done, 2 usage, 3 the service refused or failed, 4 network/timeout,
 * 130 cancelled (Ctrl-C).
 */
import { parseCli, UsageError, USAGE } from './cli/args';
import { engineLogOf, language, runCommand, VERSION } from './cli/run';
import { errorWords, wordsFor } from './words';
import { CliError, Output } from './cli/output';
import { isApiError } from './core/api/errors';

export const EXIT = { ok: 0, failure: 1, usage: 2, service: 3, network: 4, cancelled: 130 } as const;

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseCli(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`video-gen: ${e.message}\n\n${USAGE}\n`);
      return EXIT.usage;
    }
    throw e;
  }
  if (args.command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  if (args.command === 'version') {
    process.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }

  const controller = new AbortController();
  let interrupts = 0;
  process.on('SIGINT', () => {
    interrupts += 1;
    if (interrupts > 1) process.exit(EXIT.cancelled);
    controller.abort();
  });
  process.on('SIGTERM', () => controller.abort());

  const words = wordsFor(language(args));
  const out = new Output(args.json, words);
  // A failure of the local engine this command ran: where its log is (src/cli/run.ts).
  const logHint = (e: unknown) => {
    const file = engineLogOf(e);
    if (file) process.stderr.write(`${words.cli.logAt(file)}\n`);
  };
  try {
    await runCommand({ args, out, signal: controller.signal });
    return EXIT.ok;
  } catch (e) {
    if (e instanceof CliError) {
      out.endPercent();
      process.stderr.write(`${words.cli.errorPrefix} ${e.message}\n`);
      return e.exitCode;
    }
    if (isApiError(e)) {
      out.endPercent();
      if (e.kind === 'aborted') {
        process.stderr.write(`${words.cli.cancelled}\n`);
        return EXIT.cancelled;
      }
      process.stderr.write(`${words.cli.errorPrefix} ${errorWords(e, words)}${e.url ? `\n  ${e.url}` : ''}\n`);
      logHint(e);
      if (args.json)
        process.stdout.write(
          `${JSON.stringify({ error: { kind: e.kind, message: e.message, code: e.code, status: e.status, url: e.url, refusal: e.refusal } })}\n`,
        );
      return e.kind === 'network' || e.kind === 'timeout' ? EXIT.network : EXIT.service;
    }
    process.stderr.write(`${words.cli.errorPrefix} ${errorWords(e, words)}\n`);
    logHint(e);
    return EXIT.failure;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`video-gen: unexpected error: ${(e as Error).stack ?? e}\n`);
    process.exit(EXIT.failure);
  },
);
