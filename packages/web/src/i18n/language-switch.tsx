import { GlobalOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLanguage } from './use-language.ts';

/** One click toggles between the two languages; the button names the language it switches to. */
export function LanguageSwitch({ dark = false }: { dark?: boolean }) {
  const { t } = useTranslation();
  const [language, setLanguage] = useLanguage();
  const next = language === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <Button
      type="text"
      icon={<GlobalOutlined />}
      onClick={() => setLanguage(next)}
      lang={next}
      aria-label={`${t('language.switchTo')}: ${t(`language.${next}`)}`}
      style={dark ? { color: 'rgba(255,255,255,0.88)' } : undefined}
      data-testid="language-switch"
    >
      {t(`language.${next}`)}
    </Button>
  );
}
