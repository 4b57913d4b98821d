/** Interface language: zh-CN (default) or en, chosen per device (localStorage) and per account (server). */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Locale } from '../../common/i18n/errors.js';

export type Lang = Locale;
/** A UI string in both languages, kept side by side so neither can be forgotten. */
export interface Msg {
  zh: string;
  en: string;
}

const STORAGE_KEY = 'gongzhi.lang';

/** The language stored on this device, else the browser's preference (Chinese unless it asks for English). */
export function initialLang(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'zh-CN' || stored === 'en') return stored;
  } catch {
    /* storage blocked: fall through */
  }
  const nav = typeof navigator !== 'undefined' ? navigator.language?.toLowerCase() ?? '' : '';
  return nav.startsWith('en') ? 'en' : 'zh-CN';
}

/** Fills {placeholders} in a string. */
export function fill(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** Defines a group of messages (typed helper; returns its argument). */
export function defineMessages<T extends Record<string, Msg>>(m: T): T {
  return m;
}

interface I18nValue {
  lang: Lang;
  setLang(lang: Lang): void;
  /** Translates a message into the current language, filling placeholders. */
  t(m: Msg, params?: Record<string, string | number>): string;
  /** Picks the Chinese or English one of two names (e.g. nameZh / nameEn). */
  pick(zh: string | null | undefined, en: string | null | undefined): string;
}

const I18nContext = createContext<I18nValue | null>(null);

/** Provides the language; `onChange` lets the auth layer persist the choice to the account. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      /* ignore */
    }
    document.documentElement.lang = next;
  }, []);
  const value = useMemo<I18nValue>(
    () => ({
      lang,
      setLang,
      t: (m, params) => fill(lang === 'en' ? m.en : m.zh, params),
      pick: (zh, en) => (lang === 'en' ? en || zh || '' : zh || en || ''),
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The current language and translation helpers. */
export function useI18n(): I18nValue {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
