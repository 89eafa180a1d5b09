import { can } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import type { HandoutRecord, ParticipantRecord, PlanRecord, SessionRecord, SessionRevisionRecord } from './counseling-repository.ts';
import { nameFor, openText } from './service-support.ts';

export const COUNSELING_CONTEXT = {
  planGoals: 'counseling_plans.goals',
  sessionGoals: 'counseling_sessions.goals',
  sessionOutcome: 'counseling_sessions.outcome',
  sessionNotes: 'counseling_sessions.notes',
  revisionReason: 'counseling_session_revisions.reason',
} as const;

/**
 * Three tiers of what a caller sees of counseling (seed 002; least privilege):
 * - with followup.read (the whole service loop, grid and social workers included): that a plan or session
 *   exists, its type, dates, duration, modality, provider and attendance;
 * - with counseling.record (clinical staff): also goals and outcome;
 * - with counseling.read_notes (psychiatrists and counselors): also the clinical notes.
 * Text the caller may not see is null and `hidden` lists what was withheld.
 */
export interface PlanView {
  id: string;
  personId: string;
  personName: string;
  regionCode: string;
  type: string;
  status: string;
  consultationId: string | null;
  goals: string | null;
  teamId: string | null;
  teamName: string | null;
  responsibleAccountId: string | null;
  responsibleName: string | null;
  startDate: string;
  endDate: string | null;
  sessionCount: number;
  hidden: string[];
}

export interface SessionView {
  id: string;
  type: string;
  regionCode: string;
  date: string;
  durationMinutes: number;
  modality: string;
  providerId: string;
  providerName: string;
  topic: string | null;
  goals: string | null;
  outcome: string | null;
  notes: string | null;
  hidden: string[];
  participants: { personId: string; personName: string; planId: string | null; attendance: string }[];
  /** Times the record was corrected (the corrections: GET /api/counseling/sessions/:id/revisions). */
  revisionCount: number;
  revisedAt: string | null;
  /** The caller may correct it: its provider or recorder, with counseling.record for every participant. */
  editable: boolean;
}

export interface SessionRevisionView {
  id: number;
  revisedAt: string;
  revisedBy: string;
  revisedByName: string;
  /** Why it was corrected: clinical text, for counseling.record holders. */
  reason: string | null;
  changed: string[];
  previous: {
    date: string;
    durationMinutes: number;
    modality: string;
    attendance: { personId: string; attendance: string }[] | null;
    topic: string | null;
    goals: string | null;
    outcome: string | null;
    notes: string | null;
  };
  hidden: string[];
}

export interface HandoutView {
  id: string;
  personId: string;
  item: string;
  itemLabel: string | null;
  quantity: number;
  handedOn: string;
  handedBy: string;
  handedByName: string;
}

export function toPlanView(ctx: Pick<AppContext, 'cipher'>, rc: RequestContext, p: PlanRecord): PlanView {
  const clinical = can(rc.actor, 'counseling.record', { regionCode: p.regionCode });
  return {
    id: p.id,
    personId: p.personId,
    personName: nameFor(rc, p.personName, p.regionCode),
    regionCode: p.regionCode,
    type: p.type,
    status: p.status,
    consultationId: p.consultationId,
    goals: clinical ? openText(ctx, p.goalsEnc, COUNSELING_CONTEXT.planGoals) : null,
    teamId: p.teamId,
    teamName: p.teamName,
    responsibleAccountId: p.responsibleAccountId,
    responsibleName: p.responsibleName,
    startDate: p.startDate,
    endDate: p.endDate,
    sessionCount: p.sessionCount,
    hidden: clinical ? [] : ['goals'],
  };
}

/**
 * What the caller may see of a session. For a group session the session's region is the common ancestor of the
 * participants; a caller whose jurisdiction holds only some participants sees the clinical text when it holds at
 * least one of them with the permission, and sees only the participants within its jurisdiction.
 */
