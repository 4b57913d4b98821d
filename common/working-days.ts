/**
 * Working-day arithmetic against a holiday calendar (工作日历), in China Standard Time (Asia/Shanghai,
 * UTC+8, no daylight saving since 1991). Pure: no I/O, no dependence on the process time zone.
 *
 * Model: a working day D is the whole interval [D 00:00, D+1 00:00) China time. Saturdays and Sundays are
 * off unless an override makes them a make-up working day (调休上班); Monday–Friday are working days unless
 * an override makes them a holiday. Elapsed working time counts only the parts of working days in an
 * interval, in days (24 h each). A point in working time is written as (working day, time of day in
 * [00:00, 24:00)): reaching the very end of a working day means 00:00 of the next working day.
 */

/** What an override makes of a day. */
export type DayKind = 'holiday' | 'workday';
/** How a day shows in the calendar: ordinary working day, weekend, holiday, make-up working day. */
export type DayStatus = 'working' | 'weekend' | 'holiday' | 'makeup';
/** A calendar day, 'YYYY-MM-DD'. */
export type IsoDay = string;

/** The serialised form of a calendar (JSON-safe, stable order). */
export interface WorkCalendarJson {
  overrides: Record<IsoDay, DayKind>;
}

const DAY_MS = 86_400_000;
const CST_OFFSET_MS = 8 * 3_600_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number (days since 1970-01-01) of a 'YYYY-MM-DD' day, or null when it is not a real date. */
export function dayNumber(day: IsoDay): number | null {
  const m = ISO_DAY.exec(day);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / DAY_MS;
}

/** True for a real calendar date written 'YYYY-MM-DD'. */
export function isIsoDay(day: string): boolean {
  return dayNumber(day) !== null;
}

