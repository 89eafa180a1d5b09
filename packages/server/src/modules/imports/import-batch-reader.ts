import { setImmediate as yieldToIo } from 'node:timers/promises';
import { isBlankRow, mapHeaders, parseImportRow, type ColumnIndex, type ImportRecord as ParsedRow } from '@anxin/domain';
import type { FieldCipher } from '../../privacy/field-cipher.ts';
import { PERSON_CONTEXT, nationalIdIndex, phoneIndex } from '../persons/person-crypto.ts';
import { ImportFileError, type ImportFormat, type TextEncoding } from './import-file.ts';
import type { RowError } from './import-repository.ts';
import type { RowSource } from './row-source.ts';

/** A valid row, parsed, with its identifiers sealed, waiting to be written. */
export interface PendingRow {
  rowNumber: number;
  rec: ParsedRow;
  idBidx: string | null;
  personKey: string;
  hospitalKey: string | undefined;
  /** Encrypted and blind-indexed values, computed while the previous batch is being written. */
  sealed: { nationalId: string | null; phone: string | null; phoneBidx: string | null; address: string | null };
}

/** One transaction's worth of the file: its valid rows, the rejected rows' errors, how far it reaches. */
export interface ReadBatch {
  rows: PendingRow[];
  errors: RowError[];
  /** Data rows the batch covers (valid and rejected). */
  rowsInBatch: number;
  /** Bytes of the file read when the batch closed. */
  bytes: number;
}

export interface BatchReaderInput {
  path: string;
  format: ImportFormat;
  encoding: string | null;
  /** Data rows committed before (a resumed import skips them). */
  rowsDone: number;
  batchSize: number;
  /** The importer's local date (future dates are refused). */
  today: string;
}

/**
 * While the database writes a batch, the reader hands the event loop back every this many rows. A stream
 * chunk holds hundreds of rows, all parsed and encrypted in microtasks: without a break each reply of the
 * database waited for the rest of the chunk (tens of ms) before the batch's next statement went out.
 */
const ROWS_BETWEEN_YIELDS = 16;

async function openSource(input: BatchReaderInput): Promise<RowSource> {
  // Each reader is loaded only for its format (the XLSX one brings a workbook library).
  if (input.format === 'csv') return (await import('./csv-reader.ts')).csvSource(input.path, (input.encoding ?? 'utf-8') as TextEncoding);
  if (input.format === 'xlsx') return (await import('./xlsx-reader.ts')).xlsxSource(input.path);
  return (await import('./fhir-reader.ts')).fhirSource(input.path);
}

/**
 * Streams an import file as batches: validates each row with the domain's import-row contract, seals
 * identifiers, and closes a batch at `batchSize` rows, or early when a person or hospital record repeats
 * within it (the repeat must see the first one written). Throws ImportFileError for a file that cannot be
 * read as an import at all. Pure reading: nothing here touches the database.
 */
export async function* readImportBatches(input: BatchReaderInput, cipher: FieldCipher): AsyncGenerator<ReadBatch> {
  const source = await openSource(input);
  let columnIndex: ColumnIndex | undefined;
  if (source.header) {
    const mapped = mapHeaders(source.header);
    if (mapped.ok) columnIndex = mapped.columnIndex;
  }
  let seen = 0;
  let batch: ReadBatch = { rows: [], errors: [], rowsInBatch: 0, bytes: 0 };
  const keys = new Set<string>();
  const close = (): ReadBatch => {
    const done = { ...batch, bytes: source.bytesRead() };
    batch = { rows: [], errors: [], rowsInBatch: 0, bytes: 0 };
    keys.clear();
    return done;
  };

  for await (const row of source.rows) {
    if (columnIndex === undefined) {
      if (isBlankRow(row.cells)) continue;
      const mapped = mapHeaders(row.cells);
      if (!mapped.ok) {
        const parts = [
          mapped.missing.length ? `missing columns: ${mapped.missing.join(', ')}` : '',
          mapped.unknown.length ? `unknown columns: ${mapped.unknown.slice(0, 10).join(', ')}` : '',
          mapped.duplicate.length ? `repeated columns: ${mapped.duplicate.join(', ')}` : '',
        ].filter((p) => p !== '');
        throw new ImportFileError('bad_header', `The header row is not the import template's: ${parts.join('; ')}`);
      }
      columnIndex = mapped.columnIndex;
      continue;
    }
    if (!row.errors && isBlankRow(row.cells)) continue;
    seen++;
    if (seen <= input.rowsDone) continue; // committed before a crash
    if (row.errors) {
      batch.rowsInBatch++;
      for (const e of row.errors) batch.errors.push({ rowNumber: row.rowNumber, field: e.field, reason: e.reason });
    } else {
      const parsed = parseImportRow(row.cells, columnIndex, input.today);
      if (!parsed.ok) {
        batch.rowsInBatch++;
        for (const e of parsed.errors)
          batch.errors.push({
            rowNumber: row.rowNumber,
            field: e.field,
            reason: e.reason,
            // Codes only (category, ICD-10); a medication item names its prescriber, so it stays out.
            value: e.field === 'categories' || e.field === 'diagnosis' ? e.value?.slice(0, 50) : undefined,
          });
      } else {
        const rec = parsed.value;
        const p = rec.person;
        const idBidx = p.nationalId === undefined ? null : (nationalIdIndex(cipher, p.nationalId) ?? null);
        const personKey = idBidx ?? `${p.name}|${p.sex}|${p.birthDate}|${p.residenceRegionCode}`;
        const ep = rec.episode;
        const hospitalKey = ep === undefined ? undefined : ep.recordNumber !== undefined ? `n:${ep.hospital}|${ep.recordNumber}` : `a:${personKey}|${ep.hospital}|${ep.admissionDate}`;
        // The same person or episode twice in one batch: close the batch, so the second sees the first.
        if (keys.has(`p:${personKey}`) || (hospitalKey !== undefined && keys.has(hospitalKey))) yield close();
        keys.add(`p:${personKey}`);
        if (hospitalKey !== undefined) keys.add(hospitalKey);
        const sealed = {
          nationalId: p.nationalId === undefined ? null : cipher.encrypt(p.nationalId, PERSON_CONTEXT.nationalId),
          phone: p.phone === undefined ? null : cipher.encrypt(p.phone, PERSON_CONTEXT.phone),
          phoneBidx: p.phone === undefined ? null : (phoneIndex(cipher, p.phone) ?? null),
          address: p.address === undefined ? null : cipher.encrypt(p.address, PERSON_CONTEXT.address),
        };
        batch.rowsInBatch++;
        batch.rows.push({ rowNumber: row.rowNumber, rec, idBidx, personKey, hospitalKey, sealed });
      }
    }
    if (batch.rowsInBatch >= input.batchSize) yield close();
    else if (batch.rowsInBatch % ROWS_BETWEEN_YIELDS === 0) await yieldToIo();
  }
  if (columnIndex === undefined) throw new ImportFileError('bad_header', 'The file has no header row');
  if (batch.rowsInBatch > 0) yield close();
}
