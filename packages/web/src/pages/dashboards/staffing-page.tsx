import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Progress, Row, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { fetchStaffing, staffingXlsxUrl } from '../../api/dashboards-api.ts';
import type { StaffingReport } from '../../api/dashboards-api.ts';
import { useDocumentTitle } from '../../layout/use-document-title.ts';
import { useRegion } from '../../region/region-context.tsx';
import { ErrorNotice, useAsync } from '../register/register-support.tsx';
import { langOf } from './figure-labels.ts';

type Post = StaffingReport['posts'][number];

/** /dashboards/staffing — the "three specialists" posts below the selected region, empty ones first. */
export default function StaffingPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('dashboards.staffing.title'));
  const { region } = useRegion();
  const [state, reload] = useAsync(async () => (region ? fetchStaffing(api, region.code) : null), [region?.code]);
  const data = state.status === 'ready' ? state.data : null;
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="staffing-page">
      <Card size="small" title={t('dashboards.staffing.title')} loading={state.status === 'loading'}>
        <Typography.Paragraph type="secondary">{t('dashboards.staffing.hint')}</Typography.Paragraph>
        {state.status === 'error' && <ErrorNotice code={state.code} onRetry={reload} />}
        {data && (
          <Row gutter={[12, 12]}>
            {data.byLevel.map((l) => (
              <Col key={l.level} xs={12} md={6}>
                <Card size="small">
                  <Typography.Text>{t(`dashboards.staffing.post.${l.post}`)}</Typography.Text>
                  <Progress percent={l.required ? Math.round((l.filled / l.required) * 100) : 0} status={l.filled < l.required ? 'exception' : 'success'} />
                  <Typography.Text type="secondary">{t('dashboards.staffing.filledOf', { filled: l.filled, required: l.required })}</Typography.Text>
                </Card>
              </Col>
            ))}
          </Row>
        )}
      </Card>
      {data && (
        <Card
          size="small"
          title={t('dashboards.staffing.posts')}
          extra={
            <Button size="small" icon={<DownloadOutlined />} href={staffingXlsxUrl(data.region.code, langOf(i18n.language))} download data-testid="staffing-export">
              XLSX
            </Button>
          }
        >
          {data.truncated && <Alert type="info" showIcon message={t('dashboards.staffing.truncated')} style={{ marginBottom: 8 }} />}
          <Table<Post>
            size="small"
            rowKey={(p) => `${p.regionCode}-${p.post}`}
            dataSource={data.posts}
            pagination={{ pageSize: 20, size: 'small' }}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: t('dashboards.table.region'), dataIndex: 'regionName' },
              { title: t('dashboards.staffing.level'), dataIndex: 'level', render: (l: string) => t(`regionLevels.${l}`) },
              { title: t('dashboards.staffing.postColumn'), dataIndex: 'post', render: (p: string) => t(`dashboards.staffing.post.${p}`) },
              {
                title: t('dashboards.staffing.status'),
                key: 'filled',
                render: (_: unknown, p: Post) =>
                  p.filled ? <Tag color="green">{t('dashboards.staffing.filled', { n: p.holders })}</Tag> : <Tag color="red">{t('dashboards.staffing.empty')}</Tag>,
              },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
