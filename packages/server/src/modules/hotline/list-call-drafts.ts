import { jurisdictionPrefixes } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { CallRepository } from './call-repository.ts';
import { toCallView, type CallView } from './call-view.ts';

/** The records a counselor should be writing: own drafts first, then unclaimed ones in the jurisdiction. */
export async function listCallDrafts(ctx: Pick<AppContext, 'db' | 'cipher'>, rc: RequestContext): Promise<{ items: CallView[] }> {
  const prefixes = jurisdictionPrefixes(rc.actor, 'hotline.call_record');
  if (prefixes.length === 0) return { items: [] };
  const rows = await new CallRepository(ctx.db).listOpenDrafts(rc.actor.accountId, prefixes, 50);
  return { items: rows.map((r) => toCallView(r, ctx.cipher, rc.actor.accountId, 0)) };
}
