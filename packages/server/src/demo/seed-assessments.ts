import type { Queryable } from '../db/database.ts';
import { completeAssessment } from '../modules/assessments/complete-assessment.ts';
import { ConsentRepository } from '../modules/assessments/consent-repository.ts';

const DAY = 24 * 3600_000;

/**
 * Demo assessments: for up to three adults already registered (by the register's demo data, if any),
 * a signed consent and a PHQ-9 history over four months (a trend to look at) plus a recent GAD-7; the
 * newest PHQ-9 of the first person is moderate, so the psychiatrist's consultation queue is not empty.
 * Does nothing when no persons exist. Scored by the domain like any real submission.
 */
export async function seedAssessments(tx: Queryable, options: { at: Date; doctorId: string | undefined }): Promise<number> {
  const persons = await tx.query<{ id: string; region_code: string; sex: 'male' | 'female' }>(
    `SELECT id, region_code, sex FROM persons WHERE merged_into IS NULL AND birth_date <= $1::date - interval '18 years'
     ORDER BY created_at, id LIMIT 3`,
    [options.at.toISOString().slice(0, 10)],
  );
  const histories: number[][][] = [
    [
      [2, 2, 2, 2, 1, 2, 1, 1, 0],
      [2, 2, 1, 2, 1, 1, 1, 1, 0],
      [2, 1, 1, 2, 1, 1, 1, 1, 0],
    ],
    [
      [1, 1, 1, 1, 0, 1, 0, 0, 0],
      [1, 0, 1, 1, 0, 0, 0, 0, 0],
    ],
    [[0, 1, 0, 1, 0, 0, 0, 0, 0]],
  ];
  let written = 0;
  for (const [i, p] of persons.entries()) {
    const start = new Date(options.at.getTime() - 130 * DAY);
    const consentId = await new ConsentRepository(tx).insert({
      personId: p.id,
      regionCode: p.region_code,
      purpose: 'assessment',
      textVersion: 'v1.0',
      method: 'signed_paper',
      givenBy: 'self',
      guardianNameEnc: null,
      guardianRelation: null,
      witnessNameEnc: null,
      takenBy: options.doctorId ?? (await firstAccount(tx)),
      givenAt: start,
      at: start,
    });
    const history = histories[i] ?? [];
    for (const [k, answers] of history.entries()) {
      const at = new Date(options.at.getTime() - (history.length - k) * 40 * DAY + k * DAY);
      await completeAssessment(tx, {
        row: {
          personId: p.id,
          regionCode: p.region_code,
          instrument: 'phq9',
          instrumentVersion: '1.0.0',
          mode: k % 2 === 0 ? 'in_person' : 'phone',
          language: 'zh',
          answers,
          consentId,
          administeredBy: options.doctorId ?? null,
          version: 1,
          previousId: null,
          amendmentReasonEnc: null,
          at,
        },
        sex: p.sex,
        actorId: options.doctorId ?? null,
      });
      written++;
    }
  }
  return written;
}

async function firstAccount(tx: Queryable): Promise<string> {
  const rows = await tx.query<{ id: string }>('SELECT id FROM accounts ORDER BY created_at LIMIT 1');
  const id = rows[0]?.id;
  if (!id) throw new Error('demo assessments need an account');
  return id;
}
