import { unstableSetRender } from 'antd';
import { createRoot } from 'react-dom/client';
import type { Root } from 'react-dom/client';

const roots = new WeakMap<Element | DocumentFragment, Root>();

/**
 * antd 5 renders some things outside the React tree (button wave, static message/modal) with the
 * ReactDOM.render of React ≤ 18. React 19 removed it; this hands antd createRoot instead, as
 * https://u.ant.design/v5-for-19 documents.
 */
export function installAntdReact19Render(): void {
  unstableSetRender((node, container) => {
    let root = roots.get(container);
    if (!root) {
      root = createRoot(container);
      roots.set(container, root);
    }
    root.render(node);
    return async () => {
      // Unmounting during antd's own render pass makes React warn; wait a tick.
      await new Promise((resolve) => setTimeout(resolve, 0));
      root.unmount();
      roots.delete(container);
    };
  });
}
