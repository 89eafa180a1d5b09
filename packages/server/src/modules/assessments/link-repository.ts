import type { Queryable } from '../../db/database.ts';
import type { AssessmentLanguage } from './assessment-repository.ts';

export interface LinkRecord {
  id: string;
  personId: string;
  regionCode: string;
  instrument: string;
  instrumentVersion: string;
  language: AssessmentLanguage;
  consentId: string;
  issuedBy: string;
  issuedAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  assessmentId: string | null;
  revokedAt: Date | null;
}

interface Row {
  id: string;
  person_id: string;
  region_code: string;
  instrument: string;
  instrument_version: string;
  language: AssessmentLanguage;
  consent_id: string;
  issued_by: string;
  issued_at: Date;
  expires_at: Date;
  used_at: Date | null;
  assessment_id: string | null;
  revoked_at: Date | null;
}

const toRecord = (r: Row): LinkRecord => ({
  id: r.id,
  personId: r.person_id,
  regionCode: r.region_code,
  instrument: r.instrument,
  instrumentVersion: r.instrument_version,
  language: r.language,
  consentId: r.consent_id,
  issuedBy: r.issued_by,
  issuedAt: r.issued_at,
  expiresAt: r.expires_at,
  usedAt: r.used_at,
  assessmentId: r.assessment_id,
  revokedAt: r.revoked_at,
});

export class LinkRepository {
  constructor(private readonly q: Queryable) {}

  async insert(l: Omit<LinkRecord, 'id' | 'usedAt' | 'assessmentId' | 'revokedAt'> & { tokenHash: string }): Promise<string> {
    const rows = await this.q.query<{ id: string }>(
      `INSERT INTO assessment_links (token_hash, person_id, region_code, instrument, instrument_version, language, consent_id,
         issued_by, issued_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [l.tokenHash, l.personId, l.regionCode, l.instrument, l.instrumentVersion, l.language, l.consentId, l.issuedBy, l.issuedAt, l.expiresAt],
    );
    return (rows[0] as { id: string }).id;
  }

  async findByTokenHash(tokenHash: string, forUpdate = false): Promise<LinkRecord | undefined> {
    const rows = await this.q.query<Row>(`SELECT * FROM assessment_links WHERE token_hash = $1${forUpdate ? ' FOR UPDATE' : ''}`, [tokenHash]);
    return rows[0] && toRecord(rows[0]);
  }

  async find(id: string): Promise<LinkRecord | undefined> {
    const rows = await this.q.query<Row>('SELECT * FROM assessment_links WHERE id = $1', [id]);
    return rows[0] && toRecord(rows[0]);
  }

  /** Marks the link used by this assessment; false when it was used meanwhile. */
  async markUsed(id: string, assessmentId: string, at: Date): Promise<boolean> {
    const rows = await this.q.query<{ id: string }>(
      'UPDATE assessment_links SET used_at = $3, assessment_id = $2 WHERE id = $1 AND used_at IS NULL RETURNING id',
      [id, assessmentId, at],
    );
    return rows.length === 1;
  }

  async revoke(id: string, at: Date): Promise<boolean> {
    const rows = await this.q.query<{ id: string }>(
      'UPDATE assessment_links SET revoked_at = $2 WHERE id = $1 AND used_at IS NULL AND revoked_at IS NULL RETURNING id',
      [id, at],
    );
    return rows.length === 1;
  }

  /** Open links of a person (not used, not revoked, not expired at `at`), newest first. */
  async listOpenForPerson(personId: string, at: Date): Promise<LinkRecord[]> {
    const rows = await this.q.query<Row>(
      `SELECT * FROM assessment_links WHERE person_id = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $2
       ORDER BY issued_at DESC`,
      [personId, at],
    );
    return rows.map(toRecord);
  }

  /** Revokes every open link of a person issued under a consent (when the consent is withdrawn). */
  async revokeForConsent(consentId: string, at: Date): Promise<number> {
    const rows = await this.q.query<{ id: string }>(
      'UPDATE assessment_links SET revoked_at = $2 WHERE consent_id = $1 AND used_at IS NULL AND revoked_at IS NULL RETURNING id',
      [consentId, at],
    );
    return rows.length;
  }

  /**
   * Counts one hit for `key` in a fixed window and returns the hits in the current window (this one
   * included). Atomic: concurrent hits each count.
   */
  async hit(key: string, at: Date, windowMs: number): Promise<number> {
    const rows = await this.q.query<{ hits: number }>(
      `INSERT INTO assessment_link_throttle AS t (key, hits, window_start) VALUES ($1, 1, $2)
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN t.window_start <= $2::timestamptz - make_interval(secs => $3) THEN 1 ELSE t.hits + 1 END,
         window_start = CASE WHEN t.window_start <= $2::timestamptz - make_interval(secs => $3) THEN $2 ELSE t.window_start END
       RETURNING hits`,
      [key, at, windowMs / 1000],
    );
    return (rows[0] as { hits: number }).hits;
  }

  /** Deletes rate-limit counters whose window started before `before`; returns how many. */
  async purgeThrottleBefore(before: Date): Promise<number> {
    const rows = await this.q.query<{ key: string }>('DELETE FROM assessment_link_throttle WHERE window_start < $1 RETURNING key', [before]);
    return rows.length;
  }
}
