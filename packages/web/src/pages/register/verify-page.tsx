import { useState } from 'react';
import { CheckCircleOutlined, CloseCircleOutlined, EditOutlined, HomeOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, Result, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router-dom';
import { ApiError } from '../../api/api-error.ts';
import { api } from '../../api/client.ts';
import { fetchPerson, recordVerification } from '../../api/register-api.ts';
import type { Handover, VerificationInput } from '../../api/register-api.ts';
import { PageSpinner } from '../../layout/page-spinner.tsx';
import { useDocumentTitle } from '../../layout/use-document-title.ts';
import { RegionPicker } from './region-picker.tsx';
import { ErrorNotice, RegionName, useAsync } from './register-support.tsx';

type Mode = 'menu' | 'correct' | 'move' | 'decease';

/** The server names the field at fault; the message shown is ours, in the interface language. */
function fieldMessage(t: (key: string) => string, field: string | undefined): string | undefined {
  switch (field) {
    case 'phone':
      return t('register.invalid.phone');
    case 'address':
      return t('register.invalid.address');
    case 'deceasedDate':
      return t('register.invalid.deceasedDate');
    case 'toRegionCode':
      return t('register.invalid.toRegionCode');
    default:
      return undefined;
  }
}

/** The person as the verification screen needs it; a moved-in arrival the receiving side cannot read yet comes from the inbox. */
interface Subject {
  id: string;
  name: string;
  sex: string;
  birthDate: string;
  phone: string | null;
  address: string | null;
  regionCode: string;
  verificationStatus: string;
  movedTo: string | null;
}

/**
 * /register/persons/:id/verify — the phone-first verification (核对) screen for community and grid
 * workers: big buttons for "all correct", "correct phone/address", "not found", "moved", "deceased";
 * and, for a person handed over from elsewhere, "accept" or "not here".
 */
export default function VerifyPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  useDocumentTitle(t('register.verify.pageTitle'));
  const location = useLocation();
  const fromInbox = (location.state as { handover?: Handover } | null)?.handover;
  const [state, reload] = useAsync<Subject>(async () => {
    try {
      // Checking a phone or an address needs them in full where the role allows it (audited as a verification read).
      const p = await fetchPerson(api, id, { reason: t('register.verify.auditReason') });
      return { ...p, movedTo: fromInbox?.person.id === id ? fromInbox.person.movedTo : null };
    } catch (error) {
      // The receiving side of a move may not read the record before accepting it: the inbox item says enough.
      if (error instanceof ApiError && error.status === 403 && fromInbox?.person.id === id)
        return { ...fromInbox.person, phone: null, address: null };
      throw error;
    }
  }, [id]);
  const [mode, setMode] = useState<Mode>('menu');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [correctForm] = Form.useForm<{ phone?: string; address?: string }>();

  if (state.status === 'loading') return <PageSpinner />;
  if (state.status === 'error') return <ErrorNotice code={state.code} onRetry={reload} />;
  const p = state.data;
  const answersMove = p.verificationStatus === 'moved' && fromInbox?.reason === 'moved_in';

  async function send(input: VerificationInput) {
    setBusy(true);
    setError(null);
    try {
      const result = await recordVerification(api, p.id, input);
      setDone(result.status);
    } catch (e) {
      if (e instanceof ApiError) {
        const field = e.field?.replace(/^body\./, '');
        const text = fieldMessage(t, field);
        if (field === 'phone' || field === 'address') correctForm.setFields([{ name: field, errors: [text ?? t('errors.VALIDATION')] }]);
        setError({ code: e.code, message: text ?? '' });
      } else setError({ code: 'NETWORK_ERROR', message: '' });
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <Card data-testid="verify-done">
        <Result
          status="success"
          title={t('register.verify.done', { status: t(`register.verificationStatus.${done}`) })}
          extra={
            <Space direction="vertical" style={{ width: '100%' }}>
              <Link to="/register/arrivals">
                <Button type="primary" block size="large">
                  {t('register.verify.backToInbox')}
                </Button>
              </Link>
              {!answersMove && (
                <Link to={`/register/persons/${p.id}`}>
                  <Button block size="large">
                    {t('register.verify.openRecord')}
                  </Button>
                </Link>
              )}
            </Space>
          }
        />
      </Card>
    );
  }

  const big = { size: 'large' as const, block: true, style: { height: 56, fontSize: 17 } };

  return (
    <div data-testid="verify-page" style={{ maxWidth: 560, margin: '0 auto' }}>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space direction="vertical" size={4} style={{ width: '100%' }}>
          <Space wrap>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="verify-name">
              {p.name}
            </Typography.Title>
            <Tag color="orange">{t(`register.verificationStatus.${p.verificationStatus}`)}</Tag>
          </Space>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('register.field.sexBirth')}>
              {t(`register.sex.${p.sex}`)} · {p.birthDate}
            </Descriptions.Item>
            <Descriptions.Item label={t('register.field.phone')}>{p.phone ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('register.field.address')}>{p.address ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('register.field.residence')}>
              <RegionName code={p.regionCode} />
            </Descriptions.Item>
            {p.movedTo && (
              <Descriptions.Item label={t('register.verification.movedTo')}>
                <RegionName code={p.movedTo} />
              </Descriptions.Item>
            )}
          </Descriptions>
          {fromInbox?.medicationHandover && <Alert type="error" showIcon message={t('register.arrivals.medication')} />}
        </Space>
      </Card>

      {error && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          message={t(`errors.${error.code}`, { defaultValue: t('errors.INTERNAL') })}
          description={error.message || undefined}
          data-testid="verify-error"
        />
      )}

      {answersMove ? (
        <Space direction="vertical" style={{ width: '100%' }} size={12}>
          <Typography.Paragraph>{t('register.verify.moveQuestion')}</Typography.Paragraph>
          <Button {...big} type="primary" icon={<CheckCircleOutlined />} loading={busy} onClick={() => void send({ event: 'accept_handover' })}>
            {t('register.event.accept_handover')}
          </Button>
          <Button {...big} danger icon={<CloseCircleOutlined />} loading={busy} onClick={() => void send({ event: 'reject_handover' })}>
            {t('register.event.reject_handover')}
          </Button>
        </Space>
      ) : mode === 'menu' ? (
        <Space direction="vertical" style={{ width: '100%' }} size={12}>
          <Button {...big} type="primary" icon={<CheckCircleOutlined />} loading={busy} onClick={() => void send({ event: 'confirm' })} data-testid="verify-confirm">
            {t('register.verify.confirm')}
          </Button>
          <Button {...big} icon={<EditOutlined />} onClick={() => setMode('correct')} data-testid="verify-correct">
            {t('register.verify.correct')}
          </Button>
          <Button {...big} icon={<HomeOutlined />} onClick={() => setMode('move')}>
            {t('register.verify.move')}
          </Button>
          <Button {...big} icon={<CloseCircleOutlined />} loading={busy} onClick={() => void send({ event: 'not_found' })}>
            {t('register.verify.notFound')}
          </Button>
          <Button {...big} danger icon={<StopOutlined />} onClick={() => setMode('decease')}>
            {t('register.verify.deceased')}
          </Button>
        </Space>
      ) : (
        <Card size="small">
          {mode === 'correct' && (
            <Form
              form={correctForm}
              layout="vertical"
              onFinish={(v) => void send({ event: 'correct', ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}), ...(v.address?.trim() ? { address: v.address.trim() } : {}) })}
            >
              <Typography.Paragraph type="secondary">{t('register.verify.correctHint')}</Typography.Paragraph>
              <Form.Item name="phone" label={t('register.verify.newPhone')}>
                <Input inputMode="tel" size="large" maxLength={20} />
              </Form.Item>
              <Form.Item name="address" label={t('register.verify.newAddress')}>
                <Input size="large" maxLength={200} />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={busy} {...big}>
                {t('register.save')}
              </Button>
            </Form>
          )}
          {mode === 'move' && (
            <Form layout="vertical" onFinish={(v: { to: string }) => void send({ event: 'move', toRegionCode: v.to })}>
              <Form.Item name="to" label={t('register.verify.newResidence')} rules={[{ required: true, message: t('register.form.required') }]} extra={t('register.verify.moveHint')}>
                <RegionPicker under={[`${p.regionCode.slice(0, 2)}0000000000`]} />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={busy} {...big}>
                {t('register.save')}
              </Button>
            </Form>
          )}
          {mode === 'decease' && (
            <Form layout="vertical" onFinish={(v: { date: Dayjs }) => void send({ event: 'decease', deceasedDate: v.date.format('YYYY-MM-DD') })}>
              <Form.Item name="date" label={t('register.field.deceasedDate')} rules={[{ required: true, message: t('register.form.required') }]}>
                <DatePicker size="large" style={{ width: '100%' }} inputReadOnly />
              </Form.Item>
              <Button type="primary" danger htmlType="submit" loading={busy} {...big}>
                {t('register.save')}
              </Button>
            </Form>
          )}
          <Button type="link" block onClick={() => setMode('menu')} style={{ marginTop: 8 }}>
            {t('register.verify.back')}
          </Button>
        </Card>
      )}
    </div>
  );
}
