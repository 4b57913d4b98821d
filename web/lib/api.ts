/**
 * The API client: same-origin fetch with the session cookie, the CSRF token on every write, the UI
 * language on every request, and one error type carrying the server's translated message and details.
 */
import type { Lang } from './i18n.js';

export interface FieldProblem {
  path?: string;
  message: string;
  [k: string]: unknown;
}

/** A non-2xx answer: HTTP status, stable code, translated message, optional details. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
  /** Field problems from VALIDATION_FAILED (or any list-shaped details). */
  get problems(): FieldProblem[] {
    return Array.isArray(this.details) ? (this.details as FieldProblem[]) : [];
  }
}

const state = { csrf: '', lang: 'zh-CN' as Lang, onAuthRequired: (() => {}) as () => void };

/** Remembers the CSRF token from login / me. */
export function setCsrfToken(token: string) {
  state.csrf = token;
}
/** Sets the language sent with every request. */
export function setApiLang(lang: Lang) {
  state.lang = lang;
}
/** Registers what to do when the session has ended (401 AUTH_REQUIRED). */
export function onAuthRequired(fn: () => void) {
  state.onAuthRequired = fn;
}

/** Appends the UI language (?lang=) so server messages and downloads come in it. */
export function withLang(path: string, lang: Lang = state.lang): string {
  return path + (path.includes('?') ? '&' : '?') + 'lang=' + encodeURIComponent(lang);
}

/** Builds a query string from defined, non-empty values. */
export function qs(params: Record<string, string | number | boolean | null | undefined>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? '?' + s : '';
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** Do not treat 401 as "session ended" (the login and me calls). */
  quiet401?: boolean;
}

/** Calls the API; resolves with the parsed JSON body, rejects with ApiError. */
export async function api<T>(method: string, path: string, body?: unknown, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': state.lang };
  if (method !== 'GET' && method !== 'HEAD' && state.csrf) headers['x-csrf-token'] = state.csrf;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch('/api' + withLang(path), { method, headers, body: payload, credentials: 'same-origin', signal: opts.signal });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', state.lang === 'en' ? 'Cannot reach the server; check the connection and retry' : '无法连接服务器，请检查网络后重试');
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
    const fallback = state.lang === 'en' ? `The server answered ${res.status}` : `服务器返回错误（${res.status}）`;
    const e = new ApiError(res.status, err?.code ?? 'HTTP_' + res.status, err?.message ?? fallback, err?.details);
    if (res.status === 401 && !opts.quiet401) state.onAuthRequired();
    throw e;
  }
  return json as T;
}

/** Shorthands. */
export const get = <T>(path: string, opts?: RequestOptions) => api<T>('GET', path, undefined, opts);
export const post = <T>(path: string, body?: unknown, opts?: RequestOptions) => api<T>('POST', path, body ?? {}, opts);
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body);
export const put = <T>(path: string, body: unknown) => api<T>('PUT', path, body);
export const del = <T>(path: string) => api<T>('DELETE', path);
