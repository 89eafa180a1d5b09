import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Progress, Result, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { ApiError } from '../../api/api-error.ts';
import { openPublicForm, submitPublicForm } from '../../api/assessments-api.ts';
import type { Answer, PublicForm } from '../../api/assessments-api.ts';
import { api } from '../../api/client.ts';
import { LanguageSwitch } from '../../i18n/language-switch.tsx';
import { useLanguage } from '../../i18n/use-language.ts';
import { useDocumentTitle } from '../../layout/use-document-title.ts';
import './self-assessment-page.css';

type LinkProblem = 'used' | 'expired' | 'revoked' | 'invalid' | 'rateLimited' | 'network';

function problemOf(error: unknown): LinkProblem {
  if (!(error instanceof ApiError)) return 'network';
  if (error.code === 'RATE_LIMITED') return 'rateLimited';
  const reason = error.details?.reason;
  if (error.code === 'GONE' && (reason === 'used' || reason === 'expired' || reason === 'revoked')) return reason;
  if (error.code === 'NOT_FOUND') return 'invalid';
  return 'network';
}

/**
 * /s/:token — a person answers a questionnaire on their own phone through a one-time link, without an
 * account. Outside the signed-in shell; Chinese by default with a language switch; one question per
 * screen with large touch targets; the answer moves on to the next question.
 */
export default function SelfAssessmentPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const [language] = useLanguage();
  const lang = language === 'en' ? 'en' : 'zh';
  const [form, setForm] = useState<PublicForm | null>(null);
  const [answers, setAnswers] = useState<Answer[]>([]);
  const [index, setIndex] = useState(0);
  const [problem, setProblem] = useState<LinkProblem | null>(null);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [done, setDone] = useState(false);
  useDocumentTitle(form?.shortName ?? t('assessments.self.title'));

  useEffect(() => {
    let live = true;
    openPublicForm(api, token, lang)
      .then((f) => {
        if (!live) return;
        setForm(f);
        setAnswers((prev) => (prev.length === f.items.length ? prev : f.items.map(() => null)));
      })
      .catch((e: unknown) => live && setProblem(problemOf(e)));
    return () => {
      live = false;
    };
  }, [token, lang]);

  const choose = useCallback(
    (score: number) => {
      setAnswers((prev) => prev.map((a, i) => (i === index ? score : a)));
      if (form && index < form.items.length) setTimeout(() => setIndex((i) => i + 1), 180);
    },
    [form, index],
  );

  const send = async () => {
    setSending(true);
    setSubmitError(null);
    try {
      await submitPublicForm(api, token, answers, lang);
      setDone(true);
    } catch (e) {
      const p = problemOf(e);
      if (e instanceof ApiError && e.code === 'VALIDATION') {
        const m = /answers\[(\d+)\]/.exec(e.field ?? '');
        if (m) setIndex(Number(m[1]));
        setSubmitError(t('assessments.self.answerAll'));
      } else if (p === 'network') setSubmitError(t('errors.NETWORK_ERROR'));
      else setProblem(p);
    } finally {
      setSending(false);
    }
  };

  const header = (
    <header className="self-assessment__header">
      <Typography.Text strong>{form?.shortName ?? t('assessments.self.title')}</Typography.Text>
      <LanguageSwitch />
    </header>
  );

  if (done) {
    return (
      <main className="self-assessment" data-testid="self-assessment-done">
        {header}
        <Result status="success" title={t('assessments.self.thanksTitle')} subTitle={t('assessments.self.thanksText')} />
      </main>
    );
  }
  if (problem) {
    return (
      <main className="self-assessment" data-testid="self-assessment-problem">
        {header}
        <Result status={problem === 'used' ? 'info' : 'warning'} title={t(`assessments.self.problem.${problem}`)} subTitle={t('assessments.self.problemHelp')} />
      </main>
    );
  }
  if (!form) {
    return (
      <main className="self-assessment">
        {header}
        <div className="self-assessment__center">
          <Spin size="large" />
        </div>
      </main>
    );
  }

  const total = form.items.length;
  const item = form.items[index];
  const answered = answers.filter((a, i) => a !== null || form.items[i]?.optional).length;

  return (
    <main className="self-assessment" data-testid="self-assessment">
      {header}
      <Progress percent={Math.round((Math.min(index, total) / total) * 100)} showInfo={false} size="small" />
      {index === 0 && (
        <Typography.Paragraph className="self-assessment__intro">
          {form.instructions}
        </Typography.Paragraph>
      )}
      {item ? (
        <section className="self-assessment__question" aria-live="polite">
          <Typography.Text type="secondary" data-testid="self-assessment-step">
            {t('assessments.self.step', { n: index + 1, total })}
          </Typography.Text>
          <h1 className="self-assessment__text">{item.text}</h1>
          <div className="self-assessment__options" role="radiogroup" aria-label={item.text}>
            {item.options.map((o) => (
              <Button
                key={o.score}
                block
                size="large"
                role="radio"
                aria-checked={answers[index] === o.score}
                type={answers[index] === o.score ? 'primary' : 'default'}
                className="self-assessment__option"
                onClick={() => choose(o.score)}
                data-testid={`option-${o.score}`}
              >
                {o.label}
              </Button>
            ))}
          </div>
          {item.optional && (
            <Button type="link" onClick={() => setIndex((i) => i + 1)}>
              {t('assessments.self.skip')}
            </Button>
          )}
        </section>
      ) : (
        <section className="self-assessment__question" data-testid="self-assessment-review">
          <h1 className="self-assessment__text">{t('assessments.self.reviewTitle')}</h1>
          <Typography.Paragraph>{t('assessments.self.reviewText', { answered, total })}</Typography.Paragraph>
          {submitError && <Alert type="error" showIcon message={submitError} style={{ marginBottom: 12 }} />}
          <Button type="primary" size="large" block className="self-assessment__option" loading={sending} onClick={() => void send()} data-testid="self-assessment-submit">
            {t('assessments.self.submit')}
          </Button>
        </section>
      )}
      <nav className="self-assessment__nav">
        <Button size="large" disabled={index === 0} onClick={() => setIndex((i) => Math.max(0, i - 1))}>
          {t('assessments.self.back')}
        </Button>
        {item && (
          <Button size="large" disabled={answers[index] === null && !item.optional} onClick={() => setIndex((i) => i + 1)}>
            {t('assessments.self.next')}
          </Button>
        )}
      </nav>
    </main>
  );
}
