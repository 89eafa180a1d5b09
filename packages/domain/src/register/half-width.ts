/**
 * Full-width ASCII (Ａ-Ｚ, ０-９, ；, －…) comes out of Chinese input methods and spreadsheets.
 * Mapping it to ASCII lets one set of patterns validate both forms.
 */
export function toHalfWidth(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= 0xff01 && cp <= 0xff5e) out += String.fromCodePoint(cp - 0xfee0);
    else if (cp === 0x3000) out += ' ';
    else out += ch;
  }
  return out;
}
