import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Divider, Input, Radio, Select, Space, Spin, Switch, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import {
  ADHERENCE,
  COUNSELING_STATUSES,
  DEATH_CAUSES,
  FOLLOW_UP_MODES,
  GUIDANCE,
  INFORMANTS,
  SIDE_EFFECTS,
  UNREACHED_REASONS,
} from '@anxin/domain/followup/follow-up-codes.ts';
import {
  INSIGHT_STATES,
  SMD_CLASSIFICATIONS,
  SOCIAL_FUNCTION_STATES,
  SYMPTOM_STATES,
  classifySmd,
  lessSevere,
  proposeNextFollowUp,
} from '@anxin/domain/followup/follow-up-policy.ts';
import type { InsightState, LatestSeverity, SmdClassification, SmdRiskLevel, SocialFunctionState, SymptomState } from '@anxin/domain/followup/follow-up-policy.ts';
import { api } from '../../api/client.ts';
import { getTask, recordFollowUp } from '../../api/followup-api.ts';
import type { RecordBody, TaskDetail } from '../../api/followup-api.ts';
import { errorText } from '../service/service-support.tsx';

const RISKS: readonly SmdRiskLevel[] = [0, 1, 2, 3, 4, 5];
const SEVERITIES = new Set(['none', 'minimal', 'mild', 'moderate', 'moderately_severe', 'severe']);

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: 6 }}>
      <Typography.Text strong>{label}</Typography.Text>
      {children}
    </div>
  );
}

/**
 * The follow-up record form, phone-first: one column, big choices. The 2018 spec's classification and the policy's
 * next date are computed here as you type, by the same domain functions the server uses; the server decides.
 */
