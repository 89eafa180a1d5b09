import { AppError, ErrorCode } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { PersonRepository } from '../persons/person-repository.ts';
import { listEpisodes, type EpisodeRow } from './episode-store.ts';

/** A person's hospital episodes with decrypted clinical text (episode.read in the person's region). */
export async function listPersonEpisodes(
  ctx: Pick<AppContext, 'db' | 'clock' | 'cipher'>,
  rc: RequestContext,
  personId: string,
): Promise<{ items: EpisodeRow[] }> {
  const person = await new PersonRepository(ctx.db).find(personId);
  if (!person) throw new AppError(ErrorCode.NOT_FOUND, 'No such person', { field: 'params.id' });
  await authorize(ctx, rc, 'episode.read', { regionCode: person.regionCode, resourceType: 'person', resourceId: personId });
  return { items: await listEpisodes(ctx.db, ctx.cipher, personId) };
}
