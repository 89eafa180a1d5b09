import { useState } from 'react';
import { Alert, Button, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-error.ts';
import { reviewConsultation } from '../../api/assessments-api.ts';
import { api } from '../../api/client.ts';

export const RECOMMENDATIONS = ['none', 'group', 'family', 'individual', 'specialist_referral', 'admission'] as const;

/** The psychiatrist's opinion and recommendation on a consultation request. */
export function ReviewForm({ consultationId, onDone }: { consultationId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const submit = async (values: { opinion: string; recommendation: string }) => {
    setSaving(true);
    setError(null);
    try {
      await reviewConsultation(api, consultationId, values);
      onDone();
    } catch (e) {
      setError(e instanceof ApiError ? e.code : 'NETWORK_ERROR');
    } finally {
      setSaving(false);
    }
  };
  return (
    <Form layout="vertical" onFinish={(v: { opinion: string; recommendation: string }) => void submit(v)} data-testid="review-form">
      <Form.Item name="recommendation" label={t('assessments.review.recommendation')} rules={[{ required: true, message: t('assessments.review.chooseRecommendation') }]}>
        <Select
          data-testid="recommendation-select"
          options={RECOMMENDATIONS.map((r) => ({ value: r, label: t(`assessments.recommendation.${r}`) }))}
        />
      </Form.Item>
      <Form.Item name="opinion" label={t('assessments.review.opinion')} rules={[{ required: true, whitespace: true, message: t('assessments.review.writeOpinion') }]}>
        <Input.TextArea rows={4} maxLength={4000} showCount data-testid="opinion-input" />
      </Form.Item>
      {error && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={t(`errors.${error}`, { defaultValue: t('errors.INTERNAL') })} />}
      <Button type="primary" htmlType="submit" loading={saving} block data-testid="review-submit">
        {t('assessments.review.submit')}
      </Button>
    </Form>
  );
}
