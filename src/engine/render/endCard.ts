/**
 * The end card (draft `m.endCard`): over the last seconds the picture dims, and the title, the
 * call to action and the logo come up centred — the words off any face — in the look's type and
 * entrance: what a promo ends on before it fades to black with the music. Costs only the card's own frames: the dim and
 * the texts are enabled for that window, the logo is one decoded frame.
 */
import type { MediaFile } from '../contracts';
import { fv, sec } from './escape';
import { drawtextFilters, layout, safeArea, type Rect } from './text';
import type { Look } from './styles';
import { TAG_709, TO_709, towardBlack, type RenderCanvas } from './video';

export interface EndCardInput {
  canvas: RenderCanvas;
  look: Look;
  startMs: number;
  endMs: number;
  title?: string;
  cta?: unknown;
  logo?: MediaFile;
  /** Where faces are on the canvas during the card (faceRects.ts): the words keep off them. */
  faces?: Rect[];
  writeText: (content: string) => string;
  addInput: (args: string[]) => number;
}

export interface EndCard {
  /** The filter that dims the picture under the card (first in the text chain). */
  dim: string;
  /** drawtext filters for the title and the call to action. */
  draws: string[];
  /** The logo: its own chain (`[ecard]`) and the overlay to apply after the texts. */
  logo?: { chain: string; overlay: string };
}

export function endCard(c: EndCardInput): EndCard {
  const { canvas, look, startMs, endMs } = c;
  const area = safeArea(canvas);
  const on = `between(t,${sec(startMs)},${sec(endMs)})`;
  // 55 % black over the picture, i.e. every Y'CbCr value pulled 55 % toward black (16, 128, 128):
  // the same pixels as a translucent full-frame drawbox, but a table lookup per sample instead of
  // a blend (drawbox cost ~30 ms a 1080x1920 frame, ~2.5 s of CPU over a 3 s card).
  const dim = `${towardBlack(0.45)}:enable=${fv(on)}`;
  const short = Math.min(canvas.w, canvas.h);
  const avoid: Rect[] = [...(c.faces ?? [])];
  // The logo sits above the title, a quarter of the short side wide.
  let logo: EndCard['logo'];
  let logoRect: Rect | undefined;
  if (c.logo) {
    const lw = 2 * Math.round((short * 0.26) / 2);
    const aspect = c.logo.width && c.logo.height ? c.logo.height / c.logo.width : 1;
    const lh = Math.min(2 * Math.max(1, Math.round((lw * aspect) / 2)), Math.round((area.bottom - area.top) / 4));
    logoRect = { x: Math.round((canvas.w - lw) / 2), y: Math.round(canvas.h * 0.5 - lh - short * 0.2), w: lw, h: lh };
    avoid.push(logoRect);
    const k = c.addInput(['-i', c.logo.path]);
    // One decoded frame that the overlay repeats (like the corner watermark).
    logo = {
      chain: `[${k}:v]scale=${lw}:${lh}:force_original_aspect_ratio=decrease:flags=lanczos,format=rgba,scale=${TO_709},format=yuva420p,${TAG_709}[ecard]`,
      overlay: `[ecard]overlay=x=${logoRect.x}+(${lw}-w)/2:y=${logoRect.y}+(${lh}-h)/2:eof_action=repeat:enable=${fv(on)}`,
    };
  }
  const draws: string[] = [];
  const title = c.title?.trim();
  if (title) {
    const item = { text: title, role: 'title' as const, position: 'center', startMs, endMs };
    draws.push(...drawtextFilters(item, canvas, c.writeText, avoid, look));
    avoid.push(layout(item, canvas, avoid).block);
  }
  const cta = typeof c.cta === 'string' ? c.cta.trim() : '';
  if (cta) {
    // The call to action follows the title by a beat (its entrance plays on its own).
    const item = {
      text: cta,
      role: 'caption' as const,
      position: 'center',
      startMs: startMs + Math.min(400, (endMs - startMs) / 4),
      endMs,
    };
    draws.push(...drawtextFilters(item, canvas, c.writeText, avoid, look));
  }
  return { dim, draws, ...(logo ? { logo } : {}) };
}
