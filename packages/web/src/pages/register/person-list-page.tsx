import { useCallback, useEffect, useState } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, List, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { VERIFICATION_STATUSES } from '@anxin/domain/register/verification.ts';
import { api } from '../../api/client.ts';
import { searchPersons } from '../../api/register-api.ts';
import type { PersonSearch, PersonView } from '../../api/register-api.ts';
import { useCan } from '../../auth/session-context.tsx';
import { useDocumentTitle } from '../../layout/use-document-title.ts';
import { useRegion } from '../../region/region-context.tsx';
import { CATEGORY_CODES, categoryLabel } from './labels.ts';
import { NewPersonForm } from './new-person-form.tsx';
import { ErrorNotice, RegionName, errorCode } from './register-support.tsx';

interface Filters {
  text?: string;
  category?: string;
  verificationStatus?: string;
}

/** What the one search box holds: an 18/15-character national ID, a phone number, or a name prefix. */
function criteriaOf(f: Filters): PersonSearch {
  const text = f.text?.trim() ?? '';
  const out: PersonSearch = {};
  if (/^\d{17}[\dXx]$|^\d{15}$/.test(text)) out.nationalId = text;
  else if (/^\+?[\d\s-]{7,20}$/.test(text)) out.phone = text;
  else if (text) out.q = text;
  if (f.category) out.category = f.category;
  if (f.verificationStatus) out.verificationStatus = f.verificationStatus;
  return out;
}

/** /register — the register within the selected region, masked per role, searchable, keyset-paged. */
export default function PersonListPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('menu.register'));
  const { region } = useRegion();
  const can = useCan();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<Filters>({});
  const [items, setItems] = useState<PersonView[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);

  const load = useCallback(
    async (f: Filters, after: string | null) => {
      setLoading(true);
      setError(null);
      try {
        const page = await searchPersons(api, { ...criteriaOf(f), ...(region ? { region: region.code } : {}), ...(after ? { cursor: after } : {}) });
        setItems((prev) => (after ? [...prev, ...page.items] : page.items));
        setCursor(page.nextCursor);
      } catch (e) {
        setError(errorCode(e));
      } finally {
        setLoading(false);
      }
    },
    [region],
  );

  useEffect(() => {
    void load(filters, null);
    // Filters apply on submit; the region applies at once.
  }, [load]);

  return (
    <Card
      title={t('menu.register')}
      size="small"
      data-testid="register-list"
      extra={
        can('person.create') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-person">
            {t('register.form.open')}
          </Button>
        )
      }
    >
      <Form<Filters>
        layout="inline"
        onFinish={(values) => {
          setFilters(values);
          void load(values, null);
        }}
        style={{ rowGap: 8, marginBottom: 12 }}
      >
        <Form.Item name="text" style={{ minWidth: 220, flex: 1 }}>
          <Input allowClear placeholder={t('register.search.placeholder')} aria-label={t('register.search.placeholder')} data-testid="register-search" />
        </Form.Item>
        <Form.Item name="category" style={{ minWidth: 160 }}>
          <Select
            allowClear
            placeholder={t('register.field.category')}
            options={CATEGORY_CODES.map((c) => ({ value: c, label: categoryLabel(c, i18n.language) }))}
          />
        </Form.Item>
        <Form.Item name="verificationStatus" style={{ minWidth: 130 }}>
          <Select
            allowClear
            placeholder={t('register.field.verificationStatus')}
            options={VERIFICATION_STATUSES.map((s) => ({ value: s, label: t(`register.verificationStatus.${s}`) }))}
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit">
            {t('register.search.submit')}
          </Button>
        </Form.Item>
      </Form>
      {error && <ErrorNotice code={error} onRetry={() => void load(filters, null)} />}
      <List
        loading={loading && items.length === 0}
        dataSource={items}
        locale={{ emptyText: t('register.search.empty') }}
        renderItem={(p) => (
          <List.Item key={p.id} data-testid="person-row">
            <List.Item.Meta
              title={
                <Space wrap size={6}>
                  <Link to={`persons/${p.id}`}>{p.name}</Link>
                  <Tag color={p.verificationStatus === 'pending' ? 'orange' : undefined}>{t(`register.verificationStatus.${p.verificationStatus}`)}</Tag>
                </Space>
              }
              description={
                <Space wrap size={[12, 2]}>
                  <Typography.Text type="secondary">
                    {t(`register.sex.${p.sex}`)} · {p.birthDate}
                  </Typography.Text>
                  {p.nationalId && <Typography.Text type="secondary">{p.nationalId}</Typography.Text>}
                  {p.phone && <Typography.Text type="secondary">{p.phone}</Typography.Text>}
                  <Typography.Text type="secondary">
                    <RegionName code={p.regionCode} />
                  </Typography.Text>
                  {p.categories
                    .filter((c) => c.validTo === null)
                    .map((c) => (
                      <Tag key={`${c.category}-${c.validFrom}`} bordered={false}>
                        {categoryLabel(c.category, i18n.language, c.subtype)}
                      </Tag>
                    ))}
                </Space>
              }
            />
          </List.Item>
        )}
      />
      {cursor && (
        <Button block onClick={() => void load(filters, cursor)} loading={loading}>
          {t('register.search.more')}
        </Button>
      )}
      <NewPersonForm open={creating} onClose={() => setCreating(false)} onCreated={(id) => void navigate(`persons/${id}`)} />
    </Card>
  );
}
