/**
 * A creator's workspace, made fresh for every journey (no binaries in git): five photos with real
 * detail in mixed sizes and orientations, and a logo with a transparent background — all made
 * by ffmpeg's lavfi sources.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PHOTOS: Array<[string, string]> = [
  ['beach-01.jpg', 'gradients=s=1600x1200:c0=0xff7e5f:c1=0xfeb47b:c2=0x6a82fb:n=3:seed=1'],
  ['city-02.jpg', 'mandelbrot=s=900x1200:maxiter=120:start_scale=2.2'],
  ['forest-03.jpg', 'gradients=s=1600x1200:c0=0x43cea2:c1=0x185a9d:c2=0xf8ffae:n=3:seed=7'],
  ['night-04.jpg', 'gradients=s=1080x1440:c0=0x8e2de2:c1=0x4a00e0:c2=0x00c9ff:c3=0xf7797d:n=4:seed=5'],
  ['sunset-05.jpg', 'gradients=s=1080x1080:c0=0xee0979:c1=0xff6a00:c2=0xffd200:n=3:seed=11'],
];

export const MEDIA_FOLDER = 'media';
export const PHOTO_NAMES = PHOTOS.map(([n]) => n);
export const LOGO_NAME = 'logo.png';
/** All six files in Explorer order (sorted by name). */
export const ALL_MEDIA = [...PHOTO_NAMES, LOGO_NAME].sort();

function ffmpeg(args: string[]): void {
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

/** A new workspace folder with media/ holding the five photos and the logo. */
export function makeCreatorWorkspace(): string {
  const ws = mkdtempSync(join(tmpdir(), 'vg-e2e-ws-'));
  const dir = join(ws, MEDIA_FOLDER);
  mkdirSync(dir);
  for (const [name, source] of PHOTOS)
    ffmpeg(['-f', 'lavfi', '-i', source, '-frames:v', '1', '-q:v', '4', join(dir, name)]);
  // A coral disc with a white centre on a transparent background (geq writes the alpha channel).
  const disc = (inside: number, ring: number) => `if(lt(hypot(X-128,Y-128),56),${inside},${ring})`;
  ffmpeg([
    '-f',
    'lavfi',
    '-i',
    `color=c=white:s=256x256,format=rgba,geq=r='${disc(255, 255)}':g='${disc(255, 90)}':b='${disc(255, 95)}':a='if(lt(hypot(X-128,Y-128),120),255,0)'`,
    '-frames:v',
    '1',
    join(dir, LOGO_NAME),
  ]);
  return ws;
}