export function RecordFollowUpPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { taskId = '' } = useParams();
  const [task, setTask] = useState<TaskDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const [visitedOn, setVisitedOn] = useState('');
  const [mode, setMode] = useState<string>('home_visit');
  const [reached, setReached] = useState(true);
  const [unreachedReason, setUnreachedReason] = useState<string | undefined>();
  const [informant, setInformant] = useState<string>('patient');
  const [moved, setMoved] = useState(false);
  const [deceased, setDeceased] = useState(false);
  const [deathDate, setDeathDate] = useState('');
  const [deathCause, setDeathCause] = useState<string>('unknown');
  const [risk, setRisk] = useState<SmdRiskLevel>(0);
  const [symptoms, setSymptoms] = useState<SymptomState>('none');
  const [insight, setInsight] = useState<InsightState>('complete');
  const [social, setSocial] = useState<SocialFunctionState>('good');
  const [adverse, setAdverse] = useState(false);
  const [physical, setPhysical] = useState(false);
  const [classification, setClassification] = useState<SmdClassification | undefined>();
  const [takes, setTakes] = useState(false);
  const [adherence, setAdherence] = useState<string | undefined>();
  const [sideEffects, setSideEffects] = useState<string>('none');
  const [counseling, setCounseling] = useState<string | undefined>();
  const [guidance, setGuidance] = useState<string[]>([]);
  const [notes, setNotes] = useState('');
  const [nextDate, setNextDate] = useState<string | null>(null);
  const [nextReason, setNextReason] = useState('');

  useEffect(() => {
    getTask(api, taskId)
      .then((d) => {
        setTask(d);
        setVisitedOn(d.today);
      })
      .catch((e: unknown) => setError(errorText(t, e)));
  }, [taskId, t]);

  const isSmd = task?.program === 'severe_mental_disorder';
  const derived = useMemo(
    () => classifySmd({ riskLevel: risk, symptoms, insight, socialFunction: social, severeAdverseReaction: adverse, seriousPhysicalIllness: physical }),
    [risk, symptoms, insight, social, adverse, physical],
  );
  const effectiveClass = isSmd && reached ? (classification && !lessSevere(classification, derived) ? classification : derived) : null;
  const proposal = useMemo(() => {
    if (!task || deceased || !/^\d{4}-\d{2}-\d{2}$/.test(visitedOn)) return null;
    return proposeNextFollowUp({
      program: task.program,
      from: visitedOn,
      reached,
      classification: effectiveClass,
      previousClassification: task.previousClassification,
      riskLevel: risk,
      latestSeverity: task.latestSeverity && SEVERITIES.has(task.latestSeverity) ? (task.latestSeverity as LatestSeverity) : null,
      crisisFlag: task.crisisFlag,
    });
  }, [task, deceased, visitedOn, reached, effectiveClass, risk]);
  const chosenNext = nextDate ?? proposal?.dueDate ?? '';
  const changedNext = proposal !== null && chosenNext !== proposal.dueDate;

  if (error && !task) return <Alert type="error" message={error} showIcon />;
  if (!task) return <Spin />;

  const submit = () => {
    const body: RecordBody = {
      visitedOn,
      mode,
      reached,
      ...(reached ? { informant } : { unreachedReason }),
      moved,
      ...(deceased ? { deceased: { date: deathDate || visitedOn, cause: deathCause } } : {}),
      ...(counseling ? { counselingStatus: counseling } : {}),
      ...(reached && !deceased ? { medication: { takes, ...(takes ? { adherence, sideEffects } : {}) } } : {}),
      ...(isSmd && reached && !deceased
        ? { smd: { riskLevel: risk, symptoms, insight, socialFunction: social, severeAdverseReaction: adverse, seriousPhysicalIllness: physical, ...(classification ? { classification } : {}) } }
        : {}),
      ...(!isSmd && reached ? { riskLevel: risk } : {}),
      guidance,
      ...(notes.trim() ? { notes: notes.trim() } : {}),
      ...(changedNext && !deceased ? { nextDate: chosenNext, nextDateReason: nextReason } : {}),
    };
    setSaving(true);
    setError(null);
    recordFollowUp(api, task.id, body)
      .then((r) => {
        void message.success(r.next ? t('followup.form.saved', { date: r.next.dueDate }) : t('followup.form.savedNoNext'));
        void navigate('/followup');
      })
      .catch((e: unknown) => setError(errorText(t, e)))
      .finally(() => setSaving(false));
  };

  const radio = (values: readonly string[], value: string | undefined, onChange: (v: string) => void, label: (v: string) => string, testId?: string) => (
    <Radio.Group value={value} onChange={(e) => onChange(e.target.value as string)} optionType="button" buttonStyle="solid" data-testid={testId}>
      <Space wrap size={[6, 6]}>
        {values.map((v) => (
          <Radio.Button key={v} value={v} data-testid={testId ? `${testId}-${v}` : undefined}>
            {label(v)}
          </Radio.Button>
        ))}
      </Space>
    </Radio.Group>
  );

  return (
    <Space direction="vertical" size={12} style={{ width: '100%', maxWidth: 720 }} data-testid="record-form">
      <Button type="link" style={{ padding: 0 }} onClick={() => void navigate('/followup')}>
        ← {t('followup.back')}
      </Button>
      <Card size="small">
        <Space direction="vertical" size={2}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {task.personName}
          </Typography.Title>
          <Space wrap size={4}>
            <Tag>{t(`followup.program.${task.program}`)}</Tag>
            <Typography.Text type="secondary">{t('followup.dueOn', { date: task.dueDate })}</Typography.Text>
          </Space>
        </Space>
      </Card>
      {!task.canRecord && <Alert type="info" message={t('followup.form.readOnly')} />}
      <Card size="small" title={t('followup.form.visit')}>
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <Field label={t('followup.form.visitedOn')}>
            <Input type="date" size="large" value={visitedOn} max={task.today} onChange={(e) => setVisitedOn(e.target.value)} data-testid="visited-on" />
          </Field>
          <Field label={t('followup.form.mode')}>{radio(FOLLOW_UP_MODES, mode, setMode, (v) => t(`followup.mode.${v}`), 'mode')}</Field>
          <Field label={t('followup.form.reached')}>
            <Switch checked={reached} onChange={setReached} checkedChildren={t('followup.form.yes')} unCheckedChildren={t('followup.form.no')} data-testid="reached" />
          </Field>
          {reached ? (
            <Field label={t('followup.form.informant')}>{radio(INFORMANTS, informant, setInformant, (v) => t(`followup.informant.${v}`))}</Field>
          ) : (
            <Field label={t('followup.form.unreachedReason')}>
              <Select size="large" style={{ minWidth: 220 }} value={unreachedReason} onChange={setUnreachedReason} options={UNREACHED_REASONS.map((v) => ({ value: v, label: t(`followup.unreached.${v}`) }))} />
            </Field>
          )}
          <Space wrap>
            <Checkbox checked={moved} onChange={(e) => setMoved(e.target.checked)}>
              {t('followup.form.moved')}
            </Checkbox>
            <Checkbox checked={deceased} onChange={(e) => setDeceased(e.target.checked)}>
              {t('followup.form.deceased')}
            </Checkbox>
          </Space>
          {deceased && (
            <Space wrap>
              <Input type="date" value={deathDate} max={task.today} onChange={(e) => setDeathDate(e.target.value)} aria-label={t('followup.form.deathDate')} />
              <Select style={{ minWidth: 160 }} value={deathCause} onChange={setDeathCause} options={DEATH_CAUSES.map((v) => ({ value: v, label: t(`followup.deathCause.${v}`) }))} />
            </Space>
          )}
        </Space>
      </Card>
      {reached && !deceased && (
        <Card size="small" title={isSmd ? t('followup.form.smdFindings') : t('followup.form.risk')}>
          <Space direction="vertical" size={12} style={{ width: '100%' }}>
            <Field label={t('followup.form.riskLevel')}>
              <Radio.Group value={risk} onChange={(e) => setRisk(e.target.value as SmdRiskLevel)} optionType="button" buttonStyle="solid" data-testid="risk">
                {RISKS.map((r) => (
                  <Radio.Button key={r} value={r} data-testid={`risk-${r}`}>
                    {r}
                  </Radio.Button>
                ))}
              </Radio.Group>
              <Typography.Text type="secondary">{t(`followup.risk.${risk}`)}</Typography.Text>
            </Field>
            {isSmd && (
              <>
                <Field label={t('followup.form.symptoms')}>{radio(SYMPTOM_STATES, symptoms, (v) => setSymptoms(v as SymptomState), (v) => t(`followup.symptoms.${v}`))}</Field>
                <Field label={t('followup.form.insight')}>{radio(INSIGHT_STATES, insight, (v) => setInsight(v as InsightState), (v) => t(`followup.insight.${v}`))}</Field>
                <Field label={t('followup.form.socialFunction')}>{radio(SOCIAL_FUNCTION_STATES, social, (v) => setSocial(v as SocialFunctionState), (v) => t(`followup.socialFunction.${v}`))}</Field>
                <Space wrap>
                  <Checkbox checked={adverse} onChange={(e) => setAdverse(e.target.checked)}>
                    {t('followup.form.severeAdverseReaction')}
                  </Checkbox>
                  <Checkbox checked={physical} onChange={(e) => setPhysical(e.target.checked)}>
                    {t('followup.form.seriousPhysicalIllness')}
                  </Checkbox>
                </Space>
                <Field label={t('followup.form.classification')}>
                  <Space wrap>
                    <Tag color={derived === 'unstable' ? 'red' : derived === 'basically_stable' ? 'orange' : 'green'} data-testid="derived-class">
                      {t(`followup.classification.${derived}`)}
                    </Tag>
                    <Select<SmdClassification>
                      allowClear
                      placeholder={t('followup.form.classificationOverride')}
                      value={classification}
                      onChange={setClassification}
                      style={{ minWidth: 160 }}
                      options={SMD_CLASSIFICATIONS.filter((c) => !lessSevere(c, derived)).map((c) => ({ value: c, label: t(`followup.classification.${c}`) }))}
                    />
                  </Space>
                </Field>
              </>
            )}
          </Space>
        </Card>
      )}
      {reached && !deceased && (
        <Card size="small" title={t('followup.form.treatment')}>
          <Space direction="vertical" size={12} style={{ width: '100%' }}>
            <Field label={t('followup.form.takesMedication')}>
              <Switch checked={takes} onChange={setTakes} checkedChildren={t('followup.form.yes')} unCheckedChildren={t('followup.form.no')} />
            </Field>
            {takes && (
              <>
                <Field label={t('followup.form.adherence')}>{radio(ADHERENCE, adherence, setAdherence, (v) => t(`followup.adherence.${v}`))}</Field>
                <Field label={t('followup.form.sideEffects')}>{radio(SIDE_EFFECTS, sideEffects, setSideEffects, (v) => t(`followup.sideEffects.${v}`))}</Field>
              </>
            )}
            <Field label={t('followup.form.counseling')}>
              <Select allowClear size="large" style={{ minWidth: 220 }} value={counseling} onChange={setCounseling} options={COUNSELING_STATUSES.map((v) => ({ value: v, label: t(`followup.counseling.${v}`) }))} />
            </Field>
            <Field label={t('followup.form.guidance')}>
              <Checkbox.Group value={guidance} onChange={(v) => setGuidance(v)} options={GUIDANCE.map((g) => ({ value: g, label: t(`followup.guidance.${g}`) }))} />
            </Field>
          </Space>
        </Card>
      )}
      <Card size="small" title={t('followup.form.notesAndNext')}>
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <Input.TextArea rows={3} maxLength={2000} value={notes} onChange={(e) => setNotes(e.target.value)} placeholder={t('followup.form.notesPlaceholder')} />
          {proposal && (
            <>
              <Divider style={{ margin: 0 }} />
              <Field label={t('followup.form.nextDate')}>
                <Input type="date" size="large" min={task.today} value={chosenNext} onChange={(e) => setNextDate(e.target.value)} data-testid="next-date" />
                <Typography.Text type="secondary" data-testid="proposal">
                  {t('followup.form.proposed', { date: proposal.dueDate })} · {t(`followup.rule.${proposal.rule}`)}
                  {proposal.referUrgently ? ` · ${t('followup.form.referUrgently')}` : ''}
                  {proposal.involvePolice ? ` · ${t('followup.form.involvePolice')}` : ''}
                </Typography.Text>
              </Field>
              {changedNext && (
                <Field label={t('followup.form.nextDateReason')}>
                  <Input value={nextReason} maxLength={500} onChange={(e) => setNextReason(e.target.value)} />
                </Field>
              )}
            </>
          )}
        </Space>
      </Card>
      {error && <Alert type="error" message={error} showIcon data-testid="record-error" />}
      <Button type="primary" size="large" block loading={saving} disabled={!task.canRecord} onClick={submit} data-testid="submit-record">
        {t('followup.form.submit')}
      </Button>
    </Space>
  );
}
