import type { CategorySource, VerificationStatus } from '@anxin/domain';
import type { Queryable } from '../../db/database.ts';

/** A person row as stored: identifiers and contact data still encrypted. */
export interface PersonRecord {
  id: string;
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
  nationalIdEnc: string | null;
  phoneEnc: string | null;
  addressEnc: string | null;
  regionCode: string;
  verificationStatus: VerificationStatus;
  deceasedOn: string | null;
  createdAt: Date;
  updatedAt: Date;
  mergedInto: string | null;
}

export interface NewPerson {
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
  nationalIdEnc: string | null;
  nationalIdBidx: string | null;
  phoneEnc: string | null;
  phoneBidx: string | null;
  addressEnc: string | null;
  regionCode: string;
  deceasedOn: string | null;
  createdBy: string | null;
  at: Date;
}

export interface CategoryRecord {
  personId: string;
  category: string;
  subtype: string | null;
  source: CategorySource;
  validFrom: string;
  validTo: string | null;
}

export interface PersonSearch {
  /** Jurisdiction prefixes (already intersected with any requested region); never empty. */
  prefixes: string[];
  nationalIdBidx?: string;
  phoneBidx?: string;
  namePrefix?: string;
  category?: string;
  verificationStatus?: string;
  /** For the category filter: memberships active on this date. */
  on: string;
  after?: { name: string; id: string };
  limit: number;
}

interface Row {
  id: string;
  name: string;
  sex: 'male' | 'female';
  birth_date: string;
  national_id_enc: string | null;
  phone_enc: string | null;
  address_enc: string | null;
  region_code: string;
  verification_status: VerificationStatus;
  deceased_on: string | null;
  created_at: Date;
  updated_at: Date;
  merged_into: string | null;
}

const COLUMNS = `p.id, p.name, p.sex, p.birth_date, p.national_id_enc, p.phone_enc, p.address_enc, p.region_code,
  p.verification_status, p.deceased_on, p.created_at, p.updated_at, p.merged_into`;

