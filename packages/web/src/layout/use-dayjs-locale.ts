import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useLanguage } from '../i18n/use-language.ts';

/**
 * Keeps dayjs (antd's date library) in the interface language. Called from the signed-in shell
 * rather than at start-up: the sign-in page shows no dates, so it need not download dayjs.
 */
export function useDayjsLocale(): void {
  const [language] = useLanguage();
  dayjs.locale(language === 'zh-CN' ? 'zh-cn' : 'en');
}
