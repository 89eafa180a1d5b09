import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../auth/roles.ts';
import { CASE_EVENTS, CASE_STATUSES, availableEvents, transition, type CaseEvent, type CaseStatus } from './crisis-workflow.ts';

// Independent expectation, written from the issue: [from states, to, roles].
const EXPECTED: Record<CaseEvent, [CaseStatus[], CaseStatus, Role[]]> = {
  triage: [['reported'], 'triaged', ['psychiatrist', 'counselor']],
  start_intervention: [['triaged'], 'intervention', ['psychiatrist', 'counselor']],
  admit: [['triaged', 'intervention'], 'admitted', ['psychiatrist']],
  discharge: [['admitted'], 'stabilized', ['psychiatrist']],
  stabilize: [['intervention'], 'stabilized', ['psychiatrist', 'counselor']],
  refer: [['intervention', 'admitted'], 'referred', ['psychiatrist', 'counselor']],
  give_feedback: [['stabilized', 'referred'], 'feedback_given', ['psychiatrist', 'counselor']],
  start_grid_management: [['feedback_given'], 'grid_management', ['psychiatrist', 'counselor']],
  close: [['grid_management'], 'closed', ['psychiatrist']],
  dismiss: [['reported', 'triaged'], 'closed', ['psychiatrist']],
};

describe('crisis case workflow', () => {
  it('decides every state × event × role as the issue says', () => {
    let checked = 0;
    for (const status of CASE_STATUSES) {
      for (const event of CASE_EVENTS) {
        const [from, to, roles] = EXPECTED[event];
        for (const role of ROLES) {
          const got = transition(status, event, [role]);
          if (!from.includes(status)) expect(got).toEqual({ ok: false, reason: 'invalid_state' });
          else if (!roles.includes(role)) expect(got).toEqual({ ok: false, reason: 'forbidden_role' });
          else expect(got).toEqual({ ok: true, to });
          checked++;
        }
      }
    }
    expect(checked).toBe(CASE_STATUSES.length * CASE_EVENTS.length * ROLES.length);
  });

  it('lets nothing leave a closed case', () => {
    for (const event of CASE_EVENTS) expect(transition('closed', event, [...ROLES]).ok).toBe(false);
  });

  it('reaches closed from reported along the full path', () => {
    const path: CaseEvent[] = ['triage', 'start_intervention', 'admit', 'discharge', 'give_feedback', 'start_grid_management', 'close'];
    let s: CaseStatus = 'reported';
    for (const e of path) {
      const r = transition(s, e, ['psychiatrist']);
      if (!r.ok) throw new Error(`${e} from ${s}: ${r.reason}`);
      s = r.to;
    }
    expect(s).toBe('closed');
  });

  it('grants a role with any of its assignments and lists available events', () => {
    expect(transition('admitted', 'discharge', ['grid_worker', 'psychiatrist']).ok).toBe(true);
    expect(availableEvents('intervention', ['counselor'])).toEqual(['stabilize', 'refer']);
    expect(availableEvents('intervention', ['psychiatrist'])).toEqual(['admit', 'stabilize', 'refer']);
    expect(availableEvents('reported', ['grid_worker'])).toEqual([]);
  });
});
