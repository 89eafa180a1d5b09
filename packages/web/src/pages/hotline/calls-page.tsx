import { useCallback, useEffect, useRef, useState, type CSSProperties } from 'react';
import { Alert, Button, Card, Col, Empty, List, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, Route, Routes } from 'react-router-dom';
import { AGE_BANDS, CALLER_GROUPS, CALLER_SEXES, DISPOSITIONS } from '@anxin/domain/hotline/call-record.ts';
import { PROBLEM_TAXONOMY } from '@anxin/domain/hotline/problem-taxonomy.ts';
import { assessRisk, RISK_TIMEFRAMES, SUICIDAL_THOUGHTS } from '@anxin/domain/hotline/risk-assessment.ts';
import { api } from '../../api/client.ts';
import { ApiError } from '../../api/api-error.ts';
import { hotlineApi, type CallRecord, type CallView, type HotlineLine, type RecordPatch, type RiskAnswers } from '../../api/hotline-api.ts';
import { useSignedInSession } from '../../auth/session-context.tsx';
import { categoryLabel, groupLabel, subcategoryLabel } from './hotline-labels.ts';

const h = hotlineApi(api);
const AUTOSAVE_MS = 700;
const field: CSSProperties = { width: '100%', minHeight: 36, padding: '4px 8px', fontSize: 15, border: '1px solid #d9d9d9', borderRadius: 6, background: '#fff' };
const label: CSSProperties = { display: 'block', fontWeight: 500, marginBottom: 4 };

type Editable = Pick<CallRecord, 'anonymous' | 'callerGroup' | 'ageBand' | 'sex' | 'problems' | 'risk' | 'dispositions' | 'callbackConsent' | 'callerNumber' | 'notes'>;
const NO_RISK: RiskAnswers = { thoughts: 'none', plan: false, means: false, timeframe: 'none', harmToOthers: false };
const localKey = (id: string): string => `anxin.hotline.draft.${id}`;

/** The list of records to write beside the keyboard-first record form. */
export default function CallsPage() {
  return (
    <Routes>
      <Route index element={<CallsWorkspace />} />
      <Route path=":id" element={<CallsWorkspace />} />
    </Routes>
  );
}

