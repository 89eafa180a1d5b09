import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ErrorCode, REGION_LEVELS, ROLES } from '@anxin/domain';
import { HOUSEHOLD_RELATIONS, SEXES, VERIFICATION_EVENT_TYPES, VERIFICATION_STATUSES } from '@anxin/domain';
import { CONSENT_GIVERS, CONSENT_METHODS, CONSENT_PURPOSES, CONSULTATION_RECOMMENDATIONS, DEFAULT_RISK_RULES, GUARDIAN_RELATIONS } from '@anxin/domain';
import { ECONOMIC_SITUATIONS, NEED_TYPES, NEED_URGENCIES, RECOVERY_SITUATIONS } from '@anxin/domain/service/care-visit.ts';
import { ATTENDANCE, INTERVENTION_TYPES, PLAN_STATUSES, SESSION_CORRECTION_FIELDS, SESSION_MODALITIES, TOOLKIT_ITEMS } from '@anxin/domain/service/counseling.ts';
import { REFERRAL_EVENTS, REFERRAL_ORGANIZATION_TYPES, REFERRAL_STATUSES } from '@anxin/domain/referrals/referral-state.ts';
import { DESIGNATED_POSTS } from '@anxin/domain/figures/staffing-compliance.ts';
import { REPORT_PERIOD_KINDS, REPORT_STATUSES } from '@anxin/domain/figures/report-workflow.ts';
import { ClientErrorCode } from '../api/api-error.ts';
import { CRISIS_LEVELS, CRISIS_SOURCES } from '@anxin/domain/crisis/crisis-level.ts';
import { CASE_EVENTS, CASE_STATUSES } from '@anxin/domain/crisis/crisis-workflow.ts';
import { THOUGHTS, TIMEFRAMES } from '@anxin/domain/crisis/triage.ts';
import { CONTACT_MODES, GRID_OUTCOMES, OBSERVED_CODES, PLAN_KEYS } from '../pages/crisis/crisis-codes.ts';
import { MENU } from '../menu/menu-items.ts';
import { FOLLOWUP_FAMILIES } from '../pages/followup/followup-families.ts';
import { HOTLINE_FAMILIES } from '../pages/hotline/hotline-families.ts';
import { FAMILY_VIEWS } from '../pages/dashboards/family-views.ts';
import en from './en.json';
import zhCN from './zh-CN.json';
import { LANGUAGES } from './languages.ts';

type Catalogue = { [key: string]: string | Catalogue };

