import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Badge, Button, Card, Checkbox, Empty, List, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { PROGRAMS } from '@anxin/domain/followup/follow-up-policy.ts';
import { api } from '../../api/client.ts';
import { followUpCounts, followUpTeams, listWorklist, reassign } from '../../api/followup-api.ts';
import type { CountRow, Program, Scope, TeamRef, When, WorklistItem } from '../../api/followup-api.ts';
import { useCan } from '../../auth/session-context.tsx';
import { useRegion } from '../../region/region-context.tsx';
import { errorText } from '../service/service-support.tsx';
import { RemindersList } from './reminders-list.tsx';

const WHENS: readonly When[] = ['today', 'week', 'overdue', 'open'];
const STATUS_COLOR = { scheduled: 'default', due: 'blue', overdue: 'red' } as const;

function TaskCard({ item, selectable, selected, onSelect }: { item: WorklistItem; selectable: boolean; selected: boolean; onSelect: (on: boolean) => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <List.Item data-testid="followup-task" style={{ padding: 0, border: 'none', marginBottom: 8 }}>
      <Card size="small" style={{ width: '100%' }} styles={{ body: { padding: 12 } }}>
        <Space direction="vertical" size={4} style={{ width: '100%' }}>
          <Space wrap size={6} style={{ justifyContent: 'space-between', width: '100%' }}>
            <Space size={6} wrap>
              {selectable && <Checkbox checked={selected} onChange={(e) => onSelect(e.target.checked)} aria-label={t('followup.select')} />}
              <Typography.Text strong style={{ fontSize: 16 }}>
                {item.personName}
              </Typography.Text>
              <Typography.Text type="secondary">
                {t(`followup.sex.${item.sex}`)} · {t('followup.age', { age: item.age })}
              </Typography.Text>
            </Space>
            <Tag color={STATUS_COLOR[item.timeStatus]}>{t(`followup.timeStatus.${item.timeStatus}`)}</Tag>
          </Space>
          <Space wrap size={4}>
            <Tag>{t(`followup.program.${item.program}`)}</Tag>
            {item.withSpecialist && <Tag color="purple">{t('followup.withSpecialist')}</Tag>}
          </Space>
          <Typography.Text type="secondary">
            {t('followup.dueOn', { date: item.dueDate })} · {t('followup.window', { from: item.windowStart, to: item.windowEnd })}
          </Typography.Text>
          <Typography.Text type="secondary">
            {item.regionName ?? item.regionCode}
            {item.workerName ? ` · ${item.workerName}` : ` · ${t('followup.unassigned')}`}
          </Typography.Text>
          <Button type="primary" block size="large" onClick={() => void navigate(`/followup/tasks/${item.id}`)} data-testid="record-button">
            {t('followup.record')}
          </Button>
        </Space>
      </Card>
    </List.Item>
  );
}

/** Counts by status for each region one level below the selected region. */
function RegionCounts({ region }: { region: string | undefined }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<CountRow[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    followUpCounts(api, region)
      .then((r) => setRows(r.rows))
      .catch((e: unknown) => setError(errorText(t, e)));
  }, [region, t]);
  if (error) return <Alert type="error" message={error} />;
  return (
    <Table<CountRow>
      size="small"
      rowKey="code"
      pagination={false}
      scroll={{ x: true }}
      dataSource={rows}
      data-testid="followup-counts"
      columns={[
        { title: t('followup.counts.region'), dataIndex: 'name' },
        { title: t('followup.timeStatus.scheduled'), dataIndex: 'scheduled' },
        { title: t('followup.timeStatus.due'), dataIndex: 'due' },
        { title: t('followup.timeStatus.overdue'), dataIndex: 'overdue', render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n) },
        { title: t('followup.counts.done30'), dataIndex: 'done' },
        { title: t('followup.counts.unreachable30'), dataIndex: 'unreachable' },
      ]}
    />
  );
}

