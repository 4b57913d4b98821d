/**
 * Working-day arithmetic. Instants are written with an explicit +08:00 offset so the expectations do not
 * depend on the process time zone; run this file with TZ=UTC and TZ=America/New_York as well.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  WorkCalendar,
  chinaDayOf,
  chinaMidnight,
  dayNumber,
  daysInMonth,
  isIsoDay,
  pointlessOverride,
  weekdayOfDay,
  type DayKind,
} from './working-days.js';

/** The State Council General Office's notice on 2026 holidays (published 2025-11-04): the days that change status. */
const HOLIDAYS_2026 = [
  '2026-01-01', '2026-01-02',
  '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-23',
  '2026-04-06',
  '2026-05-01', '2026-05-04', '2026-05-05',
  '2026-06-19',
  '2026-09-25',
  '2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07',
];
const MAKEUP_2026 = ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'];
const overrides2026: [string, DayKind][] = [...HOLIDAYS_2026.map((d) => [d, 'holiday'] as [string, DayKind]), ...MAKEUP_2026.map((d) => [d, 'workday'] as [string, DayKind])];
const cal = new WorkCalendar(overrides2026);
const plain = new WorkCalendar();

/** An instant in China time. */
const cst = (s: string) => new Date(`${s}+08:00`);
/** An instant as China local 'YYYY-MM-DD HH:MM'. */
const show = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

const savedTz = process.env.TZ;
afterEach(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe('days', () => {
  it('reads and checks YYYY-MM-DD days', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(isIsoDay('2026-02-29')).toBe(false);
    expect(isIsoDay('2028-02-29')).toBe(true);
    expect(isIsoDay('2026-13-01')).toBe(false);
    expect(isIsoDay('2026-1-01')).toBe(false);
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(weekdayOfDay('2026-01-01')).toBe(4); // Thursday, as the notice says
  });

  it('finds the China-time day of an instant whatever the process time zone', () => {
    expect(chinaDayOf(new Date('2026-03-01T15:59:59Z'))).toBe('2026-03-01');
    expect(chinaDayOf(new Date('2026-03-01T16:00:00Z'))).toBe('2026-03-02');
    expect(chinaMidnight('2026-03-02').toISOString()).toBe('2026-03-01T16:00:00.000Z');
  });

  it('matches the weekdays the 2026 notice prints', () => {
    // (周四) (周六) (周日) … as printed next to each date in the notice.
    const printed: [string, number][] = [
      ['2026-01-01', 4], ['2026-01-03', 6], ['2026-01-04', 0], ['2026-02-15', 0], ['2026-02-23', 1], ['2026-02-14', 6], ['2026-02-28', 6],
      ['2026-04-04', 6], ['2026-04-06', 1], ['2026-05-01', 5], ['2026-05-05', 2], ['2026-05-09', 6], ['2026-06-19', 5], ['2026-06-21', 0],
      ['2026-09-25', 5], ['2026-09-27', 0], ['2026-10-01', 4], ['2026-10-07', 3], ['2026-09-20', 0], ['2026-10-10', 6],
    ];
    for (const [day, w] of printed) expect(weekdayOfDay(day), day).toBe(w);
  });

  it('refuses pointless overrides', () => {
    expect(pointlessOverride('2026-03-02', 'workday')).toBe('workday_on_weekday');
    expect(pointlessOverride('2026-03-07', 'holiday')).toBe('holiday_on_weekend');
    expect(pointlessOverride('2026-03-07', 'workday')).toBeNull();
    expect(pointlessOverride('2026-03-02', 'holiday')).toBeNull();
    for (const [d, k] of overrides2026) expect(pointlessOverride(d, k), d).toBeNull();
  });
});

