import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-error.ts';
import { api } from '../../api/client.ts';
import { fetchRegion } from '../../api/regions-api.ts';

/** The error code of a failed call, for t(`errors.${code}`). */
export function errorCode(error: unknown): string {
  return error instanceof ApiError ? error.code : 'NETWORK_ERROR';
}

export type AsyncState<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'error'; code: string };

/** Loads data when the dependencies change; `reload` runs it again. Stale answers are dropped. */
export function useAsync<T>(load: () => Promise<T>, deps: readonly unknown[]): [AsyncState<T>, () => void] {
  const [state, setState] = useState<AsyncState<T>>({ status: 'loading' });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    let live = true;
    setState((s) => (s.status === 'ready' ? s : { status: 'loading' }));
    loadRef.current().then(
      (data) => live && setState({ status: 'ready', data }),
      (error: unknown) => live && setState({ status: 'error', code: errorCode(error) }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return [state, reload];
}

export function ErrorNotice({ code, onRetry }: { code: string; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      message={t(`errors.${code}`, { defaultValue: t('errors.INTERNAL') })}
      action={
        onRetry && (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )
      }
    />
  );
}

const regionNames = new Map<string, Promise<string>>();

/** The name of a region code (cached for the session); the code itself until it is known. */
export function useRegionName(code: string | null | undefined): string {
  const [name, setName] = useState(code ?? '');
  useEffect(() => {
    if (!code) return;
    let live = true;
    let pending = regionNames.get(code);
    if (!pending) {
      pending = fetchRegion(api, code).then(
        (r) => r.name,
        () => code,
      );
      regionNames.set(code, pending);
    }
    void pending.then((n) => live && setName(n));
    return () => {
      live = false;
    };
  }, [code]);
  return code ? name : '';
}

export function RegionName({ code }: { code: string | null | undefined }): ReactNode {
  return useRegionName(code);
}

/** Today in the browser's calendar, as YYYY-MM-DD. */
export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
