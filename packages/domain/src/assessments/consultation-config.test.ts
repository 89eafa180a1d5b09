import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_CONFIG } from '../instruments/risk-rules.ts';
import { parseConsultationSeverity } from './consultation-config.ts';

describe('parseConsultationSeverity', () => {
  it('keeps the defaults when empty', () => {
    expect(parseConsultationSeverity('')).toEqual(DEFAULT_RISK_CONFIG.consultationSeverity);
  });
  it('overrides named instruments and turns one off with none', () => {
    const bands = parseConsultationSeverity('phq9=moderately_severe, who5=none');
    expect(bands?.phq9).toBe('moderately_severe');
    expect(bands?.gad7).toBe(DEFAULT_RISK_CONFIG.consultationSeverity.gad7);
    expect(bands).not.toHaveProperty('who5');
  });
  it('refuses unknown instruments, unknown bands and malformed parts', () => {
    expect(parseConsultationSeverity('bdi=severe')).toBeNull();
    expect(parseConsultationSeverity('phq9=terrible')).toBeNull();
    expect(parseConsultationSeverity('phq9')).toBeNull();
    expect(parseConsultationSeverity('phq9=mild=x')).toBeNull();
  });
});
