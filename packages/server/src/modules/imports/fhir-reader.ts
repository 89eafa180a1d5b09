import { createReadStream } from 'node:fs';
import { IMPORT_COLUMNS, type ImportField } from '@anxin/domain';
import { ImportFileError } from './import-file.ts';
import type { RowSource, SourceRow } from './row-source.ts';

/**
 * Identifier systems read as the resident identity card number (居民身份证号). See docs/register.md.
 * The OIDs are those used for the ID card in Chinese health-record exchange; `NNCHN` is the HL7 v2
 * identifier type "national person identifier, China", accepted with any system.
 */
export const NATIONAL_ID_SYSTEMS = [
  'urn:oid:2.16.156.10011.1.3',
  'urn:oid:2.16.156.10011.1.5',
  'https://anxin.org.cn/fhir/sid/national-id',
] as const;
/** Extensions (matched by the end of their url) that carry what FHIR has no element for. */
export const FHIR_EXTENSIONS = {
  communityCode: '/community-code',
  populationCategory: '/population-category',
  severity: '/episode-severity',
} as const;

const MAX_ENTRY_CHARS = 1 << 20;

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * Splits a JSON Bundle into its `entry` elements without holding the document: a small scanner tracks
 * strings and nesting and hands each entry's text to JSON.parse on its own.
 */
async function* bundleEntries(path: string, onBytes: (n: number) => void): AsyncGenerator<unknown> {
  let depth = 0;
  let inString = false;
  let escaped = false;
  let key = '';
  let token = '';
  let collecting = false; // collecting a string token at depth 1
  let expectKey = false;
  let resourceType = '';
  let lastKey = '';
  let inEntries = false;
  let entry: string[] = [];
  let entryLen = 0;
  let capturing = false;
  let sawRoot = false;
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>) {
    onBytes(chunk.length);
    const text = decoder.decode(chunk, { stream: true });
    let start = 0;
    const out: unknown[] = [];
    for (let i = 0; i < text.length; i++) {
      const ch = text[i] as string;
      if (inString) {
        if (collecting) token += ch;
        if (escaped) escaped = false;
        else if (ch === '\\') escaped = true;
        else if (ch === '"') {
          inString = false;
          if (collecting) {
            collecting = false;
            const value = JSON.parse(`"${token.slice(0, -1)}` + '"') as string;
            if (expectKey) {
              key = value;
              expectKey = false;
            } else if (lastKey === 'resourceType') resourceType = value;
          }
        }
        continue;
      }
      switch (ch) {
        case '"':
          inString = true;
          if (depth === 1 && !capturing) {
            collecting = true;
            token = '';
          }
          break;
        case ':':
          if (depth === 1) lastKey = key;
          break;
        case ',':
          if (depth === 1) expectKey = true;
          break;
        case '{':
        case '[':
          if (depth === 0) {
            if (ch !== '{') throw new ImportFileError('not_fhir_bundle', 'The file is not a JSON FHIR Bundle');
            sawRoot = true;
            expectKey = true;
          } else if (depth === 1 && ch === '[' && lastKey === 'entry') {
            if (resourceType !== 'Bundle') throw new ImportFileError('not_fhir_bundle', 'The JSON is not a FHIR Bundle (resourceType must come first and be "Bundle")');
            inEntries = true;
          } else if (depth === 2 && inEntries && ch === '{') {
            capturing = true;
            start = i;
            entry = [];
            entryLen = 0;
          }
          depth++;
          break;
        case '}':
        case ']':
          depth--;
          if (depth === 2 && capturing && ch === '}') {
            capturing = false;
            entry.push(text.slice(start, i + 1));
            out.push(JSON.parse(entry.join('')) as unknown);
            entry = [];
          } else if (depth === 1 && inEntries && ch === ']') inEntries = false;
          if (depth < 0) throw new ImportFileError('malformed', 'The JSON is malformed');
          break;
        default:
          break;
      }
    }
    if (capturing) {
      entry.push(text.slice(start));
      entryLen += text.length - start;
      if (entryLen > MAX_ENTRY_CHARS) throw new ImportFileError('row_too_long', 'A Bundle entry is larger than 1 MB');
    }
    yield* out;
  }
  if (!sawRoot || depth !== 0 || inString) throw new ImportFileError('malformed', 'The JSON is incomplete or malformed');
}

interface PatientGroup {
  entryNumber: number;
  refs: Set<string>;
  cells: Partial<Record<ImportField, string>>;
  encounters: { entryNumber: number; refs: Set<string>; cells: Partial<Record<ImportField, string>>; meds: string[] }[];
  errors: SourceRow[];
}

const extensionValues = (resource: Json | undefined, suffix: string): string[] =>
  arr(resource?.extension)
    .map(obj)
    .filter((e) => str(e?.url).endsWith(suffix))
    .map((e) => str(e?.valueCode) || str(e?.valueString));

const clean = (s: string): string => s.replace(/[|;]/g, ' ').trim();

