import { PROBLEM_CATEGORY_CODES } from '@anxin/domain/hotline/problem-taxonomy.ts';
import { AGE_BANDS, CALLER_GROUPS, CALLER_SEXES, DISPOSITIONS } from '@anxin/domain/hotline/call-record.ts';
import { RISK_TIMEFRAMES, SUICIDAL_THOUGHTS } from '@anxin/domain/hotline/risk-assessment.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { requestContextOf } from '../../http/request-context-of.ts';
import { acknowledgeAlert } from './acknowledge-alert.ts';
import { addShift } from './add-shift.ts';
import { createLine } from './create-line.ts';
import { createManualCall } from './create-manual-call.ts';
import { getCall } from './get-call.ts';
import { getCallSummary } from './get-call-summary.ts';
import { getMonthlyReport } from './get-monthly-report.ts';
import { getRoster } from './get-roster.ts';
import { getServiceLevels } from './get-service-levels.ts';
import { getStaffingPlan } from './get-staffing-plan.ts';
import { ingestCallEvent } from './ingest-call-event.ts';
import { listAlerts } from './list-alerts.ts';
import { listCallDrafts } from './list-call-drafts.ts';
import { listLines } from './list-lines.ts';
import { monthlyReportPdf, monthlyReportXlsx } from './monthly-report-files.ts';
import { removeShift } from './remove-shift.ts';
import { saveCallRecord } from './save-call-record.ts';
import { saveCounselor } from './save-counselor.ts';
import { takeSeat } from './take-seat.ts';
import { streamSnapshots } from './wallboard-stream.ts';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from './webhook-signature.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD');
const hhmm = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'a time is HH:MM');
const regionCode = z.string().regex(/^\d{12}$/, 'a region code has 12 digits');
const uuid = z.string().uuid();

const metrics = z.object({
  offered: z.number(),
  answered: z.number(),
  abandoned: z.number(),
  shortAbandoned: z.number(),
  waiting: z.number(),
  answerRate: z.number().nullable(),
  abandonRate: z.number().nullable(),
  serviceLevel: z.number().nullable(),
  asaSeconds: z.number().nullable(),
  ahtSeconds: z.number().nullable(),
  longestWaitSeconds: z.number(),
});
const serviceLevels = z.object({
  at: z.string(),
  date: z.string(),
  serviceLevelSeconds: z.number(),
  shortAbandonSeconds: z.number(),
  lines: z.array(
    z.object({
      lineId: z.string(),
      number: z.string(),
      name: z.string(),
      regionCode: z.string(),
      day: metrics,
      inProgress: z.number(),
      hours: z.array(metrics.extend({ hour: z.number() })),
    }),
  ),
});
const wallboardQuery = z.strictObject({
  date: isoDate.optional(),
  lineId: uuid.optional(),
  slSeconds: z.coerce.number().int().min(1).max(600).optional(),
  shortAbandonSeconds: z.coerce.number().int().min(0).max(60).optional(),
});

const risk = z.strictObject({
  thoughts: z.enum(SUICIDAL_THOUGHTS),
  plan: z.boolean(),
  means: z.boolean(),
  timeframe: z.enum(RISK_TIMEFRAMES),
  harmToOthers: z.boolean().optional(),
});
const recordBody = z.strictObject({
  version: z.number().int().min(0),
  anonymous: z.boolean().optional(),
  callerGroup: z.enum(CALLER_GROUPS).nullable().optional(),
  ageBand: z.enum(AGE_BANDS).nullable().optional(),
  sex: z.enum(CALLER_SEXES).nullable().optional(),
  callerRegionCode: regionCode.nullable().optional(),
  problems: z.array(z.strictObject({ category: z.enum(PROBLEM_CATEGORY_CODES), subcategory: z.string().max(50).nullable().optional() })).max(5).optional(),
  risk: risk.nullable().optional(),
  dispositions: z.array(z.enum(DISPOSITIONS)).max(5).optional(),
  callbackConsent: z.boolean().optional(),
  callerNumber: z.string().max(30).nullable().optional(),
  notes: z.string().max(20_000).nullable().optional(),
  file: z.boolean().optional(),
});
const callView = z.object({
  id: z.string(),
  lineNumber: z.string(),
  regionCode: z.string(),
  source: z.enum(['cti', 'manual']),
  seatCode: z.string().nullable(),
  status: z.enum(['ringing', 'answered', 'ended', 'abandoned']),
  offeredAt: z.string(),
  answeredAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  waitSeconds: z.number().nullable(),
  priorCalls: z.number(),
  mine: z.boolean(),
  record: z.object({
    status: z.enum(['none', 'draft', 'filed']),
    version: z.number(),
    anonymous: z.boolean(),
    callerGroup: z.string().nullable(),
    ageBand: z.string().nullable(),
    sex: z.string().nullable(),
    callerRegionCode: z.string().nullable(),
    problems: z.array(z.object({ category: z.string(), subcategory: z.string().nullable() })),
    risk: z.record(z.string(), z.unknown()).nullable(),
    riskLevel: z.string().nullable(),
    dispositions: z.array(z.string()),
    callbackConsent: z.boolean(),
    callerNumber: z.string().nullable(),
    notes: z.string().nullable(),
    crisisCaseId: z.string().nullable(),
    updatedAt: z.string().nullable(),
    filedAt: z.string().nullable(),
  }),
});
const gap = z.union([
  z.object({ rule: z.literal('hours_per_day'), have: z.number(), need: z.number() }),
  z.object({ rule: z.literal('seats_per_line'), have: z.number(), need: z.number() }),
  z.object({ rule: z.literal('staffed_seats'), date: z.string(), fromHour: z.number(), toHour: z.number(), have: z.number(), need: z.number() }),
]);
const training = z.array(z.strictObject({ course: z.string().min(1).max(100), hours: z.number().min(0).max(10_000), completedOn: isoDate }));

