import { itemScoreRange, listInstruments, type RegisteredInstrument } from '@anxin/domain/instruments/index.ts';
import type { CliCommand } from '../command.ts';

/** One instrument as `anxin instruments --json` prints it. */
export interface InstrumentListing {
  id: string;
  version: string;
  shortName: string;
  items: number;
  range: { min: number; max: number };
  itemRange: { min: number; max: number };
  title: { zh: string; en: string };
  recallPeriod: { zh: string; en: string };
  severities: string[];
  licence: string;
  loinc: { panel?: string; total?: string };
}

export function describeInstrument({ definition: def }: RegisteredInstrument): InstrumentListing {
  const itemRanges = def.items.map((_, i) => itemScoreRange(def, i));
  return {
    id: def.id,
    version: def.version,
    shortName: def.shortName,
    items: def.items.length,
    range: { ...def.totalRange },
    itemRange: { min: Math.min(...itemRanges.map((r) => r.min)), max: Math.max(...itemRanges.map((r) => r.max)) },
    title: { ...def.title },
    recallPeriod: { ...def.recallPeriod },
    severities: def.severityBands.map((b) => b.name),
    licence: def.licence.kind,
    loinc: { ...def.loinc },
  };
}

function table(rows: readonly InstrumentListing[]): string {
  const cells = [
    ['ID', 'VERSION', 'ITEMS', 'RANGE', 'TITLE'],
    ...rows.map((r) => [r.id, r.version, String(r.items), `${r.range.min}-${r.range.max}`, `${r.title.en} / ${r.title.zh}`]),
  ];
  const widths = [0, 1, 2, 3].map((c) => Math.max(...cells.map((row) => (row[c] ?? '').length)));
  return cells.map((row) => row.map((cell, c) => (c < 4 ? cell.padEnd(widths[c] ?? 0) : cell)).join('  ')).join('\n');
}

export const instrumentsCommand: CliCommand = {
  name: 'instruments',
  summary: 'List the rating scales `anxin score` knows',
  usage: 'Usage: anxin instruments [--json]\n\nLists id, version, item count, total range and title of every instrument.\n  --json  one JSON array with ranges, severity names, licence and LOINC codes',
  async run(argv, io) {
    const unknown = argv.filter((a) => a !== '--json');
    if (unknown.length > 0) {
      io.err(`anxin instruments: unexpected argument '${unknown[0] ?? ''}'\nUsage: anxin instruments [--json]\n`);
      return 2;
    }
    const rows = listInstruments().map(describeInstrument);
    io.out(argv.includes('--json') ? `${JSON.stringify(rows)}\n` : `${table(rows)}\n`);
    return 0;
  },
};
