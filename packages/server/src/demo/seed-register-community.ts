import { makeNationalId } from '@anxin/domain/register/national-id.ts';
import { addDays, addMonths } from '@anxin/domain/register/iso-date.ts';
import type { Queryable } from '../db/database.ts';
import { queueDuplicateCandidates } from '../modules/community/queue-duplicate-candidates.ts';
import { PERSON_CONTEXT, localIsoDate, nationalIdIndex, phoneIndex } from '../modules/persons/person-crypto.ts';
import { PersonRepository } from '../modules/persons/person-repository.ts';
import { appendTimelineEvent } from '../modules/persons/timeline.ts';
import type { FieldCipher } from '../privacy/field-cipher.ts';

export interface SeedRegisterCommunityOptions {
  at: Date;
  cipher: FieldCipher;
  /** The demo grid worker's grid; arrivals are placed there. */
  grid: string | undefined;
  /** The primary-care institution covering the grid (its inbox receives the arrivals). */
  primaryCareOrgId: string | null | undefined;
  doctorId: string | undefined;
  timeZone?: string;
}

interface DemoPerson {
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
  idSequence: number | null;
  phone: string | null;
  address: string;
}

/**
 * Demo data for the community side of the register: in the grid worker's grid, two new arrivals (one
 * discharged with a psychiatric-medication hand-over, one newly registered) waiting in the inbox of the
 * covering institution; a recovered patient with a family-doctor agreement in force and one whose agreement
 * has lapsed (so the contract task list has both cases); and two records without a national ID that look
 * like one person (same name and birth date), queued for duplicate review. Does nothing without a grid, and
 * nothing the second time. Returns how many persons it created.
 */
export async function seedRegisterCommunity(tx: Queryable, o: SeedRegisterCommunityOptions): Promise<number> {
  if (!o.grid) return 0;
  const today = localIsoDate(o.at, o.timeZone ?? 'Asia/Shanghai');
  const persons = new PersonRepository(tx);
  const people: DemoPerson[] = [
    { name: '陈新到', sex: 'male', birthDate: '1962-08-19', idSequence: 487, phone: '13871230001', address: '湖北省武汉市江岸区胜利街101号2单元' },
    { name: '林登记', sex: 'female', birthDate: '1975-02-03', idSequence: 488, phone: '13871230002', address: '湖北省武汉市江岸区胜利街88号' },
    { name: '赵签约', sex: 'female', birthDate: '1958-11-30', idSequence: 489, phone: '13871230003', address: '湖北省武汉市江岸区胜利街12号' },
    { name: '钱到期', sex: 'male', birthDate: '1966-04-21', idSequence: 490, phone: '13871230004', address: '湖北省武汉市江岸区胜利街7号' },
    { name: '孙重复', sex: 'male', birthDate: '1971-09-09', idSequence: null, phone: '13871230005', address: '湖北省武汉市江岸区胜利街66号' },
    { name: '孙重复', sex: 'male', birthDate: '1971-09-09', idSequence: null, phone: null, address: '湖北省武汉市江岸区胜利街66号附1号' },
  ];
  const already = await tx.query("SELECT 1 FROM persons WHERE name = '孙重复' AND region_code = $1 LIMIT 1", [o.grid]);
  if (already.length > 0) return 0;

  const ids: string[] = [];
  for (const p of people) {
    const nationalId = p.idSequence === null ? null : makeNationalId('420102', p.birthDate, p.idSequence, p.sex);
    const id = await persons.insert({
      name: p.name,
      sex: p.sex,
      birthDate: p.birthDate,
      nationalIdEnc: nationalId === null ? null : o.cipher.encrypt(nationalId, PERSON_CONTEXT.nationalId),
      nationalIdBidx: nationalId === null ? null : (nationalIdIndex(o.cipher, nationalId) ?? null),
      phoneEnc: p.phone === null ? null : o.cipher.encrypt(p.phone, PERSON_CONTEXT.phone),
      phoneBidx: p.phone === null ? null : (phoneIndex(o.cipher, p.phone) ?? null),
      addressEnc: o.cipher.encrypt(p.address, PERSON_CONTEXT.address),
      regionCode: o.grid,
      deceasedOn: null,
      createdBy: o.doctorId ?? null,
      at: o.at,
    });
    if (id === undefined) return 0; // someone registered these IDs already: leave the data alone
    ids.push(id);
  }
  const [arrival, registered, signed, lapsed, dupA, dupB] = ids as [string, string, string, string, string, string];
  await persons.insertCategories(
    [arrival, registered, signed, lapsed, dupA, dupB].map((personId) => ({
      personId,
      category: 'recovered_patient',
      subtype: null,
      source: 'hospital' as const,
      validFrom: '2020-03-01',
      validTo: null,
    })),
  );

  const handover = async (personId: string, reason: 'discharge' | 'registered', medication: boolean) => {
    await tx.query(
      `INSERT INTO handovers (person_id, to_org_id, region_code, reason, medication_handover, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [personId, o.primaryCareOrgId ?? null, o.grid, reason, medication, o.at],
    );
  };
  await handover(arrival, 'discharge', true);
  await handover(registered, 'registered', false);

  const contract = async (personId: string, signedOn: string) => {
    const rows = await tx.query<{ id: string }>(
      `INSERT INTO family_doctor_contracts (person_id, doctor_account_id, doctor_name, signed_on, term_months, created_by, created_at)
       VALUES ($1, $2, $3, $4, 12, $2, $5) RETURNING id`,
      [personId, o.doctorId ?? null, o.doctorId ? null : '家庭医生', signedOn, o.at],
    );
    await appendTimelineEvent(tx, { personId, occurredAt: o.at, kind: 'contract.signed', refId: rows[0]?.id ?? null, summary: { termMonths: 12 } });
  };
  await contract(signed, addDays(today, -40));
  await contract(lapsed, addDays(addMonths(today, -12), -10));

  for (const id of ids) await queueDuplicateCandidates(tx, id, o.at);
  return ids.length;
}
