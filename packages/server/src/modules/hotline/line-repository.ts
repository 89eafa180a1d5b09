import type { Queryable } from '../../db/database.ts';

export interface LineRecord {
  id: string;
  number: string;
  name: string;
  regionCode: string;
  organizationId: string | null;
  openTime: string;
  closeTime: string;
  webhookSecretEnc: string | null;
}

export interface SeatRecord {
  id: string;
  lineId: string;
  code: string;
  active: boolean;
  occupantId: string | null;
}

export interface ShiftRecord {
  id: string;
  lineId: string;
  accountId: string;
  displayName: string;
  startsAt: Date;
  endsAt: Date;
  supervisor: boolean;
}

export interface CounselorRecord {
  accountId: string;
  displayName: string;
  lineId: string;
  qualifications: string[];
  training: { course: string; hours: number; completedOn: string }[];
  isSupervisor: boolean;
  active: boolean;
}

const LINE_COLUMNS = `id, number, name, region_code AS "regionCode", organization_id AS "organizationId",
  open_time AS "openTime", close_time AS "closeTime", webhook_secret_enc AS "webhookSecretEnc"`;

/** Lines, seats, counselors and shifts: the hotline's standing set-up. */
export class LineRepository {
  constructor(private readonly db: Queryable) {}

  async insertLine(l: Omit<LineRecord, 'id'>): Promise<string | undefined> {
    const rows = await this.db.query<{ id: string }>(
      `INSERT INTO hotline_lines (number, name, region_code, organization_id, open_time, close_time, webhook_secret_enc)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (number) DO NOTHING RETURNING id`,
      [l.number, l.name, l.regionCode, l.organizationId, l.openTime, l.closeTime, l.webhookSecretEnc],
    );
    return rows[0]?.id;
  }

  async findLine(id: string): Promise<LineRecord | undefined> {
    return (await this.db.query<LineRecord>(`SELECT ${LINE_COLUMNS} FROM hotline_lines WHERE id = $1`, [id]))[0];
  }

  async findLineByNumber(number: string): Promise<LineRecord | undefined> {
    return (await this.db.query<LineRecord>(`SELECT ${LINE_COLUMNS} FROM hotline_lines WHERE number = $1`, [number]))[0];
  }

  async listLines(prefixes: string[]): Promise<LineRecord[]> {
    return this.db.query<LineRecord>(
      `SELECT ${LINE_COLUMNS} FROM hotline_lines WHERE region_code LIKE ANY($1) ORDER BY number`,
      [prefixes.map((p) => `${p}%`)],
    );
  }

  async updateHours(id: string, openTime: string, closeTime: string): Promise<void> {
    await this.db.query(`UPDATE hotline_lines SET open_time = $2, close_time = $3 WHERE id = $1`, [id, openTime, closeTime]);
  }

  async insertSeats(lineId: string, codes: string[]): Promise<number> {
    if (codes.length === 0) return 0;
    const rows = await this.db.query<{ id: string }>(
      `INSERT INTO hotline_seats (line_id, code) SELECT $1, unnest($2::text[]) ON CONFLICT (line_id, code) DO NOTHING RETURNING id`,
      [lineId, codes],
    );
    return rows.length;
  }

  async listSeats(lineIds: string[]): Promise<SeatRecord[]> {
    return this.db.query<SeatRecord>(
      `SELECT id, line_id AS "lineId", code, active, occupant_id AS "occupantId"
         FROM hotline_seats WHERE line_id = ANY($1) ORDER BY code`,
      [lineIds],
    );
  }

  async findSeat(lineId: string, code: string): Promise<SeatRecord | undefined> {
    return (
      await this.db.query<SeatRecord>(
        `SELECT id, line_id AS "lineId", code, active, occupant_id AS "occupantId" FROM hotline_seats WHERE line_id = $1 AND code = $2`,
        [lineId, code],
      )
    )[0];
  }

  async findSeatById(id: string): Promise<SeatRecord | undefined> {
    return (
      await this.db.query<SeatRecord>(
        `SELECT id, line_id AS "lineId", code, active, occupant_id AS "occupantId" FROM hotline_seats WHERE id = $1`,
        [id],
      )
    )[0];
  }

