/** Bad-input catalogue, part 4: wrong `video-gen` arguments — a usage message and exit code 2, nothing contacted. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './helpers';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');
const skip = existsSync(CLI) ? false : 'needs the bundle (npm run build)';
const home = tempDir('vg-cli-bad-');

const cases: Array<[string[], RegExp]> = [
  [[], /No command given/],
  [['frobnicate'], /Unknown command "frobnicate"/],
  [['chat'], /chat takes one message in quotes/],
  [['chat', 'two', 'messages'], /chat takes one message in quotes/],
  [['make'], /make needs a request in quotes and the files/],
  [['upload'], /upload needs at least one file or http\(s\) link/],
  [['status', 'extra'], /status takes no arguments \(got "extra"\)/],
  [['export', '--backend', 'mars'], /--backend must be "cloud" or "local", not "mars"/],
  [['credits', '-o', 'x.mp4'], /-o\/--output goes with export or make/],
  [['serve', '--port', 'abc'], /--port must be a number from 0 to 65535, not "abc"/],
  [['serve', '--port', '70000'], /--port must be a number from 0 to 65535/],
  [['status', '--port', '8080'], /--port\/--data go with serve or --backend local/],
  [['status', '--no-such-option'], /Unknown option '--no-such-option'/],
  [['export', '--output'], /--output|argument missing/i],
];

for (const [args, message] of cases) {
  test(
    `[input] CLI \`video-gen ${args.join(' ') || '(nothing)'}\`: usage message, exit code 2`,
    { timeout: 120_000, skip },
    () => {
      // An unreachable API base: a usage error must be reported before anything is contacted.
      const r = spawnSync(process.execPath, [CLI, ...args], {
        encoding: 'utf8',
        env: {
          PATH: process.env.PATH ?? '',
          VIDEO_GEN_CONFIG_DIR: join(home, 'config'),
          NEMO_API_BASE: 'http://vg-nowhere.invalid',
        },
      });
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, message);
      assert.match(r.stderr, /Usage:\n  video-gen make/);
      assert.equal(r.stdout, '');
      assert.equal(existsSync(join(home, 'config', 'token.json')), false, 'no token fetched');
    },
  );
}
