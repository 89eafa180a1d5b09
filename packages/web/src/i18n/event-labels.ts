import type { i18n as I18n, TFunction } from 'i18next';

/**
 * Labels for event codes that several modules write (`<module>.<event>`): person-timeline kinds and
 * notification kinds. A module may label its own codes in its catalogue; the shared `events`
 * catalogue labels the rest. An unknown code shows as itself rather than as a missing-key marker.
 */
export function timelineKindLabel(t: TFunction, i18n: I18n, kind: string): string {
  const keys = ['register.kinds.' + kind.replace('.', '_'), 'events.timeline.' + kind];
  const key = keys.find((k) => i18n.exists(k));
  return key ? t(key) : kind;
}

export function notificationText(t: TFunction, i18n: I18n, kind: string, params: Record<string, string | number> = {}): string {
  const module = kind.split('.')[0] ?? '';
  const keys = [`${module}.notificationKind.` + kind, 'events.notify.' + kind];
  const key = keys.find((k) => i18n.exists(k));
  return key ? t(key, params) : kind;
}
