import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Col, Result, Row, Segmented, Select, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/api-error.ts';
import { getAssessment, listConsents, saveDraft, startAssessment, submitAssessment } from '../../api/assessments-api.ts';
import type { Answer, ConsentList, SubmitResult } from '../../api/assessments-api.ts';
import { api } from '../../api/client.ts';
import { useDocumentTitle } from '../../layout/use-document-title.ts';
import { ConsentForm } from './consent-form.tsx';
import { ConsentsCard } from './consents-card.tsx';
import { definitionOf, instrumentChoices, localeOf, severityColor, severityLabel } from './instrument-helpers.ts';
import { IssueLinkCard } from './issue-link-card.tsx';
import { QuestionForm } from './question-form.tsx';

interface Draft {
  id: string;
  instrument: string;
  version: string;
  answers: Answer[];
}

/**
 * /assessments/administer/:personId — staff assess a person in person or by phone: consent first, then
 * the form (one item per screen on a phone, or the whole form), saved as a draft while filling in;
 * or a one-time link with a QR code for the person to answer on their own phone.
 */
export default function AdministerPage() {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  useDocumentTitle(t('assessments.administer.title'));
  const { personId = '' } = useParams();
  const [search] = useSearchParams();
  const [consents, setConsents] = useState<ConsentList | null>(null);
  const [instrument, setInstrument] = useState('phq9');
  const [mode, setMode] = useState<'in_person' | 'phone'>('in_person');
  const [layout, setLayout] = useState<'single' | 'whole'>(() => (window.matchMedia?.('(max-width: 767px)').matches ? 'single' : 'whole'));
  const [draft, setDraft] = useState<Draft | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [result, setResult] = useState<SubmitResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const saveTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const loadConsents = useCallback(() => {
    listConsents(api, personId)
      .then(setConsents)
      .catch((e: unknown) => setError(e instanceof ApiError ? e.code : 'NETWORK_ERROR'));
  }, [personId]);
  useEffect(loadConsents, [loadConsents]);

  // Resume a draft: /assessments/administer/:personId?draft=<id>
  const draftId = search.get('draft');
  useEffect(() => {
    if (!draftId) return;
    getAssessment(api, draftId)
      .then((a) => a.status === 'draft' && setDraft({ id: a.id, instrument: a.instrument, version: a.instrumentVersion, answers: a.answers }))
      .catch((e: unknown) => setError(e instanceof ApiError ? e.code : 'NETWORK_ERROR'));
  }, [draftId]);

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const created = await startAssessment(api, { personId, instrument, mode, language: locale });
      const def = definitionOf(created.instrument, created.version);
      setDraft({ id: created.id, instrument: created.instrument, version: created.version, answers: def ? def.items.map(() => null) : [] });
    } catch (e) {
      setError(e instanceof ApiError ? e.code : 'NETWORK_ERROR');
    } finally {
      setBusy(false);
    }
  };

  const change = (answers: Answer[]) => {
    if (!draft) return;
    setDraft({ ...draft, answers });
    if (saveTimer.current) clearTimeout(saveTimer.current);
    saveTimer.current = setTimeout(() => {
      saveDraft(api, draft.id, answers)
        .then((r) => setSavedAt(r.savedAt))
        .catch((e: unknown) => setError(e instanceof ApiError ? e.code : 'NETWORK_ERROR'));
    }, 600);
  };

  const submit = async () => {
    if (!draft) return;
    if (saveTimer.current) clearTimeout(saveTimer.current);
    setBusy(true);
    setError(null);
    try {
      setResult(await submitAssessment(api, draft.id, draft.answers));
    } catch (e) {
      setError(e instanceof ApiError ? e.code : 'NETWORK_ERROR');
    } finally {
      setBusy(false);
    }
  };

  const errorAlert = error && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={t(`errors.${error}`, { defaultValue: t('errors.INTERNAL') })} data-testid="administer-error" />;
  const back = <Link to={`/register/persons/${personId}`}>{t('assessments.backToPerson')}</Link>;

  if (result && draft) {
    const def = definitionOf(draft.instrument, draft.version);
    return (
      <Card size="small" data-testid="administer-result">
        <Result
          status={result.flags.some((f) => f.action === 'crisis') ? 'warning' : 'success'}
          title={t('assessments.administer.submitted')}
          subTitle={
            <Space direction="vertical">
              <span>
                {def?.shortName} {t('assessments.total')}: <strong>{result.total ?? '—'}</strong>{' '}
                <Tag color={severityColor(def, result.severity)}>{severityLabel(def, result.severity, locale)}</Tag>
              </span>
              {result.flags.map((f) => (
                <Tag key={f.ruleId} color={f.action === 'crisis' ? 'red' : 'orange'}>
                  {t(`assessments.flag.${f.flag}`)}
                </Tag>
              ))}
              {result.consultationId && <span>{t('assessments.administer.sentToConsultation')}</span>}
              {result.crisisCaseIds.length > 0 && <Alert type="error" showIcon message={t('assessments.administer.crisisOpened')} />}
            </Space>
          }
          extra={[
            <Link key="view" to={`/assessments/view/${result.id}`}>
              {t('assessments.viewResult')}
            </Link>,
            <span key="back">{back}</span>,
          ]}
        />
      </Card>
    );
  }

  if (!consents) return error ? errorAlert : <Spin />;

  const def = draft ? definitionOf(draft.instrument, draft.version) : undefined;
  const unanswered = draft ? draft.answers.filter((a) => a === null).length : 0;

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={15}>
        <Card size="small" title={t('assessments.administer.title')} extra={back} data-testid="administer">
          {errorAlert}
          {!consents.assessment.valid ? (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Alert type="warning" showIcon message={t(`assessments.consentReason.${consents.assessment.reason ?? 'none'}`)} />
              <ConsentForm personId={personId} onDone={loadConsents} />
            </Space>
          ) : !draft || !def ? (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Tag color="green">{t('assessments.consent.valid')}</Tag>
              <Select
                value={instrument}
                onChange={setInstrument}
                style={{ width: '100%' }}
                options={instrumentChoices().map((c) => ({ value: c.id, label: `${c.shortName} · ${c.title[locale]}` }))}
                data-testid="instrument-select"
              />
              <Segmented
                value={mode}
                onChange={(v) => setMode(v as 'in_person' | 'phone')}
                options={[
                  { value: 'in_person', label: t('assessments.mode.in_person') },
                  { value: 'phone', label: t('assessments.mode.phone') },
                ]}
              />
              <Button type="primary" onClick={() => void start()} loading={busy} block data-testid="start-assessment">
                {t('assessments.administer.start')}
              </Button>
            </Space>
          ) : (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
                <Typography.Text strong>{def.title[locale]}</Typography.Text>
                <Segmented
                  value={layout}
                  onChange={(v) => setLayout(v as 'single' | 'whole')}
                  options={[
                    { value: 'single', label: t('assessments.layout.single') },
                    { value: 'whole', label: t('assessments.layout.whole') },
                  ]}
                />
              </Space>
              <QuestionForm def={def} answers={draft.answers} onChange={change} layout={layout} />
              <Typography.Text type="secondary" data-testid="draft-saved">
                {savedAt ? t('assessments.administer.savedAt', { at: new Date(savedAt).toLocaleTimeString(i18n.language) }) : t('assessments.administer.draft')}
              </Typography.Text>
              {unanswered > 0 && <Alert type="info" showIcon message={t('assessments.administer.unanswered', { n: unanswered })} />}
              <Button type="primary" block onClick={() => void submit()} loading={busy} data-testid="submit-assessment">
                {t('assessments.administer.submit')}
              </Button>
            </Space>
          )}
        </Card>
      </Col>
      <Col xs={24} lg={9}>
        {consents.assessment.valid && <IssueLinkCard personId={personId} />}
        <ConsentsCard items={consents.items} onChange={loadConsents} />
      </Col>
    </Row>
  );
}
