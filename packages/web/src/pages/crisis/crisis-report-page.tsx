import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Form, Input, Radio, Result, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { crisisApi, type CrisisLevel, type ReportInput } from '../../api/crisis-api.ts';
import { useCan } from '../../auth/session-context.tsx';
import { useDocumentTitle } from '../../layout/use-document-title.ts';
import { useRegion } from '../../region/region-context.tsx';
import { RegionPicker } from '../register/region-picker.tsx';
import { ErrorNotice, RegionName, errorCode } from '../register/register-support.tsx';
import { OBSERVED_CODES } from './crisis-codes.ts';

const LEVELS: CrisisLevel[] = ['imminent', 'high', 'moderate'];

interface Values {
  urgency: CrisisLevel;
  observed: string[];
  address?: string;
  subject?: string;
  description?: string;
  regionCode?: string;
  source?: 'field_report' | 'hospital' | 'police';
}

/** /crisis/report — the phone-first quick report: what was seen, how urgent, where. */
export default function CrisisReportPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('crisis.report.title'));
  const { region } = useRegion();
  const can = useCan();
  const [params] = useSearchParams();
  const personId = params.get('personId') ?? undefined;
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ caseId: string } | null>(null);

  async function submit(v: Values) {
    setSaving(true);
    setError(null);
    try {
      const body: ReportInput = { urgency: v.urgency, observed: v.observed };
      if (personId) body.personId = personId;
      else {
        const where = v.regionCode ?? region?.code;
        if (where) body.regionCode = where;
        if (v.address?.trim()) body.address = v.address.trim();
        if (v.subject?.trim()) body.subject = v.subject.trim();
      }
      if (v.description?.trim()) body.description = v.description.trim();
      if (v.source && v.source !== 'field_report') body.source = v.source;
      const r = await crisisApi.report(api, body);
      setDone({ caseId: r.caseId });
      form.resetFields();
    } catch (e) {
      setError(errorCode(e));
    } finally {
      setSaving(false);
    }
  }

  if (done) {
    return (
      <Card size="small" data-testid="crisis-report-done">
        <Result
          status="success"
          title={t('crisis.report.done')}
          extra={
            <Space wrap>
              <Button type="primary" onClick={() => setDone(null)} data-testid="crisis-report-again">
                {t('crisis.report.again')}
              </Button>
              {can('crisis.read') && <Link to={`/crisis/cases/${done.caseId}`}>{t('crisis.case.title')}</Link>}
            </Space>
          }
        />
      </Card>
    );
  }

  return (
    <Card size="small" title={t('crisis.report.title')} data-testid="crisis-report">
      <Typography.Paragraph type="secondary">{t('crisis.report.hint')}</Typography.Paragraph>
      {error && <ErrorNotice code={error} />}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ urgency: 'high', observed: [] }} requiredMark={false}>
        <Form.Item name="urgency" label={t('crisis.report.urgency')} rules={[{ required: true }]}>
          <Radio.Group optionType="button" buttonStyle="solid" size="large" data-testid="crisis-urgency">
            {LEVELS.map((l) => (
              <Radio.Button key={l} value={l} data-testid={`urgency-${l}`}>
                {t(`crisis.level.${l}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="observed" label={t('crisis.report.observed')} rules={[{ required: true, type: 'array', min: 1, message: t('crisis.report.needObserved') }]}>
          <Checkbox.Group style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))', gap: 8 }}>
            {OBSERVED_CODES.map((o) => (
              <Checkbox key={o} value={o} data-testid={`observed-${o}`} style={{ marginInlineStart: 0 }}>
                {t(`crisis.observed.${o}`)}
              </Checkbox>
            ))}
          </Checkbox.Group>
        </Form.Item>
        {personId ? (
          <Alert type="info" showIcon message={t('crisis.report.person')} description={<Link to={`/register/persons/${personId}`}>{t('crisis.case.openPerson')}</Link>} style={{ marginBottom: 16 }} />
        ) : (
          <>
            <Form.Item name="address" label={t('crisis.report.where')} rules={[{ max: 300 }]}>
              <Input size="large" data-testid="crisis-address" autoComplete="off" />
            </Form.Item>
            <Form.Item
              name="subject"
              label={t('crisis.report.who')}
              dependencies={['address']}
              rules={[
                { max: 200 },
                ({ getFieldValue }) => ({
                  validator: async (_r, value: string | undefined) => {
                    const address = getFieldValue('address') as string | undefined;
                    if (!value?.trim() && !address?.trim()) throw new Error(t('crisis.report.needWhere'));
                  },
                }),
              ]}
            >
              <Input size="large" data-testid="crisis-subject" autoComplete="off" />
            </Form.Item>
            <Form.Item name="regionCode" label={t('crisis.report.region')} extra={region && <RegionName code={region.code} />}>
              <RegionPicker />
            </Form.Item>
          </>
        )}
        <Form.Item name="description" label={t('crisis.report.description')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={3} data-testid="crisis-description" />
        </Form.Item>
        {can('crisis.manage') && (
          <Form.Item name="source" label={t('crisis.report.source')}>
            <Select
              allowClear
              options={(['field_report', 'hospital', 'police'] as const).map((s) => ({ value: s, label: t(`crisis.source.${s}`) }))}
            />
          </Form.Item>
        )}
        <Button type="primary" danger htmlType="submit" size="large" block loading={saving} data-testid="crisis-report-submit">
          {t('crisis.report.submit')}
        </Button>
      </Form>
    </Card>
  );
}
