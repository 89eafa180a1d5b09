import { useCallback, useEffect, useState } from 'react';
import { EnvironmentOutlined } from '@ant-design/icons';
import { App, TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import { isWithinRegion, regionLevel } from '@anxin/domain/regions/region-code.ts';
import { api } from '../api/client.ts';
import { fetchRegionChildren, searchRegions } from '../api/regions-api.ts';
import type { RegionChild } from '../api/regions-api.ts';
import { useRegion } from './region-context.tsx';
import { findRegionNode, toRegionNode, withChildren } from './region-tree.ts';
import type { RegionNode } from './region-tree.ts';
import './region-switcher.css';

const SEARCH_DELAY_MS = 250;
const SEARCH_LIMIT = 30;

/** Matches under every root, de-duplicated and kept inside the jurisdiction even if the server strays. */
async function searchWithinRoots(q: string, roots: readonly { code: string }[]): Promise<RegionChild[]> {
  const lists = await Promise.all(roots.map((root) => searchRegions(api, q, root.code)));
  const unique = new Map<string, RegionChild>();
  for (const match of lists.flat()) {
    if (roots.some((root) => isWithinRegion(match.code, root.code))) unique.set(match.code, match);
  }
  return [...unique.values()].slice(0, SEARCH_LIMIT);
}

/**
 * Picks the region pages work in. The tree starts at the account's jurisdiction roots and loads each
 * level from the region API when opened, so the whole country is never downloaded; typing searches
 * by name within the jurisdiction.
 */
export function RegionSwitcher({ block = false }: { block?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { roots, region, setRegion } = useRegion();
  const [tree, setTree] = useState<RegionNode[]>(() =>
    roots.map((root) => ({ value: root.code, title: root.name, isLeaf: regionLevel(root.code) === 'grid' })),
  );
  const [query, setQuery] = useState('');
  const [matches, setMatches] = useState<RegionChild[] | null>(null);

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

  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setMatches(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      searchWithinRoots(q, roots).then(
        (found) => {
          if (live) setMatches(found);
        },
        () => {
          if (live) void message.error(t('header.regionLoadFailed'));
        },
      );
    }, SEARCH_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, roots, message, t]);

  if (roots.length === 0) return null;
  const searching = query.trim() !== '';
  const treeData = searching
    ? (matches ?? []).map((match) => ({ value: match.code, title: match.name, isLeaf: true, level: match.level }))
    : tree;

  return (
    <TreeSelect<{ value: string; label: string }>
      data-testid="region-switcher"
      aria-label={t('header.region')}
      prefix={<EnvironmentOutlined />}
      treeData={treeData}
      loadData={searching ? undefined : loadChildren}
      labelInValue
      value={region ? { value: region.code, label: region.name } : undefined}
      onChange={(next) => {
        // The label antd hands back is the rendered title; take the plain name from our own data.
        const name = matches?.find((m) => m.code === next?.value)?.name ?? findRegionNode(tree, next?.value ?? '')?.title;
        if (next && name) setRegion({ code: next.value, name });
        setQuery('');
      }}
      showSearch
      searchValue={query}
      onSearch={setQuery}
      filterTreeNode={false}
      treeTitleRender={(node) =>
        'level' in node && typeof node.level === 'string' ? (
          <span>
            {String(node.title)}
            <span className="region-switcher-level"> · {t(`regionLevels.${node.level}`)}</span>
          </span>
        ) : (
          String(node.title)
        )
      }
      notFoundContent={searching && matches !== null ? t('header.regionNoMatch') : null}
      placeholder={t('header.regionPlaceholder')}
      treeDefaultExpandedKeys={roots.length === 1 ? roots.map((r) => r.code) : []}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { minWidth: 280, maxWidth: 'calc(100vw - 24px)' } } }}
      listHeight={360}
      style={{ width: block ? '100%' : 240 }}
    />
  );
}
