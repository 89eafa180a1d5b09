import { AppError, ErrorCode } from '@anxin/domain';
import { localDate } from '@anxin/domain/crisis/deadlines.ts';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { CRISIS_CONTEXT, auditCrisis, loadCase, lockOpenCase } from './crisis-access.ts';
import { CrisisRepository } from './crisis-repository.ts';
import { applyTransition, checkTransition } from './crisis-transition.ts';

export interface AdmissionInput {
  hospitalName: string;
  hospitalOrgId?: string | undefined;
  admittedOn: string;
  involuntary?: boolean | undefined;
}

/** Admission to hospital (hospital, date, by whom): triaged/intervention → admitted. */
export async function recordAdmission(
  ctx: Pick<AppContext, 'db' | 'clock' | 'cipher' | 'config'>,
  rc: RequestContext,
  caseId: string,
  input: AdmissionInput,
): Promise<{ admissionId: string }> {
  await loadCase(ctx, rc, caseId, 'crisis.manage');
  const today = localDate(ctx.clock(), ctx.config.timeZone);
  if (input.admittedOn > today) throw new AppError(ErrorCode.VALIDATION, 'The admission date is in the future', { field: 'body.admittedOn' });
  return ctx.db.transaction(async (tx) => {
    const c = await lockOpenCase(tx, caseId);
    const to = checkTransition(rc, c, 'admit');
    const repo = new CrisisRepository(tx);
    const admissionId = await repo.insertAdmission({
      caseId: c.id,
      hospitalOrgId: input.hospitalOrgId ?? null,
      hospitalName: input.hospitalName.trim(),
      admittedOn: input.admittedOn,
      arrangedBy: rc.actor.accountId,
      involuntary: input.involuntary ?? false,
    });
    await applyTransition(tx, ctx, rc, c, 'admit', to);
    await auditCrisis(tx, ctx, rc, 'crisis.admission_recorded', c, { admissionId, involuntary: input.involuntary ?? false });
    return { admissionId };
  });
}

/** Discharge from hospital: admitted → stabilized. */
export async function recordDischarge(
  ctx: Pick<AppContext, 'db' | 'clock' | 'cipher' | 'config'>,
  rc: RequestContext,
  caseId: string,
  input: { dischargedOn: string; notes?: string | undefined },
): Promise<{ admissionId: string }> {
  await loadCase(ctx, rc, caseId, 'crisis.manage');
  const today = localDate(ctx.clock(), ctx.config.timeZone);
  if (input.dischargedOn > today) throw new AppError(ErrorCode.VALIDATION, 'The discharge date is in the future', { field: 'body.dischargedOn' });
  return ctx.db.transaction(async (tx) => {
    const c = await lockOpenCase(tx, caseId);
    const to = checkTransition(rc, c, 'discharge');
    const repo = new CrisisRepository(tx);
    const current = await repo.currentAdmission(c.id);
    if (!current) throw new AppError(ErrorCode.INVALID_STATE, 'No admission to discharge from');
    if (input.dischargedOn < current.admittedOn) {
      throw new AppError(ErrorCode.VALIDATION, 'Discharge cannot be before admission', { field: 'body.dischargedOn' });
    }
    const notes = input.notes?.trim();
    await repo.discharge(current.id, input.dischargedOn, notes ? ctx.cipher.encrypt(notes, CRISIS_CONTEXT.dischargeNotes) : null);
    await applyTransition(tx, ctx, rc, c, 'discharge', to);
    return { admissionId: current.id };
  });
}
