import { AppError, ErrorCode, type Action } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { PersonRepository, type PersonRecord } from '../persons/person-repository.ts';
import { AssessmentRepository, type AssessmentRecord } from './assessment-repository.ts';

export const roleOf = (rc: RequestContext): string | null => rc.actor.roles.map((r) => r.role).join(',') || null;

/** The person, after checking `action` in the person's region; NOT_FOUND naming `field` when unknown. */
export async function personFor(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  rc: RequestContext,
  personId: string,
  action: Action,
  field = 'params.personId',
): Promise<PersonRecord> {
  const person = await new PersonRepository(ctx.db).find(personId);
  if (!person) throw new AppError(ErrorCode.NOT_FOUND, 'Person not found', { field });
  await authorize(ctx, rc, action, { regionCode: person.regionCode, resourceType: 'person', resourceId: person.id });
  if (person.mergedInto !== null) throw new AppError(ErrorCode.GONE, 'This record was merged into another person', { field, details: { personId: person.mergedInto } });
  return person;
}

/** The assessment, after checking `action` in its region. */
export async function assessmentFor(ctx: Pick<AppContext, 'db' | 'clock'>, rc: RequestContext, id: string, action: Action): Promise<AssessmentRecord> {
  const assessment = await new AssessmentRepository(ctx.db).find(id);
  if (!assessment) throw new AppError(ErrorCode.NOT_FOUND, 'Assessment not found');
  await authorize(ctx, rc, action, { regionCode: assessment.regionCode, resourceType: 'assessment', resourceId: assessment.id });
  return assessment;
}
