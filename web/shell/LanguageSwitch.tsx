/** 中文 / EN switch: saves to this device and, when signed in, to the account. */
import { Segmented } from 'antd';
import { useAuth } from '../lib/auth.js';
import { useI18n, type Lang } from '../lib/i18n.js';

/** The language switch. */
export function LanguageSwitch({ size = 'small' }: { size?: 'small' | 'middle' }) {
  const { lang } = useI18n();
  const { switchLang } = useAuth();
  return (
    <Segmented<Lang>
      size={size}
      value={lang}
      onChange={(v) => switchLang(v)}
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'EN', value: 'en' },
      ]}
      data-testid="lang-switch"
    />
  );
}
