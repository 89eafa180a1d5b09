import { useState } from 'react';
import { Alert, Button, Card, Input, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/api-error.ts';
import { amendAssessment } from '../../api/assessments-api.ts';
import type { Answer, Assessment } from '../../api/assessments-api.ts';
import { api } from '../../api/client.ts';
import { definitionOf } from './instrument-helpers.ts';
import { QuestionForm } from './question-form.tsx';

/**
 * Corrects a submitted assessment: the corrected answers and the reason make a new version; the original
 * stays as it was and links to it.
 */
export function AmendCard({ assessment }: { assessment: Assessment }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [answers, setAnswers] = useState<Answer[]>(assessment.answers);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const def = definitionOf(assessment.instrument, assessment.instrumentVersion);
  if (!def) return null;
  if (!open) {
    return (
      <Button onClick={() => setOpen(true)} data-testid="amend-open">
        {t('assessments.amend.open')}
      </Button>
    );
  }
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const done = await amendAssessment(api, assessment.id, answers, reason);
      void navigate(`/assessments/view/${done.id}`);
    } catch (e) {
      setError(e instanceof ApiError ? e.code : 'NETWORK_ERROR');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('assessments.amend.title')} data-testid="amend-card">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Alert type="info" showIcon message={t('assessments.amend.help')} />
        <QuestionForm def={def} answers={answers} onChange={setAnswers} layout="whole" />
        <Input.TextArea rows={2} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('assessments.amend.reason')} aria-label={t('assessments.amend.reason')} />
        {error && <Alert type="error" showIcon message={t(`errors.${error}`, { defaultValue: t('errors.INTERNAL') })} />}
        <Space>
          <Button type="primary" disabled={reason.trim().length < 2} loading={busy} onClick={() => void save()} data-testid="amend-save">
            {t('assessments.amend.save')}
          </Button>
          <Button onClick={() => setOpen(false)}>{t('assessments.amend.cancel')}</Button>
        </Space>
      </Space>
    </Card>
  );
}
