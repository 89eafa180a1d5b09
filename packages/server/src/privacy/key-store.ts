import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

/**
 * Data keys for field encryption. Each data key has an id stored beside every ciphertext, so keys can
 * rotate: new writes use the active key, old values stay readable until `anxin keys rotate` re-encrypts them.
 * The blind-index key is separate and stable, because changing it would orphan every exact-match index.
 */
export interface KeyRing {
  activeKeyId: string;
  keys: ReadonlyMap<string, Buffer>;
  indexKey: Buffer;
}

const fileSchema = z.object({
  version: z.literal(1),
  activeKeyId: z.string().regex(/^k\d+$/),
  keys: z.array(z.object({ id: z.string().regex(/^k\d+$/), key: z.string(), createdAt: z.string() })).min(1),
  indexKey: z.string(),
});
type KeyFile = z.infer<typeof fileSchema>;

function decodeKey(b64: string, what: string): Buffer {
  const key = Buffer.from(b64, 'base64');
  if (key.length !== 32) throw new Error(`${what} must be 32 bytes (base64), got ${key.length}`);
  return key;
}

function toRing(file: KeyFile): KeyRing {
  const keys = new Map(file.keys.map((k) => [k.id, decodeKey(k.key, `key ${k.id}`)]));
  if (!keys.has(file.activeKeyId)) throw new Error(`active key ${file.activeKeyId} is not in the key file`);
  return { activeKeyId: file.activeKeyId, keys, indexKey: decodeKey(file.indexKey, 'indexKey') };
}

function writeKeyFile(path: string, file: KeyFile): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}

function readKeyFile(path: string): KeyFile {
  const parsed = fileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`Key file ${path} is malformed: ${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data;
}

/** Loads the key file, generating one (mode 0600) on first start. */
export function loadOrCreateKeyRing(path: string): KeyRing {
  if (!existsSync(path)) {
    writeKeyFile(path, {
      version: 1,
      activeKeyId: 'k1',
      keys: [{ id: 'k1', key: randomBytes(32).toString('base64'), createdAt: new Date().toISOString() }],
      indexKey: randomBytes(32).toString('base64'),
    });
  }
  return toRing(readKeyFile(path));
}

/** Adds a new data key and makes it active; returns the new ring. Old keys stay for decryption. */
export function addDataKey(path: string): KeyRing {
  const file = readKeyFile(path);
  const next = Math.max(...file.keys.map((k) => Number(k.id.slice(1)))) + 1;
  const id = `k${next}`;
  file.keys.push({ id, key: randomBytes(32).toString('base64'), createdAt: new Date().toISOString() });
  file.activeKeyId = id;
  writeKeyFile(path, file);
  return toRing(file);
}

/** A ring for tests: deterministic keys, no file. */
export function memoryKeyRing(seed = 1): KeyRing {
  const key = Buffer.alloc(32, seed);
  return { activeKeyId: 'k1', keys: new Map([['k1', key]]), indexKey: Buffer.alloc(32, seed + 100) };
}
