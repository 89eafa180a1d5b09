import type { ImportRecord, ImportStatus } from './import-repository.ts';

export interface ImportView {
  id: string;
  fileName: string;
  format: string;
  status: ImportStatus;
  fileBytes: number;
  bytesDone: number;
  /** Data rows read so far (the CLI's `read`). */
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errorCode: string | null;
  errorMessage: string | null;
  startedAt: string;
  finishedAt: string | null;
}

export const toImportView = (i: ImportRecord): ImportView => ({
  id: i.id,
  fileName: i.fileName,
  format: i.format,
  status: i.status,
  fileBytes: i.fileBytes,
  bytesDone: i.bytesDone,
  read: i.rowsDone,
  created: i.created,
  updated: i.updated,
  unchanged: i.unchanged,
  rejected: i.rejected,
  errorCode: i.errorCode,
  errorMessage: i.errorMessage,
  startedAt: i.startedAt.toISOString(),
  finishedAt: i.finishedAt?.toISOString() ?? null,
});
