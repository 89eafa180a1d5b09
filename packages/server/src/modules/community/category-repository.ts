import type { Queryable } from '../../db/database.ts';

export interface CategoryRow {
  id: string;
  category: string;
  subtype: string | null;
  source: string;
  validFrom: string;
  validTo: string | null;
}

export class CategoryRepository {
  constructor(private readonly q: Queryable) {}

  async list(personId: string): Promise<CategoryRow[]> {
    const rows = await this.q.query<{ id: string; category: string; subtype: string | null; source: string; valid_from: string; valid_to: string | null }>(
      `SELECT id, category, subtype, source, valid_from, valid_to FROM person_categories
        WHERE person_id = $1 ORDER BY valid_from, category, id`,
      [personId],
    );
    return rows.map((r) => ({ id: r.id, category: r.category, subtype: r.subtype, source: r.source, validFrom: r.valid_from, validTo: r.valid_to }));
  }

  async insert(r: Omit<CategoryRow, 'id'> & { personId: string }): Promise<string> {
    const rows = await this.q.query<{ id: string }>(
      `INSERT INTO person_categories (person_id, category, subtype, source, valid_from, valid_to)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [r.personId, r.category, r.subtype, r.source, r.validFrom, r.validTo],
    );
    return rows[0]?.id ?? '';
  }

  async lockOne(personId: string, id: string): Promise<{ category: string; validFrom: string } | undefined> {
    const rows = await this.q.query<{ category: string; valid_from: string }>(
      'SELECT category, valid_from FROM person_categories WHERE id = $1 AND person_id = $2 FOR UPDATE',
      [id, personId],
    );
    return rows[0] && { category: rows[0].category, validFrom: rows[0].valid_from };
  }

  async end(id: string, validTo: string): Promise<void> {
    await this.q.query('UPDATE person_categories SET valid_to = $2 WHERE id = $1', [id, validTo]);
  }
}
