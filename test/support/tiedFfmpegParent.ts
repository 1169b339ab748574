/**
 * A stand-in for an engine that holds a tied ffmpeg and nothing else: it starts ffmpeg with
 * `spawnTied` writing only to a file (no pipe back to this process, so ffmpeg cannot die of
 * SIGPIPE when this process goes), on a real-time input that would last `argv[3]` seconds,
 * prints ffmpeg's pid and waits to be killed. Used by crash-hygiene.test.ts.
 *
 *     node --import tsx test/support/tiedFfmpegParent.ts <out.wav> <seconds>
 */
import { spawnTied } from '../../src/engine/tiedSpawn';

const [out, seconds = '120'] = process.argv.slice(2);
const ff = spawnTied(
  process.env.FFMPEG_PATH || 'ffmpeg',
  [
    '-nostdin',
    '-hide_banner',
    '-loglevel',
    'error',
    '-re',
    '-f',
    'lavfi',
    '-i',
    `sine=d=${seconds}`,
    '-flush_packets',
    '1',
    '-y',
    out,
  ],
  { stdio: 'ignore' },
);
ff.on('spawn', () => process.stdout.write(`${ff.pid}\n`));
setInterval(() => undefined, 60_000);
