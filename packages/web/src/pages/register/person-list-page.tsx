import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Input, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api/api-error.ts';
import { api } from '../../api/client.ts';
import { searchPersons } from '../../api/register-api.ts';
import type { PersonSearch, PersonView } from '../../api/register-api.ts';
import { useDocumentTitle } from '../../layout/use-document-title.ts';
import { useRegion } from '../../region/region-context.tsx';

/** /register — the register within the selected region, masked, searchable, keyset-paged. */
export default function PersonListPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('menu.register'));
  const { region } = useRegion();
  const [q, setQ] = useState('');
  const [items, setItems] = useState<PersonView[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (search: PersonSearch, append: boolean) => {
      setLoading(true);
      setError(null);
      try {
        const page = await searchPersons(api, { ...search, ...(region ? { region: region.code } : {}) });
        setItems((prev) => (append ? [...prev, ...page.items] : page.items));
        setCursor(page.nextCursor);
      } catch (e) {
        setError(e instanceof ApiError ? e.code : 'NETWORK_ERROR');
      } finally {
        setLoading(false);
      }
    },
    [region],
  );

  useEffect(() => {
    void load({}, false);
  }, [load]);

  const criteria = (): PersonSearch => (q.trim() ? { q: q.trim() } : {});

  return (
    <Card title={t('menu.register')} size="small" data-testid="register-list">
      <Space.Compact style={{ width: '100%', marginBottom: 12 }}>
        <Input
          allowClear
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onPressEnter={() => void load(criteria(), false)}
          placeholder={t('register.search.namePlaceholder')}
          aria-label={t('register.search.namePlaceholder')}
        />
        <Button type="primary" onClick={() => void load(criteria(), false)}>
          {t('register.search.submit')}
        </Button>
      </Space.Compact>
      {error && <Alert type="error" showIcon message={t(`errors.${error}`, { defaultValue: t('errors.INTERNAL') })} />}
      <List
        loading={loading}
        dataSource={items}
        locale={{ emptyText: t('register.search.empty') }}
        renderItem={(p) => (
          <List.Item key={p.id}>
            <List.Item.Meta
              title={<Link to={`persons/${p.id}`}>{p.name}</Link>}
              description={
                <Space wrap size={4}>
                  <Typography.Text type="secondary">{p.birthDate}</Typography.Text>
                  <Typography.Text type="secondary">{p.phone ?? ''}</Typography.Text>
                  <Tag>{t(`register.verificationStatus.${p.verificationStatus}`)}</Tag>
                </Space>
              }
            />
          </List.Item>
        )}
      />
      {cursor && (
        <Button block onClick={() => void load({ ...criteria(), cursor }, true)} loading={loading}>
          {t('register.search.more')}
        </Button>
      )}
    </Card>
  );
}
