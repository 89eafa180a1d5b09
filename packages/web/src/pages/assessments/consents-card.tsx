import { useState } from 'react';
import { Alert, Button, Card, Input, List, Modal, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-error.ts';
import { withdrawConsent } from '../../api/assessments-api.ts';
import type { ConsentItem } from '../../api/assessments-api.ts';
import { api } from '../../api/client.ts';

/** The person's consents; a live one can be recorded as withdrawn (which stops assessments and revokes links). */
export function ConsentsCard({ items, onChange }: { items: ConsentItem[]; onChange: () => void }) {
  const { t, i18n } = useTranslation();
  const [withdrawing, setWithdrawing] = useState<ConsentItem | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const confirm = async () => {
    if (!withdrawing) return;
    setError(null);
    try {
      await withdrawConsent(api, withdrawing.id, reason.trim() || undefined);
      setWithdrawing(null);
      setReason('');
      onChange();
    } catch (e) {
      setError(e instanceof ApiError ? e.code : 'NETWORK_ERROR');
    }
  };
  if (items.length === 0) return null;
  return (
    <Card size="small" title={t('assessments.consents.title')} style={{ marginTop: 16 }} data-testid="consents-card">
      <List
        size="small"
        dataSource={items}
        renderItem={(c) => (
          <List.Item
            key={c.id}
            actions={
              c.withdrawnAt === null
                ? [
                    <Button key="w" size="small" danger type="link" onClick={() => setWithdrawing(c)}>
                      {t('assessments.consents.withdraw')}
                    </Button>,
                  ]
                : []
            }
          >
            <div>
              <Typography.Text>{t(`assessments.consentPurpose.${c.purpose}`)}</Typography.Text>{' '}
              <Tag color={c.withdrawnAt === null ? 'green' : 'default'}>
                {c.withdrawnAt === null ? t('assessments.consents.live') : t('assessments.consents.withdrawn')}
              </Tag>
              <br />
              <Typography.Text type="secondary">
                {new Date(c.givenAt).toLocaleDateString(i18n.language)} · {t(`assessments.consentMethod.${c.method}`)} · {t(`assessments.consentGiver.${c.givenBy}`)}
                {c.guardianName ? ` (${c.guardianName})` : ''} · {c.textVersion}
              </Typography.Text>
            </div>
          </List.Item>
        )}
      />
      <Modal
        open={withdrawing !== null}
        title={t('assessments.consents.withdrawTitle')}
        onOk={() => void confirm()}
        onCancel={() => setWithdrawing(null)}
        okButtonProps={{ danger: true }}
        okText={t('assessments.consents.withdraw')}
        cancelText={t('assessments.amend.cancel')}
      >
        <Typography.Paragraph>{t('assessments.consents.withdrawHelp')}</Typography.Paragraph>
        <Input.TextArea rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('assessments.consents.reason')} aria-label={t('assessments.consents.reason')} />
        {error && <Alert type="error" showIcon style={{ marginTop: 8 }} message={t(`errors.${error}`, { defaultValue: t('errors.INTERNAL') })} />}
      </Modal>
    </Card>
  );
}