  /** Signs an account in at a seat (leaving any other seat it held), or the seat's occupant out. */
  async setOccupant(seatId: string, accountId: string | null): Promise<void> {
    if (accountId !== null) await this.db.query(`UPDATE hotline_seats SET occupant_id = NULL WHERE occupant_id = $1`, [accountId]);
    await this.db.query(`UPDATE hotline_seats SET occupant_id = $2 WHERE id = $1`, [seatId, accountId]);
  }

  async upsertCounselor(c: Omit<CounselorRecord, 'displayName'>): Promise<void> {
    await this.db.query(
      `INSERT INTO hotline_counselors (account_id, line_id, qualifications, training, is_supervisor, active)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6)
       ON CONFLICT (account_id) DO UPDATE SET line_id = EXCLUDED.line_id, qualifications = EXCLUDED.qualifications,
         training = EXCLUDED.training, is_supervisor = EXCLUDED.is_supervisor, active = EXCLUDED.active`,
      [c.accountId, c.lineId, c.qualifications, JSON.stringify(c.training), c.isSupervisor, c.active],
    );
  }

  async listCounselors(lineIds: string[]): Promise<CounselorRecord[]> {
    return this.db.query<CounselorRecord>(
      `SELECT c.account_id AS "accountId", a.display_name AS "displayName", c.line_id AS "lineId", c.qualifications,
              c.training, c.is_supervisor AS "isSupervisor", c.active
         FROM hotline_counselors c JOIN accounts a ON a.id = c.account_id
        WHERE c.line_id = ANY($1) ORDER BY a.display_name`,
      [lineIds],
    );
  }

  async findCounselor(accountId: string): Promise<{ lineId: string } | undefined> {
    return (await this.db.query<{ lineId: string }>(`SELECT line_id AS "lineId" FROM hotline_counselors WHERE account_id = $1`, [accountId]))[0];
  }

  async insertShift(s: Omit<ShiftRecord, 'id' | 'displayName'>): Promise<string> {
    const rows = await this.db.query<{ id: string }>(
      `INSERT INTO hotline_shifts (line_id, account_id, starts_at, ends_at, supervisor) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [s.lineId, s.accountId, s.startsAt, s.endsAt, s.supervisor],
    );
    const id = rows[0]?.id;
    if (!id) throw new Error('shift insert failed');
    return id;
  }

  async deleteShift(lineId: string, id: string): Promise<boolean> {
    return (await this.db.query(`DELETE FROM hotline_shifts WHERE id = $1 AND line_id = $2 RETURNING id`, [id, lineId])).length > 0;
  }

  /** Shifts overlapping [from, to). */
  async listShifts(lineId: string, from: Date, to: Date): Promise<ShiftRecord[]> {
    return this.db.query<ShiftRecord>(
      `SELECT s.id, s.line_id AS "lineId", s.account_id AS "accountId", a.display_name AS "displayName",
              s.starts_at AS "startsAt", s.ends_at AS "endsAt", s.supervisor
         FROM hotline_shifts s JOIN accounts a ON a.id = s.account_id
        WHERE s.line_id = $1 AND s.starts_at < $3 AND s.ends_at > $2 ORDER BY s.starts_at, a.display_name`,
      [lineId, from, to],
    );
  }

  async overlappingShiftOf(accountId: string, from: Date, to: Date): Promise<boolean> {
    const rows = await this.db.query(`SELECT 1 FROM hotline_shifts WHERE account_id = $1 AND starts_at < $3 AND ends_at > $2 LIMIT 1`, [
      accountId,
      from,
      to,
    ]);
    return rows.length > 0;
  }

  /** Supervisors on duty on the line at `at` (supervisor shifts). */
  async supervisorsOnDuty(lineId: string, at: Date): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(
      `SELECT DISTINCT account_id AS id FROM hotline_shifts WHERE line_id = $1 AND supervisor AND starts_at <= $2 AND ends_at > $2`,
      [lineId, at],
    );
    return rows.map((r) => r.id);
  }

  /** The line's supervisors whoever is on duty (fallback when the roster names none). */
  async lineSupervisors(lineId: string): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(
      `SELECT account_id AS id FROM hotline_counselors WHERE line_id = $1 AND is_supervisor AND active`,
      [lineId],
    );
    return rows.map((r) => r.id);
  }
}
