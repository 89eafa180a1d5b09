import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIsoDate, daysInMonth } from './iso-date.ts';
import {
  canonicalNationalId,
  convertNationalId15To18,
  isValidNationalId,
  makeNationalId,
  nationalIdCheckChar,
  parseNationalId,
} from './national-id.ts';

const TODAY = '2024-06-15';

describe('check character (ISO 7064 MOD 11-2)', () => {
  it.each([
    // Sample numbers from the GB 11643-1999 text.
    ['11010519491231002', 'X'],
    ['44052418800101001', '4'],
    ['44052418800101536', '8'],
    ['53010219200508011', 'X'],
  ])('%s → %s', (body, check) => {
    expect(nationalIdCheckChar(body)).toBe(check);
  });

  it('refuses bodies that are not 17 digits', () => {
    expect(() => nationalIdCheckChar('1101051949123100')).toThrow();
    expect(() => nationalIdCheckChar('1101051949123100X')).toThrow();
  });
});

describe('parseNationalId', () => {
  it('reads region, birth date and sex of a valid number', () => {
    expect(parseNationalId('11010519491231002X', TODAY)).toEqual({
      ok: true,
      id: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'female',
      regionCode6: '110105',
    });
    expect(parseNationalId('440524188001010014', TODAY)).toMatchObject({ ok: true, birthDate: '1880-01-01', sex: 'male', regionCode6: '440524' });
  });

  it('accepts a lower-case x, surrounding spaces and full-width characters', () => {
    expect(parseNationalId('11010519491231002x', TODAY)).toMatchObject({ ok: true, id: '11010519491231002X' });
    expect(parseNationalId('  11010519491231002X\t', TODAY)).toMatchObject({ ok: true });
    expect(parseNationalId('１１０１０５１９４９１２３１００２Ｘ', TODAY)).toMatchObject({ ok: true, id: '11010519491231002X' });
  });

  it.each([
    ['110105194912310021', 'checksum'], // right shape, check char should be X
    ['11010519491231002Y', 'format'],
    ['1101051949123100', 'format'],
    ['1101051949123100211', 'format'],
    ['X10105194912310021', 'format'],
    ['', 'format'],
    ['11010519491231002 X', 'format'],
    ['110105491231002X', 'format'], // 15 characters with an X: the old form had no check character
  ])('%j fails with %s', (id, reason) => {
    expect(parseNationalId(id, TODAY)).toEqual({ ok: false, reason });
  });

  it('rejects an impossible birth date even with a correct check character', () => {
    const body = '11010519491331002'; // month 13
    expect(parseNationalId(body + nationalIdCheckChar(body), TODAY)).toEqual({ ok: false, reason: 'birth_date_invalid' });
    const tooOld = '11010517991231002';
    expect(parseNationalId(tooOld + nationalIdCheckChar(tooOld), TODAY)).toEqual({ ok: false, reason: 'birth_date_invalid' });
  });

  it('handles 29 February on leap and non-leap years', () => {
    expect(parseNationalId(makeId('2000-02-29'), TODAY)).toMatchObject({ ok: true, birthDate: '2000-02-29' });
    expect(parseNationalId(makeId('2004-02-29'), TODAY)).toMatchObject({ ok: true });
    const notLeap = (year: string): string => {
      const body = `110105${year}0229001`;
      return body + nationalIdCheckChar(body);
    };
    expect(parseNationalId(notLeap('1900'), TODAY)).toEqual({ ok: false, reason: 'birth_date_invalid' }); // century, not leap
    expect(parseNationalId(notLeap('2023'), TODAY)).toEqual({ ok: false, reason: 'birth_date_invalid' });
  });

  it('rejects a birth date after today but accepts today itself', () => {
    expect(parseNationalId(makeId('2024-06-16'), TODAY)).toEqual({ ok: false, reason: 'birth_date_future' });
    expect(parseNationalId(makeId('2024-06-15'), TODAY)).toMatchObject({ ok: true, birthDate: '2024-06-15' });
  });

  it('reads sex from the 17th digit', () => {
    expect(parseNationalId(makeNationalId('420102', '1990-05-01', 0, 'male'), TODAY)).toMatchObject({ sex: 'male' });
    expect(parseNationalId(makeNationalId('420102', '1990-05-01', 0, 'female'), TODAY)).toMatchObject({ sex: 'female' });
  });

  it('isValidNationalId agrees with parse', () => {
    expect(isValidNationalId('11010519491231002X', TODAY)).toBe(true);
    expect(isValidNationalId('110105194912310021', TODAY)).toBe(false);
  });
});

