import { useEffect } from 'react';
import type { ReactNode } from 'react';
import { ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { theme } from '../theme/theme.ts';
import { useLanguage } from './use-language.ts';

/** Keeps Ant Design and the document's lang attribute in the interface language (dayjs: see useDayjsLocale). */
export function LocaleProvider({ children }: { children: ReactNode }) {
  const [language] = useLanguage();
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  return (
    <ConfigProvider locale={language === 'zh-CN' ? zhCN : enUS} theme={theme}>
      {children}
    </ConfigProvider>
  );
}
