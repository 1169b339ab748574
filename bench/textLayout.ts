/**
 * Text layout cost against the old wrap, side by side in one run. Our `wrap()` keeps each line's
 * width as a running sum; the baseline re-measures the line from its start for every word (what
 * the renderer did before: ~6 s for a 100,000-character caption), so its cost is characters ×
 * line length — quadratic in the line. Both wrap the same captions, first longer texts at one
 * width, then one text at longer line widths; medians of a few rounds, with the ratio
 * baseline/ours and how each grows.
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

/** Median ms of both wraps over `rounds`, alternating so a busy moment on the shared machine hits both. */
function measure(text: string, width: number): { ours: number; naive: number } {
  const ours: number[] = [];
  const naive: number[] = [];
  for (let i = 0; i < rounds; i++) {
    ours.push(time(() => wrap(text, 8, width)));
    naive.push(time(() => naiveWrap(text, 8, width)));
  }
  return { ours: median(ours), naive: median(naive) };
}

const textOf = (n: number) => base.repeat(Math.ceil(n / base.length)).slice(0, n);
// Warm the JIT and the width cache for both on the largest input first.
measure(textOf(100_000), 820);

console.log(`wrap at 8 px (the size a long caption shrinks to on 1080×1920), median of ${rounds}`);
console.log('\nlonger text, same line width (820 px, ~150 characters a line): both grow with the text');
console.log('| characters | ours ms | baseline ms | baseline / ours |');
console.log('|---:|---:|---:|---:|');
const byLength = [10_000, 30_000, 100_000].map((n) => ({ n, ...measure(textOf(n), 820) }));
for (const r of byLength)
  console.log(
    `| ${r.n.toLocaleString('en')} | ${r.ours.toFixed(1)} | ${r.naive.toFixed(1)} | ${(r.naive / r.ours).toFixed(1)}× |`,
  );
const [a, , c] = byLength;
console.log(
  `growth for 10× the text: ours ×${(c.ours / a.ours).toFixed(1)}, baseline ×${(c.naive / a.naive).toFixed(1)}`,
);

console.log('\nsame text (30,000 characters), longer lines: the baseline re-measures each line per word');
console.log('| line width px | ours ms | baseline ms | baseline / ours |');
console.log('|---:|---:|---:|---:|');
const byWidth = [820, 3_280, 13_120].map((w) => ({ w, ...measure(textOf(30_000), w) }));
for (const r of byWidth)
  console.log(
    `| ${r.w.toLocaleString('en')} | ${r.ours.toFixed(1)} | ${r.naive.toFixed(1)} | ${(r.naive / r.ours).toFixed(1)}× |`,
  );
const [w1, , w3] = byWidth;
console.log(
  `growth for 16× the line length: ours ×${(w3.ours / w1.ours).toFixed(1)}, baseline ×${(w3.naive / w1.naive).toFixed(1)}`,
);

const caption = base.repeat(2400).slice(0, 100_000);
const full = median(
  Array.from({ length: rounds }, () =>
    time(() => layout({ text: caption, role: 'caption', startMs: 0, endMs: 1000 }, { w: 1080, h: 1920 })),
  ),
);
console.log(`layout() of a 100,000-character caption (every size it tries): ${full.toFixed(0)} ms`);
