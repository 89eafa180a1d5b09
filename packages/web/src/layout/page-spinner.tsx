import { useTranslation } from 'react-i18next';
import './page-spinner.css';

/**
 * Shown while a route's code or the session loads. Plain CSS rather than antd's Spin, because it sits
 * in the entry chunk that the sign-in page pays for.
 */
export function PageSpinner({ fullPage = false }: { fullPage?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className={fullPage ? 'page-spinner page-spinner-full' : 'page-spinner'} role="status" aria-live="polite">
      <span className="page-spinner-ring" aria-hidden="true" />
      <span className="page-spinner-text">{t('common.loading')}</span>
    </div>
  );
}
