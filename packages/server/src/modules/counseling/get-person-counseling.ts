import { AppError, ErrorCode } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { PersonRepository } from '../persons/person-repository.ts';
import { CounselingRepository } from './counseling-repository.ts';
import { toHandoutView, toPlanView, toSessionView, type HandoutView, type PlanView, type SessionView } from './counseling-view.ts';

/** A person's counseling: plans, the latest sessions and toolkit hand-outs, for the person page (followup.read). */
export async function getPersonCounseling(
  ctx: AppContext,
  rc: RequestContext,
  input: { personId: string },
): Promise<{ plans: PlanView[]; sessions: SessionView[]; handouts: HandoutView[] }> {
  const person = await new PersonRepository(ctx.db).find(input.personId);
  if (!person) throw new AppError(ErrorCode.NOT_FOUND, 'Person not found');
  await authorize(ctx, rc, 'followup.read', { regionCode: person.regionCode, resourceType: 'person', resourceId: person.id });
  const repo = new CounselingRepository(ctx.db);
  const [plans, sessions, handouts] = await Promise.all([repo.plansOfPerson(person.id), repo.sessionsOfPerson(person.id, 50), repo.handoutsOfPerson(person.id)]);
  const participants = await repo.participantsOf(sessions.map((s) => s.id));
  return {
    plans: plans.map((p) => toPlanView(ctx, rc, p)),
    sessions: sessions.map((s) => toSessionView(ctx, rc, s, participants.filter((p) => p.sessionId === s.id))),
    handouts: handouts.map(toHandoutView),
  };
}
