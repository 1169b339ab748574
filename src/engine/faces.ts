/**
 * Faces in a photo, found once at upload: @vladmandic/face-api's tiny face detector (MIT; its
 * 193 KB model ships inside the npm package) on tfjs-core + the wasm backend — plain Node, no
 * native build, nothing downloaded. The model and the one wasm file are copied next to the
 * engine bundle by esbuild.mjs (dist/faces/), so the VSIX carries them.
 *
 * Bounded: the photo is decoded by ffmpeg to ≤ 416 px (the detector's input size), the model
 * loads lazily once per engine process, detections run one at a time, and a detection that takes
 * longer than DETECT_CAP_MS is abandoned (the caller falls back to saliency alone).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { decodePhoto } from './photoDecode';

/** A face, fractions of the photo's width/height; `score` is the detector's confidence. */
export interface FaceBox {
  x: number;
  y: number;
  w: number;
  h: number;
  score: number;
}

/** The detector's square input: 416 finds faces down to ~4 % of the photo's long side. */
const INPUT = 416;
const MIN_SCORE = 0.5;
/** Cap per photo (model load included on the first one): beyond it, smartcrop alone frames. */
export const DETECT_CAP_MS = 15_000;
const WASM = 'tfjs-backend-wasm-simd.wasm';
const MODEL = 'tiny_face_detector_model';

/** Where the model and wasm are: next to the bundle (dist/faces), else in node_modules (tests on sources). */
function assetDirs(): { model: string; wasm: string } {
  const bundled = join(__dirname, 'faces');
  if (existsSync(join(bundled, `${MODEL}.bin`))) return { model: bundled, wasm: bundled };
  const pkgDir = (name: string) => dirname(require.resolve(`${name}/package.json`));
  return {
    model: join(pkgDir('@vladmandic/face-api'), 'model'),
    wasm: join(pkgDir('@tensorflow/tfjs-backend-wasm'), 'dist'),
  };
}

type FaceApi = typeof import('@vladmandic/face-api');
let loading: Promise<FaceApi> | undefined;

/** face-api with the tiny detector's weights, loaded once per process (≈ 0.3 s). */
function detector(): Promise<FaceApi> {
  loading ??= (async () => {
    // Required here, not imported at the top: the engine starts without paying for tfjs.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const api = require('@vladmandic/face-api/dist/face-api.node-wasm.js') as FaceApi;
    const dirs = assetDirs();
    const tf = api.tf as unknown as {
      setWasmPaths(p: Record<string, string>): void;
      setBackend(b: string): Promise<boolean>;
      ready(): Promise<void>;
    };
    // tfjs wants an entry for each of its three builds; Node always has wasm SIMD and never
    // uses the threaded build (no cross-origin isolation), so the SIMD file is the one loaded
    // and the only one shipped.
    const simd = join(dirs.wasm, WASM);
    tf.setWasmPaths({
      [WASM]: simd,
      'tfjs-backend-wasm.wasm': simd,
      'tfjs-backend-wasm-threaded-simd.wasm': simd,
    });
    if (!(await tf.setBackend('wasm'))) throw new Error('tfjs wasm backend unavailable');
    await tf.ready();
    await api.nets.tinyFaceDetector.loadFromDisk(dirs.model);
    return api;
  })();
  // A failed load is retried by the next photo rather than cached forever.
  loading.catch(() => (loading = undefined));
  return loading;
}

let queue: Promise<unknown> = Promise.resolve();

/** Faces in the photo (possibly none); rejects on failure or after DETECT_CAP_MS. */
export function detectFaces(path: string, width: number, height: number, ffmpeg: string): Promise<FaceBox[]> {
  const run = async (): Promise<FaceBox[]> => {
    const [api, img] = await Promise.all([
      detector(),
      decodePhoto(path, ffmpeg, { width, height }, { maxSide: INPUT, minSide: 2, pixFmt: 'rgb24' }),
    ]);
    const input = api.tf.tensor3d(new Int32Array(img.bytes), [img.height, img.width, 3], 'int32');
    try {
      const found = await api.detectAllFaces(
        input as unknown as Parameters<FaceApi['detectAllFaces']>[0],
        new api.TinyFaceDetectorOptions({ inputSize: INPUT, scoreThreshold: MIN_SCORE }),
      );
      const clamp = (v: number) => Math.min(1, Math.max(0, v));
      return found.map((d) => {
        const b = d.relativeBox;
        const x = clamp(b.x);
        const y = clamp(b.y);
        return { x, y, w: clamp(b.x + b.width) - x, h: clamp(b.y + b.height) - y, score: d.score };
      });
    } finally {
      input.dispose();
    }
  };
  // One at a time: tfjs' wasm backend is single-threaded and shared by the whole process.
  const job = queue.then(run, run);
  queue = job.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const cap = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`face detection took over ${DETECT_CAP_MS} ms`)), DETECT_CAP_MS);
    timer.unref();
  });
  return Promise.race([job, cap]).finally(() => clearTimeout(timer));
}
