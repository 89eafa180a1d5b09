import { CONSENT_GIVERS, CONSENT_METHODS, CONSENT_PURPOSES, CONSULTATION_RECOMMENDATIONS, GUARDIAN_RELATIONS, LOCALES } from '@anxin/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { requestContextOf } from '../../http/request-context-of.ts';
import { amendAssessment } from './amend-assessment.ts';
import { exportAssessmentFhir } from './export-assessment-fhir.ts';
import { getAssessment } from './get-assessment.ts';
import { issueAssessmentLink } from './issue-assessment-link.ts';
import { listConsents } from './list-consents.ts';
import { listConsultations } from './list-consultations.ts';
import { listPersonAssessments } from './list-person-assessments.ts';
import { listOpenLinks, revokeAssessmentLink } from './manage-assessment-links.ts';
import { openPublicAssessment } from './open-public-assessment.ts';
import { recordConsent } from './record-consent.ts';
import { reviewConsultation } from './review-consultation.ts';
import { saveDraftAnswers } from './save-draft-answers.ts';
import { startAssessment } from './start-assessment.ts';
import { submitAssessment } from './submit-assessment.ts';
import { submitPublicAssessment } from './submit-public-assessment.ts';
import { withdrawConsent } from './withdraw-consent.ts';

// Answers are checked item by item by the domain, so a bad one is a 400 naming `body.answers[i]`.
const answers = z.array(z.unknown()).max(200);
const asAnswers = (a: unknown[]) => a as (number | null)[];
const idParams = z.strictObject({ id: z.uuid() });
const personParams = z.strictObject({ personId: z.uuid() });
const instrumentId = z.string().min(1).max(40);

const consultationView = z.object({
  id: z.string(),
  assessmentId: z.string(),
  status: z.enum(['pending', 'completed']),
  institutionId: z.string().nullable(),
  primaryCareOrgId: z.string().nullable(),
  reasons: z.array(z.string()),
  requestedAt: z.string(),
  reviewedAt: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  recommendation: z.string().nullable(),
  opinion: z.string().nullable(),
  turnaroundMinutes: z.number().nullable(),
});
const assessmentView = z.object({
  id: z.string(),
  personId: z.string(),
  regionCode: z.string(),
  instrument: z.string(),
  instrumentVersion: z.string(),
  mode: z.string(),
  language: z.string(),
  status: z.enum(['draft', 'submitted']),
  answers: z.array(z.number().nullable()),
  total: z.number().nullable(),
  severity: z.string().nullable(),
  complete: z.boolean().nullable(),
  subscales: z.record(z.string(), z.number().nullable()).nullable(),
  derived: z.record(z.string(), z.number()).nullable(),
  version: z.number(),
  previousId: z.string().nullable(),
  amendedBy: z.string().nullable(),
  amendmentReason: z.string().nullable(),
  administeredBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  completedAt: z.string().nullable(),
  flags: z.array(z.object({ ruleId: z.string(), flag: z.string(), level: z.string(), action: z.string(), reason: z.object({ zh: z.string(), en: z.string() }) })),
  consultation: consultationView.nullable(),
});
const submitted = z.object({
  id: z.string(),
  total: z.number().nullable(),
  severity: z.string().nullable(),
  complete: z.boolean(),
  flags: z.array(z.object({ ruleId: z.string(), flag: z.string(), level: z.string(), action: z.string() })),
  crisisCaseIds: z.array(z.string()),
  consultationId: z.string().nullable(),
});
type Completed = Awaited<ReturnType<typeof submitAssessment>>;
const toSubmitted = (d: Completed) => ({
  id: d.id,
  total: d.result.total,
  severity: d.result.severity,
  complete: d.result.complete,
  flags: d.flags.map((f) => ({ ruleId: f.ruleId, flag: f.flag, level: f.level, action: f.action })),
  crisisCaseIds: d.crisisCaseIds,
  consultationId: d.consultationId,
});

