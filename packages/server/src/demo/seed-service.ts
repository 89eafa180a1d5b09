import type { Queryable } from '../db/database.ts';
import { CareVisitRepository } from '../modules/care-visits/care-visit-repository.ts';
import { CARE_VISIT_CONTEXT } from '../modules/care-visits/care-visit-view.ts';
import { CounselingRepository } from '../modules/counseling/counseling-repository.ts';
import { COUNSELING_CONTEXT } from '../modules/counseling/counseling-view.ts';
import { appendTimelineEvent } from '../modules/persons/timeline.ts';
import { REFERRAL_CONTEXT } from '../modules/referrals/referral-access.ts';
import { ReferralRepository } from '../modules/referrals/referral-repository.ts';
import type { FieldCipher } from '../privacy/field-cipher.ts';

const DAY = 24 * 3600_000;
const isoDay = (d: Date): string => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * Demo service-loop data for 江岸区 (420102): an individual plan with a session, a group session, toolkit
 * hand-outs, a care visit with an aid request to civil affairs and a two-way referral from primary care to the
 * mental-health centre. Uses persons already registered by other modules' demo data; with fewer than one
 * person (or without the accounts it needs) it writes nothing.
 */
export async function seedService(
  tx: Queryable,
  o: {
    at: Date;
    cipher: FieldCipher;
    accounts: Record<string, string | undefined>;
    orgs: { mentalHealth: string; civilAffairs: string; primaryCare: string | null };
  },
): Promise<number> {
  const counselor = o.accounts.counselor;
  const social = o.accounts.social_worker;
  const doctor = o.accounts.doctor;
  if (!counselor || !social || !doctor) return 0;
  const persons = await tx.query<{ id: string; region_code: string }>(
    `SELECT id, region_code FROM persons WHERE merged_into IS NULL AND deceased_on IS NULL AND region_code LIKE '420102%'
      ORDER BY created_at, id LIMIT 4`,
  );
  const first = persons[0];
  if (!first) return 0;
  const seal = (v: string, ctx: string): string => o.cipher.encrypt(v, ctx);
  const counseling = new CounselingRepository(tx);
  const timeline = (personId: string, kind: string, refId: string, summary: Record<string, string | number | boolean>, at: Date, actorId: string) =>
    appendTimelineEvent(tx, { personId, occurredAt: at, kind, refId, summary, actorId });

  const planAt = new Date(o.at.getTime() - 30 * DAY);
  const planId = await counseling.insertPlan({
    personId: first.id,
    regionCode: first.region_code,
    type: 'individual',
    consultationId: null,
    goalsEnc: seal('缓解焦虑情绪，改善睡眠，逐步恢复社会交往', COUNSELING_CONTEXT.planGoals),
    teamId: null,
    responsibleAccountId: counselor,
    startDate: isoDay(planAt),
    createdBy: counselor,
    at: planAt,
  });
  if (planId === undefined) return 0;
  await timeline(first.id, 'counseling.plan_created', planId, { type: 'individual', fromConsultation: false }, planAt, counselor);
  const sessionAt = new Date(o.at.getTime() - 14 * DAY);
  const sessionId = await counseling.insertSession({
    type: 'individual',
    regionCode: first.region_code,
    date: isoDay(sessionAt),
    durationMinutes: 50,
    modality: 'in_person',
    providerId: counselor,
    topic: '情绪识别与放松训练',
    goalsEnc: seal('学习腹式呼吸放松', COUNSELING_CONTEXT.sessionGoals),
    outcomeEnc: seal('能独立完成放松练习，自评焦虑下降', COUNSELING_CONTEXT.sessionOutcome),
    notesEnc: seal('来访者谈及出院后邻里关系紧张，夜间易醒。下次继续认知重建。', COUNSELING_CONTEXT.sessionNotes),
    createdBy: counselor,
    at: sessionAt,
  });
  await counseling.insertParticipants([{ sessionId, personId: first.id, planId, regionCode: first.region_code, attendance: 'attended' }]);
  await timeline(first.id, 'counseling.session', sessionId, { type: 'individual', modality: 'in_person', attendance: 'attended' }, sessionAt, counselor);

  if (persons.length >= 2) {
    const groupAt = new Date(o.at.getTime() - 7 * DAY);
    const groupId = await counseling.insertSession({
      type: 'group',
      regionCode: '420102000000',
      date: isoDay(groupAt),
      durationMinutes: 90,
      modality: 'in_person',
      providerId: counselor,
      topic: '康复者互助小组：压力应对',
      goalsEnc: null,
      outcomeEnc: seal('成员分享应对经验，气氛良好', COUNSELING_CONTEXT.sessionOutcome),
      notesEnc: null,
      createdBy: counselor,
      at: groupAt,
    });
    const rows = persons.map((p, i) => ({ sessionId: groupId, personId: p.id, planId: null, regionCode: p.region_code, attendance: i === 1 ? ('absent' as const) : ('attended' as const) }));
    await counseling.insertParticipants(rows);
    for (const r of rows) await timeline(r.personId, 'counseling.session', groupId, { type: 'group', modality: 'in_person', attendance: r.attendance }, groupAt, counselor);
  }

  for (const p of persons.slice(0, 2)) {
    const id = await counseling.insertHandout({ personId: p.id, regionCode: p.region_code, item: 'handbook', itemLabel: null, quantity: 1, handedOn: isoDay(planAt), handedBy: counselor, at: planAt });
    await timeline(p.id, 'toolkit.handed_out', id, { item: 'handbook', quantity: 1 }, planAt, counselor);
  }

  const visited = persons[1] ?? first;
  const visitAt = new Date(o.at.getTime() - 5 * DAY);
  const visitId = await new CareVisitRepository(tx).insert({
    personId: visited.id,
    regionCode: visited.region_code,
    visitDate: isoDay(visitAt),
    visitorId: social,
    recoverySituation: 'stable',
    economicSituation: 'low_income',
    needs: [
      { type: 'financial_assistance', urgency: 'urgent' },
      { type: 'employment', urgency: 'routine' },
    ],
    notesEnc: seal('家庭收入主要依靠父亲打零工，药费负担较重。', CARE_VISIT_CONTEXT.notes),
    at: visitAt,
  });
  await timeline(visited.id, 'care_visit.recorded', visitId, { recovery: 'stable', economic: 'low_income', needs: 2 }, visitAt, social);
  const referrals = new ReferralRepository(tx);
  const aidId = await referrals.insert({
    personId: visited.id,
    regionCode: visited.region_code,
    kind: 'aid',
    topic: 'financial_assistance',
    urgency: 'urgent',
    fromOrgId: null,
    toOrgId: o.orgs.civilAffairs,
    careVisitId: visitId,
    reasonEnc: seal('申请临时救助', REFERRAL_CONTEXT.reason),
    sentBy: social,
    at: visitAt,
  });
  if (aidId !== undefined) {
    await referrals.appendEvent({ referralId: aidId, event: 'send', toStatus: 'sent', at: visitAt, actorId: social, organizationId: null });
    await timeline(visited.id, 'referral.aid_requested', aidId, { kind: 'aid', topic: 'financial_assistance', status: 'sent' }, visitAt, social);
  }

  if (o.orgs.primaryCare) {
    const refAt = new Date(o.at.getTime() - 2 * DAY);
    const refId = await referrals.insert({
      personId: first.id,
      regionCode: first.region_code,
      kind: 'clinical',
      topic: 'treatment_adjustment',
      urgency: 'routine',
      fromOrgId: o.orgs.primaryCare,
      toOrgId: o.orgs.mentalHealth,
      careVisitId: null,
      reasonEnc: seal('近一月睡眠差、情绪低落，服药依从性一般，请专科评估并调整治疗方案。', REFERRAL_CONTEXT.reason),
      sentBy: doctor,
      at: refAt,
    });
    if (refId !== undefined) {
      await referrals.appendEvent({ referralId: refId, event: 'send', toStatus: 'sent', at: refAt, actorId: doctor, organizationId: o.orgs.primaryCare });
      await timeline(first.id, 'referral.sent', refId, { kind: 'clinical', topic: 'treatment_adjustment', status: 'sent' }, refAt, doctor);
    }
  }
  return persons.length;
}
