import { execFileSync } from 'node:child_process';

export interface CjkFont {
  file: string;
  /** PostScript name of the face inside a collection (.ttc), or undefined for a single-face file. */
  face: string | undefined;
}

let cached: CjkFont | null | undefined;

/** Parses `fc-list :lang=zh file postscriptname style` output; prefers a Simplified-Chinese sans regular face. */
export function pickCjkFont(fcListOutput: string): CjkFont | null {
  const fonts = fcListOutput
    .split('\n')
    .map((line) => {
      const m = /^(.+?\.(?:ttc|ttf|otf|otc)):\s*(.*)$/i.exec(line.trim());
      if (!m) return undefined;
      const ps = /postscriptname=([^:]+)/.exec(m[2] ?? '')?.[1];
      const style = /style=([^:]+)/.exec(m[2] ?? '')?.[1] ?? '';
      return { file: m[1] as string, face: ps, style };
    })
    .filter((f): f is { file: string; face: string | undefined; style: string } => f !== undefined);
  const score = (f: { face: string | undefined; style: string; file: string }) =>
    (f.face?.includes('sc') || f.face?.includes('SC') ? 4 : 0) +
    (/Regular|Normal|Book/i.test(f.style) ? 2 : 0) +
    (/Sans/i.test(f.face ?? f.file) && !/Mono/i.test(f.face ?? '') ? 1 : 0);
  const best = fonts.sort((a, b) => score(b) - score(a))[0];
  if (!best) return null;
  return { file: best.file, face: /\.tt[c]$|\.otc$/i.test(best.file) ? best.face : undefined };
}

/** The system's CJK font (found once with fontconfig), or null when none is installed. */
export function systemCjkFont(): CjkFont | null {
  if (cached !== undefined) return cached;
  try {
    cached = pickCjkFont(execFileSync('fc-list', [':lang=zh', 'file', 'postscriptname', 'style'], { encoding: 'utf8', timeout: 10_000 }));
  } catch {
    cached = null;
  }
  return cached;
}
