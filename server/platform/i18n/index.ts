/** The request's locale: the signed-in user's choice, else Accept-Language, else zh-CN. */
import type { Locale } from '../../../common/i18n/errors.js';

/** Picks zh-CN or en from an explicit choice or an Accept-Language header. */
export function pickLocale(explicit: string | undefined | null, acceptLanguage: string | undefined): Locale {
  if (explicit === 'en' || explicit === 'zh-CN') return explicit;
  if (!acceptLanguage) return 'zh-CN';
  const langs = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag, q] = part.trim().split(';q=');
      return { tag: (tag ?? '').toLowerCase(), q: q ? Number(q) : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of langs) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}