describe('the calendar', () => {
  it('has weekends off, holidays off and make-up Saturdays and Sundays on', () => {
    expect(plain.isWorkingDay('2026-03-06')).toBe(true); // Friday
    expect(plain.isWorkingDay('2026-03-07')).toBe(false); // Saturday
    expect(plain.isWorkingDay('2026-03-08')).toBe(false); // Sunday
    expect(cal.isWorkingDay('2026-10-05')).toBe(false); // National Day, a Monday
    expect(cal.isWorkingDay('2026-10-10')).toBe(true); // make-up Saturday
    expect(cal.isWorkingDay('2026-01-04')).toBe(true); // make-up Sunday
    expect(cal.isWorkingDay(cst('2026-10-09T23:59:59'))).toBe(true);
    expect(cal.isWorkingDay(new Date('2026-10-09T16:00:00Z'))).toBe(true); // 00:00 Saturday 10 Oct in China
    expect(cal.statusOf('2026-10-01')).toBe('holiday');
    expect(cal.statusOf('2026-10-03')).toBe('weekend');
    expect(cal.statusOf('2026-10-10')).toBe('makeup');
    expect(cal.statusOf('2026-10-12')).toBe('working');
    expect(cal.nextWorkingDay('2026-02-15')).toBe('2026-02-24');
    expect(cal.nextWorkingDay('2026-02-13', false)).toBe('2026-02-14');
  });

  it('counts the working days of each month and of 2026 (248)', () => {
    expect(cal.workingDaysInMonth(2026, 2)).toBe(16);
    expect(cal.workingDaysInMonth(2026, 9)).toBe(22);
    expect(cal.workingDaysInMonth(2026, 10)).toBe(18);
    expect(plain.workingDaysInMonth(2026, 2)).toBe(20);
    let total = 0;
    for (let m = 1; m <= 12; m++) total += cal.workingDaysInMonth(2026, m);
    expect(total).toBe(248);
  });

  it('serialises and deserialises', () => {
    const json = JSON.parse(JSON.stringify(cal));
    expect(Object.keys(json.overrides)).toHaveLength(25);
    expect(Object.keys(json.overrides)[0]).toBe('2026-01-01');
    expect(json.overrides['2026-10-10']).toBe('workday');
    const back = WorkCalendar.fromJSON(json);
    expect(back.toJSON()).toEqual(cal.toJSON());
    expect(WorkCalendar.fromJSON(JSON.stringify(cal)).size).toBe(25);
    expect(new WorkCalendar({ '2026-05-01': 'holiday' }).isWorkingDay('2026-05-01')).toBe(false);
    expect(() => WorkCalendar.fromJSON({ overrides: { '2026-02-30': 'holiday' } })).toThrow(RangeError);
    expect(() => WorkCalendar.fromJSON({ overrides: { '2026-02-03': 'party' } })).toThrow(RangeError);
    expect(() => WorkCalendar.fromJSON({})).toThrow(RangeError);
    expect(() => WorkCalendar.fromJSON(null)).toThrow(RangeError);
  });
});

