import { useCallback, useEffect, useState } from 'react';
import { Alert, Card, Descriptions, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/api-error.ts';
import { fhirUrl, getAssessment } from '../../api/assessments-api.ts';
import type { Assessment } from '../../api/assessments-api.ts';
import { api } from '../../api/client.ts';
import { useCan } from '../../auth/session-context.tsx';
import { useDocumentTitle } from '../../layout/use-document-title.ts';
import { AmendCard } from './amend-card.tsx';
import { AnswersTable } from './answers-table.tsx';
import { definitionOf, localeOf, severityColor, severityLabel } from './instrument-helpers.ts';
import { ReviewForm } from './review-form.tsx';

/** /assessments/view/:id — one result: score, the answers behind it, flags with reasons, consultation (and its form for a psychiatrist). */
export default function AssessmentViewPage() {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  useDocumentTitle(t('assessments.view.title'));
  const can = useCan();
  const { id = '' } = useParams();
  const [a, setA] = useState<Assessment | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    getAssessment(api, id)
      .then(setA)
      .catch((e: unknown) => setError(e instanceof ApiError ? e.code : 'NETWORK_ERROR'));
  }, [id]);
  useEffect(load, [load]);

  if (error) return <Alert type="error" showIcon message={t(`errors.${error}`, { defaultValue: t('errors.INTERNAL') })} />;
  if (!a) return <Spin />;
  const def = definitionOf(a.instrument, a.instrumentVersion);
  const c = a.consultation;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="assessment-view">
      <Card
        size="small"
        title={`${def?.shortName ?? a.instrument} · ${def?.title[locale] ?? ''}`}
        extra={<Link to={`/register/persons/${a.personId}`}>{t('assessments.backToPerson')}</Link>}
      >
        <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
          <Descriptions.Item label={t('assessments.total')}>
            <strong data-testid="view-total">{a.total ?? '—'}</strong>
          </Descriptions.Item>
          <Descriptions.Item label={t('assessments.severityLabel')}>
            <Tag color={severityColor(def, a.severity)}>{severityLabel(def, a.severity, locale)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('assessments.modeLabel')}>{t(`assessments.mode.${a.mode}`)}</Descriptions.Item>
          <Descriptions.Item label={t('assessments.completedAt')}>{a.completedAt ? new Date(a.completedAt).toLocaleString(i18n.language) : t('assessments.status.draft')}</Descriptions.Item>
          <Descriptions.Item label={t('assessments.versionLabel')}>
            {a.version}
            {a.amendedBy && (
              <Link to={`/assessments/view/${a.amendedBy}`} style={{ marginLeft: 8 }}>
                {t('assessments.view.superseded')}
              </Link>
            )}
          </Descriptions.Item>
          {a.amendmentReason && <Descriptions.Item label={t('assessments.view.amendmentReason')}>{a.amendmentReason}</Descriptions.Item>}
        </Descriptions>
        {a.complete === false && <Alert type="warning" showIcon message={t('assessments.view.incomplete')} style={{ marginBottom: 8 }} />}
        {a.flags.map((f) => (
          <Alert
            key={f.ruleId}
            type={f.action === 'crisis' ? 'error' : 'warning'}
            showIcon
            style={{ marginBottom: 8 }}
            message={t(`assessments.flag.${f.flag}`)}
            description={f.reason[locale]}
          />
        ))}
        <AnswersTable instrument={a.instrument} version={a.instrumentVersion} answers={a.answers} />
        {a.status === 'submitted' && (
          <Typography.Link href={fhirUrl(a.id)} target="_blank" style={{ display: 'inline-block', marginTop: 8 }}>
            {t('assessments.view.fhir')}
          </Typography.Link>
        )}
      </Card>
      {a.status === 'submitted' && a.amendedBy === null && can('assessment.administer') && <AmendCard key={a.id} assessment={a} />}
      {c && (
        <Card size="small" title={t('assessments.consultation.title')} data-testid="consultation-card">
          <Space direction="vertical" style={{ width: '100%' }}>
            <Space wrap>
              <Tag color={c.status === 'pending' ? 'gold' : 'green'}>{t(`assessments.consultation.status.${c.status}`)}</Tag>
              {c.reasons.map((r) => (
                <Tag key={r}>{t(`assessments.flag.${r}`)}</Tag>
              ))}
            </Space>
            {c.status === 'completed' ? (
              <Descriptions size="small" column={1}>
                <Descriptions.Item label={t('assessments.review.recommendation')}>
                  <strong data-testid="recommendation">{t(`assessments.recommendation.${c.recommendation ?? 'none'}`)}</strong>
                </Descriptions.Item>
                <Descriptions.Item label={t('assessments.review.opinion')}>{c.opinion}</Descriptions.Item>
                <Descriptions.Item label={t('assessments.consultation.turnaround')}>{t('assessments.consultation.minutes', { n: c.turnaroundMinutes ?? 0 })}</Descriptions.Item>
              </Descriptions>
            ) : can('assessment.review') ? (
              <ReviewForm consultationId={c.id} onDone={load} />
            ) : (
              <Typography.Text type="secondary">{t('assessments.consultation.waiting')}</Typography.Text>
            )}
          </Space>
        </Card>
      )}
    </Space>
  );
}
