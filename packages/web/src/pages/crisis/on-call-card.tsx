import { useState } from 'react';
import { Button, Card, List, Select, Space, Typography, message } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { onCallApi } from '../../api/crisis-api.ts';
import { useCan, useSignedInSession } from '../../auth/session-context.tsx';
import { useRegion } from '../../region/region-context.tsx';
import { ErrorNotice, RegionName, errorCode, useAsync } from '../register/register-support.tsx';
import { formatTime } from './crisis-labels.tsx';

/** The crisis team's on-call roster; new cases notify whoever is on call. A team member can sign up for a shift. */
export function OnCallCard() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const session = useSignedInSession();
  const { region } = useRegion();
  const [state, reload] = useAsync(() => onCallApi.list(api), []);
  const [hours, setHours] = useState(12);
  const [saving, setSaving] = useState(false);

  async function takeShift() {
    if (!region) return;
    setSaving(true);
    try {
      const start = new Date();
      await onCallApi.add(api, { regionCode: region.code, accountId: session.account.id, startsAt: start.toISOString(), endsAt: new Date(start.getTime() + hours * 3_600_000).toISOString() });
      reload();
    } catch (e) {
      void message.error(t(`errors.${errorCode(e)}`));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card size="small" title={t('crisis.onCall.title')} data-testid="crisis-on-call">
      {state.status === 'error' && <ErrorNotice code={state.code} onRetry={reload} />}
      <List
        size="small"
        loading={state.status === 'loading'}
        dataSource={state.status === 'ready' ? state.data.items : []}
        locale={{ emptyText: t('crisis.onCall.none') }}
        renderItem={(s) => (
          <List.Item key={s.id}>
            <Space wrap size={4}>
              <Typography.Text strong>{s.accountName}</Typography.Text>
              <Typography.Text type="secondary">
                <RegionName code={s.regionCode} />
              </Typography.Text>
              <span>
                {formatTime(s.startsAt, i18n.language)} – {formatTime(s.endsAt, i18n.language)}
              </span>
            </Space>
          </List.Item>
        )}
      />
      {can('crisis.manage') && region && (
        <Space wrap style={{ marginTop: 8 }}>
          <Select value={hours} onChange={setHours} options={[8, 12, 24].map((h) => ({ value: h, label: t('crisis.onCall.hours', { count: h }) }))} />
          <Button onClick={() => void takeShift()} loading={saving} data-testid="take-shift">
            {t('crisis.onCall.take')}
          </Button>
        </Space>
      )}
    </Card>
  );
}
