import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.ts';

describe('ANXIN_CONSULTATION_SEVERITY', () => {
  it('defaults to the domain bands and takes overrides', () => {
    expect(loadConfig({}).assessments.consultationSeverity.phq9).toBe('moderate');
    const bands = loadConfig({ ANXIN_CONSULTATION_SEVERITY: 'phq9=severe,k6=none' }).assessments.consultationSeverity;
    expect(bands.phq9).toBe('severe');
    expect(bands).not.toHaveProperty('k6');
  });
  it('fails fast naming the variable on an unknown band', () => {
    expect(() => loadConfig({ ANXIN_CONSULTATION_SEVERITY: 'phq9=awful' })).toThrow(ConfigError);
    expect(() => loadConfig({ ANXIN_CONSULTATION_SEVERITY: 'phq9=awful' })).toThrow(/ANXIN_CONSULTATION_SEVERITY/);
  });
});
