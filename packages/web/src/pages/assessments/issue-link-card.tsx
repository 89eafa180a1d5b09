import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Input, List, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-error.ts';
import { issueLink, listOpenLinks, revokeLink } from '../../api/assessments-api.ts';
import type { IssuedLink, OpenLink } from '../../api/assessments-api.ts';
import { api } from '../../api/client.ts';
import { definitionOf, instrumentChoices, localeOf } from './instrument-helpers.ts';

/** Issues a one-time link and shows its QR code for the person to scan with their own phone. */
export function IssueLinkCard({ personId }: { personId: string }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const [instrument, setInstrument] = useState('phq9');
  const [language, setLanguage] = useState<'zh' | 'en'>('zh');
  const [hours, setHours] = useState(72);
  const [link, setLink] = useState<IssuedLink | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState<OpenLink[]>([]);
  const loadOpen = useCallback(() => {
    listOpenLinks(api, personId)
      .then((r) => setOpen(r.items))
      .catch((e: unknown) => setError(e instanceof ApiError ? e.code : 'NETWORK_ERROR'));
  }, [personId]);
  useEffect(loadOpen, [loadOpen]);
  const revoke = async (id: string) => {
    try {
      await revokeLink(api, id);
      if (link?.id === id) setLink(null);
      loadOpen();
    } catch (e) {
      setError(e instanceof ApiError ? e.code : 'NETWORK_ERROR');
    }
  };

  const issue = async () => {
    setBusy(true);
    setError(null);
    try {
      setLink(await issueLink(api, { personId, instrument, language, expiresInHours: hours }));
      loadOpen();
    } catch (e) {
      setError(e instanceof ApiError ? e.code : 'NETWORK_ERROR');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={t('assessments.link.title')} data-testid="issue-link">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('assessments.link.help')}</Typography.Text>
        <Select value={instrument} onChange={setInstrument} style={{ width: '100%' }} options={instrumentChoices().map((c) => ({ value: c.id, label: `${c.shortName} · ${c.title[locale]}` }))} />
        <Space wrap>
          <Select
            value={language}
            onChange={setLanguage}
            options={[
              { value: 'zh', label: t('assessments.link.zh') },
              { value: 'en', label: t('assessments.link.en') },
            ]}
          />
          <Select
            value={hours}
            onChange={setHours}
            options={[24, 72, 168].map((h) => ({ value: h, label: t('assessments.link.hours', { h }) }))}
          />
        </Space>
        <Button type="primary" onClick={() => void issue()} loading={busy} data-testid="issue-link-button">
          {t('assessments.link.issue')}
        </Button>
        {error && <Alert type="error" showIcon message={t(`errors.${error}`, { defaultValue: t('errors.INTERNAL') })} />}
        {link && (
          <Space direction="vertical" style={{ width: '100%', alignItems: 'center' }} data-testid="issued-link">
            {/* The SVG comes from our own server's QR encoder, built from the URL only. */}
            <div style={{ width: 220, height: 220 }} dangerouslySetInnerHTML={{ __html: link.qrSvg }} aria-label={t('assessments.link.qr')} role="img" />
            <Input readOnly value={link.url} style={{ width: '100%' }} onFocus={(e) => e.target.select()} data-testid="issued-link-url" />
            <Typography.Text type="secondary">{t('assessments.link.expires', { at: new Date(link.expiresAt).toLocaleString(i18n.language) })}</Typography.Text>
            <Typography.Text type="warning">{t('assessments.link.once')}</Typography.Text>
          </Space>
        )}
        {open.length > 0 && (
          <List
            size="small"
            header={<Typography.Text strong>{t('assessments.link.open')}</Typography.Text>}
            dataSource={open}
            data-testid="open-links"
            renderItem={(l) => (
              <List.Item
                key={l.id}
                actions={[
                  <Button key="r" size="small" type="link" danger onClick={() => void revoke(l.id)}>
                    {t('assessments.link.revoke')}
                  </Button>,
                ]}
              >
                {definitionOf(l.instrument)?.shortName ?? l.instrument} · {t('assessments.link.expires', { at: new Date(l.expiresAt).toLocaleString(i18n.language) })}
              </List.Item>
            )}
          />
        )}
      </Space>
    </Card>
  );
}
