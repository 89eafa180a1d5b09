import type { VerificationEventType, VerificationStatus } from '@anxin/domain';
import type { Queryable } from '../../db/database.ts';

export interface VerificationRow {
  id: string;
  event: VerificationEventType;
  fromStatus: string;
  toStatus: string;
  regionCode: string;
  movedTo: string | null;
  deceasedOn: string | null;
  changed: string[];
  recordedBy: string | null;
  recordedByName: string | null;
  recordedAt: Date;
}

export class VerificationRepository {
  constructor(private readonly q: Queryable) {}

  /** The verification state of a person, locked for the rest of the transaction. */
  async lockState(personId: string): Promise<{ status: VerificationStatus; regionCode: string; movedTo: string | null; deceasedOn: string | null } | undefined> {
    const rows = await this.q.query<{ verification_status: VerificationStatus; region_code: string; moved_to: string | null; deceased_on: string | null }>(
      'SELECT verification_status, region_code, moved_to, deceased_on FROM persons WHERE id = $1 FOR UPDATE',
      [personId],
    );
    const r = rows[0];
    return r && { status: r.verification_status, regionCode: r.region_code, movedTo: r.moved_to, deceasedOn: r.deceased_on };
  }

  async movedTo(personId: string): Promise<string | null> {
    const rows = await this.q.query<{ moved_to: string | null }>('SELECT moved_to FROM persons WHERE id = $1', [personId]);
    return rows[0]?.moved_to ?? null;
  }

  async saveState(
    personId: string,
    s: { status: VerificationStatus; regionCode: string; movedTo: string | null; deceasedOn: string | null },
    at: Date,
  ): Promise<void> {
    await this.q.query(
      `UPDATE persons SET verification_status = $2, region_code = $3, moved_to = $4, deceased_on = $5, updated_at = $6 WHERE id = $1`,
      [personId, s.status, s.regionCode, s.movedTo, s.deceasedOn, at],
    );
  }

  async updateContact(personId: string, c: { phoneEnc?: string; phoneBidx?: string; addressEnc?: string }, at: Date): Promise<void> {
    const sets: string[] = [];
    const params: unknown[] = [personId, at];
    const set = (column: string, value: unknown) => {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    };
    if (c.phoneEnc !== undefined) set('phone_enc', c.phoneEnc);
    if (c.phoneBidx !== undefined) set('phone_bidx', c.phoneBidx);
    if (c.addressEnc !== undefined) set('address_enc', c.addressEnc);
    if (sets.length === 0) return;
    await this.q.query(`UPDATE persons SET ${sets.join(', ')}, updated_at = $2 WHERE id = $1`, params);
  }

  async insert(v: Omit<VerificationRow, 'id' | 'recordedByName'> & { personId: string }): Promise<string> {
    const rows = await this.q.query<{ id: string }>(
      `INSERT INTO person_verifications (person_id, event, from_status, to_status, region_code, moved_to, deceased_on, changed, recorded_by, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text[], $9, $10) RETURNING id`,
      [v.personId, v.event, v.fromStatus, v.toStatus, v.regionCode, v.movedTo, v.deceasedOn, v.changed, v.recordedBy, v.recordedAt],
    );
    return rows[0]?.id ?? '';
  }

  async history(personId: string): Promise<VerificationRow[]> {
    const rows = await this.q.query<{
      id: string;
      event: VerificationEventType;
      from_status: string;
      to_status: string;
      region_code: string;
      moved_to: string | null;
      deceased_on: string | null;
      changed: string[];
      recorded_by: string | null;
      display_name: string | null;
      recorded_at: Date;
    }>(
      `SELECT v.id, v.event, v.from_status, v.to_status, v.region_code, v.moved_to, v.deceased_on, v.changed, v.recorded_by,
              a.display_name, v.recorded_at
         FROM person_verifications v LEFT JOIN accounts a ON a.id = v.recorded_by
        WHERE v.person_id = $1 ORDER BY v.recorded_at DESC, v.id DESC`,
      [personId],
    );
    return rows.map((r) => ({
      id: r.id,
      event: r.event,
      fromStatus: r.from_status,
      toStatus: r.to_status,
      regionCode: r.region_code,
      movedTo: r.moved_to,
      deceasedOn: r.deceased_on,
      changed: r.changed,
      recordedBy: r.recorded_by,
      recordedByName: r.display_name,
      recordedAt: r.recorded_at,
    }));
  }
}