describe('addWorkingDays', () => {
  const add = (c: WorkCalendar, start: string, n: number) => show(c.addWorkingDays(cst(start), n));

  it('skips weekends keeping the time of day', () => {
    expect(add(plain, '2026-03-05T10:30:00', 1)).toBe('2026-03-06 10:30'); // Thu → Fri
    expect(add(plain, '2026-03-06T15:00:00', 1)).toBe('2026-03-09 15:00'); // Fri → Mon
    expect(add(plain, '2026-03-06T15:00:00', 5)).toBe('2026-03-13 15:00');
    expect(add(plain, '2026-03-06T15:00:00', 10)).toBe('2026-03-20 15:00');
    expect(add(plain, '2026-03-06T15:00:00', 0)).toBe('2026-03-06 15:00');
  });

  it('starts the clock at 00:00 of the next working day when started on a weekend or holiday', () => {
    expect(add(plain, '2026-03-07T10:00:00', 0)).toBe('2026-03-09 00:00'); // Saturday
    expect(add(plain, '2026-03-08T23:59:00', 1)).toBe('2026-03-10 00:00'); // Sunday
    expect(add(cal, '2026-02-18T14:00:00', 0)).toBe('2026-02-24 00:00'); // Spring Festival
    expect(add(cal, '2026-02-18T14:00:00', 1)).toBe('2026-02-25 00:00');
    expect(add(cal, '2026-02-18T14:00:00', 4)).toBe('2026-02-28 00:00'); // make-up Saturday
    expect(add(cal, '2026-02-18T14:00:00', 5)).toBe('2026-03-02 00:00');
    expect(show(cal.clockStart(cst('2026-10-03T09:00:00')))).toBe('2026-10-08 00:00');
    expect(show(cal.clockStart(cst('2026-10-08T09:00:00')))).toBe('2026-10-08 09:00');
  });

  it('skips holidays and counts make-up working days', () => {
    expect(add(cal, '2026-09-30T10:00:00', 1)).toBe('2026-10-08 10:00');
    expect(add(cal, '2026-09-30T10:00:00', 3)).toBe('2026-10-10 10:00'); // Saturday 10 Oct is a working day
    expect(add(cal, '2026-09-30T10:00:00', 4)).toBe('2026-10-12 10:00');
    expect(add(cal, '2026-02-13T09:00:00', 1)).toBe('2026-02-14 09:00');
    expect(add(cal, '2026-02-13T09:00:00', 2)).toBe('2026-02-24 09:00');
    expect(add(cal, '2026-09-18T17:00:00', 1)).toBe('2026-09-20 17:00'); // make-up Sunday
    expect(add(cal, '2026-04-03T09:00:00', 1)).toBe('2026-04-07 09:00'); // Qingming Monday
  });

  it('crosses year ends', () => {
    expect(add(cal, '2025-12-31T16:00:00', 1)).toBe('2026-01-04 16:00'); // New Year, then a make-up Sunday
    expect(add(cal, '2025-12-31T16:00:00', 2)).toBe('2026-01-05 16:00');
    expect(add(cal, '2025-12-31T16:00:00', 1)).toBe(add(cal, '2025-12-31T16:00:00', 1));
    expect(add(cal, '2026-12-30T11:00:00', 2)).toBe('2027-01-01 11:00'); // 2027 not entered yet: a plain Friday
    const with2027 = new WorkCalendar([...overrides2026, ['2027-01-01', 'holiday']]);
    expect(add(with2027, '2026-12-30T11:00:00', 2)).toBe('2027-01-04 11:00');
  });

  it('lands on 00:00 of the next working day, not at 24:00, when it reaches a day’s end', () => {
    expect(add(plain, '2026-03-05T00:00:00', 1)).toBe('2026-03-06 00:00');
    expect(add(plain, '2026-03-05T00:00:00', 2)).toBe('2026-03-09 00:00');
    expect(plain.workingDaysBetween(cst('2026-03-05T00:00:00'), cst('2026-03-07T00:00:00'))).toBe(2);
    expect(plain.workingDaysBetween(cst('2026-03-05T00:00:00'), cst('2026-03-09T00:00:00'))).toBe(2);
  });

  it('adds an extension on top of the limit as if it had been part of it', () => {
    for (const start of ['2026-09-29T16:20:00', '2026-02-12T08:00:00', '2026-12-31T23:59:59', '2026-05-03T12:00:00']) {
      for (const [limit, extra] of [[2, 3], [1, 1], [10, 5], [0, 2]] as const) {
        const deadline = cal.addWorkingDays(cst(start), limit);
        expect(cal.addWorkingDays(deadline, extra).getTime(), `${start} ${limit}+${extra}`).toBe(cal.addWorkingDays(cst(start), limit + extra).getTime());
      }
    }
    expect(add(cal, '2026-09-29T16:20:00', 2 + 2)).toBe('2026-10-10 16:20'); // 30 Sep, 8, 9, 10 Oct
    expect(add(cal, '2026-09-29T16:20:00', 2 + 3)).toBe('2026-10-12 16:20');
  });

  it('adds half days as 12 hours of working time, and refuses negative days', () => {
    expect(add(plain, '2026-03-06T15:00:00', 0.5)).toBe('2026-03-09 03:00'); // Friday 15:00 + 9 h, Monday + 3 h
    expect(add(cal, '2026-09-30T10:00:00', 1.5)).toBe('2026-10-08 22:00');
    expect(() => plain.addWorkingDays(new Date(), -1)).toThrow(RangeError);
    expect(() => plain.addWorkingDays(new Date(), Number.NaN)).toThrow(RangeError);
    expect(() => plain.addWorkingDays(new Date('nonsense'), 1)).toThrow(RangeError);
  });
});

