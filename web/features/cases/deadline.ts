/**
 * The countdown of a case's current stage clock, as a pure function of its instants and "now": which colour
 * (green, early warning, yellow card, red card) and how long is left or how long it is overdue.
 */
import type { Lang } from '../../lib/i18n.js';
import type { Card } from './types.js';

export type DeadlineLevel = 'ok' | 'warning' | 'yellow' | 'red';

export interface DeadlineInput {
  card?: Card | null;
  warnAt?: string | null;
  yellowAt: string | null;
  redAt: string | null;
}

export interface DeadlineState {
  level: DeadlineLevel;
  /** What the countdown runs to: the yellow limit first, then the red one; null when past red. */
  next: 'yellow' | 'red' | null;
  /** Milliseconds to `next`, or (when past red) how long ago red was reached. */
  ms: number;
  /** Past the red limit. */
  overdue: boolean;
}

/** The server warns at 70 % of the yellow limit (case-clock.ts WARNING_RATIO). */
const WARNING_RATIO = 0.7;

/**
 * The early-warning instant. The case page has it (`clock.warnAt`); lists only have yellow and red: with
 * the default limits (red = twice yellow) the yellow limit lasts as long as red − yellow, so the warning
 * falls 30 % of that span before yellow.
 */
export function warnInstant(d: DeadlineInput): number | null {
  if (d.warnAt) return Date.parse(d.warnAt);
  if (!d.yellowAt || !d.redAt) return null;
  const y = Date.parse(d.yellowAt);
  const r = Date.parse(d.redAt);
  return y - (1 - WARNING_RATIO) * Math.max(0, r - y);
}

/** Where the clock stands now; null when the case runs no clock. */
export function deadlineState(d: DeadlineInput, now: number = Date.now()): DeadlineState | null {
  if (!d.yellowAt || !d.redAt) return null;
  const y = Date.parse(d.yellowAt);
  const r = Date.parse(d.redAt);
  const warn = warnInstant(d) ?? y;
  // Cards only go up and the sweep may lag by a minute: take the worse of the card and the clock.
  const byTime: DeadlineLevel = now >= r ? 'red' : now >= y ? 'yellow' : now >= warn ? 'warning' : 'ok';
  const rank = { ok: 0, warning: 1, yellow: 2, red: 3 } as const;
  const byCard: DeadlineLevel = d.card === 'red' ? 'red' : d.card === 'yellow' ? 'yellow' : 'ok';
  const level = rank[byCard] > rank[byTime] ? byCard : byTime;
  if (now < y) return { level, next: 'yellow', ms: y - now, overdue: false };
  if (now < r) return { level, next: 'red', ms: r - now, overdue: false };
  return { level, next: null, ms: now - r, overdue: true };
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** A duration as "2 天 4 小时" / "3 小时 20 分" / "15 分钟" (or English), two units at most. */
export function formatDuration(ms: number, lang: Lang): string {
  const en = lang === 'en';
  const abs = Math.max(0, ms);
  const d = Math.floor(abs / DAY);
  const h = Math.floor((abs % DAY) / HOUR);
  const m = Math.floor((abs % HOUR) / MIN);
  if (d > 0) return en ? `${d} d ${h} h` : `${d} 天 ${h} 小时`;
  if (h > 0) return en ? `${h} h ${m} min` : `${h} 小时 ${m} 分`;
  if (m > 0) return en ? `${m} min` : `${m} 分钟`;
  return en ? 'under a minute' : '不到 1 分钟';
}

/** Tag colours for the levels. */
export const LEVEL_COLOURS: Record<DeadlineLevel, string> = { ok: 'green', warning: 'gold', yellow: 'yellow', red: 'red' };
/** Hex colours for the levels (map points, banners). */
export const LEVEL_HEX: Record<DeadlineLevel, string> = { ok: '#52c41a', warning: '#faad14', yellow: '#fadb14', red: '#f5222d' };