describe('15-digit numbers', () => {
  it.each([
    // Pairs published with GB 11643 and common validator libraries.
    ['110105491231002', '11010519491231002X'],
    ['130503670401001', '130503196704010016'],
  ])('%s becomes %s', (old, id18) => {
    expect(convertNationalId15To18(old)).toBe(id18);
    expect(parseNationalId(old, TODAY)).toMatchObject({ ok: true, id: id18 });
    expect(canonicalNationalId(old)).toBe(id18);
  });

  it('still checks the converted birth date', () => {
    expect(parseNationalId('110105491331002', TODAY)).toEqual({ ok: false, reason: 'birth_date_invalid' });
    expect(parseNationalId('110105010229002', TODAY)).toEqual({ ok: false, reason: 'birth_date_invalid' }); // 1901 not leap
  });

  it('refuses malformed input to the converter', () => {
    expect(() => convertNationalId15To18('11010549123100')).toThrow();
  });
});

describe('canonicalNationalId', () => {
  it('normalises without checking the check character', () => {
    expect(canonicalNationalId(' 11010519491231002x ')).toBe('11010519491231002X');
    expect(canonicalNationalId('110105194912310021')).toBe('110105194912310021');
    expect(canonicalNationalId('abc')).toBeUndefined();
  });
});

describe('makeNationalId', () => {
  it('builds valid numbers with the given parts', () => {
    const id = makeNationalId('420102', '1985-11-03', 17, 'female');
    expect(id).toHaveLength(18);
    expect(parseNationalId(id, TODAY)).toEqual({ ok: true, id, birthDate: '1985-11-03', sex: 'female', regionCode6: '420102' });
  });

  it('gives distinct numbers for every sequence and sex', () => {
    const ids = new Set<string>();
    for (let s = 0; s < 500; s++) for (const sex of ['male', 'female'] as const) ids.add(makeNationalId('420102', '1985-11-03', s, sex));
    expect(ids.size).toBe(1000);
  });

  it.each([
    ['42010', '1985-11-03', 0],
    ['420102', '1985-02-30', 0],
    ['420102', '1799-12-31', 0],
    ['420102', '1985-11-03', -1],
    ['420102', '1985-11-03', 500],
    ['420102', '1985-11-03', 1.5],
  ])('refuses region %s, date %s, sequence %s', (region, date, seq) => {
    expect(() => makeNationalId(region, date, seq, 'male')).toThrow();
  });
});

function makeId(date: string): string {
  return makeNationalId('110105', date, 1, 'male');
}

/** A valid 17-digit body: any 6-digit region, a real date 1900–today, any 3-digit sequence. */
const validBody = fc
  .record({
    region: fc.stringMatching(/^\d{6}$/),
    year: fc.integer({ min: 1900, max: 2024 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
    seq: fc.stringMatching(/^\d{3}$/),
  })
  .map(({ region, year, month, day, seq }) => {
    const date = formatIsoDate(year, month, Math.min(day, daysInMonth(year, month)));
    return { body: region + date.replace(/-/g, '') + seq, date };
  })
  .filter(({ date }) => date <= TODAY);

describe('properties', () => {
  it('a body with its computed check character validates', () => {
    fc.assert(
      fc.property(validBody, ({ body, date }) => {
        const result = parseNationalId(body + nationalIdCheckChar(body), TODAY);
        expect(result).toMatchObject({ ok: true, birthDate: date, regionCode6: body.slice(0, 6) });
      }),
    );
  });

  it('changing any one character makes it fail', () => {
    fc.assert(
      fc.property(validBody, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 10 }), ({ body }, pos, shift) => {
        const id = body + nationalIdCheckChar(body);
        const alphabet = pos === 17 ? '0123456789X' : '0123456789';
        const current = alphabet.indexOf(id[pos] ?? '');
        const replacement = alphabet[(current + shift) % alphabet.length] ?? '';
        fc.pre(replacement !== id[pos]);
        const mutated = id.slice(0, pos) + replacement + id.slice(pos + 1);
        expect(parseNationalId(mutated, TODAY).ok).toBe(false);
      }),
    );
  });

  it('makeNationalId output always parses back to its inputs', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{6}$/),
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2024-06-15T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 499 }),
        fc.constantFrom('male' as const, 'female' as const),
        (region, d, seq, sex) => {
          const date = d.toISOString().slice(0, 10);
          expect(parseNationalId(makeNationalId(region, date, seq, sex), TODAY)).toMatchObject({ ok: true, birthDate: date, sex, regionCode6: region });
        },
      ),
    );
  });
});
