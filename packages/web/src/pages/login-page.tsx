import { useState } from 'react';
import type { FormEvent } from 'react';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Input } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { ErrorCode } from '@anxin/domain/errors/error-code.ts';
import { ApiError, ClientErrorCode } from '../api/api-error.ts';
import { retryDelay } from '../auth/retry-delay.ts';
import { safeNextPath } from '../auth/safe-next-path.ts';
import { useSession } from '../auth/session-context.tsx';
import { BrandMark } from '../brand/brand-mark.tsx';
import { LanguageSwitch } from '../i18n/language-switch.tsx';
import { PageSpinner } from '../layout/page-spinner.tsx';
import { useDocumentTitle } from '../layout/use-document-title.ts';
import './login-page.css';

/** What to tell the user about a failed sign-in, in the current language. */
function signInErrorText(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return t('errors.INTERNAL');
  switch (error.code) {
    case ErrorCode.INVALID_CREDENTIALS:
      return t('login.invalidCredentials');
    case ErrorCode.ACCOUNT_LOCKED:
    case ErrorCode.RATE_LIMITED: {
      const delay = retryDelay(error.details);
      if (!delay) return t('login.lockedNoRetry');
      const duration = delay.unit === 'seconds' ? t('duration.seconds', { n: delay.n }) : t('duration.minutes', { n: delay.n });
      return t('login.lockedWithRetry', { duration });
    }
    case ClientErrorCode.NETWORK_ERROR:
      return t('login.networkError');
    default:
      return t(`errors.${error.code}`);
  }
}

type Field = 'username' | 'password';

/**
 * Sign-in. A plain form rather than antd's Form: two required fields do not need its validation
 * engine, and leaving it out keeps this first page inside its download budget.
 */
export default function LoginPage() {
  const { t } = useTranslation();
  const { state, signIn } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<ReadonlySet<Field>>(new Set());
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  useDocumentTitle(t('login.pageTitle'));

  const next = safeNextPath(params.get('next'));
  const expired = params.has('expired');
  if (state.status === 'loading') return <PageSpinner fullPage />;
  if (state.status === 'signed-in' && !submitting) return <Navigate to={next} replace />;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const name = username.trim();
    const blank = new Set<Field>();
    if (!name) blank.add('username');
    if (!password) blank.add('password');
    setMissing(blank);
    if (blank.size > 0) return;
    setSubmitting(true);
    setFailure(null);
    try {
      await signIn(name, password);
      void navigate(next, { replace: true });
    } catch (error) {
      setFailure(error);
      setPassword('');
    } finally {
      setSubmitting(false);
    }
  };

  const fieldError = (field: Field, text: string) =>
    missing.has(field) ? (
      <div id={`login-${field}-error`} className="login-field-error" role="alert">
        {text}
      </div>
    ) : null;

  return (
    <div className="login-page">
      <div className="login-topbar">
        <LanguageSwitch dark />
      </div>
      <main className="login-main">
        <section className="login-brand" aria-labelledby="login-brand-name">
          <BrandMark size={56} inverted />
          <h1 id="login-brand-name" className="login-brand-name">
            {t('app.name')}
          </h1>
          <p className="login-brand-tagline">{t('app.tagline')}</p>
        </section>
        <section className="login-card" aria-labelledby="login-title">
          <h2 id="login-title" className="login-title">
            {t('login.title')}
          </h2>
          <p className="login-subtitle">{t('login.subtitle')}</p>
          {expired && failure === null && (
            <Alert type="warning" showIcon message={t('login.sessionEnded')} className="login-alert" />
          )}
          {failure !== null && (
            <Alert
              type="error"
              showIcon
              message={signInErrorText(t, failure)}
              role="alert"
              data-testid="login-error"
              className="login-alert"
            />
          )}
          <form onSubmit={(event) => void submit(event)} noValidate aria-busy={submitting}>
            <div className="login-field">
              <label htmlFor="login-username" className="login-label">
                {t('login.username')}
              </label>
              <Input
                id="login-username"
                name="username"
                size="large"
                prefix={<UserOutlined className="login-input-icon" />}
                autoComplete="username"
                autoCapitalize="off"
                spellCheck={false}
                value={username}
                onChange={(e) => setUsername(e.target.value)}
                status={missing.has('username') ? 'error' : undefined}
                aria-invalid={missing.has('username')}
                aria-describedby={missing.has('username') ? 'login-username-error' : undefined}
              />
              {fieldError('username', t('login.usernameRequired'))}
            </div>
            <div className="login-field">
              <label htmlFor="login-password" className="login-label">
                {t('login.password')}
              </label>
              <Input.Password
                id="login-password"
                name="password"
                size="large"
                prefix={<LockOutlined className="login-input-icon" />}
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                status={missing.has('password') ? 'error' : undefined}
                aria-invalid={missing.has('password')}
                aria-describedby={missing.has('password') ? 'login-password-error' : undefined}
              />
              {fieldError('password', t('login.passwordRequired'))}
            </div>
            <Button type="primary" htmlType="submit" size="large" block loading={submitting} className="login-submit">
              {submitting ? t('login.submitting') : t('login.submit')}
            </Button>
          </form>
          <p className="login-help">{t('login.forgotPassword')}</p>
        </section>
      </main>
      <footer className="login-footer">{t('login.authorizedOnly')}</footer>
    </div>
  );
}
