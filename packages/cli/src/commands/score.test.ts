import { describe, expect, it } from 'vitest';
import type { CliIo } from '../command.ts';
import { main } from '../main.ts';

interface Captured {
  code: number;
  out: string;
  err: string;
}

async function run(...argv: string[]): Promise<Captured> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => (out += t), err: (t) => (err += t), env: {}, isTty: false };
  const code = await main(argv, io);
  return { code, out, err };
}

/** Exactly one line of JSON on stdout, nothing on stderr, exit 0. */
async function scored(...argv: string[]): Promise<Record<string, unknown>> {
  const { code, out, err } = await run('score', ...argv);
  expect({ code, err }).toEqual({ code: 0, err: '' });
  expect(out.endsWith('\n')).toBe(true);
  expect(out.trimEnd().split('\n')).toHaveLength(1);
  return JSON.parse(out) as Record<string, unknown>;
}

/** Exit 2, a message on stderr, nothing on stdout. */
async function rejected(...argv: string[]): Promise<string> {
  const { code, out, err } = await run('score', ...argv);
  expect({ code, out }).toEqual({ code: 2, out: '' });
  expect(err).toMatch(/^anxin score: /);
  return err;
}

describe('anxin score', () => {
  it('prints the result with its keys in contract order', async () => {
    const { out } = await run('score', 'phq9', '1,1,1,1,1,1,1,1,1');
    expect(out).toBe(
      '{"instrument":"phq9","version":"1.0.0","total":9,"severity":"mild","complete":true,"flags":["suicide_risk_item9"],"subscales":{}}\n',
    );
  });

  it.each([
    ['phq9', '3,3,3,3,3,3,3,3,3', 27, 'severe'],
    ['gad7', '0,0,0,0,0,0,0', 0, 'minimal'],
    ['phq15', '2,2,2,2,2,2,2,2,2,2,2,2,2,2,2', 30, 'high'],
    ['pcl5', Array(20).fill('4').join(','), 80, 'probable_ptsd'],
    ['k10', '1,1,1,1,1,1,1,1,1,1', 10, 'low'],
    ['k6', '3,2,2,2,2,2', 13, 'serious'],
    ['who5', '5,5,5,5,5', 25, 'adequate_wellbeing'],
  ])('scores %s %s', async (id, answers, total, severity) => {
    expect(await scored(id, answers)).toMatchObject({ instrument: id, total, severity, complete: true });
  });

  it('puts the WHO-5 percentage in derived, after subscales', async () => {
    const { out } = await run('score', 'who5', '1,1,1,2,2');
    expect(out).toBe(
      '{"instrument":"who5","version":"1.0.0","total":7,"severity":"likely_depression","complete":true,' +
        '"flags":["poor_wellbeing","likely_depression_screen"],"subscales":{},"derived":{"percentage":28}}\n',
    );
  });

  it('prints PCL-5 cluster subscales and both provisional flags', async () => {
    expect(await scored('pcl5', '2,0,0,0,0,2,0,2,2,0,0,0,0,0,2,2,0,0,0,0')).toMatchObject({
      total: 12,
      severity: 'below_threshold',
      flags: ['provisional_ptsd_dsm5'],
      subscales: { B: 2, C: 2, D: 4, E: 4 },
    });
    expect((await scored('pcl5', Array(20).fill('2').join(','), '--pcl5-cutoff', '40')).flags).toEqual([
      'provisional_ptsd_cutoff',
      'provisional_ptsd_dsm5',
    ]);
    expect((await scored('pcl5', Array(20).fill('2').join(','), '--pcl5-cutoff=41')).severity).toBe('below_threshold');
  });

  it('treats an empty field as a missing answer', async () => {
    expect(await scored('phq9', '1,1,,0,0,0,0,0,1')).toEqual({
      instrument: 'phq9',
      version: '1.0.0',
      total: null,
      severity: null,
      complete: false,
      flags: ['suicide_risk_item9'],
      subscales: {},
    });
    expect(await scored('gad7', ',,,,,,')).toMatchObject({ total: null, complete: false });
  });

  it('lets a man leave PHQ-15 item 4 blank with --sex male', async () => {
    const answers = '1,1,1,,1,1,1,1,1,1,1,1,1,1,1';
    expect(await scored('phq15', answers)).toMatchObject({ total: null, complete: false });
    expect(await scored('phq15', answers, '--sex', 'male')).toMatchObject({ total: 14, complete: true });
  });

  it('applies a Chinese cut-off profile only when asked', async () => {
    expect(await scored('phq9', '1,1,1,1,1,1,1,0,0')).not.toHaveProperty('cutoffProfile');
    expect(await scored('phq9', '1,1,1,1,1,1,1,0,0', '--cutoff-profile', 'cn-community')).toMatchObject({
      flags: ['screen_positive'],
      cutoffProfile: 'cn-community',
    });
  });

  it.each([
    [['phq9', '1,1,1,5,1,1,1,1,1'], 'answers[3]'],
    [['phq9', '1,1,1,-1,1,1,1,1,1'], 'answers[3]'],
    [['phq9', '1,1,1,1.5,1,1,1,1,1'], 'answers[3]'],
    [['phq9', '1,1,1,x,1,1,1,1,1'], 'answers[3]'],
    [['phq9', '1,1,1,1,1,1,1,1'], 'answers'],
    [['phq9', '1,1,1,1,1,1,1,1,1,1'], 'answers'],
    [['k10', '0,1,1,1,1,1,1,1,1,1'], 'answers[0]'],
    [['srq20', '1,1'], 'unknown instrument'],
    [['PHQ9', '1,1,1,1,1,1,1,1,1'], 'unknown instrument'],
    [['phq9'], 'INSTRUMENT and ANSWERS are required'],
    [[], 'INSTRUMENT and ANSWERS are required'],
    [['phq9', '1,1,1,1', '1,1,1,1,1'], 'unexpected argument'],
    [['phq9', '1,1,1,1,1,1,1,1,1', '--cutoff-profile', 'nowhere'], 'cutoffProfile'],
    [['phq15', '0,0,0,0,0,0,0,0,0,0,0,0,0,0,0', '--sex', 'other'], '--sex'],
    [['pcl5', Array(20).fill('0').join(','), '--pcl5-cutoff', 'high'], '--pcl5-cutoff'],
    [['phq9', '1,1,1,1,1,1,1,1,1', '--frobnicate', '1'], 'unknown option'],
    [['phq9', '1,1,1,1,1,1,1,1,1', '--version', '0.1'], 'version'],
  ])('rejects %j (%s) with exit 2', async (argv, expected) => {
    expect(await rejected(...argv)).toContain(expected);
  });

  it('prints usage for --help', async () => {
    const { code, out } = await run('score', '--help');
    expect(code).toBe(0);
    expect(out).toContain('Usage: anxin score INSTRUMENT ANSWERS');
  });
});