/** Wallboard snapshots every 2 s. */
const WALLBOARD_INTERVAL_MS = 2000;

export function hotlineRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    // The CTI webhook reads the raw body: the signature is over the exact bytes sent.
    await app.register(async (hook) => {
      hook.removeContentTypeParser('application/json');
      hook.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));
      hook.post(
        '/api/hotline/webhook',
        {
          schema: {
            tags: ['hotline'],
            summary: `CTI call event (ringing/answered/ended/abandoned), signed: ${SIGNATURE_HEADER}: sha256=<hex HMAC-SHA256(line secret, "<timestamp>.<raw body>")>, ${TIMESTAMP_HEADER}: <unix seconds>`,
            security: [],
            response: { 200: z.object({ callId: z.string(), duplicate: z.boolean(), draftCreated: z.boolean() }) },
          },
        },
        async (request) => {
          const header = (name: string): string | undefined => {
            const v = request.headers[name];
            return typeof v === 'string' ? v : undefined;
          };
          return ingestCallEvent(ctx, {
            rawBody: typeof request.body === 'string' ? request.body : '',
            signature: header(SIGNATURE_HEADER),
            timestamp: header(TIMESTAMP_HEADER),
          });
        },
      );
    });

    app.get(
      '/api/hotline/lines',
      { schema: { tags: ['hotline'], summary: 'Lines in the jurisdiction with seats, counselors and line-level coverage gaps', response: { 200: z.object({ items: z.array(z.object({ id: z.string(), number: z.string(), name: z.string(), regionCode: z.string(), openTime: z.string(), closeTime: z.string(), hoursPerDay: z.number(), seats: z.array(z.object({ id: z.string(), code: z.string(), active: z.boolean(), occupantId: z.string().nullable() })), counselors: z.array(z.object({ accountId: z.string(), displayName: z.string(), qualifications: z.array(z.string()), training, isSupervisor: z.boolean(), active: z.boolean() })), gaps: z.array(gap) })) }) } } },
      async (request) => listLines(ctx, requestContextOf(request)),
    );
    app.post(
      '/api/hotline/lines',
      {
        schema: {
          tags: ['hotline'],
          summary: 'Create a line with seats; the webhook secret is returned once',
          body: z.strictObject({
            number: z.string().regex(/^\d{3,20}$/, 'a line number is digits'),
            name: z.string().trim().min(1).max(100),
            regionCode,
            openTime: hhmm,
            closeTime: hhmm,
            seats: z.array(z.string().regex(/^[\w-]{1,50}$/)).max(500),
            webhookSecret: z.string().min(16).max(200).optional(),
          }),
          response: { 201: z.object({ id: z.string(), webhookSecret: z.string() }) },
        },
      },
      async (request, reply) => reply.status(201).send(await createLine(ctx, requestContextOf(request), request.body)),
    );
    app.put(
      '/api/hotline/lines/:id/counselors/:accountId',
      {
        schema: {
          tags: ['hotline'],
          summary: 'Put a counselor on the line with qualifications and training',
          params: z.strictObject({ id: uuid, accountId: uuid }),
          body: z.strictObject({ qualifications: z.array(z.string().min(1).max(100)).max(20), training, isSupervisor: z.boolean(), active: z.boolean() }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await saveCounselor(ctx, requestContextOf(request), request.params.id, { accountId: request.params.accountId, ...request.body });
        return reply.status(204).send(null);
      },
    );
    app.get(
      '/api/hotline/lines/:id/roster',
      {
        schema: {
          tags: ['hotline'],
          summary: 'The week’s shifts and every coverage gap (≥18 h/day, ≥2 seats, ≥2 counselors per open hour)',
          params: z.strictObject({ id: uuid }),
          querystring: z.strictObject({ week: isoDate.optional() }),
          response: { 200: z.object({ lineId: z.string(), weekStart: z.string(), days: z.array(z.string()), shifts: z.array(z.object({ id: z.string(), accountId: z.string(), displayName: z.string(), startsAt: z.string(), endsAt: z.string(), supervisor: z.boolean() })), gaps: z.array(gap) }) },
        },
      },
      async (request) => getRoster(ctx, requestContextOf(request), request.params.id, request.query.week),
    );
    app.post(
      '/api/hotline/lines/:id/shifts',
      {
        schema: {
          tags: ['hotline'],
          summary: 'Add a shift to the roster',
          params: z.strictObject({ id: uuid }),
          body: z.strictObject({ accountId: uuid, startsAt: z.iso.datetime({ offset: true }), endsAt: z.iso.datetime({ offset: true }), supervisor: z.boolean().default(false) }),
          response: { 201: z.object({ id: z.string() }) },
        },
      },
      async (request, reply) => reply.status(201).send(await addShift(ctx, requestContextOf(request), request.params.id, request.body)),
    );
    app.delete(
      '/api/hotline/lines/:id/shifts/:shiftId',
      { schema: { tags: ['hotline'], summary: 'Remove a shift', params: z.strictObject({ id: uuid, shiftId: uuid }), response: { 204: z.null() } } },
      async (request, reply) => {
        await removeShift(ctx, requestContextOf(request), request.params.id, request.params.shiftId);
        return reply.status(204).send(null);
      },
    );
    app.get(
      '/api/hotline/lines/:id/staffing-plan',
      {
        schema: {
          tags: ['hotline'],
          summary: 'Forecast by hour of week, Erlang C seats needed vs the roster, gap per hour',
          params: z.strictObject({ id: uuid }),
          querystring: z.strictObject({
            week: isoDate.optional(),
            weeks: z.coerce.number().int().min(1).max(12).default(4),
            level: z.coerce.number().gt(0).lt(1).default(0.8),
            withinSeconds: z.coerce.number().int().min(1).max(600).default(20),
          }),
          response: { 200: z.object({ lineId: z.string(), weekStart: z.string(), pastWeeks: z.number(), ahtSeconds: z.number(), target: z.object({ level: z.number(), withinSeconds: z.number() }), rows: z.array(z.object({ hourOfWeek: z.number(), forecastCalls: z.number(), seatsNeeded: z.number(), rostered: z.number(), gap: z.number() })), shortfallHours: z.number() }) },
        },
      },
      async (request) =>
        getStaffingPlan(ctx, requestContextOf(request), request.params.id, {
          weekOf: request.query.week,
          weeks: request.query.weeks,
          level: request.query.level,
          withinSeconds: request.query.withinSeconds,
        }),
    );
    app.put(
      '/api/hotline/seats/:id/occupant',
      {
        schema: {
          tags: ['hotline'],
          summary: 'Sign in at a seat (take: true) or leave it',
          params: z.strictObject({ id: uuid }),
          body: z.strictObject({ take: z.boolean() }),
          response: { 200: z.object({ seatId: z.string(), occupantId: z.string().nullable() }) },
        },
      },
      async (request) => takeSeat(ctx, requestContextOf(request), request.params.id, request.body.take),
    );

    app.post(
      '/api/hotline/calls',
      {
        schema: {
          tags: ['hotline'],
          summary: 'Manual mode: open a call record without telephony',
          body: z.strictObject({ lineId: uuid, callerNumber: z.string().max(30).optional() }),
          response: { 201: z.object({ id: z.string() }) },
        },
      },
      async (request, reply) => reply.status(201).send(await createManualCall(ctx, requestContextOf(request), request.body)),
    );
    app.get(
      '/api/hotline/calls/drafts',
      { schema: { tags: ['hotline'], summary: 'Records to write: own drafts, then unclaimed ones', response: { 200: z.object({ items: z.array(callView) }) } } },
      async (request) => listCallDrafts(ctx, requestContextOf(request)),
    );
    app.get(
      '/api/hotline/calls/:id',
      { schema: { tags: ['hotline'], summary: 'A call and its record', params: z.strictObject({ id: uuid }), response: { 200: callView } } },
      async (request) => getCall(ctx, requestContextOf(request), request.params.id),
    );
    app.patch(
      '/api/hotline/calls/:id/record',
      {
        schema: {
          tags: ['hotline'],
          summary: 'Autosave (only the fields sent; last write wins, `overwrote` when a newer save was replaced) or file the record',
          params: z.strictObject({ id: uuid }),
          body: recordBody,
          response: { 200: z.object({ version: z.number(), overwrote: z.boolean(), status: z.enum(['draft', 'filed']), riskLevel: z.string().nullable(), crisisCaseId: z.string().nullable() }) },
        },
      },
      async (request) => saveCallRecord(ctx, requestContextOf(request), request.params.id, request.body),
    );

    app.get(
      '/api/hotline/wallboard',
      { schema: { tags: ['hotline'], summary: 'Service levels per line, day and hour (snapshot)', querystring: wallboardQuery, response: { 200: serviceLevels } } },
      async (request) => getServiceLevels(ctx, requestContextOf(request), { date: request.query.date, lineId: request.query.lineId, serviceLevelSeconds: request.query.slSeconds, shortAbandonSeconds: request.query.shortAbandonSeconds }),
    );
    app.get(
      '/api/hotline/wallboard/stream',
      { schema: { tags: ['hotline'], summary: 'Server-sent events: `snapshot` events with the wallboard data, every 2 s when it changes', querystring: wallboardQuery } },
      async (request, reply) => {
        const rc = requestContextOf(request);
        const input = { date: request.query.date, lineId: request.query.lineId, serviceLevelSeconds: request.query.slSeconds, shortAbandonSeconds: request.query.shortAbandonSeconds };
        await getServiceLevels(ctx, rc, input); // authorization and input errors answer as JSON before the stream opens
        reply.hijack();
        streamSnapshots(reply.raw, () => getServiceLevels(ctx, rc, input), { intervalMs: WALLBOARD_INTERVAL_MS });
      },
    );
    app.get(
      '/api/hotline/summary',
      {
        schema: {
          tags: ['hotline'],
          summary: 'Filed calls by period × problem category × region × caller group',
          querystring: z.strictObject({ from: isoDate.optional(), to: isoDate.optional(), period: z.enum(['day', 'week']).default('day') }),
          response: { 200: z.object({ from: z.string(), to: z.string(), period: z.enum(['day', 'week']), rows: z.array(z.object({ period: z.string(), category: z.string(), regionCode: z.string(), callerGroup: z.string(), calls: z.number() })) }) },
        },
      },
      async (request) => getCallSummary(ctx, requestContextOf(request), request.query),
    );
    app.get(
      '/api/hotline/lines/:id/monthly-report',
      {
        schema: {
          tags: ['hotline'],
          summary: 'Monthly report in the structure of the Chinese monthly hotline form, as JSON, XLSX or PDF',
          params: z.strictObject({ id: uuid }),
          querystring: z.strictObject({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month is YYYY-MM'), format: z.enum(['json', 'xlsx', 'pdf']).default('json') }),
        },
      },
      async (request, reply) => {
        const report = await getMonthlyReport(ctx, requestContextOf(request), request.params.id, request.query.month);
        const name = `hotline-${report.lineNumber}-${report.month}`;
        if (request.query.format === 'xlsx') {
          return reply
            .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
            .header('content-disposition', `attachment; filename="${name}.xlsx"`)
            .header('cache-control', 'no-store')
            .send(await monthlyReportXlsx(report));
        }
        if (request.query.format === 'pdf') {
          return reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="${name}.pdf"`).header('cache-control', 'no-store').send(await monthlyReportPdf(report));
        }
        return report;
      },
    );
    app.get(
      '/api/hotline/alerts',
      { schema: { tags: ['hotline'], summary: 'Emerging-problem alerts (de-identified)', response: { 200: z.object({ items: z.array(z.object({ id: z.string(), regionCode: z.string(), category: z.string(), day: z.string(), observed: z.number(), expected: z.number(), pValue: z.number(), summary: z.record(z.string(), z.unknown()), createdAt: z.string(), acknowledgedAt: z.string().nullable() })) }) } } },
      async (request) => listAlerts(ctx, requestContextOf(request)),
    );
    app.post(
      '/api/hotline/alerts/:id/acknowledge',
      { schema: { tags: ['hotline'], summary: 'The authority acknowledges an alert (audited)', params: z.strictObject({ id: uuid }), response: { 200: z.object({ acknowledgedAt: z.string() }) } } },
      async (request) => acknowledgeAlert(ctx, requestContextOf(request), request.params.id),
    );
  };
}
