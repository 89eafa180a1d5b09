import { AppError, ErrorCode } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { CounselingRepository } from './counseling-repository.ts';
import { sessionTiers, toRevisionView, type SessionRevisionView } from './counseling-view.ts';

/** A session's corrections, oldest first, each with the values it replaced as the caller may see them. */
export async function listSessionRevisions(ctx: AppContext, rc: RequestContext, sessionId: string): Promise<{ items: SessionRevisionView[] }> {
  const repo = new CounselingRepository(ctx.db);
  const s = await repo.findSession(sessionId);
  const participants = s ? await repo.participantsOf([s.id]) : [];
  if (!s || sessionTiers(rc, s, participants).visible.length === 0) throw new AppError(ErrorCode.NOT_FOUND, 'Session not found');
  const revisions = await repo.revisionsOf(s.id);
  return { items: revisions.map((r) => toRevisionView(ctx, rc, s, participants, r)) };
}
