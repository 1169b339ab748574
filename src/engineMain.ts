/**
 * Entry of the per-user engine process (dist/engine.js), started detached by the extension
 * (src/engine/process/attach.ts) with the Node that runs the extension host:
 *   engine.js --data <dir> --build <id> [--ffmpeg <path>] [--idle-exit-ms <n>]
 * Its stdout/stderr are the engine log (`<dir>/process/engine.log`, 0600): request lines and
 * lifecycle, never the token. Exits 0 when stopped, 1 when it could not start.
 */
import { parseArgs } from 'node:util';
import { runEngineProcess } from './engine/process/main';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    build: { type: 'string' },
    ffmpeg: { type: 'string' },
    'idle-exit-ms': { type: 'string' },
  },
  strict: true,
});

const log = (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);

if (!values.data || !values.build) {
  log('usage: engine.js --data <dir> --build <id> [--ffmpeg <path>] [--idle-exit-ms <n>]');
  process.exit(2);
}
const idle = values['idle-exit-ms'] ? Number(values['idle-exit-ms']) : undefined;

runEngineProcess({
  dataDir: values.data,
  build: values.build,
  ffmpegPath: values.ffmpeg || undefined,
  idleExitMs: idle && Number.isFinite(idle) && idle > 0 ? idle : undefined,
  log,
}).then(
  () => process.exit(0),
  (e: unknown) => {
    log(`the engine could not start: ${(e as Error)?.message ?? String(e)}`);
    process.exit(1);
  },
);
