/**
 * Sends a report (POST /api/cases) with its Idempotency-Key header, which the shared API client has no
 * option for. Otherwise it behaves like lib/api: session cookie, CSRF token, UI language, ApiError.
 */
import { ApiError, withLang } from '../../../lib/api.js';
import type { Lang } from '../../../lib/i18n.js';

/** Files the report; resolves with the server's answer (the case plus `replayed` and `nearby`). */
export async function postReport<T>(body: unknown, key: string, csrf: string, lang: Lang): Promise<T> {
  let res: Response;
  try {
    res = await fetch('/api' + withLang('/cases', lang), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'accept-language': lang, 'content-type': 'application/json', 'x-csrf-token': csrf, 'idempotency-key': key },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', lang === 'en' ? 'Cannot reach the server; check the connection and retry' : '无法连接服务器，请检查网络后重试');
  }
  const text = await res.text();
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!res.ok) {
    const err = json?.error;
    throw new ApiError(res.status, err?.code ?? `HTTP_${res.status}`, err?.message ?? (lang === 'en' ? `The server answered ${res.status}` : `服务器返回错误（${res.status}）`), err?.details);
  }
  return json as T;
}