/** 'YYYY-MM-DD' of a day number. */
export function isoDayOf(n: number): IsoDay {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** The China-time day (day number) an instant falls on. */
function cstDayNumber(at: Date): number {
  return Math.floor((at.getTime() + CST_OFFSET_MS) / DAY_MS);
}

/** The day (YYYY-MM-DD) an instant falls on in China time. */
export function chinaDayOf(at: Date): IsoDay {
  return isoDayOf(cstDayNumber(at));
}

/** 00:00 China time of a day, as an instant. */
export function chinaMidnight(day: IsoDay): Date {
  const n = dayNumber(day);
  if (n === null) throw new RangeError(`not a day: ${day}`);
  return new Date(n * DAY_MS - CST_OFFSET_MS);
}

/** Day of the week of a day number: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
function weekdayOf(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

/** Day of the week of a 'YYYY-MM-DD' day: 0 = Sunday … 6 = Saturday. */
export function weekdayOfDay(day: IsoDay): number {
  const n = dayNumber(day);
  if (n === null) throw new RangeError(`not a day: ${day}`);
  return weekdayOf(n);
}

/** True for Saturday and Sunday. */
export function isWeekend(day: IsoDay): boolean {
  const w = weekdayOfDay(day);
  return w === 0 || w === 6;
}

/**
 * Why an override is pointless, or null when it changes something: a weekday is already a working day,
 * a weekend day is already off.
 */
export function pointlessOverride(day: IsoDay, kind: DayKind): 'workday_on_weekday' | 'holiday_on_weekend' | null {
  const weekend = isWeekend(day);
  if (kind === 'workday' && !weekend) return 'workday_on_weekday';
  if (kind === 'holiday' && weekend) return 'holiday_on_weekend';
  return null;
}

/** The number of days in a month (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A holiday calendar: weekends off, plus overrides (holidays on weekdays, make-up working days on weekends). */
export class WorkCalendar {
  private readonly overrides: Map<number, DayKind>;

  /** Builds a calendar from overrides (day → kind); throws RangeError on a day that is not a real date. */
  constructor(overrides: Iterable<readonly [IsoDay, DayKind]> | Record<IsoDay, DayKind> = []) {
    this.overrides = new Map();
    const entries = Symbol.iterator in Object(overrides) ? (overrides as Iterable<readonly [IsoDay, DayKind]>) : Object.entries(overrides);
    for (const [day, kind] of entries) {
      const n = dayNumber(day);
      if (n === null) throw new RangeError(`not a day: ${day}`);
      if (kind !== 'holiday' && kind !== 'workday') throw new RangeError(`not a day kind: ${String(kind)}`);
      this.overrides.set(n, kind);
    }
  }

  /** Rebuilds a calendar from its serialised form; throws RangeError on anything malformed. */
  static fromJSON(value: unknown): WorkCalendar {
    if (typeof value === 'string') value = JSON.parse(value);
    const overrides = (value as WorkCalendarJson | null)?.overrides;
    if (!overrides || typeof overrides !== 'object' || Array.isArray(overrides)) throw new RangeError('not a serialised work calendar');
    return new WorkCalendar(overrides);
  }

  /** The serialised form: overrides in day order (JSON.stringify uses it too). */
  toJSON(): WorkCalendarJson {
    const out: Record<IsoDay, DayKind> = {};
    for (const n of [...this.overrides.keys()].sort((a, b) => a - b)) out[isoDayOf(n)] = this.overrides.get(n)!;
    return { overrides: out };
  }

  /** The number of overrides. */
  get size(): number {
    return this.overrides.size;
  }

  /** The override of a day, if any. */
  overrideOf(day: IsoDay): DayKind | undefined {
    const n = dayNumber(day);
    return n === null ? undefined : this.overrides.get(n);
  }

  private working(n: number): boolean {
    const o = this.overrides.get(n);
    if (o) return o === 'workday';
    const w = weekdayOf(n);
    return w !== 0 && w !== 6;
  }

  /** True when the day (YYYY-MM-DD, or the China-time day of an instant) is a working day. */
  isWorkingDay(day: IsoDay | Date): boolean {
    const n = typeof day === 'string' ? dayNumber(day) : cstDayNumber(day);
    if (n === null) throw new RangeError(`not a day: ${String(day)}`);
    return this.working(n);
  }

  /** How a day shows: working, weekend, holiday or make-up working day. */
  statusOf(day: IsoDay): DayStatus {
    const n = dayNumber(day);
    if (n === null) throw new RangeError(`not a day: ${day}`);
    const o = this.overrides.get(n);
    if (o === 'holiday') return 'holiday';
    if (o === 'workday') return 'makeup';
    const w = weekdayOf(n);
    return w === 0 || w === 6 ? 'weekend' : 'working';
  }

  /** The first working day on or after a day number. */
  private workingOnOrAfter(n: number): number {
    while (!this.working(n)) n++;
    return n;
  }

  /** The first working day on or after a day (YYYY-MM-DD). */
  nextWorkingDay(day: IsoDay, includeSelf = true): IsoDay {
    const n = dayNumber(day);
    if (n === null) throw new RangeError(`not a day: ${day}`);
    return isoDayOf(this.workingOnOrAfter(includeSelf ? n : n + 1));
  }

  /** Where the working clock starts for an instant: the instant itself on a working day, else 00:00 of the next working day. */
  clockStart(start: Date): Date {
    const { day, ms } = this.position(start);
    return new Date(day * DAY_MS + ms - CST_OFFSET_MS);
  }

  /** (working day, ms into it) of an instant, moved to 00:00 of the next working day when it is not on one. */
  private position(at: Date): { day: number; ms: number } {
    const t = at.getTime();
    if (!Number.isFinite(t)) throw new RangeError('invalid date');
    const local = t + CST_OFFSET_MS;
    const n = Math.floor(local / DAY_MS);
    if (this.working(n)) return { day: n, ms: local - n * DAY_MS };
    return { day: this.workingOnOrAfter(n + 1), ms: 0 };
  }

  /** The instant after `amountMs` of working time from `start` (time of day kept in [00:00, 24:00)). */
  private advance(start: Date, amountMs: number): Date {
    let { day, ms } = this.position(start);
    let pos = ms + amountMs;
    while (pos >= DAY_MS) {
      pos -= DAY_MS;
      day = this.workingOnOrAfter(day + 1);
    }
    return new Date(day * DAY_MS + pos - CST_OFFSET_MS);
  }

  /**
   * The deadline `days` working days after `start`: a start on a non-working day counts from 00:00 of the
   * next working day; then `days` working days forward at the same time of day. 0 days → the (moved) start.
   * A fraction (e.g. 0.5) adds that share of 24 h of working time.
   */
  addWorkingDays(start: Date, days: number): Date {
    if (!Number.isFinite(days) || days < 0) throw new RangeError(`working days must be a number ≥ 0: ${days}`);
    return this.advance(start, Math.round(days * DAY_MS));
  }

  /** Working time elapsed from `a` to `b`, in days (decimal); negative when `b` is before `a`. */
  workingDaysBetween(a: Date, b: Date): number {
    const [ta, tb] = [a.getTime(), b.getTime()];
    if (!Number.isFinite(ta) || !Number.isFinite(tb)) throw new RangeError('invalid date');
    if (tb < ta) return -this.workingDaysBetween(b, a);
    const [la, lb] = [ta + CST_OFFSET_MS, tb + CST_OFFSET_MS];
    const [da, db] = [Math.floor(la / DAY_MS), Math.floor(lb / DAY_MS)];
    if (da === db) return this.working(da) ? (lb - la) / DAY_MS : 0;
    let ms = this.working(da) ? (da + 1) * DAY_MS - la : 0;
    for (let n = da + 1; n < db; n++) if (this.working(n)) ms += DAY_MS;
    if (this.working(db)) ms += lb - db * DAY_MS;
    return ms / DAY_MS;
  }

  /**
   * The instant at which `ratio` of a `limitDays` working-day limit from `start` is used up (early warning,
   * 70 % by default); workingDaysBetween(start, result) equals ratio × limitDays (to the millisecond).
   */
  warningInstant(start: Date, limitDays: number, ratio = 0.7): Date {
    if (!(limitDays >= 0) || !Number.isFinite(limitDays)) throw new RangeError(`limit must be ≥ 0: ${limitDays}`);
    if (!(ratio >= 0 && ratio <= 1)) throw new RangeError(`ratio must be within 0–1: ${ratio}`);
    return this.advance(start, Math.round(limitDays * ratio * DAY_MS));
  }

  /** The working days of one month (month 1–12). */
  workingDaysInMonth(year: number, month: number): number {
    const first = Date.UTC(year, month - 1, 1) / DAY_MS;
    let count = 0;
    for (let n = first, end = first + daysInMonth(year, month); n < end; n++) if (this.working(n)) count++;
    return count;
  }
}
