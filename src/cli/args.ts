/** Command-line parsing for `video-gen`: commands, options, and the usage text. */
import { parseArgs } from 'node:util';

export const USAGE = `video-gen — make short videos from your photos and clips

Usage:
  video-gen make "<request>" <files…> [-o out.mp4]   upload, describe, export and download in one go
  video-gen chat "<message>"                         send a message; the agent's reply streams in
  video-gen upload <files…|urls…>                    add photos, clips or music to the session
  video-gen status                                   show the timeline
  video-gen credits                                  show the credit balance
  video-gen export [-o file.mp4]                     render the timeline and download the MP4
  video-gen export --resume                          follow the unfinished export of this folder and download it
  video-gen cancel                                   stop the unfinished export of this folder (here and on the engine)
  video-gen new-session                              start over with an empty timeline
  video-gen open                                     a link that opens the cloud session in NemoVideo's web editor
  video-gen serve [--port N] [--data DIR]            run the free local engine on 127.0.0.1
  video-gen mcp [--allow DIR]… [--backend local|cloud]  an MCP server on stdio for coding agents
  video-gen schema                                   print the draft's JSON Schema

Options:
  --backend cloud|local   cloud: the NemoVideo service (default); local: the free offline engine (ffmpeg)
  --api-base URL          API origin (env NEMO_API_BASE); default https://mega-api-prod.nemovideo.ai
  -o, --output FILE       where the MP4 goes (export, make)
  --resume                export: follow the export a killed run left instead of starting a new one
  --json                  machine-readable results on stdout
  --lang CODE             session language (en, zh-CN…); default from LANG
  --allow DIR             mcp: another folder the agent may read media from and export into (repeatable; the current folder always)
  -h, --help              this help;  -v, --version  the version

Environment: NEMO_TOKEN (a registered token, used as is), NEMO_API_URL or NEMO_API_BASE, NEMO_WEB_URL, FFMPEG_PATH,
VIDEO_GEN_CONFIG_DIR / VIDEO_GEN_DATA_DIR (where the token, state and local engine data live).

Exit codes: 0 done, 2 usage error, 3 the service refused or failed, 4 network or timeout, 130 cancelled.`;

export const COMMANDS = [
  'make',
  'chat',
  'upload',
  'status',
  'credits',
  'export',
  'cancel',
  'new-session',
  'serve',
  'mcp',
  'schema',
  'open',
] as const;
export type CommandName = (typeof COMMANDS)[number];

export interface CliArgs {
  command: CommandName | 'help' | 'version';
  positionals: string[];
  backend: 'cloud' | 'local';
  apiBase?: string;
  output?: string;
  json: boolean;
  lang?: string;
  port?: number;
  data?: string;
  /** mcp: extra folders the agent may use. */
  allow: string[];
  /** export: follow the persisted job instead of submitting a new one. */
  resume: boolean;
}

export class UsageError extends Error {}

export function parseCli(argv: string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        backend: { type: 'string' },
        'api-base': { type: 'string' },
        output: { type: 'string', short: 'o' },
        json: { type: 'boolean', default: false },
        lang: { type: 'string' },
        port: { type: 'string' },
        data: { type: 'string' },
        allow: { type: 'string', multiple: true },
        resume: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return base('help');
  if (values.version) return base('version');
  const [cmd, ...rest] = positionals;
  if (!cmd) throw new UsageError('No command given.');
  if (!(COMMANDS as readonly string[]).includes(cmd)) throw new UsageError(`Unknown command "${cmd}".`);
  // The MCP server defaults to the free local engine: an agent should not spend credits unasked.
  const backend = values.backend ?? (cmd === 'mcp' ? 'local' : 'cloud');
  if (backend !== 'cloud' && backend !== 'local')
    throw new UsageError(`--backend must be "cloud" or "local", not "${backend}".`);
  const port = values.port !== undefined ? Number(values.port) : undefined;
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535))
    throw new UsageError(`--port must be a number from 0 to 65535, not "${values.port}".`);
  const args: CliArgs = {
    command: cmd as CommandName,
    positionals: rest,
    backend,
    apiBase: values['api-base'],
    output: values.output,
    json: values.json ?? false,
    lang: values.lang,
    port,
    data: values.data,
    allow: values.allow ?? [],
    resume: values.resume ?? false,
  };
  requireArity(args);
  return args;

  function base(command: 'help' | 'version'): CliArgs {
    return { command, positionals: [], backend: 'cloud', json: false, allow: [], resume: false };
  }
}

function requireArity(a: CliArgs): void {
  const n = a.positionals.length;
  if (a.command === 'chat' && n !== 1)
    throw new UsageError('chat takes one message in quotes, e.g. video-gen chat "make the title bigger".');
  if (a.command === 'make' && n < 1)
    throw new UsageError(
      'make needs a request in quotes and the files to use, e.g. video-gen make "30-second promo with music" a.jpg b.jpg -o promo.mp4.',
    );
  if (a.command === 'upload' && n < 1) throw new UsageError('upload needs at least one file or http(s) link.');
  if (
    ['status', 'credits', 'export', 'cancel', 'new-session', 'serve', 'mcp', 'schema', 'open'].includes(a.command) &&
    n > 0
  )
    throw new UsageError(`${a.command} takes no arguments (got "${a.positionals.join(' ')}").`);
  if (a.output && !['export', 'make'].includes(a.command))
    throw new UsageError('-o/--output goes with export or make.');
  if (a.resume && a.command !== 'export') throw new UsageError('--resume goes with export.');
  if (a.resume && a.output)
    throw new UsageError('export --resume downloads to where that export was going; -o goes with a new export.');
  if (a.allow.length && a.command !== 'mcp') throw new UsageError('--allow goes with mcp.');
  if ((a.port !== undefined || a.data) && a.command !== 'serve' && a.command !== 'mcp' && a.backend !== 'local')
    throw new UsageError('--port/--data go with serve or --backend local.');
}
