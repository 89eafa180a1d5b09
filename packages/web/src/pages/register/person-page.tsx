import { useState } from 'react';
import { EyeOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Form, Input, Modal, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { fetchPerson } from '../../api/register-api.ts';
import type { PersonView } from '../../api/register-api.ts';
import { useCan } from '../../auth/session-context.tsx';
import { PageSpinner } from '../../layout/page-spinner.tsx';
import { useDocumentTitle } from '../../layout/use-document-title.ts';
import { PersonPanels } from './person-panels-view.tsx';
import { CategoriesCard, EpisodesCard, HouseholdCard } from './person-sections.tsx';
import { ContractCard, TimelineCard, VerificationCard } from './person-status-sections.tsx';
import { ErrorNotice, RegionName, errorCode, useAsync } from './register-support.tsx';

/** Asks why the full identifiers are needed; the server audits the read with that reason. */
function ShowFullButton({ personId, onShown }: { personId: string; onShown: (p: PersonView) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <Button size="small" icon={<EyeOutlined />} onClick={() => setOpen(true)} data-testid="show-full">
        {t('register.person.showFull')}
      </Button>
      <Modal open={open} title={t('register.person.showFull')} onCancel={() => setOpen(false)} footer={null} destroyOnHidden>
        <Form
          layout="vertical"
          onFinish={(values: { reason: string }) => {
            setBusy(true);
            setError(null);
            fetchPerson(api, personId, { reason: values.reason.trim() })
              .then((p) => {
                onShown(p);
                setOpen(false);
              })
              .catch((e: unknown) => setError(errorCode(e)))
              .finally(() => setBusy(false));
          }}
        >
          <Typography.Paragraph type="secondary">{t('register.person.showFullHint')}</Typography.Paragraph>
          <Form.Item name="reason" label={t('register.person.reason')} rules={[{ required: true, whitespace: true, message: t('register.form.required') }]}>
            <Input.TextArea maxLength={200} autoSize={{ minRows: 2 }} />
          </Form.Item>
          {error && <ErrorNotice code={error} />}
          <Button type="primary" htmlType="submit" loading={busy} block style={{ marginTop: 8 }}>
            {t('register.person.showFullSubmit')}
          </Button>
        </Form>
      </Modal>
    </>
  );
}

/** /register/persons/:id — one person's record: profile, categories, household, episodes, verification, contract, timeline, and other modules' panels. */
export default function PersonPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  useDocumentTitle(t('register.person.pageTitle'));
  const can = useCan();
  // Opens masked; the full identifiers only on request, with a reason (audited).
  const [state, reload] = useAsync(() => fetchPerson(api, id, { masked: true }), [id]);
  const [full, setFull] = useState<PersonView | null>(null);

  if (state.status === 'loading') return <PageSpinner />;
  if (state.status === 'error') return <ErrorNotice code={state.code} onRetry={reload} />;
  const p = full?.id === id ? full : state.data;
  return (
    <div data-testid="person-page">
      <Space style={{ marginBottom: 12 }} wrap>
        <Link to="/register">{t('register.backToList')}</Link>
      </Space>
      {p.mergedInto && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('register.person.merged')}
          action={<Link to={`/register/persons/${p.mergedInto}`}>{t('register.person.openSurvivor')}</Link>}
        />
      )}
      <Card
        size="small"
        title={
          <Space wrap>
            <Typography.Text strong data-testid="person-name">
              {p.name}
            </Typography.Text>
            <Tag color={p.verificationStatus === 'pending' ? 'orange' : p.verificationStatus === 'deceased' ? 'default' : 'green'}>
              {t(`register.verificationStatus.${p.verificationStatus}`)}
            </Tag>
          </Space>
        }
        extra={!p.full && can('person.read_full') ? <ShowFullButton personId={p.id} onShown={setFull} /> : undefined}
      >
        <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small">
          <Descriptions.Item label={t('register.field.sex')}>{t(`register.sex.${p.sex}`)}</Descriptions.Item>
          <Descriptions.Item label={t('register.field.birthDate')}>{p.birthDate}</Descriptions.Item>
          <Descriptions.Item label={t('register.field.nationalId')}>{p.nationalId ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('register.field.phone')}>{p.phone ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('register.field.address')}>{p.address ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('register.field.residence')}>
            <RegionName code={p.regionCode} />
          </Descriptions.Item>
          {p.deceasedDate && <Descriptions.Item label={t('register.field.deceasedDate')}>{p.deceasedDate}</Descriptions.Item>}
        </Descriptions>
        {p.full && <Typography.Text type="secondary">{t('register.person.fullShown')}</Typography.Text>}
      </Card>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={12}>
          <VerificationCard personId={p.id} onChanged={reload} />
        </Col>
        <Col xs={24} lg={12}>
          <ContractCard personId={p.id} />
        </Col>
        <Col xs={24} lg={12}>
          <CategoriesCard personId={p.id} />
        </Col>
        <Col xs={24} lg={12}>
          <HouseholdCard personId={p.id} />
        </Col>
        {can('episode.read') && (
          <Col xs={24}>
            <EpisodesCard personId={p.id} />
          </Col>
        )}
        <Col xs={24}>
          <TimelineCard personId={p.id} />
        </Col>
      </Row>
      <PersonPanels personId={p.id} />
    </div>
  );
}
