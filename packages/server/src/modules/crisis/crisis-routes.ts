import { CRISIS_LEVELS } from '@anxin/domain/crisis/crisis-level.ts';
import { CASE_EVENTS } from '@anxin/domain/crisis/crisis-workflow.ts';
import { THOUGHTS, TIMEFRAMES } from '@anxin/domain/crisis/triage.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { requestContextOf } from '../../http/request-context-of.ts';
import { changeCrisisCaseStatus } from './change-crisis-case-status.ts';
import { openCrisisStream } from './crisis-stream.ts';
import { OBSERVED_CODES, REPORTER_KINDS, fileCrisisReport } from './file-crisis-report.ts';
import { getCrisisCase } from './get-crisis-case.ts';
import { giveCommunityFeedback } from './give-community-feedback.ts';
import { listCrisisBoard } from './list-crisis-board.ts';
import { listKeyPersons } from './list-key-persons.ts';
import { addOnCallShift, listOnCall } from './manage-on-call.ts';
import { recordAdmission, recordDischarge } from './record-admission.ts';
import { CONTACT_MODES, recordCrisisContact } from './record-crisis-contact.ts';
import { GRID_CHECK_OUTCOMES, recordGridCheck } from './record-grid-check.ts';
import { saveSafetyPlan } from './save-safety-plan.ts';
import { triageCrisisCase } from './triage-crisis-case.ts';

const regionCode = z.string().regex(/^(\d{12}|\d{15})$/, 'a region code has 12 digits (15 for a grid)');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD');
const idParams = z.strictObject({ id: z.uuid() });
const lines = z.array(z.string().max(500)).max(20);

const caseSummary = z.object({
  id: z.string(),
  personId: z.string().nullable(),
  personName: z.string().nullable(),
  regionCode: z.string(),
  status: z.string(),
  level: z.string(),
  openedAt: z.string(),
  openedSource: z.string(),
  signalCount: z.number(),
  firstContactDueAt: z.string(),
  firstContactAt: z.string().nullable(),
  overdue: z.boolean(),
  escalationStep: z.number(),
  smdRiskLevel: z.number().nullable(),
  policeLiaisonNeeded: z.boolean(),
  policeLiaisonDueAt: z.string().nullable(),
  policeLiaisonAt: z.string().nullable(),
  policeLiaisonOverdue: z.boolean(),
  closedAt: z.string().nullable(),
});

const caseDetail = caseSummary.extend({
  availableEvents: z.array(z.string()),
  signals: z.array(z.object({ id: z.string(), source: z.string(), level: z.string(), reasons: z.array(z.string()), at: z.string() })),
  reports: z.array(
    z.object({
      id: z.string(), source: z.string(), reporterName: z.string(), reporterKind: z.string(), urgency: z.string(), observed: z.array(z.string()),
      description: z.string().nullable(), location: z.string().nullable(), subject: z.string().nullable(), reportedAt: z.string(),
    }),
  ),
  triages: z.array(
    z.object({
      id: z.string(), thoughts: z.string(), plan: z.boolean(), means: z.boolean(), timeframe: z.string(), recentAttempt: z.boolean(), level: z.string(),
      smdRiskLevel: z.number().nullable(), notes: z.string().nullable(), byName: z.string(), at: z.string(),
    }),
  ),
  safetyPlan: z
    .object({
      warningSigns: z.array(z.string()), copingSteps: z.array(z.string()), peoplePlaces: z.array(z.string()), professionalContacts: z.array(z.string()),
      meansRestriction: z.array(z.string()), version: z.number(), byName: z.string(), at: z.string(),
    })
    .nullable(),
  contacts: z.array(z.object({ id: z.string(), mode: z.string(), reached: z.boolean(), notes: z.string().nullable(), byName: z.string(), at: z.string() })),
  admissions: z.array(
    z.object({
      id: z.string(), hospitalName: z.string(), admittedOn: z.string(), arrangedByName: z.string(), involuntary: z.boolean(),
      dischargedOn: z.string().nullable(), dischargeNotes: z.string().nullable(),
    }),
  ),
  transitions: z.array(z.object({ event: z.string(), from: z.string(), to: z.string(), byName: z.string(), at: z.string(), review: z.string().nullable() })),
  keyPerson: z
    .object({ id: z.string(), checkEveryDays: z.number(), contactName: z.string(), managedFrom: z.string().nullable(), lastCheckAt: z.string().nullable(), nextDueAt: z.string().nullable() })
    .nullable(),
});

