import { useCallback, useState } from 'react';
import { EnvironmentOutlined } from '@ant-design/icons';
import { App, TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import { regionLevel } from '@anxin/domain/regions/region-code.ts';
import { api } from '../api/client.ts';
import { fetchRegionChildren } from '../api/regions-api.ts';
import { useRegion } from './region-context.tsx';
import { toRegionNode, withChildren } from './region-tree.ts';
import type { RegionNode } from './region-tree.ts';

/**
 * Picks the region pages work in. The tree starts at the account's jurisdiction roots and loads each
 * level from the region API when opened, so the whole country is never downloaded.
 */
export function RegionSwitcher({ block = false }: { block?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { roots, region, setRegion } = useRegion();
  const [tree, setTree] = useState<RegionNode[]>(() =>
    roots.map((root) => ({ value: root.code, title: root.name, isLeaf: regionLevel(root.code) === 'grid' })),
  );

  const loadChildren = useCallback(
    async ({ value }: { value?: string | number }) => {
      const code = String(value);
      try {
        const children = await fetchRegionChildren(api, code);
        setTree((current) => withChildren(current, code, children.map(toRegionNode)));
      } catch {
        void message.error(t('header.regionLoadFailed'));
      }
    },
    [message, t],
  );

  if (roots.length === 0) return null;
  return (
    <TreeSelect<{ value: string; label: string }>
      data-testid="region-switcher"
      aria-label={t('header.region')}
      prefix={<EnvironmentOutlined />}
      treeData={tree}
      loadData={loadChildren}
      labelInValue
      value={region ? { value: region.code, label: region.name } : undefined}
      onChange={(next) => {
        if (next) setRegion({ code: next.value, name: String(next.label) });
      }}
      placeholder={t('header.regionPlaceholder')}
      treeDefaultExpandedKeys={roots.length === 1 ? roots.map((r) => r.code) : []}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { minWidth: 280, maxWidth: 'calc(100vw - 24px)' } } }}
      listHeight={360}
      style={{ width: block ? '100%' : 240 }}
    />
  );
}