export function assessmentRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    // Consent
    app.post(
      '/api/persons/:personId/consents',
      {
        schema: {
          tags: ['assessments'],
          summary: 'Record an informed consent (a guardian’s for a minor under 14; a witness for verbal consent)',
          params: personParams,
          body: z.strictObject({
            purpose: z.enum(CONSENT_PURPOSES),
            textVersion: z.string().min(1).max(40),
            method: z.enum(CONSENT_METHODS),
            givenBy: z.enum(CONSENT_GIVERS),
            guardianName: z.string().max(50).optional(),
            guardianRelation: z.enum(GUARDIAN_RELATIONS).optional(),
            witnessName: z.string().max(50).optional(),
            givenAt: z.iso.datetime({ offset: true }).optional(),
          }),
          response: { 201: z.object({ id: z.string() }) },
        },
      },
      async (request, reply) => {
        const { givenAt, ...rest } = request.body;
        const created = await recordConsent(ctx, requestContextOf(request), {
          ...rest,
          personId: request.params.personId,
          givenAt: givenAt === undefined ? undefined : new Date(givenAt),
        });
        return reply.status(201).send(created);
      },
    );
    app.get(
      '/api/persons/:personId/consents',
      {
        schema: {
          tags: ['assessments'],
          summary: 'A person’s consents and whether an assessment is allowed now',
          params: personParams,
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.string(),
                  purpose: z.string(),
                  textVersion: z.string(),
                  method: z.string(),
                  givenBy: z.string(),
                  guardianName: z.string().nullable(),
                  guardianRelation: z.string().nullable(),
                  witnessName: z.string().nullable(),
                  takenBy: z.string(),
                  givenAt: z.string(),
                  withdrawnAt: z.string().nullable(),
                  withdrawalReason: z.string().nullable(),
                }),
              ),
              assessment: z.object({ valid: z.boolean(), reason: z.string().nullable() }),
            }),
          },
        },
      },
      async (request) => listConsents(ctx, requestContextOf(request), request.params.personId),
    );
    app.post(
      '/api/consents/:id/withdraw',
      {
        schema: {
          tags: ['assessments'],
          summary: 'Record a withdrawal of consent (stops assessments and reminders for its purpose; revokes open links)',
          params: idParams,
          body: z.strictObject({ reason: z.string().max(500).optional() }),
          response: { 200: z.object({ id: z.string(), withdrawnAt: z.date(), linksRevoked: z.number() }) },
        },
      },
      async (request) => withdrawConsent(ctx, requestContextOf(request), { consentId: request.params.id, reason: request.body.reason }),
    );

    // Assessments by staff
    app.post(
      '/api/assessments',
      {
        schema: {
          tags: ['assessments'],
          summary: 'Start a draft assessment (409 CONSENT_REQUIRED without valid consent)',
          body: z.strictObject({
            personId: z.uuid(),
            instrument: instrumentId,
            version: z.string().min(1).max(32).optional(),
            mode: z.enum(['in_person', 'phone']),
            language: z.enum(LOCALES).optional(),
            answers: answers.optional(),
          }),
          response: { 201: z.object({ id: z.string(), instrument: z.string(), version: z.string() }) },
        },
      },
      async (request, reply) => {
        const { answers: given, ...rest } = request.body;
        const created = await startAssessment(ctx, requestContextOf(request), { ...rest, answers: given === undefined ? undefined : asAnswers(given) });
        return reply.status(201).send(created);
      },
    );
    app.put(
      '/api/assessments/:id/answers',
      {
        schema: {
          tags: ['assessments'],
          summary: 'Save the answers of a draft (autosave); a submitted assessment is immutable',
          params: idParams,
          body: z.strictObject({ answers }),
          response: { 200: z.object({ id: z.string(), savedAt: z.date() }) },
        },
      },
      async (request) => saveDraftAnswers(ctx, requestContextOf(request), { id: request.params.id, answers: asAnswers(request.body.answers) }),
    );
    app.post(
      '/api/assessments/:id/submit',
      {
        schema: {
          tags: ['assessments'],
          summary: 'Submit a draft: score, store flags, crisis signal and consultation request in one transaction (409 if already submitted)',
          params: idParams,
          body: z.strictObject({ answers: answers.optional() }),
          response: { 200: submitted },
        },
      },
      async (request) => {
        const given = request.body.answers;
        const done = await submitAssessment(ctx, requestContextOf(request), { id: request.params.id, answers: given === undefined ? undefined : asAnswers(given) });
        return toSubmitted(done);
      },
    );
    app.post(
      '/api/assessments/:id/amend',
      {
        schema: {
          tags: ['assessments'],
          summary: 'Amend a submitted assessment: a new version with the reason, linked to the previous; both kept',
          params: idParams,
          body: z.strictObject({ answers, reason: z.string().min(1).max(1000) }),
          response: { 201: submitted.extend({ previousId: z.string(), version: z.number() }) },
        },
      },
      async (request, reply) => {
        const done = await amendAssessment(ctx, requestContextOf(request), { id: request.params.id, answers: asAnswers(request.body.answers), reason: request.body.reason });
        return reply.status(201).send({ ...toSubmitted(done), previousId: done.previousId, version: done.version });
      },
    );
    app.get(
      '/api/assessments/:id',
      { schema: { tags: ['assessments'], summary: 'One assessment with answers, flags and consultation', params: idParams, response: { 200: assessmentView } } },
      async (request) => getAssessment(ctx, requestContextOf(request), request.params.id),
    );
    app.get(
      '/api/assessments/:id/fhir',
      {
        schema: {
          tags: ['assessments'],
          summary: 'FHIR R4 Bundle: QuestionnaireResponse + Observation of the total (LOINC where it exists)',
          params: idParams,
          response: {
            200: z.looseObject({
              resourceType: z.literal('Bundle'),
              type: z.literal('collection'),
              entry: z.array(z.object({ fullUrl: z.string(), resource: z.record(z.string(), z.unknown()) })),
            }),
          },
        },
      },
      async (request, reply) => {
        const bundle = await exportAssessmentFhir(ctx, requestContextOf(request), request.params.id);
        return reply.type('application/fhir+json; charset=utf-8').send(bundle);
      },
    );
    app.get(
      '/api/persons/:personId/assessments',
      {
        schema: {
          tags: ['assessments'],
          summary: 'A person’s assessments, newest first (drafts, results and superseded versions)',
          params: personParams,
          querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(200) }),
          response: { 200: z.object({ items: z.array(assessmentView) }) },
        },
      },
      async (request) => ({ items: await listPersonAssessments(ctx, requestContextOf(request), { personId: request.params.personId, limit: request.query.limit }) }),
    );

    // Self-administration links
    app.post(
      '/api/assessment-links',
      {
        schema: {
          tags: ['assessments'],
          summary: 'Issue a one-time self-administration link and QR code (token shown once)',
          body: z.strictObject({
            personId: z.uuid(),
            instrument: instrumentId,
            language: z.enum(LOCALES).optional(),
            expiresInHours: z.number().positive().max(24 * 7).optional(),
          }),
          response: { 201: z.object({ id: z.string(), token: z.string(), path: z.string(), url: z.string(), qrSvg: z.string(), expiresAt: z.date() }) },
        },
      },
      async (request, reply) => {
        const origin = `${request.protocol}://${request.host}`;
        return reply.status(201).send(await issueAssessmentLink(ctx, requestContextOf(request), { ...request.body, origin }));
      },
    );
    app.get(
      '/api/persons/:personId/assessment-links',
      {
        schema: {
          tags: ['assessments'],
          summary: 'A person’s self-administration links that can still be answered (tokens are not shown again)',
          params: personParams,
          response: {
            200: z.object({
              items: z.array(z.object({ id: z.string(), instrument: z.string(), language: z.string(), issuedBy: z.string(), issuedAt: z.string(), expiresAt: z.string() })),
            }),
          },
        },
      },
      async (request) => ({ items: await listOpenLinks(ctx, requestContextOf(request), request.params.personId) }),
    );
    app.post(
      '/api/assessment-links/:id/revoke',
      {
        schema: {
          tags: ['assessments'],
          summary: 'Withdraw an unused self-administration link (409 when used or already withdrawn)',
          params: idParams,
          response: { 200: z.object({ id: z.string(), revokedAt: z.date() }) },
        },
      },
      async (request) => revokeAssessmentLink(ctx, requestContextOf(request), request.params.id),
    );
    const tokenParams = z.strictObject({ token: z.string().min(1).max(100) });
    app.get(
      '/api/public/assessments/:token',
      {
        schema: {
          tags: ['public'],
          summary: 'The questions behind a self-administration link, without an account (410 when used or expired)',
          security: [],
          params: tokenParams,
          querystring: z.strictObject({ lang: z.enum(LOCALES).optional() }),
          response: {
            200: z.object({
              instrument: z.string(),
              version: z.string(),
              language: z.enum(LOCALES),
              shortName: z.string(),
              title: z.string(),
              instructions: z.string(),
              recallPeriod: z.string(),
              expiresAt: z.string(),
              items: z.array(z.object({ linkId: z.string(), text: z.string(), optional: z.boolean(), options: z.array(z.object({ score: z.number(), label: z.string() })) })),
            }),
          },
        },
      },
      async (request, reply) => {
        void reply.header('cache-control', 'no-store');
        return openPublicAssessment(ctx, { token: request.params.token, clientIp: request.ip, language: request.query.lang });
      },
    );
    app.post(
      '/api/public/assessments/:token',
      {
        schema: {
          tags: ['public'],
          summary: 'Submit answers through a self-administration link (once)',
          security: [],
          params: tokenParams,
          body: z.strictObject({ answers, language: z.enum(LOCALES).optional() }),
          response: { 200: z.object({ received: z.literal(true) }) },
        },
      },
      async (request) =>
        submitPublicAssessment(ctx, { token: request.params.token, clientIp: request.ip, answers: asAnswers(request.body.answers), language: request.body.language }),
    );

    // Consultation (会诊)
    app.get(
      '/api/consultations',
      {
        schema: {
          tags: ['assessments'],
          summary: 'Consultation queue within the jurisdiction: pending (assessment.review) or completed (assessment.read)',
          querystring: z.strictObject({
            status: z.enum(['pending', 'completed']).default('pending'),
            institutionId: z.uuid().optional(),
            region: z.string().regex(/^(\d{12}|\d{15})$/, 'a region code has 12 digits (15 for a grid)').optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          }),
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.string(),
                  assessmentId: z.string(),
                  personId: z.string(),
                  personName: z.string(),
                  regionCode: z.string(),
                  instrument: z.string(),
                  total: z.number().nullable(),
                  severity: z.string().nullable(),
                  reasons: z.array(z.string()),
                  status: z.enum(['pending', 'completed']),
                  institutionId: z.string().nullable(),
                  institutionName: z.string().nullable(),
                  requestedAt: z.string(),
                  reviewedAt: z.string().nullable(),
                  recommendation: z.string().nullable(),
                  turnaroundMinutes: z.number().nullable(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => ({ items: await listConsultations(ctx, requestContextOf(request), request.query) }),
    );
    app.post(
      '/api/consultations/:id/review',
      {
        schema: {
          tags: ['assessments'],
          summary: 'A psychiatrist’s opinion and recommendation; returns to primary care (409 if already reviewed)',
          params: idParams,
          body: z.strictObject({ opinion: z.string().min(1).max(4000), recommendation: z.enum(CONSULTATION_RECOMMENDATIONS) }),
          response: { 200: consultationView },
        },
      },
      async (request) => reviewConsultation(ctx, requestContextOf(request), { id: request.params.id, ...request.body }),
    );
  };
}
