import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { TextDecoder } from 'node:util';
import iconv from 'iconv-lite';

export const IMPORT_FORMATS = ['csv', 'xlsx', 'fhir'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
export type TextEncoding = 'utf-8' | 'gbk';

/** Why a whole file cannot be imported (reported per file, before anything is written). */
export type FileErrorCode =
  | 'unreadable'
  | 'empty'
  | 'binary'
  | 'unsupported_encoding'
  | 'not_xlsx'
  | 'not_fhir_bundle'
  | 'bad_header'
  | 'row_too_long'
  | 'malformed';

export class ImportFileError extends Error {
  constructor(
    readonly code: FileErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface InspectedFile {
  sha256: string;
  bytes: number;
  /** For CSV: the detected text encoding; FHIR is always UTF-8; XLSX has none. */
  encoding: TextEncoding | null;
}

/** The format a file name implies, or undefined. */
export function formatFromName(name: string): ImportFormat | undefined {
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return 'csv';
  if (lower.endsWith('.xlsx')) return 'xlsx';
  if (lower.endsWith('.json') || lower.endsWith('.fhir')) return 'fhir';
  return undefined;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * One pass over the file: its SHA-256 (the import's identity for resuming) and, for text formats, a
 * check that every byte decodes. CSV is UTF-8 (with or without BOM) when the whole file is valid
 * UTF-8, else GBK when GBK decodes it without a replacement character; anything else (UTF-16,
 * Big5 that GBK rejects, binary data, random bytes) is refused with a per-file error before a row is
 * written (the GBK check is a second pass, needed only when the file is not UTF-8). A NUL byte or more than 1% control characters marks a binary file. Reads in chunks: memory
 * stays flat whatever the size.
 */
export async function inspectImportFile(path: string, format: ImportFormat): Promise<InspectedFile> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (e) {
    throw new ImportFileError('unreadable', `Cannot read the file: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  if (size === 0) throw new ImportFileError('empty', 'The file is empty');

  const hash = createHash('sha256');
  let utf8: TextDecoder | undefined = new TextDecoder('utf-8', { fatal: true });

  let first = true;
  let controls = 0;
  let firstText = '';
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      if (format === 'xlsx') {
        if (first && !(chunk[0] === 0x50 && chunk[1] === 0x4b && chunk[2] === 0x03 && chunk[3] === 0x04))
          throw new ImportFileError('not_xlsx', 'The file is not an XLSX workbook');
        first = false;
        continue;
      }
      if (first) {
        if ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))
          throw new ImportFileError('unsupported_encoding', 'UTF-16 text is not supported: save the file as UTF-8 or GBK');
        first = false;
      }
      for (const b of chunk) {
        if (b === 0) throw new ImportFileError('binary', 'The file contains binary data, not text');
        if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) controls++;
      }
      if (utf8) {
        try {
          const text = utf8.decode(chunk, { stream: true });
          if (firstText.length < 64) firstText += text.slice(0, 64);
        } catch {
          utf8 = undefined;
        }
      }
    }
  } catch (e) {
    if (e instanceof ImportFileError) throw e;
    throw new ImportFileError('unreadable', `Cannot read the file: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  if (format === 'xlsx') return { sha256: hash.digest('hex'), bytes: size, encoding: null };
  if (controls > size / 100) throw new ImportFileError('binary', 'The file contains binary data, not text');
  if (utf8) {
    try {
      utf8.decode();
    } catch {
      utf8 = undefined;
    }
  }
  if (format === 'fhir') {
    if (!utf8) throw new ImportFileError('unsupported_encoding', 'A FHIR Bundle must be UTF-8 JSON');
    if (!/^\uFEFF?\s*\{/.test(firstText)) throw new ImportFileError('not_fhir_bundle', 'The file is not a JSON FHIR Bundle');
    return { sha256: hash.digest('hex'), bytes: size, encoding: 'utf-8' };
  }
  // Not UTF-8: a second pass decides whether GBK reads every byte (most files never need it).
  const encoding: TextEncoding | undefined = utf8 ? 'utf-8' : (await decodesAsGbk(path)) ? 'gbk' : undefined;
  if (!encoding) throw new ImportFileError('unsupported_encoding', 'The text is neither UTF-8 nor GBK: save the file as UTF-8 or GBK');
  return { sha256: hash.digest('hex'), bytes: size, encoding };
}

async function decodesAsGbk(path: string): Promise<boolean> {
  const gbk = iconv.getDecoder('gbk');
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>) {
    if (gbk.write(chunk).includes('\uFFFD')) return false;
  }
  return !(gbk.end() ?? '').includes('\uFFFD');
}

export { UTF8_BOM };
