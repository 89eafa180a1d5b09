import type { EconomicSituation, NeedType, NeedUrgency, RecoverySituation } from '@anxin/domain/service/care-visit.ts';
import type { Queryable } from '../../db/database.ts';

export interface CareVisitRecord {
  id: string;
  personId: string;
  personName: string;
  regionCode: string;
  visitDate: string;
  visitorId: string;
  visitorName: string;
  recoverySituation: RecoverySituation;
  economicSituation: EconomicSituation;
  needs: { type: NeedType; urgency: NeedUrgency }[];
  notesEnc: string | null;
  createdAt: Date;
}

interface Row {
  id: string;
  person_id: string;
  person_name: string;
  region_code: string;
  visit_date: string;
  visitor_id: string;
  visitor_name: string;
  recovery_situation: RecoverySituation;
  economic_situation: EconomicSituation;
  needs: { type: NeedType; urgency: NeedUrgency }[];
  notes_enc: string | null;
  created_at: Date;
}

const SELECT = `SELECT v.*, p.name AS person_name, a.display_name AS visitor_name
  FROM care_visits v JOIN persons p ON p.id = v.person_id JOIN accounts a ON a.id = v.visitor_id`;

const toRecord = (r: Row): CareVisitRecord => ({
  id: r.id,
  personId: r.person_id,
  personName: r.person_name,
  regionCode: r.region_code,
  visitDate: r.visit_date,
  visitorId: r.visitor_id,
  visitorName: r.visitor_name,
  recoverySituation: r.recovery_situation,
  economicSituation: r.economic_situation,
  needs: r.needs,
  notesEnc: r.notes_enc,
  createdAt: r.created_at,
});

export class CareVisitRepository {
  constructor(private readonly q: Queryable) {}

  async insert(v: {
    personId: string;
    regionCode: string;
    visitDate: string;
    visitorId: string;
    recoverySituation: RecoverySituation;
    economicSituation: EconomicSituation;
    needs: { type: NeedType; urgency: NeedUrgency }[];
    notesEnc: string | null;
    at: Date;
  }): Promise<string> {
    const rows = await this.q.query<{ id: string }>(
      `INSERT INTO care_visits (person_id, region_code, visit_date, visitor_id, recovery_situation, economic_situation, needs, notes_enc, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9) RETURNING id`,
      [v.personId, v.regionCode, v.visitDate, v.visitorId, v.recoverySituation, v.economicSituation, JSON.stringify(v.needs), v.notesEnc, v.at],
    );
    return (rows[0] as { id: string }).id;
  }

  async find(id: string): Promise<CareVisitRecord | undefined> {
    const rows = await this.q.query<Row>(`${SELECT} WHERE v.id = $1`, [id]);
    return rows[0] && toRecord(rows[0]);
  }

  async ofPerson(personId: string): Promise<CareVisitRecord[]> {
    const rows = await this.q.query<Row>(`${SELECT} WHERE v.person_id = $1 ORDER BY v.visit_date DESC, v.created_at DESC LIMIT 100`, [personId]);
    return rows.map(toRecord);
  }

  async listWithin(f: { prefixes: string[]; visitorId?: string | undefined; limit: number }): Promise<CareVisitRecord[]> {
    if (f.prefixes.length === 0) return [];
    const rows = await this.q.query<Row>(
      `${SELECT} WHERE v.region_code LIKE ANY ($1::text[]) AND ($2::uuid IS NULL OR v.visitor_id = $2)
        ORDER BY v.visit_date DESC, v.created_at DESC LIMIT $3`,
      [f.prefixes.map((p) => `${p}%`), f.visitorId ?? null, f.limit],
    );
    return rows.map(toRecord);
  }
}
