import { AppError, ErrorCode } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { ImportRepository, type ImportRecord } from './import-repository.ts';
import { toImportView, type ImportView } from './import-view.ts';

/** An import is visible to the account that started it only (it names no one, but its report is theirs). */
export async function findOwnImport(ctx: Pick<AppContext, 'db'>, rc: RequestContext, id: string): Promise<ImportRecord> {
  const imp = await new ImportRepository(ctx.db).find(id);
  if (!imp || imp.accountId !== rc.actor.accountId) throw new AppError(ErrorCode.NOT_FOUND, 'No such import', { field: 'params.id' });
  return imp;
}

export async function getImport(ctx: Pick<AppContext, 'db'>, rc: RequestContext, id: string): Promise<ImportView> {
  return toImportView(await findOwnImport(ctx, rc, id));
}
