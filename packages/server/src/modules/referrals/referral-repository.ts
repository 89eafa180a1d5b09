import type { ReferralEventType, ReferralStatus } from '@anxin/domain/referrals/referral-state.ts';
import type { Queryable } from '../../db/database.ts';

export type ReferralKind = 'clinical' | 'aid';

export interface ReferralRecord {
  id: string;
  personId: string;
  personName: string;
  personSex: 'male' | 'female';
  personBirthDate: string;
  regionCode: string;
  regionName: string;
  kind: ReferralKind;
  topic: string;
  urgency: 'routine' | 'urgent';
  fromOrgId: string | null;
  fromOrgName: string | null;
  fromOrgType: string | null;
  toOrgId: string;
  toOrgName: string;
  toOrgType: string;
  careVisitId: string | null;
  status: ReferralStatus;
  reasonEnc: string | null;
  declineReasonEnc: string | null;
  adviceEnc: string | null;
  sentBy: string;
  sentByName: string;
  sentAt: Date;
  updatedAt: Date;
  acceptedAt: Date | null;
  seenAt: Date | null;
  returnedAt: Date | null;
  closedAt: Date | null;
}

export interface ReferralEventRecord {
  event: 'send' | ReferralEventType;
  toStatus: string;
  at: Date;
  actorName: string;
  organizationName: string | null;
}

interface Row {
  id: string;
  person_id: string;
  person_name: string;
  person_sex: 'male' | 'female';
  person_birth_date: string;
  region_code: string;
  region_name: string;
  kind: ReferralKind;
  topic: string;
  urgency: 'routine' | 'urgent';
  from_org_id: string | null;
  from_org_name: string | null;
  from_org_type: string | null;
  to_org_id: string;
  to_org_name: string;
  to_org_type: string;
  care_visit_id: string | null;
  status: ReferralStatus;
  reason_enc: string | null;
  decline_reason_enc: string | null;
  advice_enc: string | null;
  sent_by: string;
  sent_by_name: string;
  sent_at: Date;
  updated_at: Date;
  accepted_at: Date | null;
  seen_at: Date | null;
  returned_at: Date | null;
  closed_at: Date | null;
}

const SELECT = `SELECT r.*, p.name AS person_name, p.sex AS person_sex, p.birth_date AS person_birth_date, rg.name AS region_name,
    fo.name AS from_org_name, fo.type AS from_org_type, tor.name AS to_org_name, tor.type AS to_org_type, a.display_name AS sent_by_name
  FROM referrals r
  JOIN persons p ON p.id = r.person_id
  JOIN regions rg ON rg.code = r.region_code
  LEFT JOIN organizations fo ON fo.id = r.from_org_id
  JOIN organizations tor ON tor.id = r.to_org_id
  JOIN accounts a ON a.id = r.sent_by`;

const toRecord = (r: Row): ReferralRecord => ({
  id: r.id,
  personId: r.person_id,
  personName: r.person_name,
  personSex: r.person_sex,
  personBirthDate: r.person_birth_date,
  regionCode: r.region_code,
  regionName: r.region_name,
  kind: r.kind,
  topic: r.topic,
  urgency: r.urgency,
  fromOrgId: r.from_org_id,
  fromOrgName: r.from_org_name,
  fromOrgType: r.from_org_type,
  toOrgId: r.to_org_id,
  toOrgName: r.to_org_name,
  toOrgType: r.to_org_type,
  careVisitId: r.care_visit_id,
  status: r.status,
  reasonEnc: r.reason_enc,
  declineReasonEnc: r.decline_reason_enc,
  adviceEnc: r.advice_enc,
  sentBy: r.sent_by,
  sentByName: r.sent_by_name,
  sentAt: r.sent_at,
  updatedAt: r.updated_at,
  acceptedAt: r.accepted_at,
  seenAt: r.seen_at,
  returnedAt: r.returned_at,
  closedAt: r.closed_at,
});

export interface NewReferral {
  personId: string;
  regionCode: string;
  kind: ReferralKind;
  topic: string;
  urgency: 'routine' | 'urgent';
  fromOrgId: string | null;
  toOrgId: string;
  careVisitId: string | null;
  reasonEnc: string | null;
  sentBy: string;
  at: Date;
}

export interface QueueFilter {
  direction: 'incoming' | 'outgoing';
  /** Organizations the caller acts for. */
  orgIds: string[];
  /** For outgoing aid requests raised without an organization: the caller. */
  accountId: string;
  prefixes: string[];
  statuses: readonly ReferralStatus[];
  kind?: ReferralKind | undefined;
  after?: { sentAt: Date; id: string } | undefined;
  limit: number;
}

export class ReferralRepository {
  constructor(private readonly q: Queryable) {}

  async organization(id: string): Promise<{ id: string; type: string; name: string; regionCode: string } | undefined> {
    const rows = await this.q.query<{ id: string; type: string; name: string; region_code: string }>(
      'SELECT id, type, name, region_code FROM organizations WHERE id = $1',
      [id],
    );
    const r = rows[0];
    return r && { id: r.id, type: r.type, name: r.name, regionCode: r.region_code };
  }

  /** Organizations of the given types located within the prefixes, by name. */
  async organizationsWithin(prefixes: string[], types: readonly string[]): Promise<{ id: string; type: string; name: string; regionCode: string }[]> {
    if (prefixes.length === 0) return [];
    const rows = await this.q.query<{ id: string; type: string; name: string; region_code: string }>(
      `SELECT id, type, name, region_code FROM organizations
        WHERE region_code LIKE ANY ($1::text[]) AND type = ANY ($2::text[])
        ORDER BY type, region_code, name LIMIT 500`,
      [prefixes.map((p) => `${p}%`), [...types]],
    );
    return rows.map((r) => ({ id: r.id, type: r.type, name: r.name, regionCode: r.region_code }));
  }

