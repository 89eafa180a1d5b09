import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Collapse, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api/api-error.ts';
import { listPersonAssessments } from '../../api/assessments-api.ts';
import type { Assessment } from '../../api/assessments-api.ts';
import { api } from '../../api/client.ts';
import { useCan } from '../../auth/session-context.tsx';
import { definitionOf, localeOf, severityColor, severityLabel } from './instrument-helpers.ts';
import { TrendChart } from './trend-chart.tsx';

/**
 * The person page's assessments: per instrument, a trend of the totals with severity colours and the
 * history (answers behind each score one click away); drafts to continue; the consultation
 * recommendations that came back.
 */
export default function PersonAssessmentsPanel({ personId }: { personId: string }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const can = useCan();
  const [items, setItems] = useState<Assessment[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    listPersonAssessments(api, personId)
      .then((r) => live && setItems(r.items))
      .catch((e: unknown) => live && setError(e instanceof ApiError ? e.code : 'NETWORK_ERROR'));
    return () => {
      live = false;
    };
  }, [personId]);

  // Current results (not superseded by an amendment), grouped by instrument.
  const byInstrument = useMemo(() => {
    const groups = new Map<string, Assessment[]>();
    for (const a of items ?? []) {
      if (a.status !== 'submitted' || a.amendedBy !== null) continue;
      groups.set(a.instrument, [...(groups.get(a.instrument) ?? []), a]);
    }
    return [...groups.entries()];
  }, [items]);
  const drafts = (items ?? []).filter((a) => a.status === 'draft');
  const returned = (items ?? []).filter((a) => a.consultation?.status === 'completed');

  return (
    <Card
      size="small"
      title={t('assessments.personPanel.title')}
      data-testid="assessments-panel"
      extra={
        can('assessment.administer') && (
          <Link to={`/assessments/administer/${personId}`}>
            <Button size="small" type="primary" data-testid="panel-administer">
              {t('assessments.personPanel.administer')}
            </Button>
          </Link>
        )
      }
    >
      {error && <Alert type="error" showIcon message={t(`errors.${error}`, { defaultValue: t('errors.INTERNAL') })} />}
      {items && items.length === 0 && <Typography.Text type="secondary">{t('assessments.personPanel.empty')}</Typography.Text>}
      {returned.map((a) => (
        <Alert
          key={a.id}
          type="info"
          showIcon
          style={{ marginBottom: 8 }}
          data-testid="panel-recommendation"
          message={`${t('assessments.consultation.returned')}: ${t(`assessments.recommendation.${a.consultation?.recommendation ?? 'none'}`)}`}
          description={
            <Space direction="vertical" size={0}>
              <span>{a.consultation?.opinion}</span>
              <Link to={`/assessments/view/${a.id}`}>{t('assessments.viewResult')}</Link>
            </Space>
          }
        />
      ))}
      {drafts.length > 0 && (
        <Space wrap style={{ marginBottom: 8 }}>
          {drafts.map((d) => (
            <Link key={d.id} to={`/assessments/administer/${personId}?draft=${d.id}`}>
              <Tag color="default">
                {t('assessments.personPanel.continueDraft', { instrument: definitionOf(d.instrument, d.instrumentVersion)?.shortName ?? d.instrument })}
              </Tag>
            </Link>
          ))}
        </Space>
      )}
      {byInstrument.length > 0 && (
        <Collapse
          defaultActiveKey={byInstrument.map(([id]) => id)}
          items={byInstrument.map(([id, results]) => {
            const def = definitionOf(id, results[0]?.instrumentVersion);
            return {
              key: id,
              label: `${def?.shortName ?? id} · ${def?.title[locale] ?? ''}`,
              children: (
                <>
                  {def && <TrendChart def={def} results={results} language={i18n.language} />}
                  <List
                    size="small"
                    dataSource={results}
                    renderItem={(a) => (
                      <List.Item key={a.id} actions={[<Link key="v" to={`/assessments/view/${a.id}`}>{t('assessments.personPanel.answers')}</Link>]}>
                        <Space wrap size={4}>
                          <Typography.Text>{a.completedAt ? new Date(a.completedAt).toLocaleDateString(i18n.language) : ''}</Typography.Text>
                          <strong>{a.total ?? '—'}</strong>
                          <Tag color={severityColor(def, a.severity)}>{severityLabel(def, a.severity, locale)}</Tag>
                          {a.version > 1 && <Tag>{t('assessments.personPanel.amended')}</Tag>}
                          {a.mode === 'self' && <Tag>{t('assessments.mode.self')}</Tag>}
                          {a.flags.map((f) => (
                            <Tag key={f.ruleId} color={f.action === 'crisis' ? 'red' : 'orange'}>
                              {t(`assessments.flag.${f.flag}`)}
                            </Tag>
                          ))}
                        </Space>
                      </List.Item>
                    )}
                  />
                </>
              ),
            };
          })}
        />
      )}
    </Card>
  );
}
