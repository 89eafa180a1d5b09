import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, List, Popconfirm, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { dismissDuplicate, fetchDuplicates, mergeDuplicate, unmergeDuplicate } from '../../api/register-api.ts';
import type { DuplicatePair, PersonView } from '../../api/register-api.ts';
import { useDocumentTitle } from '../../layout/use-document-title.ts';
import { ErrorNotice, RegionName, errorCode } from './register-support.tsx';

function PersonColumn({ p }: { p: PersonView }) {
  const { t } = useTranslation();
  return (
    <Descriptions column={1} size="small" bordered>
      <Descriptions.Item label={t('register.field.name')}>{p.name}</Descriptions.Item>
      <Descriptions.Item label={t('register.field.sexBirth')}>
        {t(`register.sex.${p.sex}`)} · {p.birthDate}
      </Descriptions.Item>
      <Descriptions.Item label={t('register.field.nationalId')}>{p.nationalId ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('register.field.phone')}>{p.phone ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('register.field.residence')}>
        <RegionName code={p.regionCode} />
      </Descriptions.Item>
    </Descriptions>
  );
}

/** /register/duplicates — possible duplicates (same name+birth date, name+phone or birth date+phone) for review. */
export default function DuplicatesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('register.duplicates.title'));
  const [items, setItems] = useState<DuplicatePair[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [lastMerged, setLastMerged] = useState<DuplicatePair | null>(null);
  const load = useCallback(async (after: string | null) => {
    setLoading(true);
    setError(null);
    try {
      const page = await fetchDuplicates(api, after ?? undefined);
      setItems((prev) => (after ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (e) {
      setError(errorCode(e));
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    void load(null);
  }, [load]);

  const decide = (pair: DuplicatePair, action: Promise<unknown>, merged: boolean) =>
    action.then(
      () => {
        setItems((prev) => prev.filter((x) => x.id !== pair.id));
        setLastMerged(merged ? pair : null);
      },
      (e: unknown) => setError(errorCode(e)),
    );

  return (
    <Card size="small" title={t('register.duplicates.title')} data-testid="duplicates-page">
      {lastMerged && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('register.duplicates.merged')}
          action={
            <Button
              size="small"
              data-testid="undo-merge"
              onClick={() => {
                const pair = lastMerged;
                unmergeDuplicate(api, pair.id).then(
                  () => {
                    setLastMerged(null);
                    void load(null);
                  },
                  (e: unknown) => setError(errorCode(e)),
                );
              }}
            >
              {t('register.duplicates.undo')}
            </Button>
          }
        />
      )}
      {error && <ErrorNotice code={error} onRetry={() => void load(null)} />}
      <List
        loading={loading && items.length === 0}
        dataSource={items}
        locale={{ emptyText: t('register.duplicates.empty') }}
        renderItem={(pair) => (
          <List.Item key={pair.id} data-testid="duplicate-pair">
            <Space direction="vertical" style={{ width: '100%' }}>
              <Space wrap>
                <Typography.Text type="secondary">{t('register.duplicates.matchedOn')}</Typography.Text>
                {pair.matchedOn.includes('nb') && <Tag>{t('register.duplicates.nameBirth')}</Tag>}
                {pair.matchedOn.includes('np') && <Tag>{t('register.duplicates.namePhone')}</Tag>}
                {pair.matchedOn.includes('bp') && <Tag>{t('register.duplicates.birthPhone')}</Tag>}
              </Space>
              <Row gutter={[12, 12]}>
                {[pair.a, pair.b].map((p) => (
                  <Col xs={24} md={12} key={p.id}>
                    <PersonColumn p={p} />
                    <Popconfirm title={t('register.duplicates.keepConfirm')} onConfirm={() => void decide(pair, mergeDuplicate(api, pair.id, p.id), true)}>
                      <Button type="primary" block style={{ marginTop: 8 }} data-testid="keep-this">
                        {t('register.duplicates.keepThis')}
                      </Button>
                    </Popconfirm>
                  </Col>
                ))}
              </Row>
              <Button block onClick={() => void decide(pair, dismissDuplicate(api, pair.id), false)}>
                {t('register.duplicates.dismiss')}
              </Button>
            </Space>
          </List.Item>
        )}
      />
      {cursor && (
        <Button block onClick={() => void load(cursor)} loading={loading}>
          {t('register.search.more')}
        </Button>
      )}
    </Card>
  );
}
