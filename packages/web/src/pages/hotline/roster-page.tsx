import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Empty, List, Select, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { ApiError } from '../../api/api-error.ts';
import { hotlineApi, type CoverageGap, type HotlineLine, type Roster } from '../../api/hotline-api.ts';
import { useCan } from '../../auth/session-context.tsx';
import { useLines } from './use-lines.ts';

export function gapText(t: (k: string, o?: Record<string, unknown>) => string, g: CoverageGap): string {
  return t(`hotline.gap.${g.rule}`, g as unknown as Record<string, unknown>);
}

/** The line's set-up, this week's roster and every coverage gap. */
export default function RosterPage() {
  const { t } = useTranslation();
  const { lines, line, setLineId, loading } = useLines();
  const can = useCan();
  const [roster, setRoster] = useState<Roster | null>(null);
  const reload = useCallback(() => {
    if (line) void hotlineApi(api).roster(line.id).then(setRoster);
  }, [line]);
  useEffect(reload, [reload]);
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
            ...(can('hotline.manage')
              ? [{ title: '', key: 'rm', render: (_: unknown, r: Roster['shifts'][number]) => <Button size="small" danger onClick={() => void hotlineApi(api).removeShift(line.id, r.id).then(reload)}>{t('hotline.roster.remove')}</Button> }]
              : []),
          ]}
        />
      </Card>
      {can('hotline.manage') && <AddShift line={line} onAdded={reload} />}
    </Space>
  );
}

const input = { minHeight: 32, padding: '2px 8px', border: '1px solid #d9d9d9', borderRadius: 6 } as const;

/** Adds a shift (supervisors with hotline.manage). Native inputs: quick with the keyboard, fine on phones. */
function AddShift({ line, onAdded }: { line: HotlineLine; onAdded: () => void }) {
  const { t } = useTranslation();
  const [accountId, setAccountId] = useState(line.counselors[0]?.accountId ?? '');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [supervisor, setSupervisor] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const add = async () => {
    setError(null);
    try {
      await hotlineApi(api).addShift(line.id, { accountId, startsAt: new Date(start).toISOString().replace('Z', '+00:00'), endsAt: new Date(end).toISOString().replace('Z', '+00:00'), supervisor });
      onAdded();
    } catch (e) {
      setError(e instanceof ApiError ? `${t(`errors.${e.code}`)}: ${e.message}` : String(e));
    }
  };
  return (
    <Card size="small" title={t('hotline.roster.add')}>
      <Space wrap>
        <select style={input} value={accountId} onChange={(e) => setAccountId(e.target.value)} aria-label={t('hotline.roster.who')}>
          {line.counselors.map((c) => <option key={c.accountId} value={c.accountId}>{c.displayName}</option>)}
        </select>
        <input style={input} type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} aria-label={t('hotline.roster.from')} />
        <input style={input} type="datetime-local" value={end} onChange={(e) => setEnd(e.target.value)} aria-label={t('hotline.roster.to')} />
        <label><input type="checkbox" checked={supervisor} onChange={(e) => setSupervisor(e.target.checked)} /> {t('hotline.roster.supervisor')}</label>
        <Button type="primary" disabled={!accountId || !start || !end} onClick={() => void add()}>{t('hotline.roster.add')}</Button>
      </Space>
      {error && <Alert type="error" message={error} style={{ marginTop: 8 }} />}
    </Card>
  );
}
