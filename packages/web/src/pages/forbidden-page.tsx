import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useDocumentTitle } from '../layout/use-document-title.ts';

export default function ForbiddenPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('forbidden.pageTitle'));
  return (
    <div data-testid="forbidden-page">
      <Result
        status="403"
        title={t('forbidden.title')}
        subTitle={t('forbidden.subtitle')}
        extra={
          <Link to="/">
            <Button type="primary">{t('common.backHome')}</Button>
          </Link>
        }
      />
    </div>
  );
}
