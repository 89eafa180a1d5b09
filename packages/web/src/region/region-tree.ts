import type { RegionChild } from '../api/regions-api.ts';

/** A node of the region picker's tree; children stay undefined until the node is opened. */
export interface RegionNode {
  value: string;
  title: string;
  isLeaf: boolean;
  children?: RegionNode[];
}

export function toRegionNode(child: RegionChild): RegionNode {
  return { value: child.code, title: child.name, isLeaf: !child.hasChildren };
}

/** A copy of the tree with `children` attached under `code`; unchanged when `code` is not in it. */
export function withChildren(tree: readonly RegionNode[], code: string, children: RegionNode[]): RegionNode[] {
  return tree.map((node) => {
    if (node.value === code) return { ...node, children, isLeaf: children.length === 0 };
    if (!node.children) return node;
    return { ...node, children: withChildren(node.children, code, children) };
  });
}

/** The node with this code anywhere in the tree, if it has been loaded. */
export function findRegionNode(tree: readonly RegionNode[], code: string): RegionNode | undefined {
  for (const node of tree) {
    if (node.value === code) return node;
    const below = node.children ? findRegionNode(node.children, code) : undefined;
    if (below) return below;
  }
  return undefined;
}