function CallsWorkspace() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const session = useSignedInSession();
  const [drafts, setDrafts] = useState<CallView[]>([]);
  const [lines, setLines] = useState<HotlineLine[]>([]);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const [d, l] = await Promise.all([h.drafts(), h.lines()]);
      setDrafts(d.items);
      setLines(l.items);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, []);
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), 5000);
    return () => clearInterval(timer);
  }, [load]);

  // Alt+1…9 opens the n-th record of the list: no mouse needed to pick the call just answered.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const n = Number(e.key);
      if (!Number.isInteger(n) || n < 1 || n > 9) return;
      const target = drafts[n - 1];
      if (target) {
        e.preventDefault();
        void navigate(`/hotline/calls/${target.id}`);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [drafts, navigate]);

  const mySeat = lines.flatMap((l) => l.seats.map((s) => ({ ...s, line: l.number }))).find((s) => s.occupantId === session.account.id);
  const freeSeats = lines.flatMap((l) => l.seats.filter((s) => s.active && s.occupantId === null).map((s) => ({ ...s, line: l.number })));

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={8}>
        <Card
          size="small"
          title={t('hotline.calls.drafts')}
          extra={<Button size="small" onClick={() => void load()}>{t('hotline.calls.refresh')}</Button>}
        >
          {error && <Alert type="error" message={error} style={{ marginBottom: 8 }} />}
          <div style={{ marginBottom: 8 }}>
            <Typography.Text type="secondary">{t('hotline.calls.seat')}：</Typography.Text>{' '}
            {mySeat ? (
              <Space>
                <Tag color="blue">{mySeat.line} · {mySeat.code}</Tag>
                <Button size="small" onClick={() => void h.takeSeat(mySeat.id, false).then(load)}>{t('hotline.calls.leaveSeat')}</Button>
              </Space>
            ) : (
              <Space wrap>
                <Typography.Text type="secondary">{t('hotline.calls.noSeat')}</Typography.Text>
                {freeSeats.slice(0, 6).map((s) => (
                  <Button key={s.id} size="small" data-testid={`take-seat-${s.code}`} onClick={() => void h.takeSeat(s.id, true).then(load)}>
                    {t('hotline.calls.takeSeat')} {s.code}
                  </Button>
                ))}
              </Space>
            )}
          </div>
          {drafts.length === 0 ? (
            <Empty description={t('hotline.calls.noDrafts')} />
          ) : (
            <List
              size="small"
              data-testid="hotline-drafts"
              dataSource={drafts}
              renderItem={(c, i) => (
                <List.Item style={{ background: c.id === id ? '#e6f4ff' : undefined, paddingInline: 8 }}>
                  <a href={`/hotline/calls/${c.id}`} onClick={(e) => { e.preventDefault(); void navigate(`/hotline/calls/${c.id}`); }} data-testid="hotline-draft-link">
                    {i < 9 && <Tag>Alt+{i + 1}</Tag>}
                    {new Date(c.offeredAt).toLocaleTimeString()} · {c.lineNumber}{c.seatCode ? ` · ${c.seatCode}` : ''}
                  </a>
                  <Space size={4}>
                    <Tag color={c.mine ? 'blue' : 'default'}>{c.mine ? t('hotline.calls.mine') : t('hotline.calls.unclaimed')}</Tag>
                    <Tag>{t(`hotline.status.${c.status}`)}</Tag>
                  </Space>
                </List.Item>
              )}
            />
          )}
          {lines[0] && (
            <Button
              block
              style={{ marginTop: 8 }}
              onClick={() => void h.createManualCall(lines[0]?.id ?? '').then((r) => navigate(`/hotline/calls/${r.id}`))}
            >
              {t('hotline.calls.manual')}
            </Button>
          )}
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>{t('hotline.calls.shortcuts')}</Typography.Paragraph>
        </Card>
      </Col>
      <Col xs={24} lg={16}>
        {id ? <RecordForm key={id} id={id} onFiled={() => void load()} /> : <Card><Empty description={t('hotline.calls.empty')} /></Card>}
      </Col>
    </Row>
  );
}

function pickEditable(r: CallRecord): Editable {
  return { anonymous: r.anonymous, callerGroup: r.callerGroup, ageBand: r.ageBand, sex: r.sex, problems: r.problems, risk: r.risk, dispositions: r.dispositions, callbackConsent: r.callbackConsent, callerNumber: r.callerNumber, notes: r.notes };
}

/**
 * The call record. Every change is kept in this browser at once (so a refresh or a dropped connection
 * loses nothing) and saved to the server 0.7 s after typing stops, sending only the changed fields with
 * the version it is based on.
 */