describe('anxin instruments', () => {
  it('lists the seven instruments as a table', async () => {
    const { code, out, err } = await run('instruments');
    expect({ code, err }).toEqual({ code: 0, err: '' });
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+VERSION\s+ITEMS\s+RANGE\s+TITLE$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(['phq9', 'gad7', 'phq15', 'pcl5', 'k10', 'k6', 'who5']);
    expect(lines.find((l) => l.startsWith('k10'))).toMatch(/^k10\s+1\.0\.0\s+10\s+10-50\s+Kessler/);
  });

  it('prints JSON with --json', async () => {
    const { code, out } = await run('instruments', '--json');
    expect(code).toBe(0);
    const list = JSON.parse(out) as { id: string; items: number; range: { min: number; max: number }; title: { zh: string; en: string } }[];
    expect(list.map((i) => [i.id, i.items, i.range.min, i.range.max])).toEqual([
      ['phq9', 9, 0, 27],
      ['gad7', 7, 0, 21],
      ['phq15', 15, 0, 30],
      ['pcl5', 20, 0, 80],
      ['k10', 10, 10, 50],
      ['k6', 6, 0, 24],
      ['who5', 5, 0, 25],
    ]);
    expect(list[0]?.title.zh).toContain('PHQ-9');
  });

  it('rejects unknown arguments', async () => {
    const { code, out } = await run('instruments', '--csv');
    expect({ code, out }).toEqual({ code: 2, out: '' });
  });
});
