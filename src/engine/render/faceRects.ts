/**
 * Where the faces of the photos land on the canvas, so texts can keep off them (text.ts `avoid`).
 * A face moves with the Ken Burns camera: its rectangle is the union over every frame of every
 * photo shown while the text is, mapped photo → stage (cover crop or blur fit) → view → canvas.
 */
import { paddedFace } from '../subject';
import type { View } from './kenBurns';
import type { Rect } from './text';
import { chooseFit, fittedBox, planMotion, type RenderCanvas, type VideoSegment } from './video';

/** Canvas rectangles covering the faces of the photos on screen between `startMs` and `endMs`. */
export function faceRects(segs: VideoSegment[], canvas: RenderCanvas, startMs: number, endMs: number): Rect[] {
  const rects: Rect[] = [];
  for (const seg of segs) {
    const { media } = seg;
    const faces = media.kind === 'image' ? (media.subject?.faces ?? []) : [];
    if (!faces.length || !media.width || !media.height) continue;
    if (seg.startMs >= endMs || seg.startMs + seg.durMs <= startMs) continue;
    const fit = chooseFit(media, canvas, seg.meta.fit);
    const p = planMotion(seg, canvas, fit);
    const W = media.width;
    const H = media.height;
    // Photo fraction → stage px.
    let toStage: (fx: number, fy: number) => { x: number; y: number };
    if (fit === 'cover') {
      const k = Math.max(p.stage.w / W, p.stage.h / H);
      const ox = (p.crop?.x ?? 0.5) * (W * k - p.stage.w);
      const oy = (p.crop?.y ?? 0.5) * (H * k - p.stage.h);
      toStage = (fx, fy) => ({ x: fx * W * k - ox, y: fy * H * k - oy });
    } else {
      // video.ts's blur fit: the whole photo fitted in fgBox, centred on the stage.
      const box = p.kb ? fittedBox(canvas, p.zoomRatio, p.sTight) : p.stage;
      const k = Math.min(box.w / W, box.h / H);
      toStage = (fx, fy) => ({ x: (p.stage.w - W * k) / 2 + fx * W * k, y: (p.stage.h - H * k) / 2 + fy * H * k });
    }
    const still: View = { cx: p.stage.w / 2, cy: p.stage.h / 2, s: p.stage.w / canvas.w };
    const views = p.kb?.views ?? [still];
    for (const face of faces.map(paddedFace)) {
      const a = toStage(face.x, face.y);
      const b = toStage(face.x + face.w, face.y + face.h);
      let x0 = Infinity;
      let y0 = Infinity;
      let x1 = -Infinity;
      let y1 = -Infinity;
      views.forEach((v, n) => {
        const t = seg.startMs + (n * 1000) / canvas.fps;
        if (views.length > 1 && (t < startMs || t >= endMs)) return;
        const u = (x: number, y: number) => ({
          x: (x - v.cx) / v.s + canvas.w / 2,
          y: (y - v.cy) / v.s + canvas.h / 2,
        });
        const p0 = u(a.x, a.y);
        const p1 = u(b.x, b.y);
        x0 = Math.min(x0, p0.x);
        y0 = Math.min(y0, p0.y);
        x1 = Math.max(x1, p1.x);
        y1 = Math.max(y1, p1.y);
      });
      x0 = Math.max(0, x0);
      y0 = Math.max(0, y0);
      x1 = Math.min(canvas.w, x1);
      y1 = Math.min(canvas.h, y1);
      if (x1 > x0 && y1 > y0)
        rects.push({ x: Math.floor(x0), y: Math.floor(y0), w: Math.ceil(x1 - x0), h: Math.ceil(y1 - y0) });
    }
  }
  return rects;
}
