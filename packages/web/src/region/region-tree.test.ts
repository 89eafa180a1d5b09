import { describe, expect, it } from 'vitest';
import { findRegionNode, toRegionNode, withChildren } from './region-tree.ts';
import type { RegionNode } from './region-tree.ts';

const root: RegionNode = { value: '420100000000', title: '武汉市', isLeaf: false };

describe('region tree', () => {
  it('maps API children, marking those without children as leaves', () => {
    expect(toRegionNode({ code: '420102001001', name: '某社区', level: 'community', hasChildren: false })).toEqual({
      value: '420102001001',
      title: '某社区',
      isLeaf: true,
    });
  });

  it('attaches children at any depth without mutating the original', () => {
    const county = { value: '420102000000', title: '江岸区', isLeaf: false };
    const once = withChildren([root], root.value, [county]);
    const street = { value: '420102001000', title: '某街道', isLeaf: false };
    const twice = withChildren(once, county.value, [street]);
    expect(twice[0]?.children?.[0]?.children).toEqual([street]);
    expect(root.children).toBeUndefined();
    expect(once[0]?.children?.[0]?.children).toBeUndefined();
  });

  it('marks a node that turns out to be empty as a leaf', () => {
    expect(withChildren([root], root.value, [])[0]?.isLeaf).toBe(true);
  });

  it('finds a loaded node at any depth', () => {
    const county = { value: '420102000000', title: '江岸区', isLeaf: false };
    const tree = withChildren([root], root.value, [county]);
    expect(findRegionNode(tree, '420102000000')?.title).toBe('江岸区');
    expect(findRegionNode(tree, '420100000000')?.title).toBe('武汉市');
    expect(findRegionNode(tree, '430100000000')).toBeUndefined();
  });
});
