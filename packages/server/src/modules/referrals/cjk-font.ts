import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { AppError, ErrorCode } from '@anxin/domain';

/** A font file able to draw Chinese, and for a collection (.ttc) the face to use. */
export interface CjkFont {
  path: string;
  /** PostScript name of the face inside a .ttc collection; undefined for a single-face file. */
  face: string | undefined;
}

// Preferred faces, best first: a plain simplified-Chinese sans reads best on a printed form.
const PREFERENCE = [/NotoSansCJKsc-Regular/i, /SourceHanSansSC-Regular/i, /WenQuanYiMicroHei$/i, /NotoSansCJK.*-Regular/i, /Sans/i, /.*/];

const WELL_KNOWN: CjkFont[] = [
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', face: 'WenQuanYiMicroHei' },
  { path: '/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc', face: 'WenQuanYiMicroHei' },
];

const isCollection = (path: string): boolean => /\.ttc$/i.test(path);

/** Candidates from fontconfig (`fc-list :lang=zh`), when it is installed. */
function fromFontconfig(): CjkFont[] {
  let out: string;
  try {
    out = execFileSync('fc-list', [':lang=zh', '--format', '%{file}|%{postscriptname}\n'], { encoding: 'utf8', timeout: 5000 });
  } catch {
    return [];
  }
  const fonts = out
    .split('\n')
    .map((line) => line.split('|'))
    .filter((p): p is [string, string] => p.length === 2 && /\.(ttf|otf|ttc)$/i.test(p[0] ?? ''))
    .map(([path, face]): CjkFont => ({ path, face: isCollection(path) && face !== '' ? face : undefined }));
  const rank = (f: CjkFont): number => PREFERENCE.findIndex((re) => re.test(f.face ?? f.path));
  // Bold, light and serif faces last; otherwise by preference.
  const weight = (f: CjkFont): number => (/(bold|black|heavy|light|thin|medium|serif|mono)/i.test(f.face ?? f.path) ? 1 : 0);
  return fonts.sort((a, b) => weight(a) - weight(b) || rank(a) - rank(b) || a.path.localeCompare(b.path));
}

let cached: CjkFont | undefined;

/**
 * Finds a CJK font on this machine at run time: `ANXIN_CJK_FONT` (a path, with `#Face` for a collection),
 * then fontconfig, then well-known Debian paths. Nothing is downloaded. Without one → UNAVAILABLE, saying
 * what to install.
 */
export function locateCjkFont(env: NodeJS.ProcessEnv = process.env): CjkFont {
  const configured = env.ANXIN_CJK_FONT;
  if (configured !== undefined && configured !== '') {
    const [path = '', face] = configured.split('#');
    if (!existsSync(path)) {
      throw new AppError(ErrorCode.UNAVAILABLE, `ANXIN_CJK_FONT names a file that does not exist: ${path}`);
    }
    return { path, face: face === undefined || face === '' ? undefined : face };
  }
  if (cached && existsSync(cached.path)) return cached;
  const found = [...fromFontconfig(), ...WELL_KNOWN].find((f) => existsSync(f.path) && (!isCollection(f.path) || f.face !== undefined));
  if (!found) {
    throw new AppError(
      ErrorCode.UNAVAILABLE,
      'No Chinese (CJK) font is installed, so the referral letter cannot be printed. Install fonts-noto-cjk or fonts-wqy-microhei, or set ANXIN_CJK_FONT to a .ttf/.otf/.ttc file',
    );
  }
  cached = found;
  return found;
}
