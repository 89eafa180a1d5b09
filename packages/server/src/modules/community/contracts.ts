import {
  AppError,
  ErrorCode,
  can,
  canSomewhere,
  familyDoctorContractState,
  jurisdictionPrefixes,
  maskName,
  regionPrefix,
  validateFamilyDoctorAgreement,
  roleGrants,
  type FamilyDoctorAgreement,
} from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import {
  CONTRACT_TASK_CATEGORIES,
  CONTRACT_TASK_EXCLUDED_STATUSES,
  needsFamilyDoctorContract,
} from '@anxin/domain/register/contract-task.ts';
import { localIsoDate } from '../persons/person-crypto.ts';
import { PersonRepository } from '../persons/person-repository.ts';
import { appendTimelineEvent } from '../persons/timeline.ts';
import { auditActor, decodeCursor, encodeCursor, likePatterns, personFor } from './community-support.ts';
import { ContractRepository, type ContractRow } from './contract-repository.ts';

type Ctx = Pick<AppContext, 'db' | 'clock' | 'config'>;

const toAgreement = (c: ContractRow): FamilyDoctorAgreement => ({
  doctor: c.doctorAccountId ?? c.doctorName ?? '',
  signedOn: c.signedOn,
  termMonths: c.termMonths,
  ...(c.terminatedOn !== null ? { terminatedOn: c.terminatedOn } : {}),
});

export interface ContractStatusView {
  status: 'none' | 'signed' | 'expired';
  /** Last day of the agreement in force (signed) or of the last one (expired). */
  validThrough: string | null;
  agreements: Array<{ id: string; doctor: string; doctorAccountId: string | null; signedOn: string; termMonths: number; terminatedOn: string | null }>;
}

/** A person's family-doctor contract status today and the agreements on record (person.read). */
export async function getContractStatus(ctx: Ctx, rc: RequestContext, personId: string): Promise<ContractStatusView> {
  const person = await personFor(ctx, rc, ctx.db, personId, 'person.read', { allowMerged: true });
  const rows = await new ContractRepository(ctx.db).ofPersons([person.id]);
  const state = familyDoctorContractState(rows.map(toAgreement), localIsoDate(ctx.clock(), ctx.config.timeZone));
  return {
    status: state.status,
    validThrough: state.status === 'signed' ? state.validThrough : state.status === 'expired' ? state.lastValidThrough : null,
    agreements: rows.map((r) => ({
      id: r.id,
      doctor: r.doctorAccountName ?? r.doctorName ?? '',
      doctorAccountId: r.doctorAccountId,
      signedOn: r.signedOn,
      termMonths: r.termMonths,
      terminatedOn: r.terminatedOn,
    })),
  };
}

export interface RecordContractInput {
  doctorAccountId?: string | undefined;
  doctorName?: string | undefined;
  signedOn: string;
  termMonths: number;
}

/** Records a signed agreement (contract.manage where the person lives). */
export async function recordContract(ctx: Ctx, rc: RequestContext, personId: string, input: RecordContractInput): Promise<{ id: string }> {
  const doctorName = input.doctorName?.trim() || undefined;
  if ((input.doctorAccountId === undefined) === (doctorName === undefined))
    throw new AppError(ErrorCode.VALIDATION, 'Give the doctor’s account or name', { field: 'body.doctorName' });
  const today = localIsoDate(ctx.clock(), ctx.config.timeZone);
  const agreement: FamilyDoctorAgreement = { doctor: input.doctorAccountId ?? doctorName ?? '', signedOn: input.signedOn, termMonths: input.termMonths };
  const first = validateFamilyDoctorAgreement(agreement)[0];
  if (first) throw new AppError(ErrorCode.VALIDATION, first.message, { field: `body.${first.field === 'doctor' ? 'doctorName' : first.field}` });
  if (input.signedOn > today) throw new AppError(ErrorCode.VALIDATION, 'The signing date is in the future', { field: 'body.signedOn' });
  const person = await personFor(ctx, rc, ctx.db, personId, 'contract.manage');
  const repo = new ContractRepository(ctx.db);
  if (input.doctorAccountId !== undefined && !(await repo.accountExists(input.doctorAccountId)))
    throw new AppError(ErrorCode.VALIDATION, 'No such doctor account', { field: 'body.doctorAccountId' });
  const orgId = rc.actor.roles.find((r) => roleGrants(r.role, 'contract.manage') && r.organizationId)?.organizationId ?? null;
  const now = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const id = await new ContractRepository(tx).insert({
      personId: person.id,
      doctorAccountId: input.doctorAccountId ?? null,
      doctorName: doctorName ?? null,
      organizationId: orgId,
      signedOn: input.signedOn,
      termMonths: input.termMonths,
      terminatedOn: null,
      createdBy: rc.actor.accountId,
      at: now,
    });
    await appendAudit(tx, {
      ...auditActor(rc, now),
      action: 'contract.manage',
      resourceType: 'person',
      resourceId: person.id,
      regionCode: person.regionCode,
      details: { contractId: id, termMonths: input.termMonths },
    });
    await appendTimelineEvent(tx, {
      personId: person.id,
      occurredAt: now,
      kind: 'contract.signed',
      refId: id,
      summary: { termMonths: input.termMonths },
      actorId: rc.actor.accountId,
    });
    return { id };
  });
}

