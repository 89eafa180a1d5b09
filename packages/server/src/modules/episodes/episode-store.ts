import { hasMedicationHandover, type HospitalEpisodeInput, type PsychMedication } from '@anxin/domain';
import { timeOrderedUuid } from '../../db/time-ordered-uuid.ts';
import type { Queryable } from '../../db/database.ts';
import type { FieldCipher } from '../../privacy/field-cipher.ts';
import { routeResidence, routeResidences, type RouteCache } from './hand-over.ts';

/** Additional authenticated data of the encrypted episode columns (registered in privacy/encrypted-columns.ts). */
export const EPISODE_CONTEXT = {
  treatmentSummary: 'hospital_episodes.treatment_summary',
  psychMedications: 'hospital_episodes.psych_medications',
  primaryCareNotes: 'hospital_episodes.primary_care_notes',
} as const;

export interface EpisodeWrite {
  personId: string;
  /** The person's residence, where a discharge hands the person over to. */
  regionCode: string;
  episode: HospitalEpisodeInput;
}

export type EpisodeOutcome = 'created' | 'updated' | 'unchanged' | 'conflict';

export interface EpisodeWriteResult {
  /** The episode written or found; for 'conflict' the other person's episode with that record number. */
  episodeId: string;
  outcome: EpisodeOutcome;
  /** True when this write recorded the discharge (and so handed the person over). */
  discharged: boolean;
}

interface StoredEpisode {
  id: string;
  person_id: string;
  hospital_org_id: string;
  record_number: string | null;
  admission_date: string;
  discharge_date: string | null;
  diagnosis_codes: string[];
  severity: string | null;
  treatment_summary_enc: string | null;
  psych_medications_enc: string | null;
  discharge_destination: string | null;
  primary_care_notes_enc: string | null;
}

const EPISODE_COLUMNS = `e.id, e.person_id, e.hospital_org_id, e.record_number, e.admission_date, e.discharge_date, e.diagnosis_codes,
  e.severity, e.treatment_summary_enc, e.psych_medications_enc, e.discharge_destination, e.primary_care_notes_enc`;

const medsJson = (meds: readonly PsychMedication[]): string => JSON.stringify(meds.map((m) => ({ drug: m.drug, dose: m.dose, prescriber: m.prescriber })));

/** Finds the stored episodes the writes refer to: by hospital + record number, else by person + hospital + admission date. */
async function findExisting(q: Queryable, items: readonly EpisodeWrite[]): Promise<Map<string, StoredEpisode>> {
  const found = new Map<string, StoredEpisode>();
  const withNumber = items.filter((i) => i.episode.recordNumber !== undefined);
  const without = items.filter((i) => i.episode.recordNumber === undefined);
  if (withNumber.length > 0) {
    const rows = await q.query<StoredEpisode>(
      `SELECT ${EPISODE_COLUMNS} FROM hospital_episodes e
         JOIN unnest($1::uuid[], $2::text[]) AS k (org, rn) ON e.hospital_org_id = k.org AND e.record_number = k.rn`,
      [withNumber.map((i) => i.episode.hospitalOrgId), withNumber.map((i) => i.episode.recordNumber)],
    );
    for (const r of rows) found.set(`n:${r.hospital_org_id}|${r.record_number ?? ''}`, r);
  }
  if (without.length > 0) {
    const rows = await q.query<StoredEpisode>(
      `SELECT ${EPISODE_COLUMNS} FROM hospital_episodes e
         JOIN unnest($1::uuid[], $2::uuid[], $3::date[]) AS k (p, org, adm)
           ON e.person_id = k.p AND e.hospital_org_id = k.org AND e.admission_date = k.adm AND e.record_number IS NULL`,
      [without.map((i) => i.personId), without.map((i) => i.episode.hospitalOrgId), without.map((i) => i.episode.admissionDate)],
    );
    for (const r of rows) found.set(`a:${r.person_id}|${r.hospital_org_id}|${r.admission_date}`, r);
  }
  return found;
}

