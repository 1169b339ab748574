/**
 * The extension-host test runner (VS Code's `extensionTestsPath`): runs every bundled
 * dist/test/host/*.test.js with mocha inside the extension host and prints one parsable line per
 * test plus a summary, which scripts/host-tests.mjs reads from the page console:
 *   VG-HOST pass <full title>
 *   VG-HOST fail <full title> :: <message>
 *   VG-HOST skip <full title>
 *   VG-HOST-SUMMARY {"pass":n,"fail":n,"skip":n}
 * VG_HOST_GREP (environment of code-server, inherited by the extension host) filters by title.
 */
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

function reporter(this: unknown, runner: Mocha.Runner): void {
  const counts = { pass: 0, fail: 0, skip: 0 };
  runner.on('pass', (t) => {
    counts.pass++;
    console.log(`VG-HOST pass ${t.fullTitle()} (${t.duration ?? 0} ms)`);
  });
  runner.on('pending', (t) => {
    counts.skip++;
    console.log(`VG-HOST skip ${t.fullTitle()}`);
  });
  runner.on('fail', (t, err: Error) => {
    counts.fail++;
    console.log(`VG-HOST fail ${t.fullTitle()} :: ${String(err?.message ?? err).replace(/\s+/g, ' ')}`);
    if (err?.stack) console.log(err.stack);
  });
  runner.once('end', () => console.log(`VG-HOST-SUMMARY ${JSON.stringify(counts)}`));
}

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: Number(process.env.VG_HOST_TIMEOUT_MS ?? 30_000) });
  mocha.reporter(reporter as unknown as typeof Mocha.reporters.Base);
  if (process.env.VG_HOST_GREP) mocha.grep(process.env.VG_HOST_GREP);
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  for (const f of files) mocha.addFile(join(__dirname, f));
  console.log(`VG-HOST files ${files.join(' ')}`);
  const failures = await new Promise<number>((resolve, reject) => {
    try {
      mocha.run(resolve);
    } catch (e) {
      reject(e);
    }
  });
  if (failures > 0) throw new Error(`${failures} extension-host test(s) failed`);
}