export interface ContractTask {
  personId: string;
  name: string;
  sex: string;
  birthDate: string;
  regionCode: string;
  verificationStatus: string;
  status: 'none' | 'expired';
  lastValidThrough: string | null;
}

/**
 * The "needs a family-doctor contract" task list: computed, not stored, so it is never stale — a
 * signed agreement, a death or a move takes the person off at once. Scoped to the caller's
 * contract.manage jurisdiction and, for staff of a primary-care institution, to its coverage.
 */
export async function listContractTasks(
  ctx: Ctx,
  rc: RequestContext,
  input: { cursor?: string | undefined; limit: number },
): Promise<{ items: ContractTask[]; nextCursor: string | null }> {
  if (!canSomewhere(rc.actor, 'contract.manage')) await authorize(ctx, rc, 'contract.manage', { regionCode: '000000000000', resourceType: 'contract' });
  const repo = new ContractRepository(ctx.db);
  const orgIds = rc.actor.roles.flatMap((r) => (roleGrants(r.role, 'contract.manage') && r.organizationId ? [r.organizationId] : []));
  const coverage = await repo.coverageOf(orgIds);
  const on = localIsoDate(ctx.clock(), ctx.config.timeZone);
  const after = input.cursor === undefined ? undefined : decodeCursor(input.cursor, 2);
  const rows = await repo.needingContract({
    patterns: likePatterns(jurisdictionPrefixes(rc.actor, 'contract.manage')),
    ...(coverage.length > 0 ? { coverage: likePatterns(coverage.map(regionPrefix)) } : {}),
    on,
    categories: CONTRACT_TASK_CATEGORIES,
    excludedStatuses: CONTRACT_TASK_EXCLUDED_STATUSES,
    ...(after ? { after: { name: after[0] ?? '', id: after[1] ?? '' } } : {}),
    limit: input.limit + 1,
  });
  const page = rows.slice(0, input.limit);
  const contracts = await repo.ofPersons(page.map((p) => p.id));
  const categories = await new PersonRepository(ctx.db).categoriesOf(page.map((p) => p.id));
  const items: ContractTask[] = [];
  for (const p of page) {
    const agreements = contracts.filter((c) => c.personId === p.id).map(toAgreement);
    const subject = { verificationStatus: p.verificationStatus, mergedInto: null, categories: categories.filter((c) => c.personId === p.id) };
    if (!needsFamilyDoctorContract(subject, agreements, on)) continue;
    const state = familyDoctorContractState(agreements, on);
    if (state.status === 'signed') continue;
    items.push({
      personId: p.id,
      name: can(rc.actor, 'person.read_full', { regionCode: p.regionCode }) ? p.name : (maskName(p.name) ?? ''),
      sex: p.sex,
      birthDate: p.birthDate,
      regionCode: p.regionCode,
      verificationStatus: p.verificationStatus,
      status: state.status,
      lastValidThrough: state.status === 'expired' ? state.lastValidThrough : null,
    });
  }
  const last = page[page.length - 1];
  return { items, nextCursor: rows.length > input.limit && last ? encodeCursor([last.name, last.id]) : null };
}
