import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { startTestApp, type TestApp } from '../../test/http.js';
import type { DB } from '../../platform/db/schema.js';
import { weekdayOfDay } from '../../../common/working-days.js';
import { CHECK_INTERVAL_MS, loadWorkCalendar, onCalendarChanged, type CalendarChange } from './index.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());
afterEach(() => {
  vi.useRealTimers();
});

const auditRows = (action: string) => t.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();

describe('the 2026 arrangement seeded by the migration', () => {
  it('holds the State Council’s holidays and make-up working days, and 248 working days', async () => {
    const res = await (await t.as('grid')).call('GET', '/api/calendar?year=2026');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.year).toBe(2026);
    expect(body.workingDays).toBe(248);
    expect(body.abilities).toEqual({ configure: false });
    const holidays = body.days.filter((d: any) => d.kind === 'holiday').map((d: any) => d.day);
    const makeUp = body.days.filter((d: any) => d.kind === 'workday').map((d: any) => d.day);
    expect(holidays).toEqual([
      '2026-01-01', '2026-01-02', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-23', '2026-04-06',
      '2026-05-01', '2026-05-04', '2026-05-05', '2026-06-19', '2026-09-25', '2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07',
    ]);
    expect(makeUp).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    for (const d of makeUp) expect([0, 6]).toContain(weekdayOfDay(d));
    expect(body.days.find((d: any) => d.day === '2026-02-17')).toMatchObject({ nameZh: '春节', nameEn: 'Spring Festival', updatedBy: null });
    expect(body.days.find((d: any) => d.day === '2026-10-10')).toMatchObject({ nameZh: '国庆节调休上班', nameEn: 'Make-up working day (National Day)' });
    expect(body.months[1]).toEqual({ month: 2, days: 28, workingDays: 16, holidays: 6, makeupDays: 2 });
    expect(body.months[9]).toEqual({ month: 10, days: 31, workingDays: 18, holidays: 5, makeupDays: 1 });
  });

  it('answers any signed-in user, for the current year by default; admins may configure', async () => {
    const res = await (await t.as('admin')).call('GET', '/api/calendar');
    expect(res.statusCode).toBe(200);
    expect(res.json().year).toBe(Number(res.json().today.slice(0, 4)));
    expect(res.json().abilities).toEqual({ configure: true });
    expect((await (await t.as('resident')).call('GET', '/api/calendar?year=2030')).json()).toMatchObject({ year: 2030, days: [], workingDays: 261 });
    expect((await t.anonymous.call('GET', '/api/calendar')).statusCode).toBe(401);
    expect((await (await t.as('grid')).call('GET', '/api/calendar?year=1999')).statusCode).toBe(400);
    expect((await (await t.as('grid')).call('GET', '/api/calendar?year=twenty')).statusCode).toBe(400);
  });

  it('refuses a pointless row in the table itself', async () => {
    const insert = (day: string, kind: 'holiday' | 'workday') => t.database.db.insertInto('calendar_day').values({ day, kind, updated_by: null }).execute();
    await expect(insert('2031-03-03', 'workday')).rejects.toThrow(/calendar_day_changes_status/); // a Monday
    await expect(insert('2031-03-01', 'holiday')).rejects.toThrow(/calendar_day_changes_status/); // a Saturday
  });
});

