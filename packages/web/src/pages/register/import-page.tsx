import { useCallback, useEffect, useRef, useState } from 'react';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Form, Input, Progress, Row, Space, Statistic, Typography, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { IMPORT_TEMPLATE_URL, exportPersons, getImport, importErrorsUrl, uploadImport, type ImportView } from '../../api/register-data-api.ts';
import { isApiError } from '../../api/api-error.ts';
import { useCan } from '../../auth/session-context.tsx';
import { useDocumentTitle } from '../../layout/use-document-title.ts';
import { useRegion } from '../../region/region-context.tsx';

type Phase = { kind: 'idle' } | { kind: 'uploading'; fraction: number } | { kind: 'importing'; view: ImportView } | { kind: 'finished'; view: ImportView };

function messageOf(e: unknown, fallback: string): string {
  return isApiError(e) && e.message ? e.message : fallback;
}

/** Why a whole file was refused, in the reader's language (the server's own message is kept as detail). */
function useFileErrorText(): (code: string | null | undefined) => string | undefined {
  const { t } = useTranslation();
  return (code) => {
    switch (code) {
      case 'unreadable':
        return t('registerData.fileError.unreadable');
      case 'empty':
        return t('registerData.fileError.empty');
      case 'binary':
        return t('registerData.fileError.binary');
      case 'unsupported_encoding':
        return t('registerData.fileError.unsupported_encoding');
      case 'not_xlsx':
        return t('registerData.fileError.not_xlsx');
      case 'not_fhir_bundle':
        return t('registerData.fileError.not_fhir_bundle');
      case 'bad_header':
        return t('registerData.fileError.bad_header');
      case 'row_too_long':
        return t('registerData.fileError.row_too_long');
      case 'malformed':
        return t('registerData.fileError.malformed');
      default:
        return undefined;
    }
  };
}

/** The upload card: file → upload progress → import progress (polled) → result report. */
function ImportCard() {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [error, setError] = useState<{ message: string; detail?: string } | null>(null);
  const fileErrorText = useFileErrorText();
  const stop = useRef<AbortController | null>(null);

  useEffect(() => () => stop.current?.abort(), []);

  const poll = useCallback(async (id: string, signal: AbortSignal) => {
    for (;;) {
      if (signal.aborted) return;
      try {
        const view = await getImport(api, id, signal);
        if (view.status === 'done' || view.status === 'failed') {
          setPhase({ kind: 'finished', view });
          return;
        }
        setPhase({ kind: 'importing', view });
      } catch (e) {
        if (signal.aborted) return;
        setError({ message: messageOf(e, t('registerData.import.pollFailed')) });
        return;
      }
      await new Promise((r) => setTimeout(r, 800));
    }
  }, [t]);

  const start = async (file: File): Promise<void> => {
    stop.current?.abort();
    const controller = new AbortController();
    stop.current = controller;
    setError(null);
    setPhase({ kind: 'uploading', fraction: 0 });
    try {
      const view = await uploadImport(file, (fraction) => setPhase({ kind: 'uploading', fraction }));
      setPhase({ kind: 'importing', view });
      await poll(view.id, controller.signal);
    } catch (e) {
      setPhase({ kind: 'idle' });
      const code = isApiError(e) ? e.details?.fileError : undefined;
      const translated = typeof code === 'string' ? fileErrorText(code) : undefined;
      const message = messageOf(e, t('registerData.import.uploadFailed'));
      setError(translated ? { message: translated, detail: message } : { message });
    }
  };

  const busy = phase.kind === 'uploading' || phase.kind === 'importing';
  const view = phase.kind === 'importing' || phase.kind === 'finished' ? phase.view : null;
  const percent =
    phase.kind === 'uploading'
      ? Math.round(phase.fraction * 100)
      : view
        ? view.status === 'done'
          ? 100
          : Math.min(99, Math.round((view.bytesDone / Math.max(view.fileBytes, 1)) * 100))
        : 0;

  return (
    <Card title={t('registerData.import.title')} extra={<a href={IMPORT_TEMPLATE_URL} download data-testid="template-link"><DownloadOutlined /> {t('registerData.import.template')}</a>}>
      <Typography.Paragraph type="secondary">{t('registerData.import.help')}</Typography.Paragraph>
      <Upload.Dragger
        accept=".csv,.txt,.xlsx,.json"
        multiple={false}
        showUploadList={false}
        disabled={busy}
        beforeUpload={(file) => {
          void start(file);
          return false;
        }}
        data-testid="import-upload"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('registerData.import.drop')}</p>
        <p className="ant-upload-hint">{t('registerData.import.formats')}</p>
      </Upload.Dragger>

      {error && <Alert style={{ marginTop: 16 }} type="error" showIcon message={error.message} description={error.detail} data-testid="import-error" />}

      {phase.kind !== 'idle' && (
        <div style={{ marginTop: 16 }} data-testid="import-progress">
          <Typography.Text>
            {phase.kind === 'uploading'
              ? t('registerData.import.uploading')
              : view?.status === 'failed'
                ? t('registerData.import.failed')
                : view?.status === 'done'
                  ? t('registerData.import.done', { file: view.fileName })
                  : t('registerData.import.running', { rows: view?.read ?? 0 })}
          </Typography.Text>
          <Progress percent={percent} status={view?.status === 'failed' ? 'exception' : view?.status === 'done' ? 'success' : 'active'} />
        </div>
      )}

      {view?.status === 'failed' && (
        <Alert
          type="error"
          showIcon
          message={fileErrorText(view.errorCode) ?? t('registerData.import.failed')}
          description={view.errorMessage}
          data-testid="import-file-error"
        />
      )}

      {view && view.status !== 'failed' && (
        <div data-testid="import-report">
          <Row gutter={[16, 16]} style={{ marginTop: 8 }}>
            <Col xs={12} sm={8} md={4}>
              <Statistic title={t('registerData.count.read')} value={view.read} />
            </Col>
            <Col xs={12} sm={8} md={5}>
              <Statistic title={t('registerData.count.created')} value={view.created} valueStyle={{ color: '#237804' }} />
            </Col>
            <Col xs={12} sm={8} md={5}>
              <Statistic title={t('registerData.count.updated')} value={view.updated} />
            </Col>
            <Col xs={12} sm={8} md={5}>
              <Statistic title={t('registerData.count.unchanged')} value={view.unchanged} />
            </Col>
            <Col xs={12} sm={8} md={5}>
              <Statistic title={t('registerData.count.rejected')} value={view.rejected} valueStyle={view.rejected > 0 ? { color: '#cf1322' } : undefined} />
            </Col>
          </Row>
          {phase.kind === 'finished' && view.rejected > 0 && (
            <Alert
              style={{ marginTop: 16 }}
              type="warning"
              showIcon
              message={t('registerData.import.rejectedRows', { count: view.rejected })}
              description={
                <Space direction="vertical" size={8}>
                  <span>{t('registerData.import.rejectedHelp')}</span>
                  <Button href={importErrorsUrl(view.id)} download icon={<DownloadOutlined />} data-testid="error-report-link">
                    {t('registerData.import.errorReport')}
                  </Button>
                </Space>
              }
            />
          )}
        </div>
      )}
    </Card>
  );
}