export function episodeKey(i: EpisodeWrite): string {
  return i.episode.recordNumber !== undefined
    ? `n:${i.episode.hospitalOrgId}|${i.episode.recordNumber}`
    : `a:${i.personId}|${i.episode.hospitalOrgId}|${i.episode.admissionDate}`;
}

/**
 * Writes hospital episodes set-wise (one call per import batch, or one item from the API), inside the
 * caller's transaction. Idempotent: an episode is the same when hospital + record number match (or,
 * without a record number, person + hospital + admission date); an unchanged one writes nothing, a
 * changed one is updated, a record number already used for another person is a conflict. When a write
 * records the discharge, the person is routed to primary care and handed over (`handovers`, reason
 * 'discharge', medication hand-over when leaving on psychiatric drugs), and the timeline gets
 * 'episode.discharged'. Keys must be distinct within one call.
 */
export async function writeEpisodes(
  tx: Queryable,
  cipher: FieldCipher,
  items: readonly EpisodeWrite[],
  opts: { at: Date; actorId: string | null; routeCache?: RouteCache },
): Promise<EpisodeWriteResult[]> {
  if (items.length === 0) return [];
  const existing = await findExisting(tx, items);
  const results: EpisodeWriteResult[] = [];
  const inserts: { id: string; w: EpisodeWrite }[] = [];
  const discharges: { id: string; w: EpisodeWrite }[] = [];
  const recorded: { id: string; w: EpisodeWrite }[] = [];
  const enc = (value: string | undefined, context: string): string | null => (value === undefined ? null : cipher.encrypt(value, context));

  for (const w of items) {
    const e = w.episode;
    const old = existing.get(episodeKey(w));
    if (!old) {
      const id = timeOrderedUuid();
      inserts.push({ id, w });
      recorded.push({ id, w });
      const discharged = e.dischargeDate !== undefined;
      if (discharged) discharges.push({ id, w });
      results.push({ episodeId: id, outcome: 'created', discharged });
      continue;
    }
    if (old.person_id !== w.personId) {
      results.push({ episodeId: old.id, outcome: 'conflict', discharged: false });
      continue;
    }
    const oldMeds = old.psych_medications_enc === null ? '[]' : cipher.decrypt(old.psych_medications_enc, EPISODE_CONTEXT.psychMedications);
    const oldText = (v: string | null, context: string): string | undefined => (v === null ? undefined : cipher.decrypt(v, context));
    // Fields the write leaves out keep their stored value; those it gives replace it.
    const next = {
      admission: e.admissionDate,
      discharge: e.dischargeDate ?? old.discharge_date,
      diagnosis: e.diagnosisCodes.length > 0 ? e.diagnosisCodes : old.diagnosis_codes,
      severity: e.severity ?? old.severity,
      meds: e.psychMedications.length > 0 ? medsJson(e.psychMedications) : oldMeds,
      destination: e.dischargeDestination ?? old.discharge_destination,
      summary: e.treatmentSummary ?? oldText(old.treatment_summary_enc, EPISODE_CONTEXT.treatmentSummary),
      notes: e.primaryCareNotes ?? oldText(old.primary_care_notes_enc, EPISODE_CONTEXT.primaryCareNotes),
    };
    const changed =
      next.admission !== old.admission_date ||
      next.discharge !== old.discharge_date ||
      next.diagnosis.join(';') !== old.diagnosis_codes.join(';') ||
      next.severity !== old.severity ||
      next.meds !== oldMeds ||
      next.destination !== old.discharge_destination ||
      next.summary !== oldText(old.treatment_summary_enc, EPISODE_CONTEXT.treatmentSummary) ||
      next.notes !== oldText(old.primary_care_notes_enc, EPISODE_CONTEXT.primaryCareNotes);
    if (!changed) {
      results.push({ episodeId: old.id, outcome: 'unchanged', discharged: false });
      continue;
    }
    const hasMeds = next.meds !== '[]';
    await tx.query(
      `UPDATE hospital_episodes SET admission_date = $2, discharge_date = $3, diagnosis_codes = $4, severity = $5,
         psych_medications_enc = $6, medication_handover = $7, discharge_destination = $8, treatment_summary_enc = $9,
         primary_care_notes_enc = $10, updated_at = $11
       WHERE id = $1`,
      [
        old.id,
        next.admission,
        next.discharge,
        next.diagnosis,
        next.severity,
        hasMeds ? cipher.encrypt(next.meds, EPISODE_CONTEXT.psychMedications) : null,
        next.discharge !== null && hasMeds,
        next.destination,
        enc(next.summary, EPISODE_CONTEXT.treatmentSummary),
        enc(next.notes, EPISODE_CONTEXT.primaryCareNotes),
        opts.at,
      ],
    );
    const discharged = old.discharge_date === null && next.discharge !== null;
    if (discharged) {
      const meds = JSON.parse(next.meds) as PsychMedication[];
      discharges.push({ id: old.id, w: { ...w, episode: { ...e, dischargeDate: next.discharge ?? undefined, psychMedications: meds } as HospitalEpisodeInput } });
    }
    results.push({ episodeId: old.id, outcome: 'updated', discharged });
  }

  if (inserts.length > 0) {
    const col = <T>(f: (w: EpisodeWrite, id: string) => T): T[] => inserts.map(({ id, w }) => f(w, id));
    await tx.query(
      `INSERT INTO hospital_episodes (id, person_id, hospital_org_id, record_number, admission_date, discharge_date, diagnosis_codes,
         severity, treatment_summary_enc, psych_medications_enc, medication_handover, discharge_destination, primary_care_notes_enc,
         created_by, created_at, updated_at)
       SELECT k.id, k.person_id, k.org, k.rn, k.adm, k.dis, ARRAY(SELECT jsonb_array_elements_text(k.dx)), k.sev, k.summary, k.meds,
              k.handover, k.dest, k.notes, $14, $15, $15
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::date[], $6::date[], $7::jsonb[], $8::text[], $9::text[],
                     $10::text[], $11::boolean[], $12::text[], $13::text[])
           AS k (id, person_id, org, rn, adm, dis, dx, sev, summary, meds, handover, dest, notes)`,
      [
        col((_w, id) => id),
        col((w) => w.personId),
        col((w) => w.episode.hospitalOrgId),
        col((w) => w.episode.recordNumber ?? null),
        col((w) => w.episode.admissionDate),
        col((w) => w.episode.dischargeDate ?? null),
        col((w) => JSON.stringify(w.episode.diagnosisCodes)),
        col((w) => w.episode.severity ?? null),
        col((w) => enc(w.episode.treatmentSummary, EPISODE_CONTEXT.treatmentSummary)),
        col((w) => (w.episode.psychMedications.length > 0 ? cipher.encrypt(medsJson(w.episode.psychMedications), EPISODE_CONTEXT.psychMedications) : null)),
        col((w) => hasMedicationHandover(w.episode)),
        col((w) => w.episode.dischargeDestination ?? null),
        col((w) => enc(w.episode.primaryCareNotes, EPISODE_CONTEXT.primaryCareNotes)),
        opts.actorId,
        opts.at,
      ],
    );
  }

  if (discharges.length > 0) {
    const cache: RouteCache = opts.routeCache ?? new Map();
    await routeResidences(tx, discharges.map((d) => d.w.regionCode), cache);
    const routes = [];
    for (const d of discharges) routes.push(cache.get(d.w.regionCode) ?? (await routeResidence(tx, d.w.regionCode, cache)));
    await tx.query(
      `INSERT INTO handovers (id, person_id, episode_id, to_org_id, region_code, reason, medication_handover, created_at)
       SELECT k.id, k.p, k.e, k.org, k.rc, 'discharge', k.mh, $7
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::boolean[]) AS k (id, p, e, org, rc, mh)
       ON CONFLICT (episode_id) WHERE episode_id IS NOT NULL DO NOTHING`,
      [
        discharges.map(() => timeOrderedUuid()),
        discharges.map((d) => d.w.personId),
        discharges.map((d) => d.id),
        routes.map((r) => (r.routed ? r.institutionId : null)),
        discharges.map((d) => d.w.regionCode),
        discharges.map((d) => hasMedicationHandover(d.w.episode)),
        opts.at,
      ],
    );
  }

  // Timeline: codes only (diagnosis, severity, whether drugs are handed over, whether routed).
  const events = [
    ...recorded.map(({ id, w }) => ({ personId: w.personId, at: `${w.episode.admissionDate}T00:00:00+08:00`, kind: 'episode.recorded', ref: id, summary: { diagnosis: w.episode.diagnosisCodes[0] ?? null, severity: w.episode.severity ?? null } })),
    ...discharges.map(({ id, w }) => ({ personId: w.personId, at: `${w.episode.dischargeDate ?? w.episode.admissionDate}T12:00:00+08:00`, kind: 'episode.discharged', ref: id, summary: { medicationHandover: hasMedicationHandover(w.episode), diagnosis: w.episode.diagnosisCodes[0] ?? null } })),
  ];
  if (events.length > 0) {
    await tx.query(
      `INSERT INTO person_timeline (person_id, occurred_at, kind, ref_id, summary, actor_id)
       SELECT k.p, k.at, k.kind, k.ref, k.summary, $6 FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::jsonb[]) AS k (p, at, kind, ref, summary)`,
      [events.map((e) => e.personId), events.map((e) => e.at), events.map((e) => e.kind), events.map((e) => e.ref), events.map((e) => JSON.stringify(e.summary)), opts.actorId],
    );
  }
  return results;
}

