import { createReadStream } from 'node:fs';
import { Transform } from 'node:stream';
import { ImportFileError } from './import-file.ts';
import type { RowSource, SourceRow } from './row-source.ts';

const pad = (n: number): string => String(n).padStart(2, '0');

/** A cell as the text a person typed: dates as YYYY-MM-DD, numbers without exponent, rich text joined. */
export function cellText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    // Excel stores a calendar date; exceljs hands it over as midnight UTC.
    return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  }
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if (v.result !== undefined) return cellText(v.result);
    if (typeof v.text === 'string') return v.text;
    if (v.error !== undefined) return null;
  }
  return null;
}

/**
 * Streams the first worksheet of an XLSX workbook (exceljs WorkbookReader: rows are parsed as the zip
 * is inflated, never the whole sheet in memory; shared strings are cached, as Excel stores them once).
 * Styles are read so date-formatted cells come back as dates.
 */
export function xlsxSource(path: string): RowSource {
  let bytes = 0;
  async function* rows(): AsyncGenerator<SourceRow> {
    // Loaded only for XLSX files: exceljs is large, and CSV/FHIR imports should not carry it.
    const { default: ExcelJS } = await import('exceljs');
    const input = createReadStream(path, { highWaterMark: 256 * 1024 });
    const counted = input.pipe(
      new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          bytes += chunk.length;
          callback(null, chunk);
        },
      }),
    );
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(counted, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
    let sheets = 0;
    try {
      for await (const sheet of reader) {
        sheets++;
        if (sheets > 1) {
          // Only the first sheet holds data (the template's second sheet explains the columns); drain the rest.
          for await (const _ of sheet) void _;
          continue;
        }
        for await (const row of sheet) {
          const values = row.values as unknown[];
          const cells: (string | null)[] = [];
          for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
          yield { rowNumber: row.number, cells };
        }
      }
    } catch (e) {
      if (e instanceof ImportFileError) throw e;
      throw new ImportFileError('not_xlsx', `The workbook cannot be read: ${(e as Error).message.slice(0, 200)}`);
    } finally {
      input.destroy();
      counted.destroy();
    }
    if (sheets === 0) throw new ImportFileError('not_xlsx', 'The workbook has no worksheet');
  }
  return { rows: rows(), bytesRead: () => bytes };
}
