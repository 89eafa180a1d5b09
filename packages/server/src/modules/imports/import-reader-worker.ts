import { parentPort, workerData } from 'node:worker_threads';
import { FieldCipher } from '../../privacy/field-cipher.ts';
import type { KeyRing } from '../../privacy/key-store.ts';
import { readImportBatches, type BatchReaderInput } from './import-batch-reader.ts';
import { ImportFileError } from './import-file.ts';
import type { ReaderMessage } from './import-reader-thread.ts';

// The thread reads ahead by as many batches as the main thread has asked for (it asks for one at start
// and one more each time it takes one), so a slow database keeps memory bounded.
const port = parentPort;
if (!port) throw new Error('import-reader-worker runs as a worker thread');
const data = workerData as { input: BatchReaderInput; ring: KeyRing };
const input = data.input;
// Buffers arrive as plain Uint8Arrays.
const ring: KeyRing = {
  activeKeyId: data.ring.activeKeyId,
  keys: new Map([...data.ring.keys].map(([id, key]) => [id, Buffer.from(key)])),
  indexKey: Buffer.from(data.ring.indexKey),
};
let credit = 0;
let wake: (() => void) | undefined;
port.on('message', (m: { more: number }) => {
  credit += m.more;
  wake?.();
});
const post = (m: ReaderMessage): void => port.postMessage(m);
try {
  for await (const batch of readImportBatches(input, new FieldCipher(ring))) {
    while (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
    credit--;
    post({ type: 'batch', batch });
  }
  post({ type: 'end' });
} catch (e) {
  post(
    e instanceof ImportFileError
      ? { type: 'error', fileError: { code: e.code, message: e.message } }
      : { type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) },
  );
} finally {
  port.close();
}
