import { createReadStream } from 'node:fs';
import iconv from 'iconv-lite';
import { ImportFileError, type TextEncoding } from './import-file.ts';
import type { RowSource, SourceRow } from './row-source.ts';

/** A row longer than this is not a register row; stopping keeps memory bounded on a file without line breaks. */
const MAX_ROW_CHARS = 64 * 1024;

/**
 * Streams a CSV file (RFC 4180: comma-separated, `"` quotes, `""` inside quotes, CRLF or LF, line breaks
 * inside quoted cells) as rows of cells, decoding UTF-8 (BOM dropped) or GBK chunk by chunk. Row numbers
 * are the file's line numbers of each record's first line, as a spreadsheet shows them (header = 1).
 */
export function csvSource(path: string, encoding: TextEncoding): RowSource {
  let bytes = 0;
  async function* rows(): AsyncGenerator<SourceRow> {
    const decoder = iconv.getDecoder(encoding === 'gbk' ? 'gbk' : 'utf8', { stripBOM: true });
    let cells: string[] = [];
    let cell = '';
    let quoted = false;
    let afterQuote = false;
    let line = 1;
    let rowStart = 1;
    let rowChars = 0;
    let pendingCR = false;
    const stream = createReadStream(path, { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>;
    const out: SourceRow[] = [];
    const endRow = (): void => {
      cells.push(cell);
      out.push({ rowNumber: rowStart, cells });
      cells = [];
      cell = '';
      afterQuote = false;
      rowChars = 0;
    };
    const feed = (text: string): void => {
      for (let i = 0; i < text.length; i++) {
        const ch = text[i] as string;
        if (pendingCR) {
          pendingCR = false;
          if (ch === '\n') continue;
        }
        if (++rowChars > MAX_ROW_CHARS) throw new ImportFileError('row_too_long', `Row ${rowStart} is longer than ${MAX_ROW_CHARS} characters`);
        if (quoted) {
          if (ch === '"') {
            if (text[i + 1] === '"') {
              cell += '"';
              i++;
            } else if (i + 1 === text.length) {
              // The next chunk decides whether this quote is doubled: carry it over.
              carry = '"';
              rowChars--;
            } else {
              quoted = false;
              afterQuote = true;
            }
          } else {
            if (ch === '\n') line++;
            else if (ch === '\r') {
              line++;
              if (text[i + 1] === '\n') {
                cell += '\r';
                i++;
                cell += '\n';
                continue;
              }
            }
            cell += ch;
          }
          continue;
        }
        if (ch === ',') {
          cells.push(cell);
          cell = '';
          afterQuote = false;
        } else if (ch === '\n' || ch === '\r') {
          endRow();
          line++;
          rowStart = line;
          if (ch === '\r') {
            if (i + 1 < text.length) {
              if (text[i + 1] === '\n') i++;
            } else pendingCR = true;
          }
        } else if (ch === '"' && cell === '' && !afterQuote) {
          quoted = true;
        } else {
          cell += ch;
        }
      }
    };
    let carry = '';
    for await (const chunk of stream) {
      bytes += chunk.length;
      const text = decoder.write(chunk);
      const input = carry + text;
      carry = '';
      feed(input);
      yield* out.splice(0);
    }
    const tail = carry + (decoder.end() ?? '');
    carry = '';
    if (tail) feed(tail);
    if (carry === '"') {
      quoted = false;
      carry = '';
    }
    if (quoted) throw new ImportFileError('malformed', `Row ${rowStart} has a quote that is never closed`);
    if (cell !== '' || cells.length > 0) endRow();
    yield* out.splice(0);
  }
  return { rows: rows(), bytesRead: () => bytes };
}
