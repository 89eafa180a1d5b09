import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { AppError, COUNTRY_CODE, ErrorCode, canSomewhere, jurisdictionPrefixes } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { ImportFileError, formatFromName, inspectImportFile, type ImportFormat } from './import-file.ts';
import { ImportRepository, type ImportRecord } from './import-repository.ts';
import { runImport, type Importer, type RunImportOptions } from './import-engine.ts';
import { toImportView, type ImportView } from './import-view.ts';

/** Largest upload accepted by POST /api/imports. */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

type Ctx = Pick<AppContext, 'db' | 'clock' | 'cipher' | 'config'>;

/**
 * Finds the unfinished import of the same file by the same importer (to resume it) or creates one. The
 * file is inspected first (hash, encoding, binary): a file that cannot be imported fails here, before
 * anything is written, with an ImportFileError.
 */
export async function prepareImport(
  ctx: Ctx,
  input: { path: string; fileName: string; format: ImportFormat; storedPath: string | null; accountId: string | null; scopePrefixes: string[] },
): Promise<{ imp: ImportRecord; resumed: boolean }> {
  const inspected = await inspectImportFile(input.path, input.format);
  const repo = new ImportRepository(ctx.db);
  const unfinished = await repo.findUnfinished(inspected.sha256, input.format, input.accountId);
  if (unfinished) return { imp: unfinished, resumed: true };
  const imp = await repo.create({
    sha256: inspected.sha256,
    format: input.format,
    fileName: input.fileName.slice(0, 255) || 'upload',
    storedPath: input.storedPath,
    fileBytes: inspected.bytes,
    encoding: inspected.encoding,
    accountId: input.accountId,
    scopePrefixes: input.scopePrefixes,
    at: ctx.clock(),
  });
  return { imp, resumed: false };
}

const running = new Map<string, { done: Promise<void>; abort: AbortController }>();

/** Imports this process is running in the background, for shutdown. */
export function runningImports(): Map<string, { done: Promise<void>; abort: AbortController }> {
  return running;
}

/**
 * Runs an uploaded import in the background of this server process; the client polls GET
 * /api/imports/:id. The uploaded file is deleted when the import ends (its rows are in the database,
 * its rejected rows in import_errors); a crash leaves it for the next start to resume.
 */
export function runInBackground(ctx: Ctx, imp: ImportRecord, who: Importer, opts: RunImportOptions = {}): void {
  if (running.has(imp.id) || imp.storedPath === null) return;
  const abort = new AbortController();
  const path = imp.storedPath;
  const done = runImport(ctx, imp, path, who, { ...opts, signal: abort.signal })
    .then(async () => {
      await rm(path, { force: true });
    })
    .catch(() => {
      // Busy elsewhere, aborted at shutdown, or the database went away: the import stays resumable.
    })
    .finally(() => running.delete(imp.id));
  running.set(imp.id, { done, abort });
}

/** Picks up uploaded imports a crashed or stopped server left unfinished. */
export async function resumeAbandonedImports(ctx: Ctx): Promise<number> {
  const abandoned = await new ImportRepository(ctx.db).listAbandoned(ctx.clock());
  for (const imp of abandoned) {
    const acct = imp.accountId === null ? [] : await ctx.db.query<{ username: string }>('SELECT username FROM accounts WHERE id = $1', [imp.accountId]);
    runInBackground(ctx, imp, { accountId: imp.accountId, username: acct[0]?.username ?? 'system', role: null, clientIp: null });
  }
  return abandoned.length;
}

/**
 * POST /api/imports: stores the uploaded body under the data directory while hashing nothing in memory,
 * checks the file, and starts (or resumes) the import in the background. Rows may name only
 * communities within the caller's person.import jurisdiction.
 */
export async function startUploadedImport(
  ctx: Ctx,
  rc: RequestContext,
  input: { body: Readable; fileName: string; format?: ImportFormat | undefined },
  opts: RunImportOptions = {},
): Promise<ImportView> {
  if (!canSomewhere(rc.actor, 'person.import')) await authorize(ctx, rc, 'person.import', { regionCode: COUNTRY_CODE, resourceType: 'import' });
  const format = input.format ?? formatFromName(input.fileName);
  if (!format) throw new AppError(ErrorCode.VALIDATION, 'Say the format (csv, xlsx or fhir) or use a .csv, .xlsx or .json file name', { field: 'query.format' });

  const dir = join(ctx.config.dataDir, 'imports');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const tmp = join(dir, `${randomUUID()}.upload`);
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      bytes += chunk.length;
      if (bytes > MAX_UPLOAD_BYTES) cb(new AppError(ErrorCode.VALIDATION, `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`, { field: 'body' }));
      else cb(null, chunk);
    },
  });
  try {
    await pipeline(input.body, limit, createWriteStream(tmp, { mode: 0o600 }));
  } catch (e) {
    await rm(tmp, { force: true });
    if (e instanceof AppError) throw e;
    throw new AppError(ErrorCode.VALIDATION, 'The upload was interrupted', { field: 'body' });
  }

  let prepared: Awaited<ReturnType<typeof prepareImport>>;
  try {
    prepared = await prepareImport(ctx, {
      path: tmp,
      fileName: input.fileName,
      format,
      storedPath: null,
      accountId: rc.actor.accountId,
      scopePrefixes: jurisdictionPrefixes(rc.actor, 'person.import'),
    });
  } catch (e) {
    await rm(tmp, { force: true });
    if (e instanceof ImportFileError) throw new AppError(ErrorCode.VALIDATION, e.message, { field: 'body', details: { fileError: e.code } });
    throw e;
  }
  let { imp } = prepared;
  const finalPath = join(dir, `${imp.id}.${format}`);
  await rename(tmp, finalPath);
  if (imp.storedPath !== finalPath) {
    await ctx.db.query('UPDATE imports SET stored_path = $2 WHERE id = $1', [imp.id, finalPath]);
    imp = { ...imp, storedPath: finalPath };
  }
  runInBackground(ctx, imp, { accountId: rc.actor.accountId, username: rc.actor.username, role: rc.actor.roles.map((r) => r.role).join(',') || null, clientIp: rc.clientIp }, opts);
  return toImportView(imp);
}
