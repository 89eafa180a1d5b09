import { Button, Card, Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useDocumentTitle } from '../layout/use-document-title.ts';
import type { MenuEntry } from '../menu/menu-items.ts';

/** Stands in for a module that is not built yet: says so plainly and shows no invented data. */
export default function ModuleComingPage({ entry }: { entry: MenuEntry }) {
  const { t } = useTranslation();
  const name = t(`menu.${entry.key}`);
  useDocumentTitle(name);
  const Icon = entry.icon;
  return (
    <Card data-testid="module-coming-page">
      <Result
        icon={<Icon style={{ color: '#1f4e8c' }} />}
        title={t('coming.title', { module: name })}
        subTitle={t('coming.subtitle')}
      >
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          <Typography.Text strong>{t('coming.plannedLabel')}</Typography.Text>
          <br />
          {t(`modules.${entry.key}`)}
        </Typography.Paragraph>
      </Result>
      <div style={{ textAlign: 'center', marginBottom: 24 }}>
        <Link to="/">
          <Button type="primary">{t('coming.backHome')}</Button>
        </Link>
      </div>
    </Card>
  );
}