/** Dotted keys of every string in a nested catalogue, mapped to their text. */
function flatten(catalogue: Catalogue, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** Literal keys passed to t('…') or t("…"). */
function literalKeys(source: string): string[] {
  return [...source.matchAll(/\bt\(\s*(['"])([^'"\n]+)\1/g)].map((m) => m[2] ?? '');
}

/** The fixed part before `${` of every t(`…${…}…`) call: keys built at run time. */
function dynamicKeyPrefixes(source: string): string[] {
  return [...source.matchAll(/\bt\(\s*`([^`$]*)\$\{/g)].map((m) => m[1] ?? '');
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? '').sort();
}

const SRC = fileURLToPath(new URL('..', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const MODULES_DIR = fileURLToPath(new URL('./modules/', import.meta.url));

/** Module catalogues (`modules/<module>.<language>.json`) for one language, by file. */
function moduleCatalogues(language: string): Map<string, Catalogue> {
  const out = new Map<string, Catalogue>();
  for (const name of readdirSync(MODULES_DIR).filter((n) => n.endsWith(`.${language}.json`)).sort())
    out.set(name, JSON.parse(readFileSync(join(MODULES_DIR, name), 'utf8')) as Catalogue);
  return out;
}

/** The catalogue the app loads: the core file plus every module file, as i18n.ts merges them. */
function mergedCatalogue(core: Catalogue, language: string): Catalogue {
  const merged: Catalogue = { ...core };
  for (const catalogue of moduleCatalogues(language).values()) Object.assign(merged, catalogue);
  return merged;
}

const zh = flatten(mergedCatalogue(zhCN as Catalogue, 'zh-CN'));
const english = flatten(mergedCatalogue(en as Catalogue, 'en'));

/**
 * Every key built at run time comes from one of these families, and each family is checked in full
 * below. A new t(`prefix.${x}`) family fails the test until it is added here with its check.
 */
const DYNAMIC_FAMILIES: Record<string, readonly string[]> = {
  'crisis.level.': CRISIS_LEVELS,
  'crisis.status.': CASE_STATUSES,
  'crisis.event.': CASE_EVENTS,
  'crisis.source.': CRISIS_SOURCES,
  'crisis.observed.': OBSERVED_CODES,
  'crisis.thoughts.': THOUGHTS,
  'crisis.timeframe.': TIMEFRAMES,
  'crisis.mode.': CONTACT_MODES,
  'crisis.outcome.': GRID_OUTCOMES,
  'crisis.plan.': PLAN_KEYS,
  'errors.': [...Object.values(ErrorCode), ...Object.values(ClientErrorCode)],
  ...FOLLOWUP_FAMILIES,
  ...HOTLINE_FAMILIES,
  'roles.': ROLES,
  'regionLevels.': REGION_LEVELS,
  'menu.': MENU.map((entry) => entry.key),
  'modules.': MENU.map((entry) => entry.key),
  'language.': LANGUAGES,
  'register.sex.': SEXES,
  'register.verificationStatus.': VERIFICATION_STATUSES,
  'register.event.': VERIFICATION_EVENT_TYPES,
  'register.relation.': HOUSEHOLD_RELATIONS,
  'register.reason.': ['discharge', 'moved_in', 'registered'],
  'register.contractStatus.': ['none', 'signed', 'expired'],
  'assessments.flag.': DEFAULT_RISK_RULES.map((rule) => rule.flag),
  'assessments.recommendation.': CONSULTATION_RECOMMENDATIONS,
  'assessments.mode.': ['in_person', 'phone', 'self'],
  'assessments.consultation.status.': ['pending', 'completed'],
  'assessments.consentMethod.': CONSENT_METHODS,
  'assessments.consentPurpose.': CONSENT_PURPOSES,
  'assessments.consentGiver.': CONSENT_GIVERS,
  'assessments.guardianRelation.': GUARDIAN_RELATIONS,
  'assessments.consentReason.': ['none', 'withdrawn', 'guardian_required'],
  'assessments.self.problem.': ['used', 'expired', 'revoked', 'invalid', 'rateLimited', 'network'],
  'service.type.': INTERVENTION_TYPES,
  'service.planStatus.': PLAN_STATUSES,
  'service.modality.': SESSION_MODALITIES,
  'service.attendance.': ATTENDANCE,
  'service.counseling.field.': SESSION_CORRECTION_FIELDS,
  'service.toolkit.': TOOLKIT_ITEMS,
  'service.recovery.': RECOVERY_SITUATIONS,
  'service.economic.': ECONOMIC_SITUATIONS,
  'service.need.': NEED_TYPES,
  'service.urgency.': NEED_URGENCIES,
  'service.referralStatus.': REFERRAL_STATUSES,
  'service.referralEvent.': REFERRAL_EVENTS,
  'service.topic.': ['diagnosis', 'treatment_adjustment', 'admission', 'rehabilitation', 'community_management', 'psychological_support', 'social_support', 'other'],
  'service.orgType.': REFERRAL_ORGANIZATION_TYPES,
  'service.kind.': ['clinical', 'aid'],
  'dashboards.staffing.post.': DESIGNATED_POSTS,
  'dashboards.reports.status.': REPORT_STATUSES,
  'dashboards.reports.kind.': REPORT_PERIOD_KINDS,
  'dashboards.reports.heading.': REPORT_PERIOD_KINDS,
  'dashboards.reports.event.': ['created', 'edited', 'submitted', 'accepted', 'returned'],
  'dashboards.export.': ['children', 'trend', 'figures'],
  'dashboards.family.': FAMILY_VIEWS.map((v) => v.key),
  'dashboards.breakdown.': FAMILY_VIEWS.map((v) => v.key),
};

describe('i18n catalogues', () => {
  it('module catalogues each own one namespace that nothing else uses', () => {
    for (const language of LANGUAGES) {
      const seen = new Map<string, string>(Object.keys(language === 'en' ? en : zhCN).map((k) => [k, 'core']));
      for (const [file, catalogue] of moduleCatalogues(language)) {
        const keys = Object.keys(catalogue);
        expect(keys, file).toHaveLength(1);
        const namespace = keys[0] ?? '';
        expect(seen.get(namespace), `${file} reuses the namespace "${namespace}"`).toBeUndefined();
        seen.set(namespace, file);
      }
    }
  });

  it('have exactly the same keys in Chinese and English', () => {
    const onlyZh = [...zh.keys()].filter((k) => !english.has(k));
    const onlyEn = [...english.keys()].filter((k) => !zh.has(k));
    expect({ onlyZh, onlyEn }).toEqual({ onlyZh: [], onlyEn: [] });
  });

  it('have no empty texts and the same {{placeholders}} in both languages', () => {
    for (const [key, text] of zh) {
      expect(text.trim(), key).not.toBe('');
      expect(english.get(key)?.trim(), key).not.toBe('');
      expect(placeholders(english.get(key) ?? ''), key).toEqual(placeholders(text));
    }
  });

  it('contain every literal key used in src/', () => {
    const files = sourceFiles(SRC);
    const used = files.flatMap((file) => literalKeys(readFileSync(file, 'utf8')).map((key) => ({ file, key })));
    // Guards the scan itself: if the regex stopped matching, "nothing missing" would mean nothing.
    expect(used.length).toBeGreaterThan(50);
    const missing = used.filter(({ key }) => !zh.has(key) || !english.has(key));
    expect(missing).toEqual([]);
  });

  it('cover every key family built at run time', () => {
    const prefixes = new Set(sourceFiles(SRC).flatMap((file) => dynamicKeyPrefixes(readFileSync(file, 'utf8'))));
    expect(prefixes.size).toBeGreaterThan(0);
    for (const prefix of prefixes) expect(Object.keys(DYNAMIC_FAMILIES), `t(\`${prefix}\${…}\`)`).toContain(prefix);
    for (const [prefix, members] of Object.entries(DYNAMIC_FAMILIES)) {
      for (const member of members) {
        expect(zh.has(prefix + member), `zh-CN ${prefix}${member}`).toBe(true);
        expect(english.has(prefix + member), `en ${prefix}${member}`).toBe(true);
      }
    }
  });

  it('scanner finds literal and dynamic keys and ignores other calls', () => {
    const sample = `t('a.b'); t("c.d", { n: 1 }); format('x.y'); const s = t(\`roles.\${r}\`); it('no.key')`;
    expect(literalKeys(sample)).toEqual(['a.b', 'c.d']);
    expect(dynamicKeyPrefixes(sample)).toEqual(['roles.']);
  });
});
