import type { Queryable } from '../../db/database.ts';

export interface HouseholdRow {
  id: string;
  personId: string;
  memberPersonId: string | null;
  nameEnc: string | null;
  relation: string;
  /** Name of the registered member, when the member is a person in the register. */
  memberName: string | null;
}

export class HouseholdRepository {
  constructor(private readonly q: Queryable) {}

  async list(personId: string): Promise<HouseholdRow[]> {
    const rows = await this.q.query<{
      id: string;
      person_id: string;
      member_person_id: string | null;
      name_enc: string | null;
      relation: string;
      member_name: string | null;
    }>(
      `SELECT h.id, h.person_id, h.member_person_id, h.name_enc, h.relation, m.name AS member_name
         FROM person_household h LEFT JOIN persons m ON m.id = h.member_person_id
        WHERE h.person_id = $1 ORDER BY h.created_at, h.id`,
      [personId],
    );
    return rows.map((r) => ({
      id: r.id,
      personId: r.person_id,
      memberPersonId: r.member_person_id,
      nameEnc: r.name_enc,
      relation: r.relation,
      memberName: r.member_name,
    }));
  }

  async insert(row: { personId: string; memberPersonId: string | null; nameEnc: string | null; relation: string; createdBy: string; at: Date }): Promise<string> {
    const rows = await this.q.query<{ id: string }>(
      `INSERT INTO person_household (person_id, member_person_id, name_enc, relation, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [row.personId, row.memberPersonId, row.nameEnc, row.relation, row.createdBy, row.at],
    );
    return rows[0]?.id ?? '';
  }

  async delete(personId: string, id: string): Promise<boolean> {
    const rows = await this.q.query<{ id: string }>('DELETE FROM person_household WHERE id = $1 AND person_id = $2 RETURNING id', [id, personId]);
    return rows.length > 0;
  }
}
