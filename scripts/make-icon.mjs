#!/usr/bin/env node
// Makes media/icon.png (128x128), the Marketplace / Open VSX icon, from media/icon.svg (the
// activity-bar glyph, monochrome by design): the glyph in white on a rounded violet tile (a
// flat colour: ImageMagick's built-in SVG renderer draws no gradients). vsce refuses SVG
// icons, so the PNG is committed; rerun after changing icon.svg:
//   node scripts/make-icon.mjs        (needs ImageMagick's `convert`, with librsvg or MSVG)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const glyph = readFileSync(join(root, 'media/icon.svg'), 'utf8')
  .replace(/<\?xml[^>]*>/, '')
  .replace(/<!--[\s\S]*?-->/g, '')
  .replace(/<svg[^>]*>/, '')
  .replace(/<\/svg>\s*$/, '')
  .replaceAll('currentColor', '#ffffff');
const tile = `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 24 24">
  <rect width="24" height="24" rx="5" fill="#5b3ae6"/>
  <g transform="translate(2.4 2.4) scale(0.8)" fill="none" stroke="#ffffff" stroke-width="1.6" stroke-linejoin="round" stroke-linecap="round">${glyph}</g>
</svg>`;
const dir = mkdtempSync(join(tmpdir(), 'vg-icon-'));
try {
  const svg = join(dir, 'tile.svg');
  writeFileSync(svg, tile);
  execFileSync('convert', [
    '-background',
    'none',
    '-density',
    '96',
    svg,
    '-resize',
    '128x128',
    '-strip',
    `PNG32:${join(root, 'media/icon.png')}`,
  ]);
  console.log('media/icon.png written (128x128)');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
