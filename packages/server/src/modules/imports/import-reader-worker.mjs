// Entry of the import reader's thread: the sources are TypeScript run through tsx, as in the main thread.
import { register } from 'tsx/esm/api';

register();
await import('./import-reader-worker.ts');