function RecordForm({ id, onFiled }: { id: string; onFiled: () => void }) {
  const { t, i18n } = useTranslation();
  const [call, setCall] = useState<CallView | null>(null);
  const [form, setForm] = useState<Editable | null>(null);
  const [state, setState] = useState<{ kind: 'idle' | 'saving' | 'saved' | 'dirty' | 'error' | 'filed'; message?: string; overwrote?: boolean }>({ kind: 'idle' });
  const [crisis, setCrisis] = useState(false);
  const dirty = useRef(new Set<keyof Editable>());
  const version = useRef(0);
  const formRef = useRef<Editable | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const firstField = useRef<HTMLInputElement>(null);

  useEffect(() => {
    let live = true;
    void h.call(id).then((c) => {
      if (!live) return;
      let editable = pickEditable(c.record);
      // Unsaved changes left in this browser (refresh, crash, lost network) come back and are saved.
      const stash = localStorage.getItem(localKey(id));
      if (stash && c.record.status === 'draft') {
        try {
          const saved = JSON.parse(stash) as { fields: Partial<Editable> };
          editable = { ...editable, ...saved.fields };
          for (const k of Object.keys(saved.fields) as (keyof Editable)[]) dirty.current.add(k);
        } catch {
          localStorage.removeItem(localKey(id));
        }
      }
      version.current = c.record.version;
      formRef.current = editable;
      setCall(c);
      setForm(editable);
      setCrisis(c.record.crisisCaseId !== null);
      setState(c.record.status === 'filed' ? { kind: 'filed' } : dirty.current.size ? { kind: 'dirty' } : { kind: 'idle' });
      if (dirty.current.size) schedule();
    });
    return () => {
      live = false;
      if (timer.current) clearTimeout(timer.current);
    };
  }, [id]);

  // The cursor starts in the form, so the counselor types at once.
  const loadedId = call?.id;
  useEffect(() => {
    if (loadedId) firstField.current?.focus();
  }, [loadedId]);

  const save = useCallback(async (file: boolean) => {
    const current = formRef.current;
    if (!current) return;
    if (timer.current) clearTimeout(timer.current);
    const fields = [...dirty.current];
    if (fields.length === 0 && !file) return;
    const patch: RecordPatch = { version: version.current };
    for (const k of fields) (patch as Record<string, unknown>)[k] = current[k];
    if (!current.callbackConsent) delete patch.callerNumber;
    if (file) patch.file = true;
    setState({ kind: 'saving' });
    try {
      const result = await h.saveRecord(id, patch);
      version.current = result.version;
      for (const k of fields) dirty.current.delete(k);
      localStorage.removeItem(localKey(id));
      if (result.crisisCaseId) setCrisis(true);
      setCall((c) => (c ? { ...c, record: { ...c.record, riskLevel: result.riskLevel, status: result.status, version: result.version } } : c));
      setState({ kind: result.status === 'filed' ? 'filed' : dirty.current.size ? 'dirty' : 'saved', overwrote: result.overwrote });
      if (result.status === 'filed') onFiled();
    } catch (e) {
      setState({ kind: 'error', message: e instanceof ApiError ? `${t(`errors.${e.code}`)} ${e.field ?? ''}` : String(e) });
    }
  }, [id, onFiled, t]);

  function schedule(): void {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(false), AUTOSAVE_MS);
  }

  function change<K extends keyof Editable>(key: K, value: Editable[K]): void {
    const next = { ...(formRef.current as Editable), [key]: value };
    formRef.current = next;
    setForm(next);
    dirty.current.add(key);
    const fields: Partial<Editable> = {};
    for (const k of dirty.current) (fields as Record<string, unknown>)[k] = next[k];
    localStorage.setItem(localKey(id), JSON.stringify({ fields }));
    setState({ kind: 'dirty' });
    schedule();
  }

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey)) return;
      if (e.key === 's' || e.key === 'S') {
        e.preventDefault();
        void save(false);
      } else if (e.key === 'Enter') {
        e.preventDefault();
        void save(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [save]);

  if (!call || !form) return <Card loading />;
  const filed = call.record.status === 'filed';
  const risk = form.risk ?? NO_RISK;
  const level = assessRisk(risk).level;
  const lang = i18n.language;
  const setRisk = (patch: Partial<RiskAnswers>) => change('risk', { ...risk, ...patch });

  return (
    <Card
      size="small"
      title={`${t('hotline.record.title')} · ${call.lineNumber}${call.seatCode ? ` · ${call.seatCode}` : ''} · ${new Date(call.offeredAt).toLocaleString()}`}
      extra={<Tag color={filed ? 'green' : 'blue'}>{filed ? t('hotline.record.filed') : t(`hotline.status.${call.status}`)}</Tag>}
    >
      <Space wrap style={{ marginBottom: 8 }}>
        {call.waitSeconds !== null && <Tag>{t('hotline.calls.waited', { s: call.waitSeconds })}</Tag>}
        {call.priorCalls > 0 && <Tag color="orange">{t('hotline.calls.repeat', { n: call.priorCalls })}</Tag>}
      </Space>
      {crisis && <Alert type="error" showIcon message={t('hotline.record.crisis')} style={{ marginBottom: 8 }} data-testid="hotline-crisis" />}
      <fieldset disabled={filed} style={{ border: 0, padding: 0, margin: 0 }} data-testid="hotline-record-form">
        <Row gutter={[12, 12]}>
          <Col xs={24}>
            <label>
              <input ref={firstField} type="checkbox" checked={form.anonymous} onChange={(e) => change('anonymous', e.target.checked)} data-testid="rec-anonymous" /> {t('hotline.record.anonymous')}
            </label>
          </Col>
          <Col xs={24} md={8}>
            <label style={label} htmlFor="rec-group">{t('hotline.record.callerGroup')}</label>
            <select id="rec-group" style={field} value={form.callerGroup ?? ''} onChange={(e) => change('callerGroup', e.target.value || null)} data-testid="rec-group">
              <option value="">{t('hotline.record.choose')}</option>
              {CALLER_GROUPS.map((g) => <option key={g} value={g}>{groupLabel(g, lang, t('hotline.record.generalPublic'))}</option>)}
            </select>
          </Col>
          <Col xs={12} md={8}>
            <label style={label} htmlFor="rec-age">{t('hotline.record.ageBand')}</label>
            <select id="rec-age" style={field} value={form.ageBand ?? ''} onChange={(e) => change('ageBand', e.target.value || null)} data-testid="rec-age">
              <option value="">{t('hotline.record.choose')}</option>
              {AGE_BANDS.map((a) => <option key={a} value={a}>{t(`hotline.ageBand.${a}`)}</option>)}
            </select>
          </Col>
          <Col xs={12} md={8}>
            <label style={label} htmlFor="rec-sex">{t('hotline.record.sex')}</label>
            <select id="rec-sex" style={field} value={form.sex ?? ''} onChange={(e) => change('sex', e.target.value || null)} data-testid="rec-sex">
              <option value="">{t('hotline.record.choose')}</option>
              {CALLER_SEXES.map((s) => <option key={s} value={s}>{t(`hotline.sex.${s}`)}</option>)}
            </select>
          </Col>
          <Col xs={24}>
            <span style={label}>{t('hotline.record.problems')}</span>
            {form.problems.map((p, i) => {
              const top = PROBLEM_TAXONOMY.find((c) => c.code === p.category);
              return (
                <Row gutter={8} key={i} style={{ marginBottom: 6 }}>
                  <Col xs={10}>
                    <select aria-label={t('hotline.record.category')} style={field} value={p.category} data-testid={`rec-category-${i}`}
                      onChange={(e) => change('problems', form.problems.map((x, j) => (j === i ? { category: e.target.value, subcategory: null } : x)))}>
                      {PROBLEM_TAXONOMY.map((c) => <option key={c.code} value={c.code}>{categoryLabel(c.code, lang)}</option>)}
                    </select>
                  </Col>
                  <Col xs={10}>
                    <select aria-label={t('hotline.record.subcategory')} style={field} value={p.subcategory ?? ''} data-testid={`rec-subcategory-${i}`}
                      onChange={(e) => change('problems', form.problems.map((x, j) => (j === i ? { ...x, subcategory: e.target.value || null } : x)))}>
                      <option value="">{t('hotline.record.choose')}</option>
                      {(top?.subcategories as readonly { code: string }[] | undefined)?.map((s) => <option key={s.code} value={s.code}>{subcategoryLabel(p.category, s.code, lang)}</option>)}
                    </select>
                  </Col>
                  <Col xs={4}>
                    <Button onClick={() => change('problems', form.problems.filter((_, j) => j !== i))}>{t('hotline.record.removeProblem')}</Button>
                  </Col>
                </Row>
              );
            })}
            {form.problems.length < 5 && (
              <Button data-testid="rec-add-problem" onClick={() => change('problems', [...form.problems, { category: 'emotion', subcategory: null }])}>
                + {t('hotline.record.addProblem')}
              </Button>
            )}
          </Col>
          <Col xs={24}>
            <span style={label}>{t('hotline.record.risk')} <Tag color={level === 'imminent' || level === 'high' ? 'red' : level === 'moderate' ? 'orange' : 'default'} data-testid="rec-risk-level">{t('hotline.record.riskLevel', { level: t(`hotline.risk.${level}`) })}</Tag></span>
            <Row gutter={[8, 8]}>
              <Col xs={24} md={12}>
                <select aria-label={t('hotline.record.thoughts')} style={field} value={risk.thoughts} data-testid="rec-thoughts" onChange={(e) => setRisk({ thoughts: e.target.value as RiskAnswers['thoughts'] })}>
                  {SUICIDAL_THOUGHTS.map((x) => <option key={x} value={x}>{t(`hotline.thoughts.${x}`)}</option>)}
                </select>
              </Col>
              <Col xs={24} md={12}>
                <select aria-label={t('hotline.record.timeframe')} style={field} value={risk.timeframe} data-testid="rec-timeframe" onChange={(e) => setRisk({ timeframe: e.target.value as RiskAnswers['timeframe'] })}>
                  {RISK_TIMEFRAMES.map((x) => <option key={x} value={x}>{t('hotline.record.timeframe')}：{t(`hotline.timeframe.${x}`)}</option>)}
                </select>
              </Col>
              <Col xs={24}>
                <Space wrap>
                  <label><input type="checkbox" checked={risk.plan} onChange={(e) => setRisk({ plan: e.target.checked })} data-testid="rec-plan" /> {t('hotline.record.plan')}</label>
                  <label><input type="checkbox" checked={risk.means} onChange={(e) => setRisk({ means: e.target.checked })} data-testid="rec-means" /> {t('hotline.record.means')}</label>
                  <label><input type="checkbox" checked={risk.harmToOthers ?? false} onChange={(e) => setRisk({ harmToOthers: e.target.checked })} /> {t('hotline.record.harmToOthers')}</label>
                </Space>
              </Col>
            </Row>
          </Col>
          <Col xs={24}>
            <span style={label}>{t('hotline.record.dispositions')}</span>
            <Space wrap>
              {DISPOSITIONS.map((d) => (
                <label key={d}>
                  <input type="checkbox" checked={form.dispositions.includes(d)} data-testid={`rec-disposition-${d}`}
                    onChange={(e) => change('dispositions', e.target.checked ? [...form.dispositions, d] : form.dispositions.filter((x) => x !== d))} /> {t(`hotline.disposition.${d}`)}
                </label>
              ))}
            </Space>
          </Col>
          <Col xs={24}>
            <label><input type="checkbox" checked={form.callbackConsent} onChange={(e) => change('callbackConsent', e.target.checked)} /> {t('hotline.record.callbackConsent')}</label>
            {form.callbackConsent && (
              <input aria-label={t('hotline.record.callerNumber')} placeholder={t('hotline.record.callerNumber')} style={{ ...field, marginTop: 6 }} inputMode="tel" value={form.callerNumber ?? ''} onChange={(e) => change('callerNumber', e.target.value)} />
            )}
          </Col>
          <Col xs={24}>
            <label style={label} htmlFor="rec-notes">{t('hotline.record.notes')}</label>
            <textarea id="rec-notes" style={{ ...field, minHeight: 120 }} value={form.notes ?? ''} onChange={(e) => change('notes', e.target.value)} data-testid="rec-notes" />
          </Col>
        </Row>
      </fieldset>
      <Space wrap style={{ marginTop: 12 }}>
        <Button onClick={() => void save(false)} disabled={filed}>{t('hotline.record.save')} (Ctrl+S)</Button>
        <Button type="primary" onClick={() => void save(true)} disabled={filed} data-testid="rec-file">{t('hotline.record.file')} (Ctrl+Enter)</Button>
        <Typography.Text type={state.kind === 'error' ? 'danger' : 'secondary'} data-testid="rec-state">
          {state.kind === 'saving' && t('hotline.record.saving')}
          {state.kind === 'saved' && t('hotline.record.saved', { version: version.current })}
          {state.kind === 'dirty' && t('hotline.record.unsaved')}
          {state.kind === 'filed' && t('hotline.record.filed')}
          {state.kind === 'error' && t('hotline.record.saveFailed', { message: state.message ?? '' })}
          {state.overwrote && ` · ${t('hotline.record.overwrote')}`}
        </Typography.Text>
      </Space>
    </Card>
  );
}

