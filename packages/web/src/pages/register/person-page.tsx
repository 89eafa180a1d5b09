import { useEffect, useState } from 'react';
import { Alert, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/api-error.ts';
import { api } from '../../api/client.ts';
import { fetchPerson } from '../../api/register-api.ts';
import type { PersonView } from '../../api/register-api.ts';
import { PageSpinner } from '../../layout/page-spinner.tsx';
import { useDocumentTitle } from '../../layout/use-document-title.ts';
import { PersonPanels } from './person-panels-view.tsx';

type Load = { status: 'loading' } | { status: 'ready'; person: PersonView } | { status: 'error'; code: string };

/** /register/persons/:id — one person's record, masked unless the account reads it in full. */
export default function PersonPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  useDocumentTitle(t('register.person.pageTitle'));
  const [load, setLoad] = useState<Load>({ status: 'loading' });

  useEffect(() => {
    let live = true;
    setLoad({ status: 'loading' });
    fetchPerson(api, id).then(
      (person) => live && setLoad({ status: 'ready', person }),
      (error: unknown) => live && setLoad({ status: 'error', code: error instanceof ApiError ? error.code : 'NETWORK_ERROR' }),
    );
    return () => {
      live = false;
    };
  }, [id]);

  if (load.status === 'loading') return <PageSpinner />;
  if (load.status === 'error')
    return <Alert type="error" showIcon message={t(`errors.${load.code}`, { defaultValue: t('errors.INTERNAL') })} />;
  const p = load.person;
  return (
    <div data-testid="person-page">
      <Space style={{ marginBottom: 12 }}>
        <Link to="/register">{t('register.backToList')}</Link>
      </Space>
      <Card title={<Typography.Text strong>{p.name}</Typography.Text>} size="small">
        <Descriptions column={{ xs: 1, sm: 2 }} size="small">
          <Descriptions.Item label={t('register.field.sex')}>{t(`register.sex.${p.sex}`)}</Descriptions.Item>
          <Descriptions.Item label={t('register.field.birthDate')}>{p.birthDate}</Descriptions.Item>
          <Descriptions.Item label={t('register.field.nationalId')}>{p.nationalId ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('register.field.phone')}>{p.phone ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('register.field.address')}>{p.address ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('register.field.verificationStatus')}>
            <Tag>{t(`register.verificationStatus.${p.verificationStatus}`)}</Tag>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <PersonPanels personId={p.id} />
    </div>
  );
}
