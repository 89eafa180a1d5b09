import { duplicateBlockingKeys, isReviewableDuplicatePair, orderedPair, storedBlockingKeys } from '@anxin/domain/register/duplicate-blocking.ts';
import { regionPrefix, type ImportRecord as ParsedRow } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { Queryable } from '../../db/database.ts';
import { timeOrderedUuid } from '../../db/time-ordered-uuid.ts';
import { DuplicateRepository } from '../community/duplicate-repository.ts';
import { episodeKey, writeEpisodes, type EpisodeWrite } from '../episodes/episode-store.ts';
import type { RouteCache } from '../episodes/hand-over.ts';
import { PERSON_CONTEXT, localIsoDate } from '../persons/person-crypto.ts';
import { readImportBatches, type PendingRow } from './import-batch-reader.ts';
import { ImportFileError } from './import-file.ts';
import { readImportBatchesInThread } from './import-reader-thread.ts';
import { ImportRepository, type ImportRecord, type RowError } from './import-repository.ts';

/** Who runs the import, for the audit trail. The CLI is the system actor: no account, username `cli:<os user>`. */
export interface Importer {
  accountId: string | null;
  username: string;
  role: string | null;
  clientIp: string | null;
}

export interface ImportProgress {
  importId: string;
  rowsDone: number;
  bytesDone: number;
  fileBytes: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface RunImportOptions {
  /** Rows per transaction; 1000 by default. */
  batchSize?: number;
  onProgress?: (p: ImportProgress) => void;
  /** Test hook: throw after this many batches have committed, as a crash would stop the import. */
  failAfterBatches?: number;
  /** How long a batch may take before another process may take the import over; 2 minutes by default. */
  leaseMs?: number;
  /** Stops between batches (server shutdown); the import stays resumable. */
  signal?: AbortSignal;
  /** Read, validate and encrypt in a worker thread; by default for files of READER_THREAD_MIN_BYTES and more. */
  readerThread?: boolean;
}

export interface ImportSummary extends ImportProgress {
  status: 'done' | 'failed';
  errorCode: string | null;
  errorMessage: string | null;
}

/** Thrown when another live process holds the import's lease. */
export class ImportBusyError extends Error {}

class BatchConflict extends Error {}

/** A unique violation of persons' national-ID index (node-postgres and PGlite both report code and constraint). */
function isNationalIdTaken(e: unknown): boolean {
  const x = e as { code?: unknown; constraint?: unknown; message?: unknown } | null;
  return x?.code === '23505' && String(x.constraint ?? x.message ?? '').includes('persons_national_id_bidx_idx');
}

// One import batch at a time across processes: look-ups and inserts of overlapping files stay consistent.
const IMPORT_LOCK = 7_346_120;
const DEFAULT_BATCH = 1000;
/**
 * Files from this size on are read in a worker thread (import-reader-thread.ts); smaller ones are read
 * here, where a thread's start-up (~0.3 s) would cost more than it saves.
 */
const READER_THREAD_MIN_BYTES = 4 * 1024 * 1024;

interface ExistingPerson {
  id: string;
  name: string;
  sex: string;
  birth_date: string;
  phone_bidx: string | null;
  address_enc: string | null;
  region_code: string;
  national_id_bidx: string | null;
}

const within = (code: string, prefixes: readonly string[]): boolean => prefixes.some((p) => code.startsWith(p));

/** Where a written row's blocking keys are stored (key table rows, or its own name + birth date key). */
function storedKeysOf(r: PendingRow, phoneToken: string | null): ReturnType<typeof storedBlockingKeys> {
  const p = r.rec.person;
  return storedBlockingKeys({ name: p.name, birthDate: p.birthDate, phoneToken, hasNationalId: r.idBidx !== null, mergedInto: null });
}

/**
 * Runs (or resumes) one import: streams the file, validates each row with the domain's import-row
 * contract, and writes batches of rows, each batch in one transaction together with the import's
 * progress, its rejected rows and an audit entry. A crash loses at most the batch in flight; running
 * the same import again skips the committed rows. Every write is also idempotent on its own (national
 * ID; name + sex + birth date + community for persons without one; hospital + record number for
 * episodes), so overlapping files and re-imports of a finished file create nothing twice.
 */
export async function runImport(
  ctx: Pick<AppContext, 'db' | 'clock' | 'cipher' | 'config'>,
  imp: ImportRecord,
  path: string,
  who: Importer,
  opts: RunImportOptions = {},
): Promise<ImportSummary> {
  const repo = new ImportRepository(ctx.db);
  const leaseMs = opts.leaseMs ?? 120_000;
  const leaseUntil = (): Date => new Date(ctx.clock().getTime() + leaseMs);
  if (!(await repo.claim(imp.id, ctx.clock(), leaseUntil()))) throw new ImportBusyError(`Import ${imp.id} is being run by another process`);

  const batchSize = opts.batchSize ?? DEFAULT_BATCH;
  const prefixes = imp.scopePrefixes;
  const progress: ImportProgress = {
    importId: imp.id,
    rowsDone: imp.rowsDone,
    bytesDone: imp.bytesDone,
    fileBytes: imp.fileBytes,
    created: imp.created,
    updated: imp.updated,
    unchanged: imp.unchanged,
    rejected: imp.rejected,
  };
  const regionExists = new Map<string, boolean>();
  const hospitals = new Map<string, { id: string } | { error: string }>();
  const routeCache: RouteCache = new Map();
  let batches = 0;
  let inFlight: Promise<void> | undefined;

  try {
    const input = { path, format: imp.format, encoding: imp.encoding, rowsDone: imp.rowsDone, batchSize, today: localIsoDate(ctx.clock(), ctx.config.timeZone) };
    const readInThread = opts.readerThread ?? imp.fileBytes >= READER_THREAD_MIN_BYTES;
    const batchesOf = readInThread ? readImportBatchesInThread(input, ctx.cipher) : readImportBatches(input, ctx.cipher);
    // One batch is written while the next is read, validated and encrypted. Batches still commit one after
    // another, in file order: a batch starts only when the one before it has committed, so progress in
    // `imports` always names a prefix of the file.
    for await (const batch of batchesOf) {
      const flight = inFlight;
      inFlight = undefined;
      if (flight) await flight;
      opts.signal?.throwIfAborted();
      const env = { prefixes, regionExists, hospitals, routeCache, rowsInBatch: batch.rowsInBatch, bytes: batch.bytes, leaseUntil };
      const next = commitBatch(ctx, imp, who, batch.rows, batch.errors, progress, env).then(() => {
        batches++;
        opts.onProgress?.({ ...progress });
        if (opts.failAfterBatches !== undefined && batches >= opts.failAfterBatches) throw new Error('injected failure after a committed batch');
      });
      next.catch(() => undefined); // awaited before the next batch (or at the end); no unhandled rejection meanwhile
      inFlight = next;
    }
    const last = inFlight;
    inFlight = undefined;
    if (last) await last;
    progress.bytesDone = imp.fileBytes;
    await repo.finish(imp.id, ctx.clock(), imp.fileBytes);
    return { ...progress, status: 'done', errorCode: null, errorMessage: null };
  } catch (e) {
    // A batch still being written ends (commits or fails) before the import's status changes.
    if (inFlight) await inFlight.catch(() => undefined);
    if (e instanceof ImportFileError) {
      await repo.fail(imp.id, ctx.clock(), e.code, e.message);
      return { ...progress, status: 'failed', errorCode: e.code, errorMessage: e.message };
    }
    // Anything else (database down, a crash simulated in tests): leave the import resumable.
    await repo.release(imp.id).catch(() => undefined);
    throw e;
  }
}

interface BatchEnv {
  prefixes: string[];
  regionExists: Map<string, boolean>;
  hospitals: Map<string, { id: string } | { error: string }>;
  routeCache: RouteCache;
  rowsInBatch: number;
  bytes: number;
  leaseUntil: () => Date;
}

/** Region and hospital look-ups a batch needs, cached for the whole import. */
async function resolveReferences(q: Queryable, rows: readonly PendingRow[], env: BatchEnv): Promise<void> {
  const codes = [...new Set(rows.map((r) => r.rec.person.residenceRegionCode))].filter((c) => !env.regionExists.has(c));
  if (codes.length > 0) {
    const found = await q.query<{ code: string }>(`SELECT code FROM regions WHERE code = ANY ($1::text[]) AND level IN ('community', 'grid')`, [codes]);
    const set = new Set(found.map((f) => f.code));
    for (const c of codes) env.regionExists.set(c, set.has(c));
  }
  const names = [...new Set(rows.flatMap((r) => (r.rec.episode ? [r.rec.episode.hospital] : [])))].filter((n) => !env.hospitals.has(n));
  if (names.length > 0) {
    const found = await q.query<{ id: string; name: string; region_code: string }>(
      `SELECT id, name, region_code FROM organizations WHERE type = 'designated_hospital' AND (name = ANY ($1::text[]) OR id::text = ANY ($1::text[]))`,
      [names],
    );
    for (const n of names) {
      const matches = found.filter((f) => f.name === n || f.id === n);
      // A hospital inside the jurisdiction, or above it (a city hospital treats the districts' residents).
      const inScope = matches.filter((m) => within(m.region_code, env.prefixes) || env.prefixes.some((p) => p.startsWith(regionPrefix(m.region_code))));
      const only = inScope[0];
      env.hospitals.set(
        n,
        inScope.length === 1 && only ? { id: only.id } : inScope.length > 1 ? { error: 'ambiguous_hospital' } : matches.length > 0 ? { error: 'out_of_jurisdiction' } : { error: 'unknown_hospital' },
      );
    }
  }
}

async function commitBatch(
  ctx: Pick<AppContext, 'db' | 'clock' | 'cipher' | 'config'>,
  imp: ImportRecord,
  who: Importer,
  rows: readonly PendingRow[],
  readErrors: readonly RowError[],
  progress: ImportProgress,
  env: BatchEnv,
): Promise<void> {
  await resolveReferences(ctx.db, rows, env);
  for (let attempt = 1; ; attempt++) {
    try {
      const counts = await ctx.db.transaction((tx) => writeBatch(tx, ctx, imp, who, rows, readErrors, progress, env));
      progress.created += counts.created;
      progress.updated += counts.updated;
      progress.unchanged += counts.unchanged;
      progress.rejected += counts.rejected;
      progress.rowsDone += env.rowsInBatch;
      progress.bytesDone = env.bytes;
      return;
    } catch (e) {
      // Someone registered the same national ID between our look-up and insert: look again.
      if (e instanceof BatchConflict && attempt < 3) continue;
      throw e;
    }
  }
}

async function writeBatch(
  tx: Queryable,
  ctx: Pick<AppContext, 'clock' | 'cipher' | 'config'>,
  imp: ImportRecord,
  who: Importer,
  rows: readonly PendingRow[],
  readErrors: readonly RowError[],
  progress: ImportProgress,
  env: BatchEnv,
): Promise<{ created: number; updated: number; unchanged: number; rejected: number }> {
  const now = ctx.clock();
  const today = localIsoDate(now, ctx.config.timeZone);
  const cipher = ctx.cipher;
  // One round trip: the lock, and two settings for this transaction only.
  // - The batch's commit does not wait for its WAL flush: a database crash can lose only the last few
  //   batches, together with the progress that records them (same transaction), so the resumed import
  //   writes them again. The import's final status is committed normally, which flushes everything before it.
  // - No JIT compilation: a batch's statements are short, but the planner's row estimates for a register
  //   that grew since it was last analyzed put some above jit_above_cost, and PostgreSQL then spent
  //   100–400 ms compiling a statement that runs in 1 ms (seen at 700 000 persons).
  await tx.query(
    `SELECT pg_advisory_xact_lock($1), set_config('synchronous_commit', 'off', true), set_config('jit', 'off', true)`,
    [IMPORT_LOCK],
  );
  const errors: RowError[] = [...readErrors];
  const reject = (r: PendingRow, field: string, reason: string): void => {
    errors.push({ rowNumber: r.rowNumber, field, reason });
  };

  // 1. References: community exists and is in the importer's jurisdiction; the hospital is known.
  let live: PendingRow[] = [];
  for (const r of rows) {
    const code = r.rec.person.residenceRegionCode;
    if (!env.regionExists.get(code)) reject(r, 'community_code', 'unknown_region');
    else if (!within(code, env.prefixes)) reject(r, 'community_code', 'out_of_jurisdiction');
    else if (r.rec.episode && 'error' in (env.hospitals.get(r.rec.episode.hospital) ?? { error: 'unknown_hospital' }))
      reject(r, 'hospital', (env.hospitals.get(r.rec.episode.hospital) as { error: string }).error);
    else live.push(r);
  }

  // 2. Who is already registered: by national ID, else by name + sex + birth date + community.
  const existing = new Map<string, ExistingPerson>();
  const withId = live.filter((r) => r.idBidx !== null);
  if (withId.length > 0) {
    // A record merged into another (duplicate review) keeps its ID; its survivor is the person now.
    const found = await tx.query<ExistingPerson>(
      `SELECT COALESCE(s.id, p.id) AS id, COALESCE(s.name, p.name) AS name, COALESCE(s.sex, p.sex) AS sex,
              COALESCE(s.birth_date, p.birth_date) AS birth_date, CASE WHEN s.id IS NULL THEN p.phone_bidx ELSE s.phone_bidx END AS phone_bidx,
              CASE WHEN s.id IS NULL THEN p.address_enc ELSE s.address_enc END AS address_enc,
              COALESCE(s.region_code, p.region_code) AS region_code, p.national_id_bidx
         FROM persons p LEFT JOIN persons s ON s.id = p.merged_into
        WHERE p.national_id_bidx = ANY ($1::text[])`,
      [withId.map((r) => r.idBidx)],
    );
    for (const f of found) existing.set(f.national_id_bidx as string, f);
  }
  const noId = live.filter((r) => r.idBidx === null);
  if (noId.length > 0) {
    const found = await tx.query<ExistingPerson>(
      `SELECT DISTINCT ON (p.name, p.sex, p.birth_date, p.region_code)
              p.id, p.name, p.sex, p.birth_date, p.phone_bidx, p.address_enc, p.region_code, p.national_id_bidx
         FROM persons p
         JOIN unnest($1::text[], $2::text[], $3::date[], $4::text[]) AS k (name, sex, bd, rc)
           ON p.name = k.name AND p.sex = k.sex AND p.birth_date = k.bd AND p.region_code = k.rc
        WHERE p.national_id_bidx IS NULL AND p.merged_into IS NULL
        ORDER BY p.name, p.sex, p.birth_date, p.region_code, p.created_at, p.id`,
      [noId.map((r) => r.rec.person.name), noId.map((r) => r.rec.person.sex), noId.map((r) => r.rec.person.birthDate), noId.map((r) => r.rec.person.residenceRegionCode)],
    );
    for (const f of found) existing.set(`${f.name}|${f.sex}|${f.birth_date}|${f.region_code}`, f);
  }
  live = live.filter((r) => {
    const ex = existing.get(r.personKey);
    if (ex && !within(ex.region_code, env.prefixes)) {
      reject(r, 'national_id', 'out_of_jurisdiction');
      return false;
    }
    return true;
  });

  // 3. A record number the hospital already used for someone else rejects the row before anything is written.
  const numbered = live.filter((r) => r.rec.episode?.recordNumber !== undefined);
  if (numbered.length > 0) {
    const orgOf = (r: PendingRow): string => (env.hospitals.get(r.rec.episode?.hospital ?? '') as { id: string }).id;
    const found = await tx.query<{ org: string; rn: string; person_id: string }>(
      `SELECT e.hospital_org_id AS org, e.record_number AS rn, e.person_id FROM hospital_episodes e
         JOIN unnest($1::uuid[], $2::text[]) AS k (org, rn) ON e.hospital_org_id = k.org AND e.record_number = k.rn`,
      [numbered.map(orgOf), numbered.map((r) => r.rec.episode?.recordNumber)],
    );
    const owner = new Map(found.map((f) => [`${f.org}|${f.rn}`, f.person_id]));
    live = live.filter((r) => {
      if (r.rec.episode?.recordNumber === undefined) return true;
      const o = owner.get(`${orgOf(r)}|${r.rec.episode.recordNumber}`);
      if (o !== undefined && o !== existing.get(r.personKey)?.id) {
        reject(r, 'record_number', 'conflict');
        return false;
      }
      return true;
    });
  }

  // 4. Persons: insert the new, update the changed.
  const personIds = new Map<PendingRow, string>();
  const outcome = new Map<PendingRow, 'created' | 'updated' | 'unchanged'>();
  const inserts: { id: string; r: PendingRow }[] = [];
  const updates: { id: string; r: PendingRow }[] = [];
  for (const r of live) {
    const p = r.rec.person;
    const ex = existing.get(r.personKey);
    if (!ex) {
      const id = timeOrderedUuid();
      inserts.push({ id, r });
      personIds.set(r, id);
      outcome.set(r, 'created');
      continue;
    }
    personIds.set(r, ex.id);
    const phoneBidx = r.sealed.phoneBidx ?? undefined;
    const changed =
      ex.name !== p.name ||
      ex.sex !== p.sex ||
      ex.birth_date !== p.birthDate ||
      ex.region_code !== p.residenceRegionCode ||
      (phoneBidx !== undefined && phoneBidx !== ex.phone_bidx) ||
      (p.address !== undefined && (ex.address_enc === null || cipher.decrypt(ex.address_enc, PERSON_CONTEXT.address) !== p.address));
    if (changed) updates.push({ id: ex.id, r });
    outcome.set(r, changed ? 'updated' : 'unchanged');
  }
  if (inserts.length > 0) {
    const col = <T>(f: (r: PendingRow) => T): T[] => inserts.map((i) => f(i.r));
    // A plain insert (an ON CONFLICT arbiter costs a speculative insertion per row, ~40 % of the insert):
    // the IDs were looked up above, so a unique violation means someone registered one since: look again.
    try {
      await tx.query(
        `INSERT INTO persons (id, name, sex, birth_date, national_id_enc, national_id_bidx, phone_enc, phone_bidx, address_enc, region_code,
                              name_birth_key, created_by, created_at, updated_at)
         SELECT k.id, k.name, k.sex, k.bd, k.nie, k.nib, k.pe, k.pb, k.ae, k.rc, k.nbk, $12, $13, $13
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::date[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])
             AS k (id, name, sex, bd, nie, nib, pe, pb, ae, rc, nbk)`,
        [
          inserts.map((i) => i.id),
          col((r) => r.rec.person.name),
          col((r) => r.rec.person.sex),
          col((r) => r.rec.person.birthDate),
          col((r) => r.sealed.nationalId),
          col((r) => r.idBidx),
          col((r) => r.sealed.phone),
          col((r) => r.sealed.phoneBidx),
          col((r) => r.sealed.address),
          col((r) => r.rec.person.residenceRegionCode),
          inserts.map((i) => storedKeysOf(i.r, i.r.sealed.phoneBidx).nameBirthKey),
          who.accountId,
          now,
        ],
      );
    } catch (e) {
      throw isNationalIdTaken(e) ? new BatchConflict('a national ID was registered concurrently') : e;
    }
  }
  if (updates.length > 0) {
    const col = <T>(f: (r: PendingRow) => T): T[] => updates.map((u) => f(u.r));
    await tx.query(
      `UPDATE persons p SET name = k.name, sex = k.sex, birth_date = k.bd, region_code = k.rc,
              phone_enc = COALESCE(k.pe, p.phone_enc), phone_bidx = COALESCE(k.pb, p.phone_bidx),
              address_enc = COALESCE(k.ae, p.address_enc), name_birth_key = k.nbk, updated_at = $10
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::date[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
           AS k (id, name, sex, bd, pe, pb, ae, rc, nbk)
        WHERE p.id = k.id`,
      [
        updates.map((u) => u.id),
        col((r) => r.rec.person.name),
        col((r) => r.rec.person.sex),
        col((r) => r.rec.person.birthDate),
        col((r) => r.sealed.phone),
        col((r) => r.sealed.phoneBidx),
        col((r) => r.sealed.address),
        col((r) => r.rec.person.residenceRegionCode),
        col((r) => storedKeysOf(r, r.sealed.phoneBidx ?? existing.get(r.personKey)?.phone_bidx ?? null).nameBirthKey),
        now,
      ],
    );
  }

  // 4b. Duplicate detection (register-community's queue), set-wise. Keys are stored as domain
  // storedBlockingKeys says: every key of a person without a national ID in the key table (replacing its
  // old ones), only the name + birth date key, on the person's row (written above), for one with an ID.
  // Each written person is then compared with the key table's holders of its keys (records without an
  // ID), and each written person without an ID also with the records with an ID that have its name +
  // birth date key or its phone; reviewable pairs are queued (two records with IDs never pair).
  const keyed = [...inserts, ...updates];
  if (keyed.length > 0) {
    const importRepo = new ImportRepository(tx);
    const phoneToken = (r: PendingRow): string | null => r.sealed.phoneBidx ?? existing.get(r.personKey)?.phone_bidx ?? null;
    const keysOf = new Map(keyed.map((k) => [k.id, duplicateBlockingKeys({ name: k.r.rec.person.name, birthDate: k.r.rec.person.birthDate, phoneToken: phoneToken(k.r) })]));
    // In key order: the batch's entries land on the key index's pages one after another.
    const keyPairs = keyed
      .flatMap((k) => storedKeysOf(k.r, phoneToken(k.r)).table.map((key) => [key, k.id] as const))
      .sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
    await importRepo.replaceBlockingKeys(
      updates.map((u) => u.id),
      keyPairs,
      new Set(inserts.map((i) => i.id)),
    );
    {
      const known = new Map(keyed.map((k) => [k.id, { hasNationalId: k.r.idBidx !== null, mergedInto: null }]));
      const holders = await importRepo.holdersOfKeys(keyed.flatMap((k) => keysOf.get(k.id) ?? []), known);
      const withoutId = keyed.filter((k) => k.r.idBidx === null);
      if (withoutId.length > 0) {
        const idHolders = await new DuplicateRepository(tx).withIdMatching(
          withoutId.flatMap((k) => (keysOf.get(k.id) ?? []).filter((key) => key.startsWith('nb:'))),
          withoutId.flatMap((k) => phoneToken(k.r) ?? []),
        );
        for (const h of idHolders)
          for (const key of duplicateBlockingKeys({ name: h.name, birthDate: h.birthDate, phoneToken: h.phoneBidx }))
            holders.push({ key, personId: h.id, hasNationalId: true, mergedInto: null });
      }
      const byKey = new Map<string, typeof holders>();
      for (const h of holders) byKey.set(h.key, [...(byKey.get(h.key) ?? []), h]);
      const pairs = new Map<string, { a: string; b: string; keys: string[] }>();
      for (const k of keyed) {
        const me = { id: k.id, ...(known.get(k.id) as { hasNationalId: boolean; mergedInto: null }) };
        const shared = new Map<string, { other: (typeof holders)[number]; keys: Set<string> }>();
        for (const key of keysOf.get(k.id) ?? [])
          for (const h of byKey.get(key) ?? []) {
            if (h.personId === k.id) continue;
            const s = shared.get(h.personId) ?? { other: h, keys: new Set<string>() };
            s.keys.add(key);
            shared.set(h.personId, s);
          }
        for (const { other, keys } of shared.values()) {
          if (!isReviewableDuplicatePair(me, { id: other.personId, hasNationalId: other.hasNationalId, mergedInto: other.mergedInto })) continue;
          const [a, b] = orderedPair(k.id, other.personId);
          if (!pairs.has(`${a}|${b}`)) pairs.set(`${a}|${b}`, { a, b, keys: [...keys].sort() });
        }
      }
      await importRepo.queueDuplicatePairs([...pairs.values()], now);
    }
  }

  // 5. Categories the person does not hold yet (source 'import', from today).
  const withCategories = live.filter((r) => r.rec.categories.length > 0);
  if (withCategories.length > 0) {
    const held = new Set<string>();
    const existingIds = withCategories.filter((r) => outcome.get(r) !== 'created').map((r) => personIds.get(r) as string);
    if (existingIds.length > 0) {
      const found = await tx.query<{ person_id: string; category: string; subtype: string | null }>(
        `SELECT person_id, category, subtype FROM person_categories
          WHERE person_id = ANY ($1::uuid[]) AND (valid_to IS NULL OR valid_to >= $2::date)`,
        [existingIds, today],
      );
      for (const f of found) held.add(`${f.person_id}|${f.category}|${f.subtype ?? ''}`);
    }
    const add: { personId: string; category: string; subtype: string | null; r: PendingRow }[] = [];
    for (const r of withCategories) {
      const personId = personIds.get(r) as string;
      for (const c of r.rec.categories) {
        const subtype = 'subtype' in c && c.subtype !== undefined ? c.subtype : null;
        const key = `${personId}|${c.category}|${subtype ?? ''}`;
        if (held.has(key)) continue;
        held.add(key);
        add.push({ personId, category: c.category, subtype, r });
      }
    }
    if (add.length > 0) {
      await tx.query(
        `INSERT INTO person_categories (id, person_id, category, subtype, source, valid_from)
         SELECT k.id, k.p, k.c, k.s, 'import', $5 FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[]) AS k (id, p, c, s)`,
        [add.map(() => timeOrderedUuid()), add.map((a) => a.personId), add.map((a) => a.category), add.map((a) => a.subtype), today],
      );
      for (const a of add) if (outcome.get(a.r) === 'unchanged') outcome.set(a.r, 'updated');
    }
  }

  // 6. Episodes (and the hand-over to primary care of those discharged).
  const episodeRows = live.filter((r) => r.rec.episode !== undefined);
  if (episodeRows.length > 0) {
    const writes: EpisodeWrite[] = episodeRows.map((r) => {
      const { hospital, ...ep } = r.rec.episode as NonNullable<ParsedRow['episode']>;
      return {
        personId: personIds.get(r) as string,
        regionCode: r.rec.person.residenceRegionCode,
        episode: { ...ep, hospitalOrgId: (env.hospitals.get(hospital) as { id: string }).id },
      };
    });
    const distinct = new Set(writes.map(episodeKey));
    if (distinct.size !== writes.length) throw new Error('episode keys repeat within a batch');
    const results = await writeEpisodes(tx, cipher, writes, { at: now, actorId: who.accountId, routeCache: env.routeCache });
    results.forEach((res, i) => {
      const r = episodeRows[i] as PendingRow;
      if (res.outcome === 'conflict') throw new BatchConflict('an episode record number was used concurrently');
      if ((res.outcome === 'created' || res.outcome === 'updated') && outcome.get(r) === 'unchanged') outcome.set(r, 'updated');
    });
  }

  // 7. Timeline, errors, audit, progress: all in this transaction.
  const touched = live.filter((r) => outcome.get(r) !== 'unchanged');
  if (touched.length > 0) {
    await tx.query(
      `INSERT INTO person_timeline (person_id, occurred_at, kind, ref_id, summary, actor_id)
       SELECT k.p, $3, 'person.imported', $4, jsonb_build_object('outcome', k.o), $5 FROM unnest($1::uuid[], $2::text[]) AS k (p, o)`,
      [touched.map((r) => personIds.get(r)), touched.map((r) => outcome.get(r)), now, imp.id, who.accountId],
    );
  }
  const repo = new ImportRepository(tx);
  // The report lists rows in file order (stable sort keeps a row's errors in column order).
  errors.sort((a, b) => a.rowNumber - b.rowNumber);
  await repo.insertErrors(imp.id, errors);
  const counts = { created: 0, updated: 0, unchanged: 0, rejected: new Set(errors.map((e) => e.rowNumber)).size };
  for (const r of live) counts[outcome.get(r) ?? 'unchanged']++;
  await appendAudit(tx, {
    at: now,
    accountId: who.accountId,
    username: who.username,
    role: who.role,
    action: 'person.import',
    resourceType: 'import',
    resourceId: imp.id,
    clientIp: who.clientIp,
    details: { format: imp.format, fromRow: progress.rowsDone + 1, rows: env.rowsInBatch, ...counts },
  });
  await repo.recordBatch(
    imp.id,
    {
      rowsDone: progress.rowsDone + env.rowsInBatch,
      bytesDone: env.bytes,
      created: progress.created + counts.created,
      updated: progress.updated + counts.updated,
      unchanged: progress.unchanged + counts.unchanged,
      rejected: progress.rejected + counts.rejected,
    },
    env.leaseUntil(),
    now,
  );
  return counts;
}
