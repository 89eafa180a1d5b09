import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { POPULATION_CATEGORIES } from '@anxin/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { requestContextOf } from '../../http/request-context-of.ts';
import { errorReportLines } from './error-report.ts';
import { exportPersons } from './export-persons.ts';
import { findOwnImport, getImport } from './get-import.ts';
import { IMPORT_FORMATS } from './import-file.ts';
import { importTemplate } from './import-template.ts';
import { MAX_UPLOAD_BYTES, resumeAbandonedImports, runningImports, startUploadedImport } from './start-import.ts';

const categoryCodes = POPULATION_CATEGORIES.map((c) => c.code) as [string, ...string[]];
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Upload bodies are streamed to disk, never parsed or buffered. */
const UPLOAD_TYPES = ['application/octet-stream', 'text/csv', XLSX_TYPE, 'application/fhir+json'];

const importView = z.object({
  id: z.string(),
  fileName: z.string(),
  format: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  fileBytes: z.number(),
  bytesDone: z.number(),
  read: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  rejected: z.number(),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});

export function importRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addContentTypeParser(UPLOAD_TYPES, (_request, payload, done) => done(null, payload));
    app.addHook('onReady', async () => {
      await resumeAbandonedImports(ctx).catch(() => 0);
    });
    app.addHook('onClose', async () => {
      const running = [...runningImports().values()];
      for (const r of running) r.abort.abort();
      await Promise.all(running.map((r) => r.done));
    });

    app.post(
      '/api/imports',
      {
        bodyLimit: MAX_UPLOAD_BYTES,
        schema: {
          tags: ['imports'],
          summary: 'Upload a CSV, XLSX or FHIR Bundle file (raw body, application/octet-stream) and import it in the background',
          querystring: z.strictObject({
            fileName: z.string().trim().min(1).max(255).default('upload'),
            format: z.enum(IMPORT_FORMATS).optional(),
          }),
          response: { 202: importView },
        },
      },
      async (request, reply) => {
        const body = request.body as unknown;
        const stream = body instanceof Readable ? body : Readable.from(Buffer.isBuffer(body) ? [body] : typeof body === 'string' ? [Buffer.from(body)] : []);
        const view = await startUploadedImport(ctx, requestContextOf(request), { body: stream, fileName: request.query.fileName, format: request.query.format });
        return reply.status(202).send(view);
      },
    );
    app.get(
      '/api/imports/template.xlsx',
      { schema: { tags: ['imports'], summary: 'The XLSX import template (Chinese headers, an example row, a sheet explaining the columns)' } },
      async (request, reply) => {
        requestContextOf(request);
        return reply
          .header('content-type', XLSX_TYPE)
          .header('content-disposition', `attachment; filename="import-template.xlsx"; filename*=UTF-8''${encodeURIComponent('人员导入模板.xlsx')}`)
          .send(await importTemplate());
      },
    );
    app.get(
      '/api/imports/:id',
      {
        schema: {
          tags: ['imports'],
          summary: 'Progress and counts of one of your imports',
          params: z.strictObject({ id: z.string().uuid() }),
          response: { 200: importView },
        },
      },
      async (request) => getImport(ctx, requestContextOf(request), request.params.id),
    );
    app.get(
      '/api/imports/:id/errors',
      {
        schema: {
          tags: ['imports'],
          summary: 'The error report of one of your imports as CSV (row, field, reason, value, 说明)',
          params: z.strictObject({ id: z.string().uuid() }),
        },
      },
      async (request, reply) => {
        const imp = await findOwnImport(ctx, requestContextOf(request), request.params.id);
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="import-${imp.id}-errors.csv"`)
          .send(Readable.from(errorReportLines(ctx.db, imp.id)));
      },
    );
    app.post(
      '/api/persons/export',
      {
        schema: {
          tags: ['persons'],
          summary: 'Export the filtered register list to XLSX (person.export; the reason and row count are audited; masked unless person.read_full)',
          body: z.strictObject({
            reason: z.string().trim().min(2).max(200),
            q: z.string().trim().min(1).max(50).optional(),
            nationalId: z.string().trim().min(1).max(30).optional(),
            phone: z.string().trim().min(1).max(30).optional(),
            category: z.enum(categoryCodes).optional(),
            region: z.string().regex(/^(\d{12}|\d{15})$/, 'a region code has 12 digits (15 for a grid)').optional(),
          }),
        },
      },
      async (request, reply) => {
        const result = await exportPersons(ctx, requestContextOf(request), request.body);
        const stream = createReadStream(result.path);
        stream.on('close', () => void rm(result.path, { force: true }));
        return reply
          .header('content-type', XLSX_TYPE)
          .header('content-disposition', `attachment; filename="${result.fileName}"`)
          .header('x-export-rows', String(result.rows))
          .send(stream);
      },
    );
  };
}
