import { useState } from 'react';
import { Alert, Button, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api/api-error.ts';
import { api } from '../../api/client.ts';
import { registerPerson } from '../../api/register-api.ts';
import { CATEGORY_CODES, categoryLabel } from './labels.ts';
import { RegionPicker } from './region-picker.tsx';

interface Values {
  name: string;
  nationalId?: string;
  sex?: 'male' | 'female';
  birthDate?: Dayjs;
  phone?: string;
  address?: string;
  residenceRegionCode?: string;
  category?: string;
}

const FORM_FIELDS = ['name', 'nationalId', 'sex', 'birthDate', 'phone', 'address', 'residenceRegionCode'] as const;

/** Our own words for what the server found wrong with a field. */
function invalidText(t: (key: string) => string, field: (typeof FORM_FIELDS)[number]): string {
  switch (field) {
    case 'name':
      return t('register.invalid.name');
    case 'nationalId':
      return t('register.invalid.nationalId');
    case 'sex':
      return t('register.invalid.sex');
    case 'birthDate':
      return t('register.invalid.birthDate');
    case 'phone':
      return t('register.invalid.phone');
    case 'address':
      return t('register.invalid.address');
    case 'residenceRegionCode':
      return t('register.invalid.residence');
  }
}

/** The "new person" form: the server validates (ID check digit, dates, region) and names the field at fault. */
export function NewPersonForm({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<{ code: string; existingId?: string } | null>(null);

  async function submit(values: Values) {
    setSaving(true);
    setProblem(null);
    try {
      const { id } = await registerPerson(api, {
        name: values.name,
        ...(values.nationalId ? { nationalId: values.nationalId } : {}),
        ...(values.sex ? { sex: values.sex } : {}),
        ...(values.birthDate ? { birthDate: values.birthDate.format('YYYY-MM-DD') } : {}),
        ...(values.phone ? { phone: values.phone } : {}),
        ...(values.address ? { address: values.address } : {}),
        residenceRegionCode: values.residenceRegionCode ?? '',
        ...(values.category ? { categories: [{ category: values.category, source: 'community' }] } : {}),
      });
      form.resetFields();
      onCreated(id);
    } catch (error) {
      if (error instanceof ApiError) {
        // Every field the server found wrong (details.errors), else the one it named.
        const listed = Array.isArray(error.details?.errors) ? (error.details.errors as Array<{ field?: unknown; code?: unknown }>) : [];
        const problems = (listed.length > 0 ? listed : [{ field: error.field, code: error.code }]).flatMap((p) => {
          const field = typeof p.field === 'string' ? p.field.replace(/^body\./, '').replace(/\[.*$/, '') : '';
          const known = FORM_FIELDS.find((f) => f === field);
          return known ? [{ field: known, code: typeof p.code === 'string' ? p.code : '' }] : [];
        });
        const existingId = typeof error.details?.personId === 'string' ? error.details.personId : undefined;
        form.setFields(
          problems.map((p) => ({
            name: p.field,
            errors: [error.code === 'ALREADY_EXISTS' ? t('register.form.duplicateId') : p.code === 'required' ? t('register.form.requiredOrId') : invalidText(t, p.field)],
          })),
        );
        setProblem({ code: error.code, ...(existingId ? { existingId } : {}) });
      } else setProblem({ code: 'NETWORK_ERROR' });
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal open={open} title={t('register.form.title')} onCancel={onClose} footer={null} destroyOnHidden width={560}>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid="new-person-form" requiredMark>
        <Form.Item name="name" label={t('register.field.name')} rules={[{ required: true, whitespace: true, message: t('register.form.required') }]}>
          <Input maxLength={50} autoComplete="off" />
        </Form.Item>
        <Form.Item name="nationalId" label={t('register.field.nationalId')} extra={t('register.form.nationalIdHint')}>
          <Input maxLength={18} autoComplete="off" inputMode="text" />
        </Form.Item>
        <Form.Item name="sex" label={t('register.field.sex')}>
          <Select allowClear options={[{ value: 'male', label: t('register.sex.male') }, { value: 'female', label: t('register.sex.female') }]} />
        </Form.Item>
        <Form.Item name="birthDate" label={t('register.field.birthDate')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="phone" label={t('register.field.phone')}>
          <Input maxLength={20} inputMode="tel" autoComplete="off" />
        </Form.Item>
        <Form.Item name="address" label={t('register.field.address')}>
          <Input maxLength={200} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="residenceRegionCode"
          label={t('register.field.residence')}
          rules={[{ required: true, message: t('register.form.required') }]}
          extra={t('register.form.residenceHint')}
        >
          <RegionPicker />
        </Form.Item>
        <Form.Item name="category" label={t('register.field.category')}>
          <Select allowClear options={CATEGORY_CODES.map((c) => ({ value: c, label: categoryLabel(c, i18n.language) }))} />
        </Form.Item>
        {problem && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            message={t(`errors.${problem.code}`, { defaultValue: t('errors.INTERNAL') })}
            description={
              problem.existingId ? (
                <Link to={`/register/persons/${problem.existingId}`}>{t('register.form.openExisting')}</Link>
              ) : undefined
            }
          />
        )}
        <Typography.Paragraph type="secondary">{t('register.form.privacy')}</Typography.Paragraph>
        <Button type="primary" htmlType="submit" loading={saving} block>
          {t('register.form.submit')}
        </Button>
      </Form>
    </Modal>
  );
}
