/** Entry: language and session providers, Ant Design theme and locale, the router. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { I18nProvider, useI18n } from './lib/i18n.js';
import { AuthProvider } from './lib/auth.js';
import { router } from './router.js';

const CJK = "'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei'";
const LATIN = "'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', 'Liberation Sans'";
/** Chinese pages use the system CJK font throughout; English pages use a Latin font first (CJK fonts set
 * Latin punctuation such as quotes full-width) and fall back to CJK for Chinese names. */
const FONTS = {
  'zh-CN': `-apple-system, BlinkMacSystemFont, ${CJK}, ${LATIN}, sans-serif`,
  en: `-apple-system, BlinkMacSystemFont, ${LATIN}, ${CJK}, sans-serif`,
};

/** Ant Design configured for the current language. */
function Themed() {
  const { lang } = useI18n();
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#1f5fbf', fontFamily: FONTS[lang], borderRadius: 6 } }}>
      <AntApp>
        <AuthProvider>
          <RouterProvider router={router} />
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}

document.documentElement.lang = localStorage.getItem('gongzhi.lang') === 'en' ? 'en' : 'zh-CN';
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <Themed />
    </I18nProvider>
  </StrictMode>,
);
