/** Rates as percentages with their fraction, and the period presets of the dashboard (China time). */
import { chinaDayOf, dayNumber, isoDayOf } from '../../../common/working-days.js';
import type { Rate } from '../../../common/contracts/case-stats.js';

/** "93.72%" (two decimals, half up on the exact fraction), or "—" for 0 ÷ 0. */
export function percent(r: Rate): string {
  if (r.den === 0) return '—';
  const hundredths = Math.round((r.num * 10000) / r.den);
  return `${(hundredths / 100).toFixed(2)}%`;
}

/** "911/972". */
export function fraction(r: Rate): string {
  return `${r.num}/${r.den}`;
}

export type PeriodPreset = 'month' | 'lastMonth' | 'year' | 'custom';

/** The first and last day of a preset period, as of `now` (China time). */
export function presetRange(preset: Exclude<PeriodPreset, 'custom'>, now: Date = new Date()): { from: string; to: string } {
  const today = chinaDayOf(now);
  if (preset === 'month') return { from: today.slice(0, 8) + '01', to: today };
  if (preset === 'year') return { from: today.slice(0, 5) + '01-01', to: today };
  const lastDay = isoDayOf(dayNumber(today.slice(0, 8) + '01')! - 1);
  return { from: lastDay.slice(0, 8) + '01', to: lastDay };
}

/** Sort order for rates: the value, with "—" last. */
export function rateOrder(a: Rate, b: Rate): number {
  if (a.value === null) return b.value === null ? 0 : -1;
  if (b.value === null) return 1;
  return a.value - b.value;
}
