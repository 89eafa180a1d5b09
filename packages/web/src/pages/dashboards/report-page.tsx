import { useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Input, Space, Table, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { FIGURES } from '@anxin/domain/figures/figure-catalogue.ts';
import { api } from '../../api/client.ts';
import { fetchReport, reportFileUrl, reviewReport, saveReport, submitReport } from '../../api/dashboards-api.ts';
import { useDocumentTitle } from '../../layout/use-document-title.ts';
import { ErrorNotice, errorCode, useAsync } from '../register/register-support.tsx';
import { figureDefinition, figureLabel, formatFigure, langOf } from './figure-labels.ts';
import { ReportStatusTag } from './report-status.tsx';

/** /dashboards/reports/:id — one report: figures, "experience and practice", submit or review, downloads. */
export default function ReportPage() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const { id = '' } = useParams();
  const [state, reload] = useAsync(() => fetchReport(api, id), [id]);
  const view = state.status === 'ready' ? state.data : null;
  useDocumentTitle(view ? `${view.report.regionName} ${view.report.period}` : t('dashboards.reports.title'));
  const [experience, setExperience] = useState('');
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  const [saved, setSaved] = useState(false);
  const loadedExperience = view?.report.experience;
  const loadedAt = view?.report.updatedAt;
  useEffect(() => {
    if (loadedExperience !== undefined) setExperience(loadedExperience);
  }, [loadedExperience, loadedAt]);

  const editable = view !== null && view.maySubmit;

  async function act(name: string, fn: () => Promise<unknown>) {
    setBusy(name);
    setError(null);
    setSaved(false);
    try {
      await fn();
      if (name === 'save') setSaved(true);
      reload();
    } catch (e) {
      setError({ code: errorCode(e), message: e instanceof Error ? e.message : '' });
    } finally {
      setBusy(null);
    }
  }

  if (state.status === 'error') return <ErrorNotice code={state.code} onRetry={reload} />;
  if (!view) return <Card loading />;
  const r = view.report;
  const save = () => saveReport(api, { regionCode: r.regionCode, periodKind: r.periodKind, period: r.period, experience });

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="report-page">
      <Card
        size="small"
        title={
          <Space wrap>
            {t(`dashboards.reports.heading.${r.periodKind}`, { region: r.regionName, period: r.period })}
            <ReportStatusTag status={r.status} />
          </Space>
        }
        extra={
          <Space wrap>
            <Button href={reportFileUrl(r.id, 'xlsx')} download data-testid="report-xlsx">
              XLSX
            </Button>
            <Button href={reportFileUrl(r.id, 'pdf')} download data-testid="report-pdf">
              PDF
            </Button>
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
          <Descriptions.Item label={t('dashboards.reports.period')}>
            {r.periodFrom} – {r.periodTo}
          </Descriptions.Item>
          <Descriptions.Item label={t('dashboards.reports.figuresAre')}>
            {view.figuresFrozen ? t('dashboards.reports.frozen') : t('dashboards.reports.live')}
          </Descriptions.Item>
        </Descriptions>
        {r.status === 'returned' && r.reviewComment && (
          <Alert type="warning" showIcon message={t('dashboards.reports.returnedWith')} description={r.reviewComment} style={{ marginBottom: 12 }} data-testid="report-return-comment" />
        )}
        <Typography.Title level={5}>{t('dashboards.reports.experience')}</Typography.Title>
        {editable ? (
          <Input.TextArea
            value={experience}
            onChange={(e) => setExperience(e.target.value)}
            autoSize={{ minRows: 5, maxRows: 16 }}
            maxLength={20000}
            placeholder={t('dashboards.reports.experienceHint')}
            data-testid="report-experience"
          />
        ) : (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="report-experience-text">
            {r.experience || t('dashboards.reports.noExperience')}
          </Typography.Paragraph>
        )}
        {error && (
          <Alert
            type="error"
            showIcon
            style={{ marginTop: 8 }}
            message={t(`errors.${error.code}`, { defaultValue: t('errors.INTERNAL') })}
            description={error.message}
          />
        )}
        {saved && <Alert type="success" showIcon style={{ marginTop: 8 }} message={t('dashboards.reports.saved')} />}
        <Space wrap style={{ marginTop: 12 }}>
          {editable && (
            <>
              <Button loading={busy === 'save'} onClick={() => void act('save', save)} data-testid="report-save">
                {t('dashboards.reports.save')}
              </Button>
              <Button
                type="primary"
                loading={busy === 'submit'}
                onClick={() => void act('submit', async () => (await save(), submitReport(api, r.id)))}
                data-testid="report-submit"
              >
                {t('dashboards.reports.submit')}
              </Button>
            </>
          )}
        </Space>
        {view.mayReview && (
          <Space direction="vertical" style={{ width: '100%', marginTop: 12 }}>
            <Input.TextArea value={comment} onChange={(e) => setComment(e.target.value)} placeholder={t('dashboards.reports.commentHint')} autoSize={{ minRows: 2 }} data-testid="report-comment" />
            <Space wrap>
              <Button type="primary" loading={busy === 'accept'} onClick={() => void act('accept', () => reviewReport(api, r.id, { decision: 'accept', ...(comment ? { comment } : {}) }))} data-testid="report-accept">
                {t('dashboards.reports.accept')}
              </Button>
              <Button danger loading={busy === 'return'} onClick={() => void act('return', () => reviewReport(api, r.id, { decision: 'return', comment }))} data-testid="report-return">
                {t('dashboards.reports.return')}
              </Button>
            </Space>
          </Space>
        )}
      </Card>
      <Card size="small" title={t('dashboards.reports.figures')}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={FIGURES.map((f) => ({ id: f.id }))}
          columns={[
            { title: t('dashboards.table.figure'), key: 'label', render: (_: unknown, f: { id: string }) => <span title={figureDefinition(f.id, lang)}>{figureLabel(f.id, lang)}</span> },
            { title: t('dashboards.table.value'), key: 'value', align: 'right', render: (_: unknown, f: { id: string }) => formatFigure(f.id, view.figures[f.id], i18n.language) },
          ]}
        />
      </Card>
      <Card size="small" title={t('dashboards.reports.history')}>
        <Timeline
          items={view.events.map((e) => ({
            children: (
              <span>
                {new Date(e.at).toLocaleString(i18n.language)} · {t(`dashboards.reports.event.${e.event}`)} · {e.actorName}
                {e.comment ? `：${e.comment}` : ''}
              </span>
            ),
          }))}
        />
      </Card>
    </Space>
  );
}
