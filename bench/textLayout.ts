/**
 * Text layout cost against a quadratic baseline, side by side in one run. Our `wrap()` keeps
 * each line's width as a running sum; the baseline re-measures the line from its start for
 * every word (what the renderer did before: ~6 s for a 100,000-character caption). Both wrap
 * the same captions of growing length at the same widths; medians of a few rounds are printed
 * with the ratio baseline/ours and how each grows with the text (linear: ×10 for 10× the text).
 * The behaviour (characters measured per character) is tested in
 * test/hardening/input-text-limits.test.ts "text layout is linear"; this is only the timing.
 *
 *     npx tsx bench/textLayout.ts [rounds=5]
 */
import { layout, textWidth, wrap } from '../src/engine/render/text';

const rounds = Number(process.argv[2] ?? 5);
const base = 'Summer sale everything must go today only ';

/** The old wrap: the candidate line re-measured from its start for every word. */
function naiveWrap(text: string, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  for (const para of text.split(/\r?\n/)) {
    let line: string[] = [];
    for (const tok of para.split(/(\s+)/).filter(Boolean)) {
      const space = /^\s+$/.test(tok);
      const next = textWidth([...line, space ? '' : tok].join('').trimEnd(), size);
      if (line.join('').trim() && next > maxWidth) {
        lines.push(line.join('').trim());
        line = space ? [] : [tok];
      } else line.push(tok);
    }
    const last = line.join('').trim();
    if (last) lines.push(last);
  }
  return lines;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn: () => unknown): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

// Warm the JIT and the width cache for both.
wrap(base.repeat(50), 8, 820);
naiveWrap(base.repeat(50), 8, 820);

console.log('wrap at 8 px in 820 px (the size a long caption shrinks to on 1080×1920), median of', rounds);
console.log('| characters | ours ms | baseline ms | baseline / ours |');
console.log('|---:|---:|---:|---:|');
let first: { ours: number; naive: number; n: number } | undefined;
let last = first;
for (const n of [10_000, 30_000, 100_000]) {
  const text = base.repeat(Math.ceil(n / base.length)).slice(0, n);
  const ours: number[] = [];
  const naive: number[] = [];
  for (let i = 0; i < rounds; i++) {
    // Alternate, so a busy moment on the shared machine hits both.
    ours.push(time(() => wrap(text, 8, 820)));
    naive.push(time(() => naiveWrap(text, 8, 820)));
  }
  const row = { ours: median(ours), naive: median(naive), n };
  first ??= row;
  last = row;
  console.log(
    `| ${n.toLocaleString('en')} | ${row.ours.toFixed(1)} | ${row.naive.toFixed(1)} | ${(row.naive / row.ours).toFixed(1)}× |`,
  );
}
if (first && last)
  console.log(
    `growth for ${last.n / first.n}× the text: ours ×${(last.ours / first.ours).toFixed(1)}, baseline ×${(last.naive / first.naive).toFixed(1)}`,
  );

const caption = base.repeat(2400).slice(0, 100_000);
const full = median(
  Array.from({ length: rounds }, () =>
    time(() => layout({ text: caption, role: 'caption', startMs: 0, endMs: 1000 }, { w: 1080, h: 1920 })),
  ),
);
console.log(`layout() of a 100,000-character caption (every size it tries): ${full.toFixed(0)} ms`);
