import { Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useCan } from '../../auth/session-context.tsx';
import { CareVisitTab } from './care-visit-tab.tsx';
import { CounselingTab } from './counseling-tab.tsx';
import { ReferralsTab } from './referrals-tab.tsx';

/** /service — counseling, two-way referrals and care visits, each tab shown to the roles that use it. */
export default function ServicePage() {
  const { t } = useTranslation();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const tabs = [
    can('counseling.record') || can('followup.read') ? { key: 'counseling', label: t('service.tabs.counseling'), children: <CounselingTab /> } : null,
    can('referral.manage') || can('care_visit.record') ? { key: 'referrals', label: t('service.tabs.referrals'), children: <ReferralsTab /> } : null,
    can('care_visit.record') ? { key: 'care', label: t('service.tabs.careVisits'), children: <CareVisitTab /> } : null,
  ].filter((x): x is NonNullable<typeof x> => x !== null);
  const wanted = params.get('tab') ?? (params.get('id') ? 'referrals' : null);
  const active = tabs.find((x) => x.key === wanted)?.key ?? tabs[0]?.key;
  return (
    <div data-testid="service-page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('service.title')}
      </Typography.Title>
      <Tabs activeKey={active} onChange={(key) => setParams({ tab: key })} items={tabs} destroyInactiveTabPane />
    </div>
  );
}
