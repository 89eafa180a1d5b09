import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { locateCjkFont } from './cjk-font.ts';

describe('locateCjkFont', () => {
  it('finds an installed CJK font without configuration (fonts-noto-cjk or fonts-wqy-microhei)', () => {
    const font = locateCjkFont({});
    expect(existsSync(font.path)).toBe(true);
    if (/\.ttc$/i.test(font.path)) expect(font.face).toBeTruthy();
  });

  it('honours ANXIN_CJK_FONT with a face, and names a missing file clearly', () => {
    const found = locateCjkFont({});
    const configured = locateCjkFont({ ANXIN_CJK_FONT: `${found.path}#${found.face ?? ''}` });
    expect(configured.path).toBe(found.path);
    expect(() => locateCjkFont({ ANXIN_CJK_FONT: '/nonexistent/font.ttc' })).toThrow(/does not exist: \/nonexistent\/font\.ttc/);
  });
});
