/**
 * Text overlays: wraps the words in code (drawtext has no wrapping), keeps them inside the
 * platform safe area (TikTok/Reels UI covers the bottom ~20% and right ~12% of a vertical frame),
 * and emits one drawtext per line so every line is centred. Text goes through `textfile=` with
 * `expansion=none`: nothing the user types can be expanded or break the graph's quoting.
 */
import { placeClear } from './textPlacement';
import { scriptOf, type Script } from './fonts';
import { fv, sec } from './escape';
import { advanceWidth } from './fontMetrics';
import { lookFont, PLAIN, type Look } from './styles';
import type { RenderCanvas } from './video';

export interface TextItem {
  text: string;
  role: 'title' | 'caption';
  position?: string;
  scale?: number;
  box?: boolean;
  startMs: number;
  endMs: number;
}

/** Text needs only the frame's size (the renderer's frame type is RenderCanvas in video.ts). */
export type FrameSize = Pick<RenderCanvas, 'w' | 'h'>;

/** A rectangle (px) text must stay clear of: the logo, a detected face. */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface SafeArea {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export function safeArea({ w, h }: FrameSize): SafeArea {
  const vertical = h > w;
  // Centred text is symmetric, so the right-hand 12% UI strip is kept clear on both sides.
  const side = Math.round(w * (vertical ? 0.12 : 0.08));
  return {
    left: side,
    right: w - side,
    top: Math.round(h * (vertical ? 0.1 : 0.08)),
    bottom: Math.round(h * (vertical ? 0.79 : 0.88)),
  };
}

/** Advance width estimate in em for DejaVu Sans Bold / CJK; errs wide so lines never overflow. */
const emCache = new Map<string, number>();

function charEm(ch: string): number {
  let em = emCache.get(ch);
  if (em === undefined) {
    em = measureChar(ch);
    if (emCache.size < 65_536) emCache.set(ch, em);
  }
  return em;
}

function measureChar(ch: string): number {
  if (scriptOf(ch) === 'cjk') return 1.0;
  if (ch === ' ') return 0.35;
  if ("iljtf!.,;:'|()[]".includes(ch)) return 0.42;
  if ('mwMW@%'.includes(ch)) return 1.05;
  if (/[A-Z0-9#&?]/.test(ch)) return 0.78;
  return 0.66;
}

/**
 * Characters measured so far by `textWidth`, in this process. Layout cost is this count, so a
 * test can check that wrapping measures each character a bounded number of times — whatever
 * the line length — without timing anything (bench/textLayout.ts has the timings).
 */
let charsMeasured = 0;
export const measuredChars = (): number => charsMeasured;

export function textWidth(text: string, size: number): number {
  charsMeasured += text.length;
  let em = 0;
  for (const ch of text) em += charEm(ch);
  return em * size;
}

/** Tokens: CJK characters break anywhere; other words break at spaces. */
function tokens(text: string): string[] {
  const out: string[] = [];
  for (const word of text.split(/(\s+)/)) {
    if (!word) continue;
    if (scriptOf(word) === 'cjk') {
      let run = '';
      for (const ch of word) {
        if (scriptOf(ch) === 'cjk') {
          if (run) out.push(run);
          run = '';
          out.push(ch);
        } else run += ch;
      }
      if (run) out.push(run);
    } else out.push(word);
  }
  return out;
}

/** A text cut into tokens with their widths in em, measured once for every size tried. */
interface Measured {
  paras: Array<Array<{ tok: string; em: number; space: boolean }>>;
}

function measure(text: string): Measured {
  return {
    paras: text
      .split(/\r?\n/)
      .map((para) => tokens(para).map((tok) => ({ tok, em: textWidth(tok, 1), space: /^\s+$/.test(tok) }))),
  };
}

/**
 * Greedy word wrap, linear in the text: the line's width is kept as a running sum (the width of
 * its words, and of the spaces after them apart), never re-measured from its start per word.
 * Widths scale with the font size, so one measurement serves every size the layout tries.
 */
function wrapMeasured(m: Measured, maxEm: number): string[] {
  const lines: string[] = [];
  for (const para of m.paras) {
    let line: string[] = [];
    let wordsEm = 0; // the line without its trailing spaces
    let trailEm = 0; // its trailing spaces
    let hasWords = false;
    for (const { tok, em, space } of para) {
      const nextEm = space ? wordsEm : wordsEm + trailEm + em;
      if (hasWords && nextEm > maxEm) {
        lines.push(line.join('').trim());
        line = space ? [] : [tok];
        wordsEm = space ? 0 : em;
        trailEm = 0;
        hasWords = !space;
      } else {
        line.push(tok);
        if (space) trailEm += em;
        else {
          wordsEm = nextEm;
          trailEm = 0;
          hasWords = true;
        }
      }
    }
    const last = line.join('').trim();
    if (last) lines.push(last);
  }
  return lines;
}

export function wrap(text: string, size: number, maxWidth: number): string[] {
  return wrapMeasured(measure(text), maxWidth / size);
}

/** The widest line, in px (a loop: a spread of thousands of lines would overflow the stack). */
function widest(lines: string[], size: number): number {
  let w = 0;
  for (const l of lines) w = Math.max(w, textWidth(l, size));
  return w;
}

export interface LaidOut {
  lines: string[];
  size: number;
  script: Script;
  baselines: number[];
  block: Rect;
}

/**
 * Type hierarchy that reads on a phone: a short title is ≥ 7 % of the frame height (134 px on
 * 1080x1920), captions ≥ 4 %; on landscape canvases the short side sets a floor too.
 */
export function baseSize(role: TextItem['role'], canvas: FrameSize): number {
  const short = Math.min(canvas.w, canvas.h);
  return role === 'title' ? Math.max(0.07 * canvas.h, 0.085 * short) : Math.max(0.04 * canvas.h, 0.055 * short);
}

/** Font size, wrapping and vertical placement for one text item, clear of the `avoid` rectangles. */
export function layout(item: TextItem, canvas: FrameSize, avoid: Rect[] = []): LaidOut {
  const area = safeArea(canvas);
  const scale = item.scale && item.scale > 0 ? Math.min(item.scale, 3) : 1;
  let size = Math.round(baseSize(item.role, canvas) * scale);
  const maxWidth = area.right - area.left;
  const maxLines = item.role === 'title' ? 3 : 4;
  const measured = measure(item.text);
  let lines = wrapMeasured(measured, maxWidth / size);
  // Shrink until every line fits and the block is not too tall (long words, long captions).
  for (let i = 0; i < 20; i++) {
    if (size <= 8 || (widest(lines, size) <= maxWidth && lines.length <= maxLines)) break;
    size = Math.max(8, Math.floor(size * 0.9));
    lines = wrapMeasured(measured, maxWidth / size);
  }
  // A slightly smaller title that saves a whole line reads better ("Summer Collection / 2025").
  const smaller = Math.floor(size * 0.85);
  const fewer = wrapMeasured(measured, maxWidth / smaller);
  // …but never below the hierarchy's floor for a title that already fits (≥ 7 % of the height).
  const floor = item.role === 'title' ? 0.07 * canvas.h * Math.min(scale, 1) : 0;
  if (smaller >= floor && fewer.length < lines.length && widest(fewer, smaller) <= maxWidth) {
    size = smaller;
    lines = fewer;
  }
  const lineH = Math.round(size * ((item.box ?? item.role === 'caption') ? 1.45 : 1.22));
  const blockH = lineH * lines.length;
  const pos = item.position ?? (item.role === 'title' ? 'upper' : 'bottom');
  let top: number;
  if (pos === 'top') top = area.top;
  else if (pos === 'center') top = Math.round((canvas.h - blockH) / 2);
  else if (pos === 'bottom') top = area.bottom - blockH;
  else top = Math.round(canvas.h * 0.25 - blockH / 2); // title default: centred in the upper third
  top = Math.max(area.top, Math.min(top, area.bottom - blockH));
  const blockAt = (y: number): Rect => ({ x: area.left, y, w: area.right - area.left, h: blockH });
  top = placeClear(top, blockH, size, area, canvas.h, avoid);
  // Baseline ≈ top of line + 0.8 em puts the glyphs in the middle of the line box.
  const baselines = lines.map((_, i) => Math.round(top + i * lineH + (lineH - size) / 2 + size * 0.8));
  return { lines, size, script: scriptOf(item.text), baselines, block: blockAt(top) };
}

/** Ease out with an overshoot (a "pop"): 0 → 1.08 → 1 as p goes 0 → 1; `p` is an ffmpeg expression. */
const backOut = (p: string) => `(1+2.70158*pow(${p}-1,3)+1.70158*pow(${p}-1,2))`;
/** Ease out (cubic), for slides. */
const cubicOut = (p: string) => `(1-pow(1-${p},3))`;

/** Reveal steps of a line for typewriter (every character) or word-by-word (every word; CJK every character). */
export function revealSteps(line: string, by: 'char' | 'word'): string[] {
  const chars = [...line];
  // A step that only adds a space shows nothing new: skipped.
  if (by === 'char') return chars.map((_, i) => chars.slice(0, i + 1).join('')).filter((p) => !/\s$/.test(p));
  const steps: string[] = [];
  let cur = '';
  for (const tok of line.split(/(\s+)/)) {
    if (!tok) continue;
    if (/^\s+$/.test(tok)) {
      cur += tok;
      continue;
    }
    if (scriptOf(tok) === 'cjk')
      for (const ch of tok) {
        cur += ch;
        steps.push(cur);
      }
    else {
      cur += tok;
      steps.push(cur);
    }
  }
  return steps.length ? steps : [line];
}

/** At most this many reveal steps per text (each is one drawtext, idle outside its moment). */
const MAX_STEPS = 80;

/**
 * drawtext filters (to chain with `,`) for one item; `writeText` stores a line and returns its
 * path. The look sets the font, colour, capitals and the entrance: pop (size overshoots in),
 * slide (rises into place), typewriter / words (the line is revealed by prefixes, each prefix a
 * drawtext enabled only for its moment — idle drawtexts cost nothing), or a fade. Text that
 * starts at 0 is fully there at frame 0: the platform's default thumbnail.
 */
export function drawtextFilters(
  item: TextItem,
  canvas: FrameSize,
  writeText: (content: string) => string,
  avoid: Rect[] = [],
  look: Look = PLAIN,
): string[] {
  const title = item.role === 'title';
  const text = title && look.upper && scriptOf(item.text) === 'latin' ? item.text.toUpperCase() : item.text;
  const { lines, size, script, baselines } = layout({ ...item, text }, canvas, avoid);
  const font = lookFont(look, item.role, script);
  const s = item.startMs;
  const e = item.endMs;
  const fade = Math.min(300, (e - s) / 4);
  const anim = s > 0 ? look.anim : 'fade';
  const animMs = Math.min(look.animMs, (e - s) / 3);
  // Entrance progress 0 → 1 (an ffmpeg expression of t).
  const p = `clip((t-${sec(s)})/${sec(Math.max(animMs, 1))},0,1)`;
  // A slide is mostly visible while it still rises (opaque at 40 % of the way); pop and reveals appear at once.
  const fadeIn =
    s > 0
      ? anim === 'fade' || anim === 'slide'
        ? `(t-${sec(s)})/${sec(anim === 'slide' ? animMs * 0.4 : fade)}`
        : `(t-${sec(s)})/0.08`
      : '1';
  const alpha = fade > 0 ? `clip(min(${fadeIn},(${sec(e)}-t)/${sec(fade)}),0,1)` : '1';
  const boxed = item.box ?? item.role === 'caption';
  // A dark outline keeps white type ≥ 4.5:1 against whatever is behind it (white products, sky).
  const border = Math.max(2, Math.round(size * (title ? 0.075 : 0.06)));
  const fontsize = anim === 'pop' ? `${size}*(0.55+0.45*${backOut(p)})` : String(size);
  const lift =
    anim === 'slide'
      ? `+${Math.round(size * 0.6)}*(1-${cubicOut(p)})`
      : anim === 'pop'
        ? `+(${size}-(${fontsize}))*0.35`
        : '';
  /**
   * Enabled over [from, to] — or [from, next) when `next` is given (reveal steps just touch).
   * `paint` overrides the colour, pins the left edge (x, px) and can drop the box (a layer drawn
   * over another must not darken its box twice).
   */
  const draw = (
    content: string,
    baseline: number,
    from: number,
    to: number,
    next?: number,
    paint: { color?: string; x?: number; box?: boolean } = {},
  ) => {
    const opts = [
      `fontfile=${fv(font)}`,
      `textfile=${fv(writeText(content))}`,
      'expansion=none',
      `fontsize=${fv(fontsize)}`,
      `fontcolor=${paint.color ?? (title ? look.titleColor : 'white')}`,
      `x=${fv(paint.x === undefined ? '(w-text_w)/2' : String(paint.x))}`,
      // `ascent` is this line's highest glyph: subtracting it pins every line to its baseline.
      `y=${fv(`${baseline}-ascent${lift}`)}`,
      `alpha=${fv(alpha)}`,
      `enable=${fv(next === undefined ? `between(t,${sec(from)},${sec(to)})` : `gte(t,${sec(from)})*lt(t,${sec(next)})`)}`,
    ];
    opts.push(`borderw=${border}`, 'bordercolor=black@0.9');
    if (boxed && paint.box !== false)
      opts.push('box=1', 'boxcolor=black@0.6', `boxborderw=${Math.max(2, Math.round(size * 0.22))}`);
    else
      opts.push(
        'shadowcolor=black@0.45',
        `shadowx=${Math.max(1, Math.round(size / 18))}`,
        `shadowy=${Math.max(1, Math.round(size / 18))}`,
      );
    return `drawtext=${opts.join(':')}`;
  };
  if (anim === 'typewriter' || anim === 'words') {
    const perLine = lines.map((l) => revealSteps(l, anim === 'typewriter' ? 'char' : 'word'));
    const total = perLine.reduce((a, st) => a + st.length, 0);
    if (total <= MAX_STEPS) {
      // Steps share the reveal time (at least 35 ms a character, 120 ms a word, at most 1.6 s).
      const each = Math.min(1600, Math.max(animMs, total * (anim === 'typewriter' ? 35 : 120))) / total;
      if (anim === 'words') return wordHighlight(perLine, each);
      const out: string[] = [];
      let k = 0;
      perLine.forEach((steps, li) => {
        steps.forEach((step, si) => {
          const from = s + k * each;
          // A line's last step stays to the end; earlier steps give way to the next one.
          out.push(
            si === steps.length - 1
              ? draw(step, baselines[li]!, from, e)
              : draw(step, baselines[li]!, from, e, s + (k + 1) * each),
          );
          k++;
        });
      });
      return out;
    }
  }
  return lines.map((line, i) => draw(line, baselines[i]!, s, e));

  /**
   * Word by word, karaoke style: while a word comes in it is in the look's highlight colour and
   * the words before it are white; when the text is complete it settles in its colour.
   * Every layer of a line starts at the same left edge — where the full centred line starts,
   * from the font's own advances (fontMetrics.ts) — so drawtext puts each word exactly where
   * it will stay and the line never re-centres as it grows. Finished lines stay white until the
   * last word is in; then the whole text settles in its colour. Per step two drawtexts (the
   * prefix in the highlight colour, the words before it in white on top), plus at most two per
   * line (finished, settled): at most 2 × MAX_STEPS + 2 × lines, each idle outside its moment.
   */
  function wordHighlight(perLine: string[][], each: number): string[] {
    const hi = look.highlight ?? '#FFD400';
    const out: string[] = [];
    // The whole text settles together, once its last word is in.
    const settled = Math.min(e, s + perLine.reduce((a, st) => a + st.length, 0) * each);
    let k = 0;
    perLine.forEach((steps, li) => {
      const line = lines[li]!;
      const width = advanceWidth(font, line, size) ?? textWidth(line, size);
      const x = Math.round((canvas.w - width) / 2);
      steps.forEach((step, si) => {
        const from = s + k * each;
        const until = Math.min(e, s + (k + 1) * each);
        out.push(draw(step, baselines[li]!, from, e, until, { color: hi, x }));
        if (si > 0) out.push(draw(steps[si - 1]!, baselines[li]!, from, e, until, { color: 'white', x, box: false }));
        k++;
      });
      // A finished line stays white while the next lines come in.
      const done = s + k * each;
      if (done < settled) out.push(draw(line, baselines[li]!, done, e, settled, { color: 'white', x }));
      if (settled < e) out.push(draw(line, baselines[li]!, settled, e, undefined, { x }));
    });
    return out;
  }
}
