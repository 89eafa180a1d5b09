import { isAppError } from '@anxin/domain/errors/error-code.ts';
import { scoreInstrument, type ScoreOptions } from '@anxin/domain/instruments/index.ts';
import type { CliCommand } from '../command.ts';

export const SCORE_USAGE = `Usage: anxin score INSTRUMENT ANSWERS [options]

Scores one completed instrument and prints the result as one line of JSON.

  INSTRUMENT  phq9 gad7 phq15 pcl5 k10 k6 who5 (see 'anxin instruments')
  ANSWERS     item scores in item order, comma-separated; an empty field is a
              missing answer, e.g. 1,2,,0,...

Options:
  --sex male|female        PHQ-15: a man may leave item 4 (menstrual) blank
  --cutoff-profile ID      add a locally validated screening cut-off
                           (cn-community, cn-rural-elderly, cn-general-hospital)
  --pcl5-cutoff N          PCL-5 provisional cut-off (default 33; published 31-33)
  --version V              score with an older definition version

Exit status: 0 scored, 2 invalid instrument, answers or options.`;

class UsageError extends Error {}

interface ParsedArgs {
  instrument: string;
  answers: (number | null)[];
  options: ScoreOptions;
}

/** Splits `1,2,,0` into scores; an empty field is a missing answer. Range checks are the domain's job. */
export function parseAnswers(text: string): (number | null)[] {
  return text.split(',').map((field, i) => {
    const trimmed = field.trim();
    if (trimmed === '') return null;
    if (!/^[+-]?\d+(\.\d+)?$/.test(trimmed)) throw new UsageError(`answers[${i}]: '${trimmed}' is not a number`);
    return Number(trimmed);
  });
}

function parseArgs(argv: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const options: ScoreOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.split(/=(.*)/s, 2) as [string, string | undefined];
    if (name === '--json') continue; // output is always JSON
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`${name} needs a value`);
    switch (name) {
      case '--sex':
        if (value !== 'male' && value !== 'female') throw new UsageError(`--sex must be male or female`);
        options.sex = value;
        break;
      case '--cutoff-profile':
        options.cutoffProfile = value;
        break;
      case '--pcl5-cutoff':
        if (!/^\d+$/.test(value)) throw new UsageError('--pcl5-cutoff must be a whole number');
        options.pcl5Cutoff = Number(value);
        break;
      case '--version':
        options.version = value;
        break;
      default:
        throw new UsageError(`unknown option ${name}`);
    }
  }
  const [instrument, answers, ...extra] = positional;
  if (instrument === undefined || answers === undefined) throw new UsageError('INSTRUMENT and ANSWERS are required');
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0] ?? ''}' (separate answers with commas, no spaces)`);
  return { instrument, answers: parseAnswers(answers), options };
}

export const scoreCommand: CliCommand = {
  name: 'score',
  summary: 'Score a rating scale (PHQ-9, GAD-7, PHQ-15, PCL-5, K10, K6, WHO-5)',
  usage: SCORE_USAGE,
  async run(argv, io) {
    try {
      const { instrument, answers, options } = parseArgs(argv);
      const result = scoreInstrument(instrument, answers, options);
      io.out(`${JSON.stringify(result)}\n`);
      return 0;
    } catch (error) {
      if (error instanceof UsageError) {
        io.err(`anxin score: ${error.message}\n\n${SCORE_USAGE}\n`);
        return 2;
      }
      if (isAppError(error) && error.code === 'VALIDATION') {
        io.err(`anxin score: ${error.field ? `${error.field}: ` : ''}${error.message}\n`);
        return 2;
      }
      throw error;
    }
  },
};
