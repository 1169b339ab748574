/**
 * How many creator phrasings (test/unit/planner-creators.data.ts) the local planner understands,
 * per class of issue #12 and language, for the table the code was built against and for a held-out
 * set. Deterministic; prints both tables and, with `-v`, each miss.
 *
 *     npx tsx bench/planner.ts [-v]
 */
import { runAll, type CaseResult } from '../test/unit/planner-creators.harness';
import { CLASS_NAMES, type ClassId } from '../test/unit/planner-creators.data';
import { HOLDOUT } from '../test/unit/planner-creators.holdout';

const verbose = process.argv.includes('-v');

function table(title: string, results: CaseResult[], ms: number): void {
console.log(`\n${title}`);
const rows: string[] = [];
let ok = 0;
for (const cls of Object.keys(CLASS_NAMES) as ClassId[]) {
  const cell = (lang: 'en' | 'zh') => {
    const r = results.filter((x) => x.cls === cls && x.lang === lang);
    return `${r.filter((x) => !x.error).length}/${r.length}`;
  };
  const all = results.filter((x) => x.cls === cls);
  const pass = all.filter((x) => !x.error).length;
  ok += pass;
  rows.push(`| ${CLASS_NAMES[cls].padEnd(56)} | ${cell('en').padStart(5)} | ${cell('zh').padStart(5)} | ${String(Math.round((100 * pass) / all.length)).padStart(3)} % |`);
}
console.log(`| ${'class'.padEnd(56)} |    EN |    ZH |   all |`);
console.log(`|${'-'.repeat(58)}|-------|-------|-------|`);
for (const r of rows) console.log(r);
console.log(`| ${'total'.padEnd(56)} | ${''.padStart(5)} | ${''.padStart(5)} | ${String(Math.round((100 * ok) / results.length)).padStart(3)} % |`);
console.log(`${ok}/${results.length} phrasings understood; ${results.length} turns (plus setups) in ${ms.toFixed(0)} ms`);
if (verbose) for (const r of results) if (r.error) console.log(`✗ [${r.cls}/${r.lang}] ${r.text}\n    ${r.error.split('\n')[0]}`);
}

for (const [title, groups] of [['Table (test/unit/planner-creators.data.ts)', undefined], ['Held-out phrasings (test/unit/planner-creators.holdout.ts, not used for tuning)', HOLDOUT]] as const) {
  const started = process.hrtime.bigint();
  const results = runAll(groups);
  table(title, results, Number(process.hrtime.bigint() - started) / 1e6);
}
