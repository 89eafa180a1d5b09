import { useEffect, useState } from 'react';
import { Alert, Card, List, Segmented, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api/api-error.ts';
import { listQueue } from '../../api/assessments-api.ts';
import type { QueueItem } from '../../api/assessments-api.ts';
import { api } from '../../api/client.ts';
import { useCan } from '../../auth/session-context.tsx';
import { useDocumentTitle } from '../../layout/use-document-title.ts';
import { useRegion } from '../../region/region-context.tsx';
import { definitionOf, localeOf, severityColor, severityLabel } from './instrument-helpers.ts';

/**
 * The consultation (会诊) queue: pending requests for psychiatrists, oldest first; the recommendations that
 * came back, for primary care. Each entry opens the result with the answers behind the score.
 */
export function ConsultationQueue() {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const can = useCan();
  const reviewer = can('assessment.review');
  const { region } = useRegion();
  useDocumentTitle(t('assessments.queue.title'));
  const [status, setStatus] = useState<'pending' | 'completed'>(reviewer ? 'pending' : 'completed');
  const [items, setItems] = useState<QueueItem[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    listQueue(api, status, region?.code)
      .then((r) => live && setItems(r.items))
      .catch((e: unknown) => live && setError(e instanceof ApiError ? e.code : 'NETWORK_ERROR'))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [status, region]);

  return (
    <Card
      size="small"
      title={t('assessments.queue.title')}
      data-testid="consultation-queue"
      extra={
        reviewer && (
          <Segmented
            value={status}
            onChange={(v) => setStatus(v as 'pending' | 'completed')}
            options={[
              { value: 'pending', label: t('assessments.consultation.status.pending') },
              { value: 'completed', label: t('assessments.consultation.status.completed') },
            ]}
          />
        )
      }
    >
      {error && <Alert type="error" showIcon message={t(`errors.${error}`, { defaultValue: t('errors.INTERNAL') })} />}
      <List
        loading={loading}
        dataSource={items}
        locale={{ emptyText: t(status === 'pending' ? 'assessments.queue.emptyPending' : 'assessments.queue.emptyCompleted') }}
        renderItem={(item) => {
          const def = definitionOf(item.instrument);
          return (
            <List.Item key={item.id} actions={[<Link key="open" to={`/assessments/view/${item.assessmentId}`} data-testid="queue-open">{t('assessments.queue.open')}</Link>]}>
              <List.Item.Meta
                title={
                  <Space wrap>
                    <Link to={`/register/persons/${item.personId}`}>{item.personName}</Link>
                    <span>
                      {def?.shortName ?? item.instrument} {item.total ?? '—'}
                    </span>
                    <Tag color={severityColor(def, item.severity)}>{severityLabel(def, item.severity, locale)}</Tag>
                  </Space>
                }
                description={
                  <Space wrap size={4}>
                    {item.reasons.map((r) => (
                      <Tag key={r} color={r.startsWith('suicide') ? 'red' : 'orange'}>
                        {t(`assessments.flag.${r}`)}
                      </Tag>
                    ))}
                    <Typography.Text type="secondary">{new Date(item.requestedAt).toLocaleString(i18n.language)}</Typography.Text>
                    {item.institutionName && <Typography.Text type="secondary">{item.institutionName}</Typography.Text>}
                    {item.recommendation && <Tag color="blue">{t(`assessments.recommendation.${item.recommendation}`)}</Tag>}
                  </Space>
                }
              />
            </List.Item>
          );
        }}
      />
    </Card>
  );
}
