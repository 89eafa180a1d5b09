import type { ConsentGiver, ConsentMethod, ConsentPurpose, GuardianRelation } from '@anxin/domain';
import type { Queryable } from '../../db/database.ts';

/** A consent row as stored: names and reasons still encrypted. */
export interface ConsentRecord {
  id: string;
  personId: string;
  regionCode: string;
  purpose: ConsentPurpose;
  textVersion: string;
  method: ConsentMethod;
  givenBy: ConsentGiver;
  guardianNameEnc: string | null;
  guardianRelation: GuardianRelation | null;
  witnessNameEnc: string | null;
  takenBy: string;
  givenAt: Date;
  withdrawnAt: Date | null;
  withdrawnBy: string | null;
  withdrawalReasonEnc: string | null;
  createdAt: Date;
}

interface Row {
  id: string;
  person_id: string;
  region_code: string;
  purpose: ConsentPurpose;
  text_version: string;
  method: ConsentMethod;
  given_by: ConsentGiver;
  guardian_name_enc: string | null;
  guardian_relation: GuardianRelation | null;
  witness_name_enc: string | null;
  taken_by: string;
  given_at: Date;
  withdrawn_at: Date | null;
  withdrawn_by: string | null;
  withdrawal_reason_enc: string | null;
  created_at: Date;
}

const toRecord = (r: Row): ConsentRecord => ({
  id: r.id,
  personId: r.person_id,
  regionCode: r.region_code,
  purpose: r.purpose,
  textVersion: r.text_version,
  method: r.method,
  givenBy: r.given_by,
  guardianNameEnc: r.guardian_name_enc,
  guardianRelation: r.guardian_relation,
  witnessNameEnc: r.witness_name_enc,
  takenBy: r.taken_by,
  givenAt: r.given_at,
  withdrawnAt: r.withdrawn_at,
  withdrawnBy: r.withdrawn_by,
  withdrawalReasonEnc: r.withdrawal_reason_enc,
  createdAt: r.created_at,
});

export type NewConsent = Omit<ConsentRecord, 'id' | 'withdrawnAt' | 'withdrawnBy' | 'withdrawalReasonEnc' | 'createdAt'> & { at: Date };

export class ConsentRepository {
  constructor(private readonly q: Queryable) {}

  async insert(c: NewConsent): Promise<string> {
    const rows = await this.q.query<{ id: string }>(
      `INSERT INTO consents (person_id, region_code, purpose, text_version, method, given_by, guardian_name_enc,
         guardian_relation, witness_name_enc, taken_by, given_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [
        c.personId,
        c.regionCode,
        c.purpose,
        c.textVersion,
        c.method,
        c.givenBy,
        c.guardianNameEnc,
        c.guardianRelation,
        c.witnessNameEnc,
        c.takenBy,
        c.givenAt,
        c.at,
      ],
    );
    return (rows[0] as { id: string }).id;
  }

  async find(id: string): Promise<ConsentRecord | undefined> {
    const rows = await this.q.query<Row>('SELECT * FROM consents WHERE id = $1', [id]);
    return rows[0] && toRecord(rows[0]);
  }

  /** Every consent of the person, newest first (optionally for one purpose). */
  async listForPerson(personId: string, purpose?: ConsentPurpose): Promise<ConsentRecord[]> {
    const rows = await this.q.query<Row>(
      `SELECT * FROM consents WHERE person_id = $1 AND ($2::text IS NULL OR purpose = $2) ORDER BY given_at DESC, id`,
      [personId, purpose ?? null],
    );
    return rows.map(toRecord);
  }

  /** Marks a live consent withdrawn; false when it was already withdrawn (nothing changed). */
  async withdraw(id: string, by: string, at: Date, reasonEnc: string | null): Promise<boolean> {
    const rows = await this.q.query<{ id: string }>(
      `UPDATE consents SET withdrawn_at = $2, withdrawn_by = $3, withdrawal_reason_enc = $4
       WHERE id = $1 AND withdrawn_at IS NULL RETURNING id`,
      [id, at, by, reasonEnc],
    );
    return rows.length === 1;
  }
}
