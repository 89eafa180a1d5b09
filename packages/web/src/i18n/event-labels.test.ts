import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CASE_STATUSES } from '@anxin/domain/crisis/crisis-workflow.ts';
import { REFERRAL_EVENTS } from '@anxin/domain/referrals/referral-state.ts';

type Catalogue = { [key: string]: string | Catalogue };

const load = (name: string): Catalogue => JSON.parse(readFileSync(new URL(`./modules/${name}`, import.meta.url), 'utf8')) as Catalogue;

function lookup(catalogue: Catalogue, dotted: string): string | undefined {
  let node: string | Catalogue | undefined = catalogue;
  for (const part of dotted.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

/** Timeline kinds other modules write (the register labels its own in register.kinds). */
const TIMELINE_KINDS = [
  'crisis.opened', 'crisis.level_raised', 'crisis.signal', 'crisis.linked', 'crisis.contact', 'crisis.safety_plan',
  'crisis.grid_check', 'crisis.key_person', ...CASE_STATUSES.map((s) => `crisis.${s}`),
  'assessment.completed', 'assessment.amended', 'assessment.reviewed', 'consent.given', 'consent.withdrawn',
  'followup.enrolled', 'followup.recorded', 'followup.assigned', 'followup.transferred', 'followup.transferred_in',
  'followup.withdrawn', 'followup.closed',
  'counseling.plan_created', 'counseling.plan_status', 'counseling.session', 'toolkit.handed_out', 'care_visit.recorded',
  'referral.sent', 'referral.aid_requested', ...REFERRAL_EVENTS.map((e) => `referral.${e}`),
  'hotline.call', 'hotline.high_risk',
];

/** Notification kinds without a text in their own module's catalogue. */
const NOTIFICATION_KINDS = [
  'assessment.consultation_requested', 'assessment.consultation_reviewed', 'hotline.high_risk',
  'referral.received', 'referral.aid_received', ...REFERRAL_EVENTS.map((e) => `referral.${e}`),
];

describe('shared event labels', () => {
  for (const language of ['zh-CN', 'en']) {
    const events = load(`events.${language}.json`);
    it(`label every timeline kind in ${language}`, () => {
      expect(TIMELINE_KINDS.filter((k) => !lookup(events, `events.timeline.${k}`))).toEqual([]);
    });
    it(`phrase every notification kind in ${language}`, () => {
      expect(NOTIFICATION_KINDS.filter((k) => !lookup(events, `events.notify.${k}`))).toEqual([]);
    });
  }
});
