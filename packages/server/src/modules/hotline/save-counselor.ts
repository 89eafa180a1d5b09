import { AppError, ErrorCode } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { AccountRepository } from '../accounts/account-repository.ts';
import { authorize } from '../auth/authorize.ts';
import { LineRepository } from './line-repository.ts';
import { auditHotlineChange } from './manage-audit.ts';

export interface SaveCounselorInput {
  accountId: string;
  qualifications: string[];
  training: { course: string; hours: number; completedOn: string }[];
  isSupervisor: boolean;
  active: boolean;
}

/** Puts an account on a line's team with its qualifications and training (or updates them). */
export async function saveCounselor(ctx: Pick<AppContext, 'db' | 'clock'>, rc: RequestContext, lineId: string, input: SaveCounselorInput): Promise<void> {
  const line = await new LineRepository(ctx.db).findLine(lineId);
  if (!line) throw new AppError(ErrorCode.NOT_FOUND, 'No such line', { field: 'params.id' });
  await authorize(ctx, rc, 'hotline.manage', { regionCode: line.regionCode, resourceType: 'hotline_line', resourceId: lineId });
  if (!(await new AccountRepository(ctx.db).findById(input.accountId))) {
    throw new AppError(ErrorCode.VALIDATION, 'No such account', { field: 'body.accountId' });
  }
  await ctx.db.transaction(async (tx) => {
    await new LineRepository(tx).upsertCounselor({ ...input, lineId });
    await auditHotlineChange(tx, rc, ctx.clock(), {
      action: 'hotline.counselor_save',
      resourceType: 'account',
      resourceId: input.accountId,
      regionCode: line.regionCode,
      details: { lineId, qualifications: input.qualifications.length, trainingCourses: input.training.length, isSupervisor: input.isSupervisor },
    });
  });
}
