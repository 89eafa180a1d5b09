import type { Queryable } from '../../db/database.ts';

export interface TimelineEvent {
  personId: string;
  occurredAt: Date;
  /** `<module>.<event>`, lower snake case, e.g. 'assessment.completed'. */
  kind: string;
  /** The id of the record the event is about, in its owning module. */
  refId?: string | null;
  /** Codes and counts only (instrument, severity, status): never names, identifiers or free text. */
  summary?: Record<string, string | number | boolean | null>;
  actorId?: string | null;
}

/**
 * Appends an event to a person's timeline. Call it with the transaction that writes the record, so the
 * timeline never shows something that did not happen, nor misses something that did.
 */
export async function appendTimelineEvent(tx: Queryable, e: TimelineEvent): Promise<void> {
  await tx.query(
    `INSERT INTO person_timeline (person_id, occurred_at, kind, ref_id, summary, actor_id)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6)`,
    [e.personId, e.occurredAt, e.kind, e.refId ?? null, JSON.stringify(e.summary ?? {}), e.actorId ?? null],
  );
}
