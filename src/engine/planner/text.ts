/**
 * Low-level text helpers for the parser: quoted strings, numbers written in words or Chinese
 * numerals, and script detection. Kept apart so the parser reads as a list of phrases.
 */

export interface Quote {
  text: string;
  /** Index of the opening quote in the original request. */
  start: number;
  end: number;
}

// Straight quotes need care: "don't" and "it's" are apostrophes, not quotes. A single quote
// only opens at a word boundary (start, space, colon, brackets) and closes before one.
const QUOTE_RE =
  /"([^"]+)"|“([^”]+)”|「([^」]+)」|『([^』]+)』|‘([^’]+)’|《([^》]+)》|(?:^|(?<=[\s:：(（,，=]))'([^']+?)'(?=$|[\s.,;:!?，。；！？)）])/g;

/** Quoted strings in order, trimmed; empty quotes are dropped. */
export function extractQuotes(text: string): Quote[] {
  const out: Quote[] = [];
  for (const m of text.matchAll(QUOTE_RE)) {
    const inner = m.slice(1).find((g) => g !== undefined) ?? '';
    const trimmed = inner.trim();
    if (trimmed) out.push({ text: trimmed, start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  }
  return out;
}

/** The request with every quote replaced by a marker `⟦n⟧`, so words inside quotes never act as commands. */
export function maskQuotes(text: string, quotes: Quote[]): string {
  let out = '';
  let pos = 0;
  quotes.forEach((q, i) => {
    out += text.slice(pos, q.start) + ` ⟦${i}⟧ `;
    pos = q.end;
  });
  return out + text.slice(pos);
}

export function hasHan(text: string): boolean {
  return /\p{Script=Han}/u.test(text);
}

const CN_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** Chinese numerals up to 999 ("三十", "十五", "一百二十", "两"). NaN when not a numeral. */
export function cnNumber(s: string): number {
  if (!s || !/^[零〇一二两三四五六七八九十百]+$/.test(s)) return Number.NaN;
  let total = 0;
  let digit = 0;
  for (const ch of s) {
    if (ch === '百') {
      total += (digit || 1) * 100;
      digit = 0;
    } else if (ch === '十') {
      total += (digit || 1) * 10;
      digit = 0;
    } else digit = CN_DIGITS[ch] ?? 0;
  }
  return total + digit;
}

const EN_NUMBERS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
};

/** An English number word or hyphenated pair ("forty-five", "twenty five"); NaN otherwise. */
export function enNumber(s: string): number {
  const parts = s
    .toLowerCase()
    .trim()
    .split(/[\s-]+/);
  let total = 0;
  for (const p of parts) {
    const v = EN_NUMBERS[p];
    if (v === undefined) return Number.NaN;
    total += v;
  }
  return parts.length ? total : Number.NaN;
}

/** Regex source matching a number in digits, English words or Chinese numerals. */
export const NUM = String.raw`(\d{1,6}(?:\.\d{1,3})?|(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a|an)|[零〇一二两三四五六七八九十百]+)`;

/** Reads a NUM capture. */
export function readNumber(s: string): number {
  if (/^\d/.test(s)) return Number.parseFloat(s);
  const cn = cnNumber(s);
  return Number.isNaN(cn) ? enNumber(s) : cn;
}

/** "summer sale" → "Summer Sale" (leaves words already containing capitals alone). */
export function titleCase(s: string): string {
  return s
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => (/[A-Z]/.test(w) ? w : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(' ');
}