describe('setting and clearing one day', () => {
  it('lets an administrator make a weekday a holiday, audited, and rename it', async () => {
    const admin = await t.as('admin');
    const before = (await admin.call('GET', '/api/calendar?year=2027')).json();
    const res = await admin.call('PUT', '/api/calendar/days/2027-01-01', { kind: 'holiday', nameZh: '元旦', nameEn: 'New Year’s Day' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ day: '2027-01-01', kind: 'holiday', nameZh: '元旦', nameEn: 'New Year’s Day', updatedBy: { id: t.fx.users.admin, displayName: 'admin' } });
    const after = (await admin.call('GET', '/api/calendar?year=2027')).json();
    expect(after.workingDays).toBe(before.workingDays - 1);
    expect(after.months[0].holidays).toBe(1);
    const renamed = await admin.call('PUT', '/api/calendar/days/2027-01-01', { kind: 'holiday', nameZh: '元旦节' });
    expect(renamed.json()).toMatchObject({ nameZh: '元旦节', nameEn: '' });
    const rows = await auditRows('calendar.day_set');
    expect(rows.map((r) => [r.entity, r.entity_id, r.actor_id, r.node_id])).toEqual([
      ['calendar_day', '2027-01-01', t.fx.users.admin, null],
      ['calendar_day', '2027-01-01', t.fx.users.admin, null],
    ]);
    expect(rows[1]!.detail).toMatchObject({ kind: 'holiday', nameZh: '元旦节', before: { kind: 'holiday', nameZh: '元旦' } });
  });

  it('makes a Saturday a make-up working day', async () => {
    const admin = await t.as('admin');
    const res = await admin.call('PUT', '/api/calendar/days/2027-02-20', { kind: 'workday', nameZh: '春节调休上班', nameEn: 'Make-up working day' });
    expect(res.statusCode).toBe(200);
    const year = (await admin.call('GET', '/api/calendar?year=2027')).json();
    expect(year.months[1].makeupDays).toBe(1);
  });

  it('refuses pointless overrides with a clear message', async () => {
    const admin = await t.as('admin');
    const weekday = await admin.call('PUT', '/api/calendar/days/2027-03-03?lang=en', { kind: 'workday', nameZh: '上班' });
    expect(weekday.statusCode).toBe(400);
    expect(weekday.json().error).toEqual({
      code: 'CALENDAR_WORKDAY_ON_WEEKDAY',
      message: '2027-03-03 is a weekday and already a working day; only a Saturday or Sunday can be a make-up working day',
    });
    const weekend = await admin.call('PUT', '/api/calendar/days/2027-03-06', { kind: 'holiday', nameZh: '休息' });
    expect(weekend.statusCode).toBe(400);
    expect(weekend.json().error).toMatchObject({ code: 'CALENDAR_HOLIDAY_ON_WEEKEND', message: '2027-03-06 是周末，本来就休息；只有周一至周五才能设为节假日' });
    const bad = async (day: string, body: unknown) => (await admin.call('PUT', `/api/calendar/days/${day}`, body)).json().error?.code;
    expect(await bad('2027-02-30', { kind: 'holiday', nameZh: '假' })).toBe('VALIDATION_FAILED');
    expect(await bad('1999-12-31', { kind: 'holiday', nameZh: '假' })).toBe('VALIDATION_FAILED');
    expect(await bad('2027-03-03', { kind: 'holiday', nameZh: '  ' })).toBe('VALIDATION_FAILED');
    expect(await bad('2027-03-03', { kind: 'holiday', nameZh: '假'.repeat(41) })).toBe('VALIDATION_FAILED');
    expect(await bad('2027-03-03', { kind: 'rest', nameZh: '假' })).toBe('VALIDATION_FAILED');
    expect((await admin.call('GET', '/api/calendar?year=2027')).json().days.map((d: any) => d.day)).not.toContain('2027-03-03');
  });

  it('lets only holders of case.configure change the calendar', async () => {
    for (const who of ['district', 'street', 'grid', 'department', 'resident']) {
      const res = await (await t.as(who)).call('PUT', '/api/calendar/days/2027-03-03', { kind: 'holiday', nameZh: '假' });
      expect(res.statusCode, who).toBe(403);
    }
    expect((await (await t.as('district')).call('DELETE', '/api/calendar/days/2027-01-01')).statusCode).toBe(403);
    expect((await t.anonymous.call('PUT', '/api/calendar/days/2027-03-03', { kind: 'holiday', nameZh: '假' })).statusCode).toBe(401);
  });

  it('clears an override, audited; clearing a plain day is a clear 404', async () => {
    const admin = await t.as('admin');
    const res = await admin.call('DELETE', '/api/calendar/days/2027-02-20');
    expect(res.statusCode).toBe(204);
    expect((await admin.call('GET', '/api/calendar?year=2027')).json().months[1].makeupDays).toBe(0);
    const rows = await auditRows('calendar.day_clear');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ entity: 'calendar_day', entity_id: '2027-02-20', actor_id: t.fx.users.admin });
    expect(rows[0]!.detail).toEqual({ before: { kind: 'workday', nameZh: '春节调休上班', nameEn: 'Make-up working day' } });
    const again = await admin.call('DELETE', '/api/calendar/days/2027-02-20?lang=en');
    expect(again.statusCode).toBe(404);
    expect(again.json().error).toMatchObject({ code: 'CALENDAR_DAY_NOT_SET', message: '2027-02-20 is neither a holiday nor a make-up working day; there is nothing to clear' });
    expect(await auditRows('calendar.day_clear')).toHaveLength(1);
  });
});

