import { useEffect, useState } from 'react';
import { Alert, Card, Descriptions, Empty, List, Select, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { hotlineApi, type CoverageGap, type Roster } from '../../api/hotline-api.ts';
import { useLines } from './use-lines.ts';

export function gapText(t: (k: string, o?: Record<string, unknown>) => string, g: CoverageGap): string {
  return t(`hotline.gap.${g.rule}`, g as unknown as Record<string, unknown>);
}

/** The line's set-up, this week's roster and every coverage gap. */
export default function RosterPage() {
  const { t } = useTranslation();
  const { lines, line, setLineId, loading } = useLines();
  const [roster, setRoster] = useState<Roster | null>(null);
  useEffect(() => {
    if (line) void hotlineApi(api).roster(line.id).then(setRoster);
  }, [line]);
  if (loading) return <Card loading />;
  if (!line) return <Empty description={t('hotline.wallboard.noLines')} />;
  const gaps = [...line.gaps.filter((g) => g.rule !== 'staffed_seats'), ...(roster?.gaps.filter((g) => g.rule === 'staffed_seats') ?? [])];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Select style={{ minWidth: 240 }} value={line.id} onChange={setLineId} options={lines.map((l) => ({ value: l.id, label: `${l.number} · ${l.name}` }))} aria-label={t('hotline.roster.line')} />
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('hotline.roster.line')}>{t('hotline.roster.hours', { open: line.openTime, close: line.closeTime, h: line.hoursPerDay })}</Descriptions.Item>
          <Descriptions.Item label={t('hotline.roster.seats')}>{line.seats.map((s) => s.code).join(' · ')}</Descriptions.Item>
          <Descriptions.Item label={t('hotline.roster.counselors')}>{line.counselors.length}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={t('hotline.roster.gaps')} data-testid="roster-gaps">
        {gaps.length === 0 ? <Alert type="success" message={t('hotline.roster.noGaps')} /> : (
          <List size="small" dataSource={gaps} renderItem={(g) => <List.Item><Tag color="red">!</Tag>{gapText(t, g)}</List.Item>} />
        )}
      </Card>
      <Card size="small" title={`${t('hotline.roster.shifts')}${roster ? ` · ${roster.weekStart}` : ''}`}>
        <Table
          size="small"
          rowKey="id"
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 21 }}
          dataSource={roster?.shifts ?? []}
          columns={[
            { title: t('hotline.roster.who'), dataIndex: 'displayName', render: (v: string, r) => <>{v} {r.supervisor && <Tag color="purple">{t('hotline.roster.supervisor')}</Tag>}</> },
            { title: t('hotline.roster.from'), dataIndex: 'startsAt', render: (v: string) => new Date(v).toLocaleString() },
            { title: t('hotline.roster.to'), dataIndex: 'endsAt', render: (v: string) => new Date(v).toLocaleString() },
          ]}
        />
      </Card>
    </Space>
  );
}
