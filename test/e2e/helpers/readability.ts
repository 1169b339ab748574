/**
 * Measured readability of the chat panel in the browser: the WCAG contrast ratio of every piece
 * of visible text (and the message box's placeholder) against the background it is drawn on,
 * and text cut off at the panel's edges. Runs inside the webview's document.
 */
import type { FrameLocator } from 'playwright-core';

export interface TextIssue {
  text: string;
  where: string;
  detail: string;
}

/** The DOM shapes the in-page code uses (the project compiles without the DOM library). */
interface El {
  tagName: string;
  id: string;
  className: string;
  childNodes: Iterable<{ nodeType: number; textContent: string | null }>;
  parentElement: El | null;
  textContent: string | null;
  placeholder?: string;
  scrollWidth: number;
  clientWidth: number;
  getClientRects(): { length: number };
  getBoundingClientRect(): { left: number; right: number; width: number; height: number };
  closest(selector: string): El | null;
}
interface Style {
  color: string;
  backgroundColor: string;
  overflowX: string;
  visibility: string;
  display: string;
}
interface Page {
  document: { querySelectorAll(s: string): Iterable<El>; body: El };
  getComputedStyle(el: El, pseudo?: string): Style;
  innerWidth: number;
}

/**
 * tsx compiles these helpers with esbuild's keepNames, which wraps named inner functions in
 * `__name(…)` calls; the page has no such function, so it gets a pass-through one first.
 */
async function nameShim(chat: FrameLocator): Promise<void> {
  await chat.locator('body').evaluate(() => {
    const g = globalThis as unknown as { __name?: unknown };
    if (!g.__name) g.__name = (target: unknown) => target;
  });
}

/** Text whose contrast against its background is below `min` (e.g. 4.5 AA, 7 AAA). */
export async function lowContrastText(chat: FrameLocator, min: number): Promise<TextIssue[]> {
  await nameShim(chat);
  return chat.locator('body').evaluate((_body: unknown, minRatio: number) => {
    const g = globalThis as unknown as Page;
    const parse = (c: string): [number, number, number, number] | undefined => {
      const m = /rgba?\(([\d.]+)[ ,]+([\d.]+)[ ,]+([\d.]+)(?:[ ,/]+([\d.]+))?\)/.exec(c);
      return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])] : undefined;
    };
    const blend = (top: number[], under: number[]): number[] =>
      [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3]));
    const background = (el: El | null): number[] => {
      const layers: number[][] = [];
      for (let n = el; n; n = n.parentElement) {
        const c = parse(g.getComputedStyle(n).backgroundColor);
        if (c && c[3] > 0) {
          layers.push(c);
          if (c[3] >= 1) break;
        }
      }
      let out = [255, 255, 255];
      for (const c of layers.reverse()) out = blend(c, out);
      return out;
    };
    const lum = (c: number[]): number => {
      const [r, gg, b] = c.map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * gg + 0.0722 * b;
    };
    const ratio = (a: number[], b: number[]): number => {
      const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
      return (x + 0.05) / (y + 0.05);
    };
    const issues: { text: string; where: string; detail: string }[] = [];
    const check = (el: El, text: string, colour: string): void => {
      const fg = parse(colour);
      if (!fg) return;
      const bg = background(el);
      const r = ratio(blend(fg, bg), bg);
      if (r < minRatio)
        issues.push({
          text: text.slice(0, 60),
          where: `${el.tagName.toLowerCase()}#${el.id}.${el.className}`,
          detail: `${r.toFixed(2)}:1 (${colour} on rgb(${bg.map(Math.round).join(',')}))`,
        });
    };
    for (const el of g.document.querySelectorAll('body *')) {
      if (el.closest('[hidden]') || el.closest('.sr-only') || !el.getClientRects().length) continue;
      const st = g.getComputedStyle(el);
      if (st.visibility === 'hidden') continue;
      const own = [...el.childNodes]
        .filter((n) => n.nodeType === 3)
        .map((n) => n.textContent ?? '')
        .join('')
        .trim();
      if (own) check(el, own, st.color);
      if (el.tagName === 'TEXTAREA' && el.placeholder)
        check(el, el.placeholder, g.getComputedStyle(el, '::placeholder').color);
    }
    return issues;
  }, min);
}

/** Visible text cut off: overflowing a box that hides overflow, or reaching past the panel's edges. */
export async function clippedText(chat: FrameLocator): Promise<TextIssue[]> {
  await nameShim(chat);
  return chat.locator('body').evaluate(() => {
    const g = globalThis as unknown as Page;
    const issues: { text: string; where: string; detail: string }[] = [];
    for (const el of g.document.querySelectorAll('body *')) {
      if (el.closest('[hidden]') || el.closest('.sr-only') || !el.getClientRects().length) continue;
      const own = [...el.childNodes]
        .filter((n) => n.nodeType === 3)
        .map((n) => n.textContent ?? '')
        .join('')
        .trim();
      if (!own) continue;
      const st = g.getComputedStyle(el);
      const rect = el.getBoundingClientRect();
      const where = `${el.tagName.toLowerCase()}#${el.id}.${el.className}`;
      if (st.overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1)
        issues.push({
          text: own.slice(0, 60),
          where,
          detail: `scrollWidth ${el.scrollWidth} > clientWidth ${el.clientWidth}`,
        });
      else if (rect.right > g.innerWidth + 1 || rect.left < -1)
        issues.push({
          text: own.slice(0, 60),
          where,
          detail: `spans ${Math.round(rect.left)}–${Math.round(rect.right)} px of ${g.innerWidth}`,
        });
    }
    return issues;
  });
}
