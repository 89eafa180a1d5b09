import { useState } from 'react';
import { Alert, Button, Card, Form, Input, List, Radio, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { isReportingRegion, previousPeriod } from '@anxin/domain/figures/report-workflow.ts';
import { api } from '../../api/client.ts';
import { listReports, saveReport } from '../../api/dashboards-api.ts';
import type { ReportPeriodKind } from '../../api/dashboards-api.ts';
import { useCan } from '../../auth/session-context.tsx';
import { useDocumentTitle } from '../../layout/use-document-title.ts';
import { useRegion } from '../../region/region-context.tsx';
import { ErrorNotice, errorCode, useAsync } from '../register/register-support.tsx';
import { ReportStatusTag } from './report-status.tsx';

const today = () => new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' });

/** /dashboards/reports — reports within the jurisdiction; a county or city starts its monthly or quarterly report. */
export default function ReportsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('dashboards.reports.title'));
  const can = useCan();
  const navigate = useNavigate();
  const { region } = useRegion();
  const [state, reload] = useAsync(() => listReports(api), []);
  const [kind, setKind] = useState<ReportPeriodKind>('month');
  const [period, setPeriod] = useState(() => previousPeriod('month', today()));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mayStart = can('report.submit') && region !== null && isReportingRegion(region.code);

  async function start() {
    if (!region) return;
    setSaving(true);
    setError(null);
    try {
      const existing = state.status === 'ready' ? state.data.items.find((r) => r.regionCode === region.code && r.periodKind === kind && r.period === period) : undefined;
      const id = existing ? existing.id : (await saveReport(api, { regionCode: region.code, periodKind: kind, period, experience: '' })).id;
      void navigate(`/dashboards/reports/${id}`);
    } catch (e) {
      setError(errorCode(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="reports-page">
      {mayStart && region && (
        <Card size="small" title={t('dashboards.reports.start', { region: region.name })}>
          <Form layout="inline" onFinish={() => void start()} style={{ rowGap: 8 }}>
            <Form.Item>
              <Radio.Group
                value={kind}
                onChange={(e) => {
                  const k = e.target.value as ReportPeriodKind;
                  setKind(k);
                  setPeriod(previousPeriod(k, today()));
                }}
                optionType="button"
                options={[
                  { value: 'month', label: t('dashboards.reports.kind.month') },
                  { value: 'quarter', label: t('dashboards.reports.kind.quarter') },
                ]}
              />
            </Form.Item>
            <Form.Item label={t('dashboards.reports.period')}>
              <Input value={period} onChange={(e) => setPeriod(e.target.value.trim())} style={{ width: 110 }} data-testid="report-period" />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={saving} data-testid="report-open">
                {t('dashboards.reports.open')}
              </Button>
            </Form.Item>
          </Form>
          {error && <Alert type="error" showIcon style={{ marginTop: 8 }} message={t(`errors.${error}`, { defaultValue: t('errors.INTERNAL') })} />}
        </Card>
      )}
      <Card size="small" title={t('dashboards.reports.title')}>
        {state.status === 'error' && <ErrorNotice code={state.code} onRetry={reload} />}
        <List
          loading={state.status === 'loading'}
          dataSource={state.status === 'ready' ? state.data.items : []}
          locale={{ emptyText: t('dashboards.reports.none') }}
          renderItem={(r) => (
            <List.Item key={r.id} actions={[<Link key="open" to={`/dashboards/reports/${r.id}`}>{t('dashboards.reports.view')}</Link>]}>
              <Space wrap>
                <Typography.Text strong>{r.regionName}</Typography.Text>
                <Typography.Text>
                  {r.period} {t(`dashboards.reports.kind.${r.periodKind}`)}
                </Typography.Text>
                <ReportStatusTag status={r.status} />
              </Space>
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
