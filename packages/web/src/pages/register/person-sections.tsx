import { useState } from 'react';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, List, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { HOUSEHOLD_RELATIONS } from '@anxin/domain/register/person.ts';
import { api } from '../../api/client.ts';
import {
  addCategory,
  addHouseholdMember,
  endCategory,
  fetchCategories,
  fetchEpisodes,
  fetchHousehold,
  removeHouseholdMember,
} from '../../api/register-api.ts';
import { useCan } from '../../auth/session-context.tsx';
import { CATEGORY_CODES, categoryLabel } from './labels.ts';
import { ErrorNotice, errorCode, useAsync } from './register-support.tsx';

export function CategoriesCard({ personId }: { personId: string }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const [state, reload] = useAsync(() => fetchCategories(api, personId), [personId]);
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const act = (p: Promise<unknown>) =>
    p.then(
      () => {
        setError(null);
        reload();
      },
      (e: unknown) => setError(errorCode(e)),
    );
  return (
    <Card
      size="small"
      title={t('register.categories.title')}
      data-testid="categories-card"
      extra={
        can('person.update') && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding((v) => !v)}>
            {t('register.categories.add')}
          </Button>
        )
      }
    >
      {adding && (
        <Form
          layout="inline"
          style={{ rowGap: 8, marginBottom: 12 }}
          onFinish={(v: { category: string }) => {
            void act(addCategory(api, personId, { category: v.category, source: 'community' })).then(() => setAdding(false));
          }}
        >
          <Form.Item name="category" rules={[{ required: true, message: t('register.form.required') }]} style={{ minWidth: 200 }}>
            <Select options={CATEGORY_CODES.map((c) => ({ value: c, label: categoryLabel(c, i18n.language) }))} placeholder={t('register.field.category')} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('register.save')}
          </Button>
        </Form>
      )}
      {error && <ErrorNotice code={error} />}
      {state.status === 'error' && <ErrorNotice code={state.code} onRetry={reload} />}
      <List
        size="small"
        loading={state.status === 'loading'}
        dataSource={state.status === 'ready' ? state.data.items : []}
        locale={{ emptyText: t('register.categories.none') }}
        renderItem={(c) => (
          <List.Item
            actions={
              c.active && can('person.update')
                ? [
                    <Popconfirm key="end" title={t('register.categories.endConfirm')} onConfirm={() => void act(endCategory(api, personId, c.id))}>
                      <Button size="small" type="link">
                        {t('register.categories.end')}
                      </Button>
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <Space wrap>
              <Tag color={c.active ? 'blue' : 'default'}>{categoryLabel(c.category, i18n.language, c.subtype)}</Tag>
              <Typography.Text type="secondary">
                {c.validFrom} – {c.validTo ?? t('register.categories.open')}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

export function HouseholdCard({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const [state, reload] = useAsync(() => fetchHousehold(api, personId), [personId]);
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const act = (p: Promise<unknown>) =>
    p.then(
      () => {
        setError(null);
        reload();
        return true;
      },
      (e: unknown) => {
        setError(errorCode(e));
        return false;
      },
    );
  return (
    <Card
      size="small"
      title={t('register.household.title')}
      data-testid="household-card"
      extra={
        can('person.update') && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding((v) => !v)}>
            {t('register.household.add')}
          </Button>
        )
      }
    >
      {adding && (
        <Form
          layout="inline"
          style={{ rowGap: 8, marginBottom: 12 }}
          onFinish={(v: { name: string; relation: string }) => {
            void act(addHouseholdMember(api, personId, { name: v.name.trim(), relation: v.relation })).then((ok) => ok && setAdding(false));
          }}
        >
          <Form.Item name="name" rules={[{ required: true, whitespace: true, message: t('register.form.required') }]}>
            <Input placeholder={t('register.field.name')} maxLength={50} />
          </Form.Item>
          <Form.Item name="relation" rules={[{ required: true, message: t('register.form.required') }]} style={{ minWidth: 120 }}>
            <Select placeholder={t('register.household.relation')} options={HOUSEHOLD_RELATIONS.map((r) => ({ value: r, label: t(`register.relation.${r}`) }))} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('register.save')}
          </Button>
        </Form>
      )}
      {error && <ErrorNotice code={error} />}
      {state.status === 'error' && <ErrorNotice code={state.code} onRetry={reload} />}
      <List
        size="small"
        loading={state.status === 'loading'}
        dataSource={state.status === 'ready' ? state.data.items : []}
        locale={{ emptyText: t('register.household.none') }}
        renderItem={(m) => (
          <List.Item
            actions={
              can('person.update')
                ? [
                    <Popconfirm key="rm" title={t('register.household.removeConfirm')} onConfirm={() => void act(removeHouseholdMember(api, personId, m.id))}>
                      <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={t('register.household.remove')} />
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <Space>
              {m.memberPersonId ? <Link to={`/register/persons/${m.memberPersonId}`}>{m.name}</Link> : <span>{m.name}</span>}
              <Tag bordered={false}>{t(`register.relation.${m.relation}`)}</Tag>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** Hospital episodes, from the episodes module (GET /api/persons/:id/episodes); shown to roles with episode.read. */
export function EpisodesCard({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const [state, reload] = useAsync(() => fetchEpisodes(api, personId), [personId]);
  return (
    <Card size="small" title={t('register.episodes.title')} data-testid="episodes-card">
      {state.status === 'error' && <ErrorNotice code={state.code} onRetry={reload} />}
      <List
        size="small"
        loading={state.status === 'loading'}
        dataSource={state.status === 'ready' ? state.data.items : []}
        locale={{ emptyText: t('register.episodes.none') }}
        renderItem={(e) => (
          <List.Item>
            <Space direction="vertical" size={2} style={{ width: '100%' }}>
              <Space wrap>
                <Typography.Text strong>{e.hospitalName}</Typography.Text>
                <Typography.Text type="secondary">
                  {e.admissionDate} – {e.dischargeDate ?? t('register.episodes.inHospital')}
                </Typography.Text>
                {e.diagnosisCodes.map((c) => (
                  <Tag key={c}>{c}</Tag>
                ))}
                {e.medicationHandover && <Tag color="red">{t('register.episodes.medicationHandover')}</Tag>}
              </Space>
              {e.psychMedications.length > 0 && (
                <Typography.Text>
                  {t('register.episodes.medications')}：{e.psychMedications.map((m) => `${m.drug} ${m.dose}`).join('；')}
                </Typography.Text>
              )}
              {e.primaryCareNotes && <Typography.Text type="secondary">{e.primaryCareNotes}</Typography.Text>}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
