import { lazy, Suspense, useMemo } from 'react';
import type { ComponentType, LazyExoticComponent } from 'react';
import { useCan } from '../../auth/session-context.tsx';
import { PageSpinner } from '../../layout/page-spinner.tsx';
import { allowedPersonPanels, PERSON_PANELS } from './person-panels.ts';

type PanelComponent = LazyExoticComponent<ComponentType<{ personId: string }>>;

// Panels draw their own card and title. One lazy component per registry entry, made once: re-creating it on render would remount the panel.
const LAZY_PANELS = new Map<string, PanelComponent>(PERSON_PANELS.map((panel) => [panel.key, lazy(panel.load)]));

/** Other modules' sections of the person page, those this account may see, each loaded on demand. */
export function PersonPanels({ personId }: { personId: string }) {
  const can = useCan();
  const panels = useMemo(() => allowedPersonPanels(can), [can]);
  return (
    <>
      {panels.map((panel) => {
        const Panel = LAZY_PANELS.get(panel.key);
        if (!Panel) return null;
        return (
          <section key={panel.key} data-testid={`person-panel-${panel.key}`} style={{ marginTop: 16 }}>
            <Suspense fallback={<PageSpinner />}>
              <Panel personId={personId} />
            </Suspense>
          </section>
        );
      })}
    </>
  );
}
