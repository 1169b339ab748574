// What `npm start` and `npm test` need from outside the repo, installed when missing:
// npm dependencies, and Debian packages through apt-get when this system has it and we may use
// it (root, or passwordless sudo). Only Node built-ins here: this runs before `npm ci`.
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export function say(line) {
  process.stderr.write(`▸ ${line}\n`);
}
export function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) {
    say(`${cmd} ${args.join(' ')} failed (exit ${r.status}).`);
    process.exit(r.status ?? 1);
  }
}

/** npm ci (or install) when the dependencies are missing; `prepare` builds the bundles. */
export function ensureNpmDeps(root) {
  if (existsSync(join(root, 'node_modules', 'tsx')) && existsSync(join(root, 'node_modules', 'esbuild'))) return;
  say('Installing npm dependencies…');
  run('npm', [existsSync(join(root, 'package-lock.json')) ? 'ci' : 'install', '--no-audit', '--no-fund'], {
    cwd: root,
  });
}

function fontList() {
  return has('fc-list') ? execFileSync('fc-list', { encoding: 'utf8' }) : '';
}

/** Debian packages by what they provide; `present()` says whether the machine has it already. */
export const PACKAGES = {
  ffmpeg: () => !!process.env.FFMPEG_PATH || (has('ffmpeg') && has('ffprobe')),
  'fonts-dejavu-core': () => /DejaVu Sans/.test(fontList()),
  'fonts-noto-cjk': () => /Noto Sans CJK/.test(fontList()),
  'fonts-inter': () => /Inter Display/.test(fontList()),
  // The looks' fonts (render/styles.ts): elegant's serif and playful's rounded sans.
  'fonts-ebgaramond': () => /EB Garamond/.test(fontList()),
  'fonts-comfortaa': () => /Comfortaa/.test(fontList()),
  // Real photographs (GPL-2+) for `npm start`'s sample promo and the renderer's bench/tests.
  'mate-backgrounds': () => existsSync('/usr/share/backgrounds/mate/nature'),
  'python3-skimage': () => existsSync('/usr/lib/python3/dist-packages/skimage/data/astronaut.png'),
  chromium: () => existsSync('/usr/bin/chromium'),
  'libkrb5-dev': () => existsSync('/usr/include/gssapi/gssapi.h'),
  // heif-convert turns iPhone photos into JPEG before upload; heif-enc makes the tests' HEIC files.
  'libheif-examples': () => has('heif-convert') && has('heif-enc'),
};

/** Installs the missing ones with apt-get when allowed; returns those still missing. */
export function ensureSystemPackages(names) {
  let missing = names.filter((n) => !PACKAGES[n]());
  if (!missing.length) return [];
  const isRoot = process.getuid?.() === 0;
  const sudo = !isRoot && has('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  if (process.platform === 'linux' && has('apt-get') && (isRoot || sudo)) {
    say(`Installing ${missing.join(', ')} with apt-get…`);
    const apt = (args) =>
      sudo ? run('sudo', ['-n', 'apt-get', ...args], { env: aptEnv() }) : run('apt-get', args, { env: aptEnv() });
    apt(['update', '-qq']);
    apt(['install', '-y', '-qq', '--no-install-recommends', ...missing]);
    missing = names.filter((n) => !PACKAGES[n]());
  }
  return missing;
}

function aptEnv() {
  return { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
}

/** The message for a machine without ffmpeg that we could not install it on. */
export function ffmpegMissingHelp() {
  return [
    'The free local engine needs ffmpeg (with ffprobe), and it is not installed.',
    '  Debian/Ubuntu: sudo apt-get install -y ffmpeg fonts-dejavu-core fonts-noto-cjk',
    '  macOS:         brew install ffmpeg',
    '  Windows:       winget install Gyan.FFmpeg',
    'Or point FFMPEG_PATH at an ffmpeg binary (ffprobe next to it), then run the command again.',
  ];
}
