import { useEffect, useRef, useState } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { searchRegions } from '../../api/regions-api.ts';
import type { RegionChild } from '../../api/regions-api.ts';
import { useRegion } from '../../region/region-context.tsx';

/**
 * Picks a residence (a community or a grid) by name. `under` limits the search (default: the account's
 * jurisdiction roots); a move to another district passes the city or province instead.
 */
export function RegionPicker({
  value,
  onChange,
  under,
  id,
}: {
  value?: string;
  onChange?: (code: string | undefined) => void;
  under?: readonly string[];
  id?: string;
}) {
  const { t } = useTranslation();
  const { roots } = useRegion();
  const [options, setOptions] = useState<RegionChild[]>([]);
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);
  const bases = under ?? roots.map((r) => r.code);

  async function search(q: string) {
    const mine = ++seq.current;
    if (q.trim() === '') return;
    setLoading(true);
    try {
      const found = (await Promise.all(bases.map((b) => searchRegions(api, q.trim(), b).catch(() => [])))).flat();
      if (mine === seq.current) setOptions(found.filter((r) => r.level === 'community' || r.level === 'grid'));
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }

  useEffect(() => {
    if (!value) return;
    setOptions((prev) => (prev.some((o) => o.code === value) ? prev : [...prev, { code: value, name: value, level: 'community', hasChildren: false }]));
  }, [value]);

  return (
    <Select
      id={id}
      showSearch
      allowClear
      value={value}
      onChange={(v: string | undefined) => onChange?.(v)}
      filterOption={false}
      onSearch={(q) => void search(q)}
      loading={loading}
      placeholder={t('register.form.regionPlaceholder')}
      notFoundContent={t('register.form.regionNone')}
      options={options.map((o) => ({ value: o.code, label: `${o.name} · ${t(`regionLevels.${o.level}`)}` }))}
      data-testid="region-picker"
    />
  );
}
