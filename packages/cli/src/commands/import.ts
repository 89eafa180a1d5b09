import { userInfo } from 'node:os';
import { basename, resolve } from 'node:path';
import { formatFromName, IMPORT_FORMATS, ImportFileError, type ImportFormat } from '@anxin/server/modules/imports/import-file.ts';
import { ImportBusyError, runImport, type ImportProgress } from '@anxin/server/modules/imports/import-engine.ts';
import { ImportRepository } from '@anxin/server/modules/imports/import-repository.ts';
import { errorReportLines } from '@anxin/server/modules/imports/error-report.ts';
import { prepareImport } from '@anxin/server/modules/imports/start-import.ts';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { CliCommand, CliIo } from '../command.ts';
import { withContext } from './with-context.ts';

const USAGE = `anxin import persons FILE [--format csv|xlsx|fhir] [--json]

Imports people (and their hospital episodes) into the register from a CSV (UTF-8 or GBK), an XLSX
workbook (first sheet) or a FHIR R4 Bundle (Patient, Encounter, MedicationStatement). The format
comes from the file name (.csv, .xlsx, .json) unless --format says it. Uses the database of
\`anxin serve\` (DATABASE_URL or ANXIN_DATA_DIR). Re-running the same file after an interruption
resumes it; re-importing creates no duplicates. Rejected rows are written to FILE.errors.csv.

Acts as the system: no account, audited as username "cli:<os user>", role "system", for the whole
country. With --json prints one JSON object:
  {"read","created","updated","unchanged","rejected","errorReport"}
Exit codes: 0 the file was processed (even with rejected rows); 1 database error; 2 bad usage or an
unreadable file.`;

function parseArgs(argv: string[]): { file: string; format: ImportFormat | undefined; json: boolean } | string {
  const [what, ...rest] = argv;
  if (what !== 'persons') return 'say what to import: anxin import persons FILE';
  let file: string | undefined;
  let format: ImportFormat | undefined;
  let json = false;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] as string;
    if (a === '--json') json = true;
    else if (a === '--format' || a.startsWith('--format=')) {
      const v = a === '--format' ? rest[++i] : a.slice('--format='.length);
      if (!v || !(IMPORT_FORMATS as readonly string[]).includes(v)) return '--format must be csv, xlsx or fhir';
      format = v as ImportFormat;
    } else if (a.startsWith('--')) return `unknown option ${a}`;
    else if (file === undefined) file = a;
    else return 'give one FILE';
  }
  if (file === undefined) return 'give the FILE to import';
  return { file, format, json };
}

function bar(p: ImportProgress): string {
  const total = Math.max(p.fileBytes, 1);
  const frac = Math.min(1, p.bytesDone / total);
  const width = 30;
  const full = Math.round(frac * width);
  return `\r[${'#'.repeat(full)}${'.'.repeat(width - full)}] ${(frac * 100).toFixed(0).padStart(3)}%  ${p.rowsDone} rows  +${p.created} ~${p.updated} =${p.unchanged} !${p.rejected}`;
}

async function writeErrorReport(lines: AsyncIterable<string>, path: string): Promise<void> {
  const out = createWriteStream(path);
  for await (const chunk of lines) if (!out.write(chunk)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'Import persons from CSV, XLSX or a FHIR Bundle (anxin import persons FILE)',
  usage: USAGE,
  async run(argv, io: CliIo) {
    const args = parseArgs(argv);
    if (typeof args === 'string') {
      io.err(`anxin import: ${args}\n\n${USAGE}\n`);
      return 2;
    }
    const path = resolve(args.file);
    const format = args.format ?? formatFromName(path);
    if (!format) {
      io.err('anxin import: cannot tell the format from the file name; use --format csv|xlsx|fhir\n');
      return 2;
    }
    return withContext(io, async (ctx) => {
      let prepared;
      try {
        prepared = await prepareImport(ctx, { path, fileName: basename(path), format, storedPath: null, accountId: null, scopePrefixes: [''] });
      } catch (e) {
        if (e instanceof ImportFileError) {
          io.err(`anxin import: ${basename(path)}: ${e.message}\n`);
          return 2;
        }
        throw e;
      }
      const { imp, resumed } = prepared;
      if (resumed && !args.json) io.err(`Resuming the interrupted import of this file after row ${imp.rowsDone}.\n`);
      const who = { accountId: null, username: `cli:${userInfo().username}`.slice(0, 60), role: 'system', clientIp: null };
      let summary;
      try {
        summary = await runImport(ctx, imp, path, who, { onProgress: io.isTty ? (p) => io.err(bar(p)) : undefined });
      } catch (e) {
        if (e instanceof ImportBusyError) {
          io.err(`anxin import: ${e.message}; try again when it has finished or stopped\n`);
          return 1;
        }
        throw e;
      }
      if (io.isTty) io.err(`${bar(summary)}\n`);
      if (summary.status === 'failed') {
        io.err(`anxin import: ${basename(path)}: ${summary.errorMessage ?? 'failed'}\n`);
        return 2;
      }
      let errorReport: string | null = null;
      const done = await new ImportRepository(ctx.db).find(imp.id);
      if ((done?.rejected ?? 0) > 0) {
        errorReport = `${path}.errors.csv`;
        await writeErrorReport(errorReportLines(ctx.db, imp.id), errorReport);
      }
      const result = {
        read: summary.rowsDone,
        created: summary.created,
        updated: summary.updated,
        unchanged: summary.unchanged,
        rejected: summary.rejected,
        errorReport,
      };
      if (args.json) io.out(`${JSON.stringify(result)}\n`);
      else {
        io.out(
          `Read ${result.read} rows: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged, ${result.rejected} rejected.\n`,
        );
        if (errorReport) io.out(`Rejected rows are listed in ${errorReport}\n`);
      }
      return 0;
    });
  },
};
