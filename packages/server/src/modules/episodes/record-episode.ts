import { AppError, ErrorCode, normalizeIcd10Code, validateEpisode, type HospitalEpisodeInput } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { localIsoDate } from '../persons/person-crypto.ts';
import { PersonRepository } from '../persons/person-repository.ts';
import { writeEpisodes, type EpisodeOutcome } from './episode-store.ts';

export interface RecordEpisodeResult {
  id: string;
  /** created, updated, or unchanged (the same hospital + record number sent again). */
  outcome: Exclude<EpisodeOutcome, 'conflict'>;
  /** True when this call recorded the discharge and handed the person over to primary care. */
  handedOver: boolean;
}

/**
 * Records a hospital stay for a person (episode.create in the person's region). Idempotent by hospital +
 * record number: the same episode sent again changes nothing; with new values it is updated. A record
 * number the hospital already used for another person is a CONFLICT. A discharge routes the person to
 * primary care in the same transaction (see writeEpisodes).
 */
export async function recordEpisode(
  ctx: Pick<AppContext, 'db' | 'clock' | 'cipher' | 'config'>,
  rc: RequestContext,
  personId: string,
  raw: HospitalEpisodeInput,
): Promise<RecordEpisodeResult> {
  const now = ctx.clock();
  const input: HospitalEpisodeInput = { ...raw, diagnosisCodes: raw.diagnosisCodes.map(normalizeIcd10Code) };
  const person = await new PersonRepository(ctx.db).find(personId);
  if (!person || person.mergedInto !== null) throw new AppError(ErrorCode.NOT_FOUND, 'No such person', { field: 'params.id' });
  await authorize(ctx, rc, 'episode.create', { regionCode: person.regionCode, resourceType: 'person', resourceId: personId });

  const errors = validateEpisode(input, localIsoDate(now, ctx.config.timeZone));
  const first = errors[0];
  if (first) {
    throw new AppError(ErrorCode.VALIDATION, first.message, {
      field: `body.${first.field}`,
      details: { errors: errors.map((e) => ({ ...e, field: `body.${e.field}` })) },
    });
  }
  const hospital = await ctx.db.query<{ type: string }>('SELECT type FROM organizations WHERE id = $1', [input.hospitalOrgId]);
  if (hospital[0]?.type !== 'designated_hospital')
    throw new AppError(ErrorCode.VALIDATION, 'Not a designated hospital', { field: 'body.hospitalOrgId' });

  return ctx.db.transaction(async (tx) => {
    const [result] = await writeEpisodes(tx, ctx.cipher, [{ personId, regionCode: person.regionCode, episode: input }], {
      at: now,
      actorId: rc.actor.accountId,
    });
    if (!result) throw new Error('writeEpisodes returned nothing');
    if (result.outcome === 'conflict')
      throw new AppError(ErrorCode.CONFLICT, 'This hospital already used the record number for another person', { field: 'body.recordNumber' });
    if (result.outcome !== 'unchanged') {
      await appendAudit(tx, {
        at: now,
        accountId: rc.actor.accountId,
        username: rc.actor.username,
        role: rc.actor.roles.map((r) => r.role).join(',') || null,
        action: 'episode.create',
        resourceType: 'hospital_episode',
        resourceId: result.episodeId,
        regionCode: person.regionCode,
        clientIp: rc.clientIp,
        details: { personId, outcome: result.outcome, discharged: result.discharged, medications: input.psychMedications.length },
      });
    }
    return { id: result.episodeId, outcome: result.outcome, handedOver: result.discharged };
  });
}