describe('workingDaysBetween and warningInstant', () => {
  const between = (a: string, b: string) => cal.workingDaysBetween(cst(a), cst(b));

  it('counts only working time, in days', () => {
    expect(between('2026-03-06T15:00:00', '2026-03-09T15:00:00')).toBe(1);
    expect(between('2026-03-06T15:00:00', '2026-03-07T12:00:00')).toBe(0.375); // Friday 15:00–24:00
    expect(between('2026-03-07T08:00:00', '2026-03-08T20:00:00')).toBe(0); // all weekend
    expect(between('2026-03-09T09:00:00', '2026-03-09T21:00:00')).toBe(0.5);
    expect(between('2026-09-30T10:00:00', '2026-10-08T10:00:00')).toBe(1);
    expect(between('2026-02-13T12:00:00', '2026-02-24T12:00:00')).toBe(2); // Fri half, make-up Sat, Tue half
    expect(between('2026-03-09T21:00:00', '2026-03-09T09:00:00')).toBe(-0.5);
    expect(between('2026-03-09T09:00:00', '2026-03-09T09:00:00')).toBe(0);
  });

  it('shows "1.4 of 2 working days used"', () => {
    const start = cst('2026-03-06T09:00:00'); // Friday
    const now = cst('2026-03-09T18:36:00'); // Monday
    expect(cal.workingDaysBetween(start, now)).toBeCloseTo(1.4, 10);
  });

  it('warns at 70 % of the working-day limit', () => {
    expect(show(cal.warningInstant(cst('2026-03-09T09:00:00'), 2))).toBe('2026-03-10 18:36');
    expect(show(cal.warningInstant(cst('2026-03-06T09:00:00'), 2))).toBe('2026-03-09 18:36');
    expect(show(cal.warningInstant(cst('2026-09-30T12:00:00'), 1))).toBe('2026-10-08 04:48');
    expect(show(cal.warningInstant(cst('2026-03-07T12:00:00'), 10))).toBe('2026-03-18 00:00'); // 7 days from Monday 00:00 end with Tuesday the 17th
    expect(show(cal.warningInstant(cst('2026-03-09T09:00:00'), 2, 0.5))).toBe(show(cal.addWorkingDays(cst('2026-03-09T09:00:00'), 1)));
    expect(show(cal.warningInstant(cst('2026-03-09T09:00:00'), 2, 1))).toBe(show(cal.addWorkingDays(cst('2026-03-09T09:00:00'), 2)));
    expect(() => cal.warningInstant(new Date(), 2, 1.5)).toThrow(RangeError);
    expect(() => cal.warningInstant(new Date(), -1)).toThrow(RangeError);
  });

  it('agrees with addWorkingDays and never lands on a non-working day (random starts 2025–2027)', () => {
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const from = cst('2025-12-01T00:00:00').getTime();
    const span = cst('2027-02-01T00:00:00').getTime() - from;
    for (let i = 0; i < 2000; i++) {
      const start = new Date(from + Math.floor(rand() * span));
      const n = Math.floor(rand() * 12);
      const deadline = cal.addWorkingDays(start, n);
      expect(cal.workingDaysBetween(start, deadline)).toBeCloseTo(n, 9);
      expect(cal.isWorkingDay(deadline)).toBe(true);
      expect(deadline.getTime()).toBeGreaterThanOrEqual(start.getTime());
      const limit = 1 + Math.floor(rand() * 10);
      const warn = cal.warningInstant(start, limit);
      expect(cal.workingDaysBetween(start, warn)).toBeCloseTo(0.7 * limit, 7);
      expect(warn.getTime()).toBeLessThanOrEqual(cal.addWorkingDays(start, limit).getTime());
      // A millisecond earlier, less than 70 % is used (the warning is the first moment it is reached).
      if (warn.getTime() > start.getTime()) expect(cal.workingDaysBetween(start, new Date(warn.getTime() - 1))).toBeLessThan(0.7 * limit);
    }
  });

  it('gives the same answers whatever the process time zone', () => {
    const compute = () => [
      cal.addWorkingDays(cst('2026-09-30T23:30:00'), 3).toISOString(),
      cal.addWorkingDays(new Date('2026-03-06T17:00:00Z'), 1).toISOString(), // Saturday 01:00 in China
      cal.warningInstant(cst('2026-10-30T20:00:00'), 5).toISOString(),
      cal.workingDaysBetween(cst('2026-02-13T18:00:00'), cst('2026-03-02T06:00:00')),
      cal.isWorkingDay(new Date('2026-10-09T17:00:00Z')),
    ];
    const results = ['UTC', 'America/New_York', 'Asia/Shanghai', 'Pacific/Kiritimati'].map((tz) => {
      process.env.TZ = tz;
      return compute();
    });
    // The switch is real: local clock readings differ between the zones.
    process.env.TZ = 'America/New_York';
    expect(new Date('2026-03-06T17:00:00Z').getHours()).toBe(12);
    process.env.TZ = 'Pacific/Kiritimati';
    expect(new Date('2026-03-06T17:00:00Z').getHours()).toBe(7);
    for (const r of results) expect(r).toEqual(results[0]);
    expect(results[0]![1]).toBe('2026-03-09T16:00:00.000Z'); // Tuesday 00:00 China time
    expect(results[0]![4]).toBe(true); // make-up Saturday 10 Oct, 01:00 in China
    // US daylight saving starts on 8 March 2026; Chinese arithmetic does not notice.
    process.env.TZ = 'America/New_York';
    expect(show(cal.addWorkingDays(cst('2026-03-06T12:00:00'), 1))).toBe('2026-03-09 12:00');
    expect(cal.workingDaysBetween(cst('2026-03-06T12:00:00'), cst('2026-03-09T12:00:00'))).toBe(1);
  });
});
