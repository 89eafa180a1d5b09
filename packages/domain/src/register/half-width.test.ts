import { describe, expect, it } from 'vitest';
import { toHalfWidth } from './half-width.ts';

describe('toHalfWidth', () => {
  it('maps full-width ASCII and the ideographic space', () => {
    expect(toHalfWidth('１２３ＡＢｃ；－＋')).toBe('123ABc;-+');
    expect(toHalfWidth('张\u3000三')).toBe('张 三');
  });

  it('leaves CJK and ASCII alone, including characters just outside the range', () => {
    expect(toHalfWidth('张三 abc 123')).toBe('张三 abc 123');
    expect(toHalfWidth('\uff00\uff5f')).toBe('\uff00\uff5f');
    expect(toHalfWidth('𠀀')).toBe('𠀀'); // astral ideographs survive the code-point walk
  });
});
