import { jurisdictionPrefixes } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { CounselingRepository } from './counseling-repository.ts';
import { toSessionView, type SessionView } from './counseling-view.ts';

/** Recent sessions held within the caller's jurisdiction (followup.read); `mine` → those the caller provided. */
export async function listCounselingSessions(
  ctx: AppContext,
  rc: RequestContext,
  q: { mine?: boolean | undefined; limit: number },
): Promise<{ items: SessionView[] }> {
  const prefixes = jurisdictionPrefixes(rc.actor, 'followup.read');
  if (prefixes.length === 0) await authorize(ctx, rc, 'followup.read', { regionCode: '000000000000' });
  const repo = new CounselingRepository(ctx.db);
  const sessions = await repo.listSessions({ prefixes, providerId: q.mine === true ? rc.actor.accountId : undefined, limit: q.limit });
  const participants = await repo.participantsOf(sessions.map((s) => s.id));
  return {
    items: sessions.map((s) =>
      toSessionView(
        ctx,
        rc,
        s,
        participants.filter((p) => p.sessionId === s.id),
      ),
    ),
  };
}
