import { describe, expect, it } from 'vitest';
import type { Action } from '@anxin/domain';
import { allowedPersonPanels, PERSON_PANELS } from './person-panels.ts';
import type { PersonPanel } from './person-panels.ts';

const Panel = () => null;
const load = () => Promise.resolve({ default: Panel });
const panels: PersonPanel[] = [
  { key: 'open', anyOf: [], load },
  { key: 'assess', anyOf: ['assessment.read'], load },
  { key: 'crisis', anyOf: ['crisis.read', 'crisis.read_feedback'], load },
];

describe('person panels', () => {
  it('shows a panel when the account holds any one of its actions, and open panels always', () => {
    const holds = new Set<Action>(['crisis.read_feedback']);
    expect(allowedPersonPanels((a) => holds.has(a), panels).map((p) => p.key)).toEqual(['open', 'crisis']);
    expect(allowedPersonPanels(() => false, panels).map((p) => p.key)).toEqual(['open']);
    expect(allowedPersonPanels(() => true, panels).map((p) => p.key)).toEqual(['open', 'assess', 'crisis']);
  });

  it('registry keys are unique', () => {
    const keys = PERSON_PANELS.map((p) => p.key);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