  async insert(r: NewReferral): Promise<string | undefined> {
    const rows = await this.q.query<{ id: string }>(
      `INSERT INTO referrals (person_id, region_code, kind, topic, urgency, from_org_id, to_org_id, care_visit_id, reason_enc,
         sent_by, sent_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)
       ON CONFLICT (care_visit_id, topic) WHERE care_visit_id IS NOT NULL DO NOTHING
       RETURNING id`,
      [r.personId, r.regionCode, r.kind, r.topic, r.urgency, r.fromOrgId, r.toOrgId, r.careVisitId, r.reasonEnc, r.sentBy, r.at],
    );
    return rows[0]?.id;
  }

  async appendEvent(e: { referralId: string; event: 'send' | ReferralEventType; toStatus: ReferralStatus; at: Date; actorId: string; organizationId: string | null }): Promise<void> {
    await this.q.query(
      `INSERT INTO referral_events (referral_id, event, to_status, at, actor_id, organization_id) VALUES ($1, $2, $3, $4, $5, $6)`,
      [e.referralId, e.event, e.toStatus, e.at, e.actorId, e.organizationId],
    );
  }

  async find(id: string, lock = false): Promise<ReferralRecord | undefined> {
    const rows = await this.q.query<Row>(`${SELECT} WHERE r.id = $1${lock ? ' FOR UPDATE OF r' : ''}`, [id]);
    return rows[0] && toRecord(rows[0]);
  }

  async events(referralId: string): Promise<ReferralEventRecord[]> {
    const rows = await this.q.query<{ event: ReferralEventRecord['event']; to_status: string; at: Date; actor_name: string; organization_name: string | null }>(
      `SELECT e.event, e.to_status, e.at, a.display_name AS actor_name, o.name AS organization_name
         FROM referral_events e JOIN accounts a ON a.id = e.actor_id LEFT JOIN organizations o ON o.id = e.organization_id
        WHERE e.referral_id = $1 ORDER BY e.id`,
      [referralId],
    );
    return rows.map((r) => ({ event: r.event, toStatus: r.to_status, at: r.at, actorName: r.actor_name, organizationName: r.organization_name }));
  }

  async transition(
    id: string,
    to: ReferralStatus,
    at: Date,
    texts: { declineReasonEnc?: string | null; adviceEnc?: string | null },
  ): Promise<void> {
    const stamp: Partial<Record<ReferralStatus, string>> = {
      accepted: 'accepted_at',
      seen: 'seen_at',
      returned_with_advice: 'returned_at',
      closed: 'closed_at',
    };
    const col = stamp[to];
    await this.q.query(
      `UPDATE referrals SET status = $2, updated_at = $3,
         decline_reason_enc = COALESCE($4, decline_reason_enc), advice_enc = COALESCE($5, advice_enc)
         ${col ? `, ${col} = $3` : ''}
       WHERE id = $1`,
      [id, to, at, texts.declineReasonEnc ?? null, texts.adviceEnc ?? null],
    );
  }

  async queue(f: QueueFilter): Promise<ReferralRecord[]> {
    if (f.prefixes.length === 0) return [];
    const side =
      f.direction === 'incoming'
        ? '(r.to_org_id = ANY ($1::uuid[]) AND $2::uuid IS NOT NULL)'
        : '(r.from_org_id = ANY ($1::uuid[]) OR (r.from_org_id IS NULL AND r.sent_by = $2))';
    const rows = await this.q.query<Row>(
      `${SELECT}
        WHERE ${side}
          AND r.region_code LIKE ANY ($3::text[])
          AND r.status = ANY ($4::text[])
          AND ($5::text IS NULL OR r.kind = $5)
          AND ($6::timestamptz IS NULL OR (r.sent_at, r.id) < ($6::timestamptz, $7::uuid))
        ORDER BY r.sent_at DESC, r.id DESC
        LIMIT $8`,
      [f.orgIds, f.accountId, f.prefixes.map((p) => `${p}%`), [...f.statuses], f.kind ?? null, f.after?.sentAt ?? null, f.after?.id ?? null, f.limit],
    );
    return rows.map(toRecord);
  }

  async ofPerson(personId: string): Promise<ReferralRecord[]> {
    const rows = await this.q.query<Row>(`${SELECT} WHERE r.person_id = $1 ORDER BY r.sent_at DESC LIMIT 100`, [personId]);
    return rows.map(toRecord);
  }

  async ofCareVisits(careVisitIds: string[]): Promise<ReferralRecord[]> {
    if (careVisitIds.length === 0) return [];
    const rows = await this.q.query<Row>(`${SELECT} WHERE r.care_visit_id = ANY ($1::uuid[]) ORDER BY r.sent_at`, [careVisitIds]);
    return rows.map(toRecord);
  }

  /** Active accounts acting for an organization in a role that handles referrals (to notify them). */
  async accountsActingFor(orgId: string, roles: readonly string[]): Promise<string[]> {
    const rows = await this.q.query<{ account_id: string }>(
      `SELECT DISTINCT ra.account_id FROM role_assignments ra JOIN accounts a ON a.id = ra.account_id
        WHERE ra.organization_id = $1 AND ra.role = ANY ($2::text[]) AND a.disabled_at IS NULL ORDER BY ra.account_id LIMIT 50`,
      [orgId, [...roles]],
    );
    return rows.map((r) => r.account_id);
  }
}