/** Worklists, phone-first: one column of cards, a big "record" button on each, "load more" for the next page. */
export function WorklistPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const { region } = useRegion();
  const mayAssign = can('followup.assign');
  const [view, setView] = useState<'list' | 'counts' | 'reminders'>('list');
  const [when, setWhen] = useState<When>('today');
  const [scope, setScope] = useState<Scope>(mayAssign ? 'region' : 'mine');
  const [teamId, setTeamId] = useState<string | undefined>();
  const [program, setProgram] = useState<Program | undefined>();
  const [teams, setTeams] = useState<TeamRef[]>([]);
  const [items, setItems] = useState<WorklistItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [target, setTarget] = useState<{ teamId?: string; workerId?: string }>({});

  useEffect(() => {
    followUpTeams(api)
      .then((r) => {
        setTeams(r.items);
        setTeamId((current) => current ?? r.items.find((x) => x.mine)?.id ?? r.items[0]?.id);
      })
      .catch(() => setTeams([]));
  }, []);

  const query = useMemo(
    () => ({ scope, when, program, teamId: scope === 'team' ? teamId : undefined, region: scope === 'region' ? region?.code : undefined }),
    [scope, when, program, teamId, region],
  );
  const load = useCallback(
    (after?: string) => {
      if (query.scope === 'team' && !query.teamId) return;
      setLoading(true);
      setError(null);
      listWorklist(api, { ...query, cursor: after, limit: 20 })
        .then((r) => {
          setItems((prev) => (after ? [...prev, ...r.items] : r.items));
          setCursor(r.nextCursor);
        })
        .catch((e: unknown) => setError(errorText(t, e)))
        .finally(() => setLoading(false));
    },
    [query, t],
  );
  useEffect(() => {
    setSelected(new Set());
    load();
  }, [load]);

  const targetTeam = teams.find((x) => x.id === target.teamId);
  const doReassign = () => {
    if (!target.teamId) return;
    const enrolmentIds = items.filter((i) => selected.has(i.id)).map((i) => i.enrolmentId);
    reassign(api, { enrolmentIds, teamId: target.teamId, workerId: target.workerId })
      .then((r) => {
        void message.success(t('followup.reassigned', { count: r.reassigned }));
        setSelected(new Set());
        load();
      })
      .catch((e: unknown) => void message.error(errorText(t, e)));
  };

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('followup.title')}
        </Typography.Title>
        <Segmented
          value={view}
          onChange={(v) => setView(v as 'list' | 'counts' | 'reminders')}
          options={[
            { value: 'list', label: t('followup.views.list') },
            { value: 'reminders', label: t('followup.views.reminders') },
            { value: 'counts', label: t('followup.views.counts') },
          ]}
        />
      </Space>
      {view === 'counts' ? (
        <RegionCounts region={region?.code} />
      ) : view === 'reminders' ? (
        <RemindersList />
      ) : (
        <>
          <Segmented
            block
            size="large"
            value={when}
            onChange={(v) => setWhen(v as When)}
            options={WHENS.map((w) => ({ value: w, label: <span data-testid={`when-${w}`}>{t(`followup.when.${w}`)}</span> }))}
          />
          <Space wrap style={{ width: '100%' }}>
            <Select<Scope>
              value={scope}
              onChange={setScope}
              style={{ minWidth: 120 }}
              options={(['mine', 'team', 'region'] as const).map((s) => ({ value: s, label: t(`followup.scope.${s}`) }))}
              data-testid="scope-select"
            />
            {scope === 'team' && (
              <Select value={teamId} onChange={setTeamId} style={{ minWidth: 180 }} options={teams.map((x) => ({ value: x.id, label: x.name }))} placeholder={t('followup.pickTeam')} />
            )}
            <Select<Program>
              allowClear
              value={program}
              onChange={(v) => setProgram(v)}
              placeholder={t('followup.allPrograms')}
              style={{ minWidth: 160 }}
              options={PROGRAMS.map((p) => ({ value: p, label: t(`followup.program.${p}`) }))}
            />
            {scope === 'region' && region && <Badge color="blue" text={region.name} />}
          </Space>
          {error && <Alert type="error" message={error} showIcon />}
          {mayAssign && selected.size > 0 && (
            <Card size="small" data-testid="reassign-bar">
              <Space wrap>
                <Typography.Text>{t('followup.selectedCount', { count: selected.size })}</Typography.Text>
                <Select
                  style={{ minWidth: 180 }}
                  placeholder={t('followup.pickTeam')}
                  value={target.teamId}
                  onChange={(v: string) => setTarget({ teamId: v })}
                  options={teams.map((x) => ({ value: x.id, label: x.name }))}
                />
                <Select
                  allowClear
                  style={{ minWidth: 140 }}
                  placeholder={t('followup.autoWorker')}
                  value={target.workerId}
                  onChange={(v: string | undefined) => setTarget((s) => ({ ...s, workerId: v }))}
                  options={(targetTeam?.members ?? []).map((m) => ({ value: m.accountId, label: m.displayName }))}
                />
                <Button type="primary" disabled={!target.teamId} onClick={doReassign}>
                  {t('followup.reassign')}
                </Button>
              </Space>
            </Card>
          )}
          <List<WorklistItem>
            loading={loading && items.length === 0}
            dataSource={items}
            locale={{ emptyText: <Empty description={t('followup.empty')} /> }}
            renderItem={(item) => (
              <TaskCard
                item={item}
                selectable={mayAssign}
                selected={selected.has(item.id)}
                onSelect={(on) =>
                  setSelected((prev) => {
                    const next = new Set(prev);
                    if (on) next.add(item.id);
                    else next.delete(item.id);
                    return next;
                  })
                }
              />
            )}
          />
          {cursor && (
            <Button block loading={loading} onClick={() => load(cursor)}>
              {t('followup.loadMore')}
            </Button>
          )}
        </>
      )}
    </Space>
  );
}