export interface EpisodeRow {
  id: string;
  hospitalOrgId: string;
  hospitalName: string;
  recordNumber: string | null;
  admissionDate: string;
  dischargeDate: string | null;
  diagnosisCodes: string[];
  severity: string | null;
  treatmentSummary: string | null;
  psychMedications: PsychMedication[];
  medicationHandover: boolean;
  dischargeDestination: string | null;
  primaryCareNotes: string | null;
}

/** A person's episodes, newest admission first, decrypted. */
export async function listEpisodes(q: Queryable, cipher: FieldCipher, personId: string): Promise<EpisodeRow[]> {
  const rows = await q.query<StoredEpisode & { hospital_name: string; medication_handover: boolean }>(
    `SELECT ${EPISODE_COLUMNS}, e.medication_handover, o.name AS hospital_name
       FROM hospital_episodes e JOIN organizations o ON o.id = e.hospital_org_id
      WHERE e.person_id = $1 ORDER BY e.admission_date DESC, e.id`,
    [personId],
  );
  const dec = (v: string | null, context: string): string | null => (v === null ? null : cipher.decrypt(v, context));
  return rows.map((r) => ({
    id: r.id,
    hospitalOrgId: r.hospital_org_id,
    hospitalName: r.hospital_name,
    recordNumber: r.record_number,
    admissionDate: r.admission_date,
    dischargeDate: r.discharge_date,
    diagnosisCodes: r.diagnosis_codes,
    severity: r.severity,
    treatmentSummary: dec(r.treatment_summary_enc, EPISODE_CONTEXT.treatmentSummary),
    psychMedications: JSON.parse(dec(r.psych_medications_enc, EPISODE_CONTEXT.psychMedications) ?? '[]') as PsychMedication[],
    medicationHandover: r.medication_handover,
    dischargeDestination: r.discharge_destination,
    primaryCareNotes: dec(r.primary_care_notes_enc, EPISODE_CONTEXT.primaryCareNotes),
  }));
}
