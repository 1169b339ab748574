#!/usr/bin/env node
// `npm start`: the main job on a fresh clone. Installs what is missing (npm dependencies; ffmpeg
// and fonts through apt-get when this system has it and we may use it), builds, makes a handful
// of sample photos and a logo at run time, runs
//   video-gen make "turn these photos into a 30-second promo video with music and text overlays"
// on the free local engine, and prints the path of the MP4.
// Uses only Node built-ins until the dependencies are installed.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureNpmDeps, ensureSystemPackages, ffmpegMissingHelp, run, say } from './lib/systemDeps.mjs';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);
const REQUEST = 'turn these photos into a 30-second promo video with music and text overlays';
const samples = join(root, '.cache', 'samples');
const output = join(root, 'exports', 'promo.mp4');

// 1. npm dependencies (the prepare script builds the bundles).
ensureNpmDeps(root);

// 2. ffmpeg and fonts.
const missing = ensureSystemPackages([
  'ffmpeg',
  'fonts-dejavu-core',
  'fonts-noto-cjk',
  'fonts-inter',
  'fonts-ebgaramond',
  'fonts-comfortaa',
  'mate-backgrounds',
]);
if (missing.includes('ffmpeg')) {
  for (const line of ffmpegMissingHelp()) say(line);
  process.exit(1);
}
if (missing.length) say(`Note: ${missing.join(', ')} missing; text may fall back to another font.`);

// 3. Build (fast; keeps dist/ in step with the sources).
run(process.execPath, ['esbuild.mjs']);

// 4. Sample media: real photographs from Debian's mate-backgrounds (GPL-2+, installed above)
// when present — the first video a newcomer sees should look like a promo, not a screensaver —
// else five generated stills of mixed sizes; and a transparent logo made now (no binaries in git).
const REAL = '/usr/share/backgrounds/mate/nature';
const realPicks = ['YellowFlower.jpg', 'LadyBird.jpg', 'FreshFlower.jpg', 'Wood.jpg', 'TwoWings.jpg'];
const photos = [
  ['summer-sale-01.jpg', '4000x3000', 'gradients=s=4000x3000:c0=0xff7e5f:c1=0xfeb47b:c2=0x6a82fb:n=3:seed=1'],
  ['summer-sale-02.jpg', '1200x1600', 'mandelbrot=s=1200x1600:maxiter=200:start_scale=2.2'],
  ['summer-sale-03.jpg', '1600x1200', 'gradients=s=1600x1200:c0=0x43cea2:c1=0x185a9d:c2=0xf8ffae:n=3:seed=7'],
  [
    'summer-sale-04.jpg',
    '3000x4000',
    'gradients=s=3000x4000:c0=0x8e2de2:c1=0x4a00e0:c2=0x00c9ff:c3=0xf7797d:n=4:seed=5',
  ],
  ['summer-sale-05.jpg', '1080x1080', 'gradients=s=1080x1080:c0=0xee0979:c1=0xff6a00:c2=0xffd200:n=3:seed=11'],
];
rmSync(samples, { recursive: true, force: true });
mkdirSync(samples, { recursive: true });
const files = [];
if (realPicks.every((f) => existsSync(join(REAL, f)))) {
  say('Using five real photos from mate-backgrounds and making a logo…');
  realPicks.forEach((f, i) => {
    const file = join(samples, `spring-garden-0${i + 1}.jpg`);
    copyFileSync(join(REAL, f), file);
    files.push(file);
  });
} else {
  say('Making five sample photos and a logo (install mate-backgrounds for real photos)…');
  for (const [name, , source] of photos) {
    const file = join(samples, name);
    run('ffmpeg', [
      '-hide_banner',
      '-loglevel',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      source,
      '-frames:v',
      '1',
      '-q:v',
      '3',
      file,
    ]);
    files.push(file);
  }
}
const logo = join(samples, 'logo.png');
// A coral disc with a white centre on a transparent background (geq writes the alpha channel).
const disc = (inside, ring) => `if(lt(hypot(X-160,Y-160),70),${inside},${ring})`;
run('ffmpeg', [
  '-hide_banner',
  '-loglevel',
  'error',
  '-y',
  '-f',
  'lavfi',
  '-i',
  `color=c=white:s=320x320,format=rgba,geq=r='${disc(255, 255)}':g='${disc(255, 90)}':b='${disc(255, 95)}':a='if(lt(hypot(X-160,Y-160),150),255,0)'`,
  '-frames:v',
  '1',
  logo,
]);
files.push(logo);

// 5. The main job, on the free local engine.
say(`video-gen make "${REQUEST}" (local engine)…`);
mkdirSync(join(root, 'exports'), { recursive: true });
run(
  process.execPath,
  [
    join(root, 'dist', 'cli.js'),
    'make',
    REQUEST,
    ...files,
    '-o',
    output,
    '--backend',
    'local',
    '--data',
    join(root, '.cache', 'engine'),
  ],
  {
    env: { ...process.env, VIDEO_GEN_CONFIG_DIR: join(root, '.cache', 'config') },
  },
);

// 6. Show what was made.
const probe = spawnSync(
  'ffprobe',
  ['-v', 'error', '-show_entries', 'stream=codec_name,width,height:format=duration', '-of', 'json', output],
  { encoding: 'utf8' },
);
if (probe.status === 0) {
  const info = JSON.parse(probe.stdout);
  const v = info.streams.find((s) => s.width);
  const a = info.streams.find((s) => !s.width);
  say(
    `Made a ${v.width}x${v.height} ${v.codec_name}${a ? ` + ${a.codec_name}` : ''} video of ${Number(info.format.duration).toFixed(1)} s.`,
  );
}
// The path itself was printed once already, by `video-gen make` (its result, on stdout).