function patientCells(p: Json): Partial<Record<ImportField, string>> {
  const name = obj(arr(p.name)[0]);
  const fullName = str(name?.text) || `${str(name?.family)}${arr(name?.given).map(str).join('')}`;
  const id = arr(p.identifier)
    .map(obj)
    .find(
      (i) =>
        (NATIONAL_ID_SYSTEMS as readonly string[]).includes(str(i?.system)) ||
        arr(obj(i?.type)?.coding).some((c) => str(obj(c)?.code) === 'NNCHN'),
    );
  const phone = arr(p.telecom)
    .map(obj)
    .find((t) => str(t?.system) === 'phone');
  const address = obj(arr(p.address)[0]);
  const community = extensionValues(address, FHIR_EXTENSIONS.communityCode)[0] ?? (/^\d{12}$/.test(str(address?.district)) ? str(address?.district) : '');
  const gender = str(p.gender);
  return {
    name: fullName,
    sex: gender,
    birth_date: str(p.birthDate),
    national_id: str(id?.value),
    phone: str(phone?.value),
    address: str(address?.text),
    community_code: community,
    categories: extensionValues(p, FHIR_EXTENSIONS.populationCategory).join(';'),
  };
}

function encounterCells(e: Json): Partial<Record<ImportField, string>> {
  const period = obj(e.period);
  const provider = obj(e.serviceProvider);
  const codes = arr(e.reasonCode).flatMap((rc) =>
    arr(obj(rc)?.coding)
      .map(obj)
      .map((c) => str(c?.code)),
  );
  return {
    hospital: str(provider?.display) || str(obj(provider?.identifier)?.value),
    record_number: str(obj(arr(e.identifier)[0])?.value),
    admission_date: str(period?.start).slice(0, 10),
    discharge_date: str(period?.end).slice(0, 10),
    diagnosis: codes.filter((c) => c !== '').join(';'),
    severity: extensionValues(e, FHIR_EXTENSIONS.severity)[0] ?? '',
  };
}

function medicationItem(m: Json): string {
  const med = obj(m.medicationCodeableConcept);
  const drug = str(med?.text) || str(obj(arr(med?.coding)[0])?.display);
  const dose = str(obj(arr(m.dosage)[0])?.text);
  const prescriber = str(obj(m.informationSource)?.display);
  return `${clean(drug)}|${clean(dose)}|${clean(prescriber)}`;
}

function refsOf(entry: Json, resource: Json): Set<string> {
  const refs = new Set<string>();
  if (str(entry.fullUrl)) refs.add(str(entry.fullUrl));
  if (str(resource.id)) refs.add(`${str(resource.resourceType)}/${str(resource.id)}`);
  return refs;
}

/** The fixed header a FHIR source stands for: the import columns' field names in order. */
export const FHIR_HEADER: string[] = IMPORT_COLUMNS.map((c) => c.field);

const toCells = (cells: Partial<Record<ImportField, string>>): string[] => IMPORT_COLUMNS.map((c) => cells[c.field] ?? '');

function* flush(g: PatientGroup | undefined): Generator<SourceRow> {
  if (!g) return;
  yield* g.errors;
  if (g.encounters.length === 0) {
    yield { rowNumber: g.entryNumber, cells: toCells(g.cells) };
    return;
  }
  for (const e of g.encounters) yield { rowNumber: e.entryNumber, cells: toCells({ ...g.cells, ...e.cells, psych_medications: e.meds.join(';') }) };
}

/**
 * Reads a FHIR R4 Bundle (any type) as import rows: each Patient is a person; each Encounter of that
 * Patient an episode; each MedicationStatement a psychiatric medication of the Encounter it names as
 * `context` (or of the Patient's only Encounter). Entries are streamed, so a Patient's Encounters and
 * MedicationStatements must follow it before the next Patient (as bundles written per patient are);
 * a reference to another Patient is a row error. Other resource types are skipped. Row numbers are
 * entry numbers.
 */
export function fhirSource(path: string): RowSource {
  let bytes = 0;
  async function* rows(): AsyncGenerator<SourceRow> {
    let n = 0;
    let group: PatientGroup | undefined;
    for await (const raw of bundleEntries(path, (b) => (bytes += b))) {
      n++;
      const entry = obj(raw) ?? {};
      const resource = obj(entry.resource);
      const type = str(resource?.resourceType);
      if (!resource) {
        yield { rowNumber: n, cells: [], errors: [{ field: 'entry', reason: 'invalid_value' }] };
        continue;
      }
      if (type === 'Patient') {
        yield* flush(group);
        group = { entryNumber: n, refs: refsOf(entry, resource), cells: patientCells(resource), encounters: [], errors: [] };
      } else if (type === 'Encounter' || type === 'MedicationStatement') {
        const subject = str(obj(resource.subject)?.reference);
        if (!group || !group.refs.has(subject)) {
          const row: SourceRow = { rowNumber: n, cells: [], errors: [{ field: 'subject', reason: 'unknown_patient' }] };
          if (group) group.errors.push(row);
          else yield row;
          continue;
        }
        if (type === 'Encounter') group.encounters.push({ entryNumber: n, refs: refsOf(entry, resource), cells: encounterCells(resource), meds: [] });
        else {
          const context = str(obj(resource.context)?.reference);
          const target = context ? group.encounters.find((e) => e.refs.has(context)) : group.encounters.length === 1 ? group.encounters[0] : undefined;
          if (target) target.meds.push(medicationItem(resource));
          else group.errors.push({ rowNumber: n, cells: [], errors: [{ field: 'context', reason: 'unknown_encounter' }] });
        }
      }
    }
    yield* flush(group);
  }
  return { rows: rows(), bytesRead: () => bytes, header: FHIR_HEADER };
}
