/**
 * `node-fetch` for tfjs-core's Node platform: tfjs only falls back to it when there is no global
 * `fetch`, and Node ≥ 18 always has one (the face model is read from disk anyway, never fetched).
 * Replacing it keeps node-fetch's optional `require('encoding')` out of the bundles.
 */
export default globalThis.fetch;