const toRecord = (r: Row): PersonRecord => ({
  id: r.id,
  name: r.name,
  sex: r.sex,
  birthDate: r.birth_date,
  nationalIdEnc: r.national_id_enc,
  phoneEnc: r.phone_enc,
  addressEnc: r.address_enc,
  regionCode: r.region_code,
  verificationStatus: r.verification_status,
  deceasedOn: r.deceased_on,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  mergedInto: r.merged_into,
});

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export class PersonRepository {
  constructor(private readonly q: Queryable) {}

  /** Inserts a person unless one with the same national ID exists; undefined then. */
  async insert(p: NewPerson): Promise<string | undefined> {
    const rows = await this.q.query<{ id: string }>(
      `INSERT INTO persons (name, sex, birth_date, national_id_enc, national_id_bidx, phone_enc, phone_bidx, address_enc,
         region_code, verification_status, deceased_on, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'pending', $10, $11, $12, $12)
       ON CONFLICT (national_id_bidx) WHERE national_id_bidx IS NOT NULL DO NOTHING
       RETURNING id`,
      [
        p.name,
        p.sex,
        p.birthDate,
        p.nationalIdEnc,
        p.nationalIdBidx,
        p.phoneEnc,
        p.phoneBidx,
        p.addressEnc,
        p.regionCode,
        p.deceasedOn,
        p.createdBy,
        p.at,
      ],
    );
    return rows[0]?.id;
  }

  async insertCategories(rows: CategoryRecord[]): Promise<void> {
    if (rows.length === 0) return;
    await this.q.query(
      `INSERT INTO person_categories (person_id, category, subtype, source, valid_from, valid_to)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::date[], $6::date[])`,
      [
        rows.map((r) => r.personId),
        rows.map((r) => r.category),
        rows.map((r) => r.subtype),
        rows.map((r) => r.source),
        rows.map((r) => r.validFrom),
        rows.map((r) => r.validTo),
      ],
    );
  }

  async find(id: string): Promise<PersonRecord | undefined> {
    const rows = await this.q.query<Row>(`SELECT ${COLUMNS} FROM persons p WHERE p.id = $1`, [id]);
    return rows[0] && toRecord(rows[0]);
  }

  async findIdByNationalIdBidx(bidx: string): Promise<{ id: string; regionCode: string } | undefined> {
    const rows = await this.q.query<{ id: string; region_code: string }>(
      'SELECT id, region_code FROM persons WHERE national_id_bidx = $1',
      [bidx],
    );
    return rows[0] && { id: rows[0].id, regionCode: rows[0].region_code };
  }

  async categoriesOf(personIds: string[]): Promise<CategoryRecord[]> {
    if (personIds.length === 0) return [];
    const rows = await this.q.query<{
      person_id: string;
      category: string;
      subtype: string | null;
      source: CategorySource;
      valid_from: string;
      valid_to: string | null;
    }>(
      `SELECT person_id, category, subtype, source, valid_from, valid_to FROM person_categories
        WHERE person_id = ANY ($1::uuid[]) ORDER BY person_id, valid_from, category`,
      [personIds],
    );
    return rows.map((r) => ({
      personId: r.person_id,
      category: r.category,
      subtype: r.subtype,
      source: r.source,
      validFrom: r.valid_from,
      validTo: r.valid_to,
    }));
  }

  /**
   * Keyset-paginated search ordered by (name, id), always within the given region prefixes. Merged
   * (duplicate) records are left out.
   */
  async search(s: PersonSearch): Promise<PersonRecord[]> {
    if (s.prefixes.length === 0) return [];
    const { sql, params } = searchQuery(s);
    const rows = await this.q.query<Row>(sql, params);
    return rows.map(toRecord);
  }

  /**
   * The same search with each found person's categories, in one round trip: the categories are looked
   * up only for the page's rows (the page is cut first, then joined), as `categoriesOf` would return them.
   */
  async searchWithCategories(s: PersonSearch): Promise<{ persons: PersonRecord[]; categories: CategoryRecord[] }> {
    if (s.prefixes.length === 0) return { persons: [], categories: [] };
    const { sql, params } = searchQuery(s);
    const rows = await this.q.query<Row & { categories: CategoryJson[] }>(
      `SELECT p.*,
              (SELECT COALESCE(json_agg(json_build_object('category', c.category, 'subtype', c.subtype, 'source', c.source,
                                                         'valid_from', c.valid_from, 'valid_to', c.valid_to)
                                        ORDER BY c.valid_from, c.category), '[]')
                 FROM person_categories c WHERE c.person_id = p.id) AS categories
         FROM (${sql}) p
        ORDER BY p.name, p.id`,
      params,
    );
    return {
      persons: rows.map(toRecord),
      categories: rows.flatMap((r) =>
        r.categories.map((c) => ({
          personId: r.id,
          category: c.category,
          subtype: c.subtype,
          source: c.source,
          validFrom: c.valid_from,
          validTo: c.valid_to,
        })),
      ),
    };
  }
}

interface CategoryJson {
  category: string;
  subtype: string | null;
  source: CategorySource;
  valid_from: string;
  valid_to: string | null;
}

/** The keyset search's statement (persons only), ordered by (name, id) and cut at the limit. */
function searchQuery(s: PersonSearch): { sql: string; params: unknown[] } {
  const params: unknown[] = [s.prefixes.map((p) => `${escapeLike(p)}%`)];
  const where = ['p.region_code LIKE ANY ($1::text[])', 'p.merged_into IS NULL'];
  const add = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  if (s.nationalIdBidx !== undefined) where.push(`p.national_id_bidx = ${add(s.nationalIdBidx)}`);
  if (s.phoneBidx !== undefined) where.push(`p.phone_bidx = ${add(s.phoneBidx)}`);
  if (s.namePrefix !== undefined) where.push(`p.name LIKE ${add(`${escapeLike(s.namePrefix)}%`)}`);
  if (s.category !== undefined) {
    const on = add(s.on);
    where.push(
      `EXISTS (SELECT 1 FROM person_categories c WHERE c.person_id = p.id AND c.category = ${add(s.category)}
                AND c.valid_from <= ${on}::date AND (c.valid_to IS NULL OR c.valid_to >= ${on}::date))`,
    );
  }
  if (s.verificationStatus !== undefined) where.push(`p.verification_status = ${add(s.verificationStatus)}`);
  if (s.after !== undefined) where.push(`(p.name, p.id) > (${add(s.after.name)}, ${add(s.after.id)}::uuid)`);
  return { sql: `SELECT ${COLUMNS} FROM persons p WHERE ${where.join(' AND ')} ORDER BY p.name, p.id LIMIT ${add(s.limit)}`, params };
}
