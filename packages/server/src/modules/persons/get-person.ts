import { AppError, ErrorCode, can } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { PersonRepository } from './person-repository.ts';
import { toPersonView, type PersonView } from './person-view.ts';

/**
 * One person's record. Needs `person.read` in the person's region; identifiers are shown in full only
 * with `person.read_full` there, and every such full read is audited (`person.read_full`, with the
 * caller's optional reason) before the data leaves: if the audit row cannot be written, nothing is shown.
 * With `masked`, the masked view is returned to anyone and no full read happens.
 */
export async function getPerson(
  ctx: Pick<AppContext, 'db' | 'clock' | 'cipher'>,
  rc: RequestContext,
  input: { id: string; reason?: string | undefined; masked?: boolean | undefined },
): Promise<PersonView> {
  const repo = new PersonRepository(ctx.db);
  const person = await repo.find(input.id);
  if (!person) throw new AppError(ErrorCode.NOT_FOUND, 'Person not found');
  await authorize(ctx, rc, 'person.read', { regionCode: person.regionCode, resourceType: 'person', resourceId: person.id });
  // `masked` asks for the masked view even where a full read is allowed (the person page opens masked
  // and reads in full only when the worker asks, giving a reason); nothing is audited then.
  const full = input.masked !== true && can(rc.actor, 'person.read_full', { regionCode: person.regionCode });
  if (full) {
    await ctx.db.transaction((tx) =>
      appendAudit(tx, {
        at: ctx.clock(),
        accountId: rc.actor.accountId,
        username: rc.actor.username,
        role: rc.actor.roles.map((r) => r.role).join(',') || null,
        action: 'person.read_full',
        resourceType: 'person',
        resourceId: person.id,
        regionCode: person.regionCode,
        clientIp: rc.clientIp,
        reason: input.reason ?? null,
      }),
    );
  }
  return toPersonView(ctx.cipher, person, await repo.categoriesOf([person.id]), full);
}
