import { AppError, ErrorCode } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { AccountRepository, type AccountRecord, type RoleView } from '../accounts/account-repository.ts';

/** The caller's own account and role assignments. */
export async function getMe(ctx: Pick<AppContext, 'db'>, rc: RequestContext): Promise<{ account: AccountRecord; roles: RoleView[] }> {
  const accounts = new AccountRepository(ctx.db);
  const account = await accounts.findById(rc.actor.accountId);
  if (!account) throw new AppError(ErrorCode.UNAUTHENTICATED, 'Sign in first');
  return { account, roles: await accounts.roles(account.id) };
}