// Only what the community needs: no level, reasons, notes or plans.
const keyPersonFeedback = z.strictObject({
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  regionCode: z.string(),
  checkEveryDays: z.number(),
  contactName: z.string(),
  contactPhone: z.string().nullable(),
  underManagement: z.boolean(),
  lastCheckAt: z.string().nullable(),
  nextDueAt: z.string().nullable(),
  overdue: z.boolean(),
});

export function crisisRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/crisis/reports',
      {
        schema: {
          tags: ['crisis'],
          summary: 'Quick crisis report from the ground, or manual entry from a hospital or the police (crisis.report)',
          body: z.strictObject({
            source: z.enum(['field_report', 'hospital', 'police']).optional(),
            reporterKind: z.enum(REPORTER_KINDS).optional(),
            personId: z.uuid().optional(),
            regionCode: regionCode.optional(),
            address: z.string().max(300).optional(),
            subject: z.string().max(200).optional(),
            observed: z.array(z.enum(OBSERVED_CODES)).min(1, 'tick at least one thing you saw').max(OBSERVED_CODES.length),
            description: z.string().max(2000).optional(),
            urgency: z.enum(CRISIS_LEVELS),
          }),
          response: { 201: z.object({ reportId: z.string(), caseId: z.string(), opened: z.boolean() }) },
        },
      },
      async (request, reply) => reply.status(201).send(await fileCrisisReport(ctx, requestContextOf(request), request.body)),
    );
    app.get(
      '/api/crisis/cases',
      {
        schema: {
          tags: ['crisis'],
          summary: 'The crisis board: open cases in the jurisdiction, overdue and most urgent first (crisis.read)',
          querystring: z.strictObject({ region: regionCode.optional(), personId: z.uuid().optional(), includeClosed: z.enum(['true', 'false']).default('false') }),
          response: { 200: z.object({ items: z.array(caseSummary), generatedAt: z.string() }) },
        },
      },
      async (request) => listCrisisBoard(ctx, requestContextOf(request), {
          region: request.query.region,
          personId: request.query.personId,
          includeClosed: request.query.includeClosed === 'true',
        }),
    );
    app.get(
      '/api/crisis/stream',
      {
        schema: {
          tags: ['crisis'],
          summary: 'Server-sent events: `changed` whenever a case in the jurisdiction changes (the board refetches)',
          querystring: z.strictObject({ region: regionCode.optional() }),
        },
      },
      async (request, reply) => openCrisisStream(ctx, requestContextOf(request), request, reply, request.query.region),
    );
    app.get(
      '/api/crisis/cases/:id',
      { schema: { tags: ['crisis'], summary: 'One crisis case with its records (crisis.read; audited)', params: idParams, response: { 200: caseDetail } } },
      async (request) => getCrisisCase(ctx, requestContextOf(request), request.params.id),
    );
    app.post(
      '/api/crisis/cases/:id/triage',
      {
        schema: {
          tags: ['crisis'],
          summary: 'Triage (thoughts, plan, means, timeframe → level); reported → triaged (crisis.manage)',
          params: idParams,
          body: z.strictObject({
            thoughts: z.enum(THOUGHTS),
            plan: z.boolean(),
            means: z.boolean(),
            timeframe: z.enum(TIMEFRAMES),
            recentAttempt: z.boolean(),
            smdRiskLevel: z.number().int().min(0).max(5).nullable().optional(),
            notes: z.string().max(4000).optional(),
            personId: z.uuid().optional(),
          }),
          response: { 200: z.object({ level: z.enum(CRISIS_LEVELS), reasons: z.array(z.string()), policeLiaisonNeeded: z.boolean() }) },
        },
      },
      async (request) => triageCrisisCase(ctx, requestContextOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/crisis/cases/:id/transitions',
      {
        schema: {
          tags: ['crisis'],
          summary: 'Move a case along the workflow (start_intervention, stabilize, refer, start_grid_management, close, dismiss)',
          params: idParams,
          body: z.strictObject({ event: z.enum(CASE_EVENTS), review: z.string().max(4000).optional() }),
          response: { 200: z.object({ status: z.string() }) },
        },
      },
      async (request) => changeCrisisCaseStatus(ctx, requestContextOf(request), request.params.id, request.body),
    );
    app.put(
      '/api/crisis/cases/:id/safety-plan',
      {
        schema: {
          tags: ['crisis'],
          summary: 'Save a new version of the safety plan (refused on a closed case)',
          params: idParams,
          body: z.strictObject({ warningSigns: lines, copingSteps: lines, peoplePlaces: lines, professionalContacts: lines, meansRestriction: lines }),
          response: { 200: z.object({ version: z.number() }) },
        },
      },
      async (request) => saveSafetyPlan(ctx, requestContextOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/crisis/cases/:id/contacts',
      {
        schema: {
          tags: ['crisis'],
          summary: 'Record an intervention contact (a reached contact stops the first-contact clock; police_liaison records the SMD liaison)',
          params: idParams,
          body: z.strictObject({ mode: z.enum(CONTACT_MODES), reached: z.boolean(), notes: z.string().max(4000).optional(), at: z.iso.datetime({ offset: true }).optional() }),
          response: { 201: z.object({ contactId: z.string() }) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(
          await recordCrisisContact(ctx, requestContextOf(request), request.params.id, {
            ...request.body,
            at: request.body.at === undefined ? undefined : new Date(request.body.at),
          }),
        ),
    );
    app.post(
      '/api/crisis/cases/:id/admissions',
      {
        schema: {
          tags: ['crisis'],
          summary: 'Record admission to hospital (hospital, date, by whom); → admitted',
          params: idParams,
          body: z.strictObject({ hospitalName: z.string().trim().min(1).max(200), hospitalOrgId: z.uuid().optional(), admittedOn: isoDate, involuntary: z.boolean().optional() }),
          response: { 201: z.object({ admissionId: z.string() }) },
        },
      },
      async (request, reply) => reply.status(201).send(await recordAdmission(ctx, requestContextOf(request), request.params.id, request.body)),
    );
    app.post(
      '/api/crisis/cases/:id/discharge',
      {
        schema: {
          tags: ['crisis'],
          summary: 'Record discharge; admitted → stabilized',
          params: idParams,
          body: z.strictObject({ dischargedOn: isoDate, notes: z.string().max(4000).optional() }),
          response: { 200: z.object({ admissionId: z.string() }) },
        },
      },
      async (request) => recordDischarge(ctx, requestContextOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/crisis/cases/:id/feedback',
      {
        schema: {
          tags: ['crisis'],
          summary: 'Community feedback (key person, check frequency, whom to call); → feedback_given',
          params: idParams,
          body: z.strictObject({ checkEveryDays: z.number().int().min(1).max(90), contactPhone: z.string().trim().regex(/^[0-9+\- ]{3,20}$/, 'a phone number').optional() }),
          response: { 200: z.object({ keyPersonId: z.string(), notified: z.number() }) },
        },
      },
      async (request) => giveCommunityFeedback(ctx, requestContextOf(request), request.params.id, request.body),
    );
    app.get(
      '/api/crisis/key-persons',
      {
        schema: {
          tags: ['crisis'],
          summary: 'Key persons for grid management (crisis.read_feedback): how often to check and whom to call, nothing clinical',
          querystring: z.strictObject({ region: regionCode.optional() }),
          response: { 200: z.object({ items: z.array(keyPersonFeedback) }) },
        },
      },
      async (request) => listKeyPersons(ctx, requestContextOf(request), request.query),
    );
    app.post(
      '/api/crisis/key-persons/:id/checks',
      {
        schema: {
          tags: ['crisis'],
          summary: 'Record a grid check on a key person (a concern also signals the crisis team)',
          params: idParams,
          body: z.strictObject({ outcome: z.enum(GRID_CHECK_OUTCOMES) }),
          response: { 201: z.object({ checkId: z.string(), caseId: z.string().nullable() }) },
        },
      },
      async (request, reply) => reply.status(201).send(await recordGridCheck(ctx, requestContextOf(request), request.params.id, request.body)),
    );
    app.get(
      '/api/crisis/on-call',
      {
        schema: {
          tags: ['crisis'],
          summary: 'Current and future on-call shifts of the crisis team (crisis.read)',
          response: {
            200: z.object({ items: z.array(z.object({ id: z.string(), regionCode: z.string(), accountId: z.string(), accountName: z.string(), startsAt: z.string(), endsAt: z.string() })) }),
          },
        },
      },
      async (request) => listOnCall(ctx, requestContextOf(request)),
    );
    app.post(
      '/api/crisis/on-call',
      {
        schema: {
          tags: ['crisis'],
          summary: 'Add an on-call shift (crisis.manage in the region)',
          body: z.strictObject({ regionCode, accountId: z.uuid(), startsAt: z.iso.datetime({ offset: true }), endsAt: z.iso.datetime({ offset: true }) }),
          response: { 201: z.object({ id: z.string() }) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(
          await addOnCallShift(ctx, requestContextOf(request), {
            regionCode: request.body.regionCode,
            accountId: request.body.accountId,
            startsAt: new Date(request.body.startsAt),
            endsAt: new Date(request.body.endsAt),
          }),
        ),
    );
  };
}
