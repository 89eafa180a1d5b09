/** One record of an import file as cells, with the number a person fixing the file looks for. */
export interface SourceRow {
  /** CSV/XLSX: the spreadsheet row (header = 1); FHIR: the Bundle entry (1-based). */
  rowNumber: number;
  cells: (string | null)[];
  /** Problems the reader found itself (FHIR: an Encounter whose Patient is missing); the row is rejected. */
  errors?: { field: string; reason: string }[];
}

/** A streaming reader: the first row of CSV/XLSX is the header; FHIR sources give `header` directly. */
export interface RowSource {
  rows: AsyncIterable<SourceRow>;
  /** Bytes consumed so far, for a progress bar. */
  bytesRead(): number;
  /** Set when the format has fixed columns (FHIR): then no header row comes first. */
  header?: string[];
}
