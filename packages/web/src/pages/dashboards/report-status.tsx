import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReportStatus } from '../../api/dashboards-api.ts';

const COLOR: Record<ReportStatus, string> = { draft: 'default', submitted: 'blue', returned: 'orange', accepted: 'green' };

export function ReportStatusTag({ status }: { status: ReportStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLOR[status]} data-testid="report-status">
      {t(`dashboards.reports.status.${status}`)}
    </Tag>
  );
}
