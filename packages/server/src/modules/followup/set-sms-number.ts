import { AppError, ErrorCode } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { FollowUpRepository } from './followup-repository.ts';

/** A staff member's own mobile number for SMS reminders (null removes it). Stored encrypted. */
export async function setSmsNumber(ctx: AppContext, rc: RequestContext, input: { phone: string | null }): Promise<{ enabled: boolean }> {
  if (input.phone !== null && !/^1[3-9]\d{9}$/.test(input.phone)) {
    throw new AppError(ErrorCode.VALIDATION, 'A mainland mobile number has 11 digits starting with 1', { field: 'body.phone' });
  }
  const enc = input.phone === null ? null : ctx.cipher.encrypt(input.phone, 'account_sms.phone');
  await ctx.db.transaction((tx) => new FollowUpRepository(tx).setAccountSms(rc.actor.accountId, enc, ctx.clock()));
  return { enabled: input.phone !== null };
}
