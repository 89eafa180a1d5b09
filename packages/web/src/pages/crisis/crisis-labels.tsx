import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CrisisLevel } from '../../api/crisis-api.ts';

export const LEVEL_COLOR: Record<CrisisLevel, string> = { imminent: 'red', high: 'orange', moderate: 'gold' };

export function LevelTag({ level }: { level: CrisisLevel }) {
  const { t } = useTranslation();
  return (
    <Tag color={LEVEL_COLOR[level]} data-testid="crisis-level">
      {t(`crisis.level.${level}`)}
    </Tag>
  );
}

/** Date and time in the browser's locale (the deployment's zone in practice: Asia/Shanghai). */
export function formatTime(iso: string, lang: string): string {
  return new Date(iso).toLocaleString(lang, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}
