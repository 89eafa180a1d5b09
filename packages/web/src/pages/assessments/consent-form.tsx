import { useState } from 'react';
import { Alert, Button, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-error.ts';
import { recordConsent } from '../../api/assessments-api.ts';
import type { NewConsent } from '../../api/assessments-api.ts';
import { api } from '../../api/client.ts';

const METHODS = ['signed_paper', 'witnessed_verbal', 'electronic'] as const;
const GIVERS = ['self', 'guardian'] as const;
const RELATIONS = ['parent', 'legal_guardian', 'spouse', 'child', 'other_relative', 'other'] as const;

/** Records the informed consent for assessment: how it was given, by whom (a guardian for a child under 14). */
export function ConsentForm({ personId, onDone }: { personId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<NewConsent>();
  const givenBy = Form.useWatch('givenBy', form);
  const method = Form.useWatch('method', form);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (values: NewConsent) => {
    setSaving(true);
    setError(null);
    try {
      await recordConsent(api, personId, { ...values, purpose: 'assessment' });
      onDone();
    } catch (e) {
      if (e instanceof ApiError && e.field) {
        const name = e.field.replace(/^body\./, '') as keyof NewConsent;
        form.setFields([{ name, errors: [e.message] }]);
      }
      setError(e instanceof ApiError ? e.code : 'NETWORK_ERROR');
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form form={form} layout="vertical" initialValues={{ textVersion: 'v1.0', method: 'signed_paper', givenBy: 'self' }} onFinish={(v) => void submit(v)} data-testid="consent-form">
      <Form.Item name="textVersion" label={t('assessments.consent.textVersion')} rules={[{ required: true }]}>
        <Input maxLength={40} />
      </Form.Item>
      <Form.Item name="method" label={t('assessments.consent.method')}>
        <Select options={METHODS.map((m) => ({ value: m, label: t(`assessments.consentMethod.${m}`) }))} />
      </Form.Item>
      {method === 'witnessed_verbal' && (
        <Form.Item name="witnessName" label={t('assessments.consent.witness')} rules={[{ required: true }]}>
          <Input maxLength={50} />
        </Form.Item>
      )}
      <Form.Item name="givenBy" label={t('assessments.consent.givenBy')}>
        <Select options={GIVERS.map((g) => ({ value: g, label: t(`assessments.consentGiver.${g}`) }))} />
      </Form.Item>
      {givenBy === 'guardian' && (
        <>
          <Form.Item name="guardianName" label={t('assessments.consent.guardianName')} rules={[{ required: true }]}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="guardianRelation" label={t('assessments.consent.guardianRelation')} rules={[{ required: true }]}>
            <Select options={RELATIONS.map((r) => ({ value: r, label: t(`assessments.guardianRelation.${r}`) }))} />
          </Form.Item>
        </>
      )}
      {error && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={t(`errors.${error}`, { defaultValue: t('errors.INTERNAL') })} />}
      <Button type="primary" htmlType="submit" loading={saving} block data-testid="consent-submit">
        {t('assessments.consent.record')}
      </Button>
    </Form>
  );
}