/** Export of the selected region's register to XLSX, with the reason the audit records. */
function ExportCard() {
  const { t } = useTranslation();
  const { region } = useRegion();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ type: 'success' | 'error'; text: string } | null>(null);
  const onFinish = async (values: { reason: string; q?: string }): Promise<void> => {
    setBusy(true);
    setResult(null);
    try {
      const out = await exportPersons({ reason: values.reason, ...(region ? { region: region.code } : {}), ...(values.q?.trim() ? { q: values.q.trim() } : {}) });
      const url = URL.createObjectURL(out.blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = out.fileName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setResult({ type: 'success', text: t('registerData.export.done', { count: out.rows }) });
    } catch (e) {
      setResult({ type: 'error', text: messageOf(e, t('registerData.export.failed')) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('registerData.export.title')}>
      <Typography.Paragraph type="secondary">{t('registerData.export.help', { region: region?.name ?? '' })}</Typography.Paragraph>
      <Form layout="vertical" onFinish={(v: { reason: string; q?: string }) => void onFinish(v)} requiredMark={false}>
        <Form.Item name="reason" label={t('registerData.export.reason')} rules={[{ required: true, min: 2, message: t('registerData.export.reasonRequired') }]}>
          <Input maxLength={200} placeholder={t('registerData.export.reasonPlaceholder')} />
        </Form.Item>
        <Form.Item name="q" label={t('registerData.export.namePrefix')}>
          <Input maxLength={50} />
        </Form.Item>
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={busy} icon={<DownloadOutlined />}>
            {t('registerData.export.submit')}
          </Button>
        </Space>
      </Form>
      {result && <Alert style={{ marginTop: 16 }} type={result.type} showIcon message={result.text} />}
    </Card>
  );
}

/** /register/import — upload hospital and community lists, and export the register, for the roles allowed to. */
export default function ImportPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('registerData.title'));
  const can = useCan();
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {can('person.import') && <ImportCard />}
      {can('person.export') && <ExportCard />}
      {!can('person.import') && !can('person.export') && <Alert type="info" showIcon message={t('registerData.notAllowed')} />}
    </Space>
  );
}
