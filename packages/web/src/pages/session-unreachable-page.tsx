import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';

/** The server could not say whether anyone is signed in (down, or the network is): offer a retry. */
export default function SessionUnreachablePage({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Result
      status="warning"
      title={t('session.checkFailed')}
      subTitle={t('session.checkFailedDetail')}
      extra={
        <Button type="primary" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      }
    />
  );
}
