import { useEffect, useRef, useState } from 'react';
import { Select } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-error.ts';
import { api } from '../../api/client.ts';
import { searchPersons } from '../../api/register-api.ts';
import type { PersonView } from '../../api/register-api.ts';

/** A readable message for a failed call: the catalogue's text for the code, with the server's field when it names one. */
export function errorText(t: TFunction, e: unknown): string {
  if (e instanceof ApiError) {
    const base = t(`errors.${e.code}`, { defaultValue: t('errors.INTERNAL') });
    return e.field ? `${base}（${e.field}）：${e.message}` : `${base}：${e.message}`;
  }
  return t('errors.NETWORK_ERROR');
}

/** Today's date (YYYY-MM-DD) in the browser's time zone, for date inputs. */
export function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The local calendar date of an ISO timestamp. */
export function localDate(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export interface PickedPerson {
  id: string;
  name: string;
  label: string;
}

const labelOf = (p: PersonView): string => `${p.name} · ${p.sex === 'male' ? '♂' : '♀'} ${p.birthDate.slice(0, 4)} · ${p.regionCode}`;

/**
 * Finds a person in the caller's jurisdiction by name (the register's search, masked as the server shows it).
 * `exclude` hides people already picked (group participants).
 */
export function PersonPicker({
  onPick,
  exclude = [],
  testId,
  value,
}: {
  onPick: (p: PickedPerson | null) => void;
  exclude?: readonly string[];
  testId?: string;
  value?: string | null;
}) {
  const { t } = useTranslation();
  const [options, setOptions] = useState<PersonView[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const abort = useRef<AbortController | undefined>(undefined);

  useEffect(() => () => {
    clearTimeout(timer.current);
    abort.current?.abort();
  }, []);

  const search = (q: string) => {
    clearTimeout(timer.current);
    const text = q.trim();
    if (text === '') return;
    timer.current = setTimeout(() => {
      abort.current?.abort();
      const controller = new AbortController();
      abort.current = controller;
      setLoading(true);
      searchPersons(api, { q: text, limit: 15 }, controller.signal)
        .then((page) => setOptions(page.items))
        .catch(() => undefined)
        .finally(() => setLoading(false));
    }, 250);
  };

  return (
    <Select
      showSearch
      allowClear
      value={value ?? null}
      data-testid={testId}
      style={{ width: '100%' }}
      placeholder={t('service.common.searchPerson')}
      filterOption={false}
      onSearch={search}
      loading={loading}
      notFoundContent={null}
      onChange={(id: string | null) => {
        const p = options.find((o) => o.id === id);
        onPick(p ? { id: p.id, name: p.name, label: labelOf(p) } : null);
      }}
      options={options.filter((o) => !exclude.includes(o.id)).map((o) => ({ value: o.id, label: labelOf(o) }))}
    />
  );
}
