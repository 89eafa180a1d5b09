import { Worker } from 'node:worker_threads';
import type { FieldCipher } from '../../privacy/field-cipher.ts';
import type { BatchReaderInput, ReadBatch } from './import-batch-reader.ts';
import { ImportFileError, type FileErrorCode } from './import-file.ts';

export type ReaderMessage =
  | { type: 'batch'; batch: ReadBatch }
  | { type: 'end' }
  | { type: 'error'; fileError?: { code: FileErrorCode; message: string }; message?: string };

/** Batches read ahead of the one being taken. */
const READ_AHEAD = 1;

/**
 * readImportBatches in a worker thread: parsing, validation and encryption (most of the importer's own
 * CPU) run on another core while this thread only drives the database, so each reply of the database is
 * answered at once instead of after a chunk of parsing. Same batches, same errors, in the same order.
 */
export async function* readImportBatchesInThread(input: BatchReaderInput, cipher: FieldCipher): AsyncGenerator<ReadBatch> {
  const worker = new Worker(new URL('./import-reader-worker.mjs', import.meta.url), {
    workerData: { input, ring: cipher.keyRing },
    // The thread holds a few batches; a small young generation keeps its share of the import's memory small.
    resourceLimits: { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 64 },
  });
  const queue: ReaderMessage[] = [];
  let wake: (() => void) | undefined;
  let failure: Error | undefined;
  let exited = false;
  worker.on('message', (m: ReaderMessage) => {
    queue.push(m);
    wake?.();
  });
  worker.on('error', (e) => {
    failure = e;
    wake?.();
  });
  worker.on('exit', () => {
    exited = true;
    wake?.();
  });
  worker.postMessage({ more: READ_AHEAD });
  try {
    for (;;) {
      const m = queue.shift();
      if (m === undefined) {
        if (failure) throw failure;
        if (exited) throw new Error('the import reader thread stopped without finishing the file');
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      if (m.type === 'end') return;
      if (m.type === 'error') {
        if (m.fileError) throw new ImportFileError(m.fileError.code, m.fileError.message);
        throw new Error(`import reader thread: ${m.message ?? 'failed'}`);
      }
      worker.postMessage({ more: 1 });
      yield m.batch;
    }
  } finally {
    await worker.terminate();
  }
}