export function sessionTiers(rc: RequestContext, s: Pick<SessionRecord, 'regionCode'>, participants: ParticipantRecord[]) {
  const region = { regionCode: s.regionCode };
  const visible = participants.filter((p) => can(rc.actor, 'followup.read', { regionCode: p.regionCode }));
  const anyWith = (action: 'counseling.record' | 'counseling.read_notes'): boolean =>
    can(rc.actor, action, region) || visible.some((p) => can(rc.actor, action, { regionCode: p.regionCode }));
  return { visible, clinical: anyWith('counseling.record'), notes: anyWith('counseling.read_notes') };
}

export function toSessionView(
  ctx: Pick<AppContext, 'cipher'>,
  rc: RequestContext,
  s: SessionRecord,
  participants: ParticipantRecord[],
): SessionView {
  const { visible, clinical, notes } = sessionTiers(rc, s, participants);
  const hidden = [...(clinical ? [] : ['topic', 'goals', 'outcome']), ...(notes ? [] : ['notes'])];
  const author = s.providerId === rc.actor.accountId || s.createdBy === rc.actor.accountId;
  return {
    id: s.id,
    type: s.type,
    regionCode: s.regionCode,
    date: s.date,
    durationMinutes: s.durationMinutes,
    modality: s.modality,
    providerId: s.providerId,
    providerName: s.providerName,
    topic: clinical ? s.topic : null,
    goals: clinical ? openText(ctx, s.goalsEnc, COUNSELING_CONTEXT.sessionGoals) : null,
    outcome: clinical ? openText(ctx, s.outcomeEnc, COUNSELING_CONTEXT.sessionOutcome) : null,
    notes: notes ? openText(ctx, s.notesEnc, COUNSELING_CONTEXT.sessionNotes) : null,
    hidden,
    participants: visible.map((p) => ({
      personId: p.personId,
      personName: nameFor(rc, p.personName, p.regionCode),
      planId: p.planId,
      attendance: p.attendance,
    })),
    revisionCount: s.revisionCount,
    revisedAt: s.revisedAt ? s.revisedAt.toISOString() : null,
    editable: author && participants.every((p) => can(rc.actor, 'counseling.record', { regionCode: p.regionCode })),
  };
}

/** A correction as the caller may see it: the same three tiers as the session itself. */
export function toRevisionView(
  ctx: Pick<AppContext, 'cipher'>,
  rc: RequestContext,
  s: SessionRecord,
  participants: ParticipantRecord[],
  r: SessionRevisionRecord,
): SessionRevisionView {
  const { visible, clinical, notes } = sessionTiers(rc, s, participants);
  const shown = new Set(visible.map((p) => p.personId));
  return {
    id: r.id,
    revisedAt: r.revisedAt.toISOString(),
    revisedBy: r.revisedBy,
    revisedByName: r.revisedByName,
    reason: clinical ? ctx.cipher.decrypt(r.reasonEnc, COUNSELING_CONTEXT.revisionReason) : null,
    changed: r.changed,
    previous: {
      date: r.previous.date,
      durationMinutes: r.previous.durationMinutes,
      modality: r.previous.modality,
      attendance: r.previous.attendance?.filter((a) => shown.has(a.personId)) ?? null,
      topic: clinical ? r.previous.topic : null,
      goals: clinical ? openText(ctx, r.previous.goalsEnc, COUNSELING_CONTEXT.sessionGoals) : null,
      outcome: clinical ? openText(ctx, r.previous.outcomeEnc, COUNSELING_CONTEXT.sessionOutcome) : null,
      notes: notes ? openText(ctx, r.previous.notesEnc, COUNSELING_CONTEXT.sessionNotes) : null,
    },
    hidden: [...(clinical ? [] : ['reason', 'topic', 'goals', 'outcome']), ...(notes ? [] : ['notes'])],
  };
}

export const toHandoutView = (h: HandoutRecord): HandoutView => ({
  id: h.id,
  personId: h.personId,
  item: h.item,
  itemLabel: h.itemLabel,
  quantity: h.quantity,
  handedOn: h.handedOn,
  handedBy: h.handedBy,
  handedByName: h.handedByName,
});
