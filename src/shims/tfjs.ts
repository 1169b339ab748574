/**
 * `@tensorflow/tfjs` for face-api's node-wasm build: tfjs-core with its chained tensor ops
 * (`t.as3D()`…) only — no layers, converter or data, which face-api's tiny detector never uses —
 * about half the JS of the full tfjs. The wasm backend comes from face-api's own require.
 */
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
export * from '@tensorflow/tfjs-core';