describe('replacing a year', () => {
  const notice2028 = [
    { day: '2028-01-03', kind: 'holiday', nameZh: '元旦', nameEn: 'New Year’s Day' },
    { day: '2028-01-29', kind: 'workday', nameZh: '春节调休上班', nameEn: 'Make-up working day (Spring Festival)' },
    { day: '2028-01-31', kind: 'holiday', nameZh: '春节', nameEn: 'Spring Festival' },
  ];

  it('reports every problem at once and changes nothing', async () => {
    const admin = await t.as('admin');
    await admin.call('PUT', '/api/calendar/days/2028-05-01', { kind: 'holiday', nameZh: '劳动节' });
    const res = await admin.call('PUT', '/api/calendar/years/2028?lang=en', {
      days: [
        ...notice2028,
        { day: '2027-12-31', kind: 'holiday', nameZh: '元旦' },
        { day: '2028-01-03', kind: 'holiday', nameZh: '元旦' },
        { day: '2028-01-04', kind: 'workday', nameZh: '上班' },
        { day: '2028-01-08', kind: 'holiday', nameZh: '休息' },
      ],
    });
    expect(res.statusCode).toBe(400);
    const error = res.json().error;
    expect(error.code).toBe('CALENDAR_YEAR_INVALID');
    expect(error.message).toBe('The 2028 arrangement has 4 problem(s); nothing was changed');
    expect(error.details.map((d: any) => [d.path, d.code])).toEqual([
      ['days.3.day', 'CALENDAR_DAY_OUTSIDE_YEAR'],
      ['days.4.day', 'CALENDAR_DAY_REPEATED'],
      ['days.5.day', 'CALENDAR_WORKDAY_ON_WEEKDAY'],
      ['days.6.day', 'CALENDAR_HOLIDAY_ON_WEEKEND'],
    ]);
    expect(error.details[0].message).toBe('2027-12-31 is not in 2028');
    expect((await admin.call('GET', '/api/calendar?year=2028')).json().days.map((d: any) => d.day)).toEqual(['2028-05-01']);
    expect(await auditRows('calendar.year_replace')).toHaveLength(0);
  });

  it('replaces the year’s overrides in one go, audited, leaving other years alone', async () => {
    const admin = await t.as('admin');
    const res = await admin.call('PUT', '/api/calendar/years/2028', { days: notice2028 });
    expect(res.statusCode).toBe(200);
    expect(res.json().changes).toEqual({ count: 3, added: 3, removed: 1, changed: 0 });
    expect(res.json().days.map((d: any) => d.day)).toEqual(['2028-01-03', '2028-01-29', '2028-01-31']);
    expect(res.json().months[0]).toMatchObject({ holidays: 2, makeupDays: 1 });
    const again = await admin.call('PUT', '/api/calendar/years/2028', { days: [{ ...notice2028[0], nameEn: 'New Year' }, notice2028[2]] });
    expect(again.json().changes).toEqual({ count: 2, added: 0, removed: 1, changed: 1 });
    const rows = await auditRows('calendar.year_replace');
    expect(rows.map((r) => r.entity_id)).toEqual(['2028', '2028']);
    expect(rows[1]!.detail).toEqual({ count: 2, added: 0, removed: 1, changed: 1, addedDays: [], removedDays: ['2028-01-29'], changedDays: ['2028-01-03'] });
    expect((await admin.call('GET', '/api/calendar?year=2026')).json().days).toHaveLength(25);
    const cleared = await admin.call('PUT', '/api/calendar/years/2028', { days: [] });
    expect(cleared.json()).toMatchObject({ days: [], changes: { count: 0, removed: 2 } });
    expect((await (await t.as('community')).call('PUT', '/api/calendar/years/2028', { days: [] })).statusCode).toBe(403);
    expect((await admin.call('PUT', '/api/calendar/years/2101', { days: [] })).statusCode).toBe(400);
  });
});

