/**
 * Picks a font file per text by script. drawtext never falls back to another font, so CJK text
 * in DejaVu would render as boxes ("tofu"): CJK goes to Noto Sans CJK, everything else to
 * DejaVu Sans Bold (Latin, Greek, Cyrillic). Lookup: fontconfig first, then known paths.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export type Script = 'cjk' | 'latin';

const CJK = /[\u1100-\u11ff\u2e80-\u2fdf\u3000-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/;

export function scriptOf(text: string): Script {
  return CJK.test(text) ? 'cjk' : 'latin';
}

const KNOWN: Record<Script, string[]> = {
  latin: [
    '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
    '/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf',
    '/usr/share/fonts/TTF/DejaVuSans-Bold.ttf',
    '/usr/local/share/fonts/DejaVuSans-Bold.ttf',
    '/System/Library/Fonts/Supplemental/Arial Bold.ttf',
    '/Library/Fonts/Arial Bold.ttf',
    'C:\\Windows\\Fonts\\arialbd.ttf',
  ],
  cjk: [
    '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc',
    '/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc',
    '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Bold.ttc',
    '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
    '/System/Library/Fonts/PingFang.ttc',
    '/System/Library/Fonts/Hiragino Sans GB.ttc',
    'C:\\Windows\\Fonts\\msyhbd.ttc',
    'C:\\Windows\\Fonts\\msyh.ttc',
  ],
};

const PATTERN: Record<Script, { query: string; accept: RegExp }> = {
  latin: { query: 'DejaVu Sans:style=Bold', accept: /DejaVuSans-Bold/i },
  cjk: { query: 'Noto Sans CJK SC:style=Bold', accept: /NotoSansCJK|NotoSans.*CJK/i },
};

function fcMatch(script: Script): string | undefined {
  try {
    const out = execFileSync('fc-match', ['-f', '%{file}', PATTERN[script].query], {
      encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000,
    }).trim();
    // fc-match always answers with *something*: only accept the family we asked for.
    return out && PATTERN[script].accept.test(out) && existsSync(out) ? out : undefined;
  } catch {
    return undefined;
  }
}

const found = new Map<Script, string>();

/** The font file for a script; throws an actionable error when none is installed. */
export function fontFor(script: Script): string {
  const hit = found.get(script);
  if (hit) return hit;
  const file = KNOWN[script].find((p) => existsSync(p)) ?? fcMatch(script);
  if (!file) {
    throw new Error(script === 'cjk'
      ? 'No CJK font found for Chinese/Japanese/Korean text. Install Noto Sans CJK: ' +
        'Debian/Ubuntu `sudo apt-get install -y fonts-noto-cjk`, macOS/Windows ship one (PingFang / Microsoft YaHei).'
      : 'No DejaVu Sans Bold font found for the text overlays. Install it: ' +
        'Debian/Ubuntu `sudo apt-get install -y fonts-dejavu-core` (macOS/Windows use Arial Bold).');
  }
  found.set(script, file);
  return file;
}
