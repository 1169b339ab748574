/**
 * Picks a font file per text by script (and weight). drawtext never falls back to another font,
 * so CJK text in a Latin font would render as boxes ("tofu"): CJK goes to Noto Sans CJK,
 * everything else to Inter (Debian `fonts-inter`, SIL OFL: the modern sans most apps use; the
 * Display cut for titles), falling back to DejaVu Sans Bold (Latin, Greek, Cyrillic) when Inter
 * is not installed. Lookup: known paths first, then fontconfig.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export type Script = 'cjk' | 'latin';

const CJK =
  /[\u1100-\u11ff\u2e80-\u2fdf\u3000-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/;

export function scriptOf(text: string): Script {
  return CJK.test(text) ? 'cjk' : 'latin';
}

export type Weight = 'heavy' | 'bold' | 'semibold';

/** Inter per weight (titles heavy, captions semibold); any missing one falls back to the chain below. */
const INTER: Record<Weight, string[]> = {
  heavy: [
    '/usr/share/fonts/opentype/inter/InterDisplay-ExtraBold.otf',
    '/usr/share/fonts/opentype/inter/Inter-ExtraBold.otf',
  ],
  bold: ['/usr/share/fonts/opentype/inter/InterDisplay-Bold.otf', '/usr/share/fonts/opentype/inter/Inter-Bold.otf'],
  semibold: ['/usr/share/fonts/opentype/inter/Inter-SemiBold.otf', '/usr/share/fonts/opentype/inter/Inter-Bold.otf'],
};

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
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 5000,
    }).trim();
    // fc-match always answers with *something*: only accept the family we asked for.
    return out && PATTERN[script].accept.test(out) && existsSync(out) ? out : undefined;
  } catch {
    return undefined;
  }
}

const found = new Map<string, string>();

/**
 * The font file for a script; throws an actionable error when none is installed. `weight`
 * picks an Inter cut for Latin text (CJK always uses Noto Sans CJK Bold).
 */
export function fontFor(script: Script, weight?: Weight): string {
  const key = `${script}:${weight ?? ''}`;
  const hit = found.get(key);
  if (hit) return hit;
  const preferred = script === 'latin' && weight ? INTER[weight] : [];
  const file = [...preferred, ...KNOWN[script]].find((p) => existsSync(p)) ?? fcMatch(script);
  if (!file) {
    throw new Error(
      script === 'cjk'
        ? 'No CJK font found for Chinese/Japanese/Korean text. Install Noto Sans CJK: ' +
            'Debian/Ubuntu `sudo apt-get install -y fonts-noto-cjk`, macOS/Windows ship one (PingFang / Microsoft YaHei).'
        : 'No DejaVu Sans Bold font found for the text overlays. Install it: ' +
            'Debian/Ubuntu `sudo apt-get install -y fonts-inter fonts-dejavu-core` (macOS/Windows use Arial Bold).',
    );
  }
  found.set(key, file);
  return file;
}