describe('the in-memory calendar', () => {
  /** A second handle on the same database: another process, as far as the cache can tell. */
  function secondHandle(): Kysely<DB> {
    const pool = t.database.pglite
      ? new pg.Pool(createPgConfig(t.database.pglite) as unknown as pg.PoolConfig)
      : new pg.Pool({ connectionString: t.database.connectionString!, max: 2 });
    return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  }

  it('follows this process’s changes at once and another process’s within the check interval', async () => {
    const admin = await t.as('admin');
    const { db } = t.database;
    const other = secondHandle();
    try {
      const day = '2029-06-04'; // a Monday
      expect((await loadWorkCalendar(db)).isWorkingDay(day)).toBe(true);
      expect((await loadWorkCalendar(other)).isWorkingDay(day)).toBe(true);
      expect(await loadWorkCalendar(db)).toBe(await loadWorkCalendar(db)); // cached
      await admin.call('PUT', `/api/calendar/days/${day}`, { kind: 'holiday', nameZh: '测试假日' });
      expect((await loadWorkCalendar(db)).isWorkingDay(day)).toBe(false); // the app's own handle: at once
      expect((await loadWorkCalendar(other)).isWorkingDay(day)).toBe(true); // the other: not yet
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.now() + CHECK_INTERVAL_MS + 1);
      expect((await loadWorkCalendar(other)).isWorkingDay(day)).toBe(false);
    } finally {
      await other.destroy();
    }
  });

  it('reads through a transaction, uncommitted changes included', async () => {
    const { db } = t.database;
    const seen = await db.transaction().execute(async (tx) => {
      await tx.insertInto('calendar_day').values({ day: '2029-06-05', kind: 'holiday', updated_by: null }).execute();
      const inside = await loadWorkCalendar(tx);
      await sql`select 1`.execute(tx);
      return inside.isWorkingDay('2029-06-05');
    });
    expect(seen).toBe(false);
    await db.deleteFrom('calendar_day').where('day', '=', '2029-06-05').execute();
  });

  it('tells listeners what changed, after the commit; a failing listener does not fail the change', async () => {
    const admin = await t.as('admin');
    const heard: CalendarChange[] = [];
    const stop = onCalendarChanged(async (change, db) => {
      const row = await db.selectFrom('calendar_day').select('day').where('day', '=', '2029-09-03').executeTakeFirst();
      heard.push({ ...change, committed: !!row } as CalendarChange & { committed: boolean });
    });
    const stopFailing = onCalendarChanged(() => {
      throw new Error('listener broke');
    });
    try {
      const res = await admin.call('PUT', '/api/calendar/days/2029-09-03', { kind: 'holiday', nameZh: '测试' });
      expect(res.statusCode).toBe(200);
      expect(heard).toHaveLength(1);
      expect(heard[0]).toMatchObject({ days: ['2029-09-03'], earliest: '2029-09-03', actorId: t.fx.users.admin, committed: true });
      expect(heard[0]!.calendar.isWorkingDay('2029-09-03')).toBe(false);
      await admin.call('PUT', '/api/calendar/days/2029-09-03', { kind: 'holiday', nameZh: '改名' });
      expect(heard[1]).toMatchObject({ days: [], earliest: null });
      expect(heard[1]!.version).toBeGreaterThan(heard[0]!.version);
      await admin.call('PUT', '/api/calendar/years/2029', { days: [{ day: '2029-09-03', kind: 'holiday', nameZh: '改名' }, { day: '2029-09-08', kind: 'workday', nameZh: '上班' }] });
      expect(heard[2]).toMatchObject({ days: ['2029-06-04', '2029-09-08'], earliest: '2029-06-04' });
    } finally {
      stop();
      stopFailing();
    }
    await admin.call('DELETE', '/api/calendar/days/2029-09-08');
    expect(heard).toHaveLength(3);
  });
});
