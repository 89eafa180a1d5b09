import { useEffect, useState } from 'react';
import { Alert, Form, Modal, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { followUpTeams, type TeamRef } from '../../api/followup-api.ts';
import { listCounselors, reassignPlans, type Counselor } from '../../api/service-api.ts';
import { errorText } from './service-support.tsx';

/**
 * Hands the selected plans to another counselor and/or team, all at once. Left empty, a field keeps each plan's
 * current value; the server refuses the whole batch if one plan cannot go (outside the counselor's or team's area).
 */
export function ReassignPlansModal({ planIds, onClose, onSaved }: { planIds: string[]; onClose: () => void; onSaved: (count: number) => void }) {
  const { t } = useTranslation();
  const [counselors, setCounselors] = useState<Counselor[]>([]);
  const [teams, setTeams] = useState<TeamRef[]>([]);
  const [counselor, setCounselor] = useState<string | undefined>();
  const [team, setTeam] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    Promise.all([listCounselors(api), followUpTeams(api)])
      .then(([c, tm]) => {
        setCounselors(c.items);
        setTeams(tm.items);
      })
      .catch((e: unknown) => setError(errorText(t, e)));
  }, [t]);
  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const r = await reassignPlans(api, { planIds, ...(counselor ? { responsibleAccountId: counselor } : {}), ...(team ? { teamId: team } : {}) });
      onSaved(r.reassigned);
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('service.counseling.reassignTitle', { count: planIds.length })}
      onCancel={onClose}
      onOk={() => void save()}
      okButtonProps={{ disabled: !counselor && !team, loading: saving, ...({ 'data-testid': 'reassign-save' } as object) }}
      okText={t('service.counseling.reassign')}
      cancelText={t('service.common.cancel')}
      destroyOnClose
      data-testid="reassign-plans"
    >
      <Form layout="vertical">
        <Form.Item label={t('service.counseling.newCounselor')}>
          <Select
            showSearch
            allowClear
            optionFilterProp="label"
            value={counselor}
            onChange={(v: string | undefined) => setCounselor(v)}
            data-testid="reassign-counselor"
            options={counselors.map((c) => ({ value: c.accountId, label: `${c.displayName}（${t(`roles.${c.role}`, { defaultValue: c.role })}）` }))}
          />
        </Form.Item>
        <Form.Item label={t('service.counseling.newTeam')}>
          <Select
            showSearch
            allowClear
            optionFilterProp="label"
            value={team}
            onChange={(v: string | undefined) => setTeam(v)}
            options={teams.map((tm) => ({ value: tm.id, label: tm.name }))}
          />
        </Form.Item>
        <Typography.Text type="secondary">{t('service.counseling.reassignHint')}</Typography.Text>
      </Form>
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} data-testid="reassign-error" />}
    </Modal>
  );
}
