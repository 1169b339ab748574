// How many tests a stage holds, counted from the source without running anything: a stage that
// cannot start (code-server, Chromium or ffmpeg missing) reports every test it could not run,
// instead of counting as one failure. Counts `it(` / `test(` calls that open a line (mocha and
// node:test both), including .only/.skip/.todo; describe blocks are not tests.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const TEST_CALL = /^\s*(?:it|test)(?:\.(?:only|skip|todo))?\(\s*['"`]/gm;

/** Test calls in one source file. */
export function countTestsInSource(source) {
  return source.match(TEST_CALL)?.length ?? 0;
}

/** `*.test.ts` files directly in `dir`, sorted, as `dir/name`; filtered by substrings when given. */
export function testFiles(dir, filters = []) {
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.test.ts'))
    .sort()
    .map((f) => join(dir, f));
  return filters.length ? files.filter((f) => filters.some((x) => f.includes(x))) : files;
}

/** The number of tests in `files`. */
export function countTests(files) {
  return files.reduce((n, f) => n + countTestsInSource(readFileSync(f, 'utf8')), 0);
}

/**
 * Counts for a stage that stopped early: whatever ran keeps its result, and every test that did
 * not get to run is a failure, so the summary shows the true size of the gap.
 */
export function withNotRun(counts, expected) {
  const ran = counts.pass + counts.fail + counts.skip;
  const notRun = Math.max(0, expected - ran);
  return { ...counts, fail: counts.fail + notRun, notRun };
}
