/** Display formats for dates, times and numbers in the UI language. */
import type { Lang } from './i18n.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** 2026-11-21 14:05 (same shape in both languages: it is what Chinese offices and ISO readers both expect). */
export function dateTime(value: string | Date | null | undefined): string {
  if (!value) return '';
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return String(value);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** 14:05 */
export function timeOfDay(value: string | Date | null | undefined): string {
  if (!value) return '';
  const d = typeof value === 'string' ? new Date(value) : value;
  return Number.isNaN(d.getTime()) ? '' : `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Today's date as YYYY-MM-DD in local time. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Now as HH:MM in local time. */
export function nowTime(): string {
  const d = new Date();
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Combines a local date and HH:MM into an ISO timestamp. */
export function localIso(date: string, time: string): string {
  return new Date(`${date}T${time}:00`).toISOString();
}

/** Thousands separators in the UI language. */
export function num(n: number | null | undefined, lang: Lang): string {
  if (n === null || n === undefined) return '—';
  return n.toLocaleString(lang === 'en' ? 'en-US' : 'zh-CN');
}

/** Age in whole years from a YYYY-MM-DD birth date. */
export function ageOf(birthDate: string | null | undefined): number | null {
  if (!birthDate) return null;
  const b = new Date(birthDate + 'T00:00:00');
  if (Number.isNaN(b.getTime())) return null;
  const now = new Date();
  let age = now.getFullYear() - b.getFullYear();
  if (now.getMonth() < b.getMonth() || (now.getMonth() === b.getMonth() && now.getDate() < b.getDate())) age--;
  return age;
}
