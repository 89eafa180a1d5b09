/**
 * The deployment's consultation bands: from which severity band on, per instrument, a result goes to the
 * supervising institution for consultation. Written `phq9=moderately_severe,gad7=severe`; `none` turns
 * an instrument's severity rule off (risk items such as PHQ-9 item 9 still flag). Instruments left out
 * keep the default band (DEFAULT_RISK_CONFIG).
 */
import { defaultInstrumentRegistry, type InstrumentRegistry } from '../instruments/instrument-registry.ts';
import { DEFAULT_RISK_CONFIG } from '../instruments/risk-rules.ts';

/** The bands, or null when the text names an unknown instrument or a band the instrument does not have. */
export function parseConsultationSeverity(
  text: string,
  registry: InstrumentRegistry = defaultInstrumentRegistry,
): Record<string, string> | null {
  const out: Record<string, string> = { ...DEFAULT_RISK_CONFIG.consultationSeverity };
  if (text.trim() === '') return out;
  for (const part of text.split(',')) {
    const [id, band, extra] = part.split('=').map((s) => s.trim());
    if (!id || !band || extra !== undefined) return null;
    const found = registry.find(id);
    if (!found) return null;
    if (band === 'none') {
      delete out[id];
      continue;
    }
    if (!found.definition.severityBands.some((b) => b.name === band)) return null;
    out[id] = band;
  }
  return out;
}
