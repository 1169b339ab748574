// A second extension, written as a curious or hostile one would be: it activates Video
// Generator, walks whatever its exports reach (objects, getters, methods called without
// arguments or with the known secret key) and reports every path that looks like a token
// store or SecretStorage and every value that contains `secret` (the token the test knows).
const vscode = require('vscode');

const TARGET = 'video-generator-free-app.video-generator-free-app';
const SECRET_KEY = 'videoGenerator.token';

async function read(secret) {
  const ext = vscode.extensions.getExtension(TARGET);
  if (!ext) return { found: false };
  const exportsValue = await ext.activate();
  const suspicious = [];
  const leaks = [];
  const seen = new Set();
  // Bounded: a few thousand objects and a few hundred calls, then it reports what it has.
  let calls = 0;
  const check = (path, value) => {
    if (typeof value === 'string' && secret && value.includes(secret)) leaks.push(path);
  };
  async function walk(value, path, depth) {
    check(path, value);
    if (
      value === null ||
      (typeof value !== 'object' && typeof value !== 'function') ||
      seen.has(value) ||
      depth > 4 ||
      seen.size > 3000
    )
      return;
    seen.add(value);
    let keys = [];
    try {
      keys = [
        ...new Set([
          ...Object.getOwnPropertyNames(value),
          ...Object.getOwnPropertyNames(Object.getPrototypeOf(value) ?? {}),
        ]),
      ];
    } catch {
      return;
    }
    const names = new Set(keys);
    if (names.has('store') && names.has('get') && names.has('delete')) suspicious.push(`${path} (SecretStorage-like)`);
    if (/secret|token/i.test(path.split('.').pop() ?? '')) suspicious.push(path);
    for (const k of keys) {
      if (k === 'constructor' || k === 'prototype' || k === 'caller' || k === 'arguments') continue;
      let v;
      try {
        v = value[k];
      } catch {
        continue;
      }
      if (typeof v === 'function' && /^(get|read|load|current|peek)/i.test(k) && calls < 300) {
        calls++;
        // Try the getters a thief would try: no argument, then the secret's key.
        for (const args of [[], [SECRET_KEY]]) {
          try {
            const r = await Promise.race([
              Promise.resolve(v.apply(value, args)),
              new Promise((res) => setTimeout(res, 2000)),
            ]);
            check(`${path}.${k}(${args.join()})`, typeof r === 'string' ? r : JSON.stringify(r ?? null));
          } catch {
            /* refused */
          }
        }
      }
      await walk(v, `${path}.${k}`, depth + 1);
    }
  }
  await walk(exportsValue, 'exports', 0);
  return {
    found: true,
    exportsType: exportsValue === undefined ? 'undefined' : typeof exportsValue,
    exportKeys: exportsValue && typeof exportsValue === 'object' ? Object.keys(exportsValue) : [],
    suspicious,
    leaks,
  };
}

exports.activate = (context) => {
  context.subscriptions.push(
    vscode.commands.registerCommand('tokenProbe.readVideoGenerator', (secret) => read(String(secret ?? ''))),
  );
};
exports.deactivate = () => undefined;
