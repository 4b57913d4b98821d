/** Use cases of the calendar module: read a year, set or clear one day, replace a whole year. */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { AppError } from '../../platform/http/errors.js';
import { audit, type AuditContext } from '../../platform/audit/index.js';
import { holds, type Actor } from '../../platform/authz/index.js';
import { errorMessage, type ErrorCode, type Locale } from '../../../common/i18n/errors.js';
import { WorkCalendar, chinaDayOf, daysInMonth, pointlessOverride, type DayKind } from '../../../common/working-days.js';
import type { CalendarDayInput, CalendarYearInput } from '../../../common/contracts/calendar.js';
import { afterCalendarChange } from './calendar-cache.js';
import * as repo from './calendar.repository.js';

type Log = Parameters<typeof afterCalendarChange>[2];

function present(r: repo.OverrideRow) {
  return {
    day: r.day,
    kind: r.kind,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by === null ? null : { id: r.updated_by, displayName: r.updated_by_name ?? '' },
  };
}

/** The refusal of a pointless override (a weekday made a working day, a weekend day made a holiday), or null. */
function pointlessCode(day: string, kind: DayKind): ErrorCode | null {
  const why = pointlessOverride(day, kind);
  if (why === 'workday_on_weekday') return 'CALENDAR_WORKDAY_ON_WEEKDAY';
  if (why === 'holiday_on_weekend') return 'CALENDAR_HOLIDAY_ON_WEEKEND';
  return null;
}

/** One year: its overrides, the working days per month and in total, and whether the caller may edit. */
export async function getYear(db: Kysely<DB>, actor: Actor, year: number = Number(chinaDayOf(new Date()).slice(0, 4))) {
  const rows = await repo.overridesOfYear(db, year);
  const calendar = new WorkCalendar(rows.map((r) => [r.day, r.kind] as const));
  const months = Array.from({ length: 12 }, (_, i) => {
    const month = i + 1;
    const prefix = `${year}-${String(month).padStart(2, '0')}-`;
    const own = rows.filter((r) => r.day.startsWith(prefix));
    return {
      month,
      days: daysInMonth(year, month),
      workingDays: calendar.workingDaysInMonth(year, month),
      holidays: own.filter((r) => r.kind === 'holiday').length,
      makeupDays: own.filter((r) => r.kind === 'workday').length,
    };
  });
  return {
    year,
    today: chinaDayOf(new Date()),
    days: rows.map(present),
    months,
    workingDays: months.reduce((n, m) => n + m.workingDays, 0),
    abilities: { configure: holds(actor, 'case.configure') },
  };
}

/** Sets (or renames) one day's override. */
export async function setDay(db: Kysely<DB>, actor: Actor, day: string, input: CalendarDayInput, ctx: AuditContext, log?: Log) {
  const refused = pointlessCode(day, input.kind);
  if (refused) throw new AppError(400, refused, { day });
  const { version, kindBefore } = await db.transaction().execute(async (tx) => {
    const version = await repo.bumpCalendarVersion(tx);
    const before = await repo.findOverride(tx, day);
    await repo.upsertOverride(tx, { day, kind: input.kind, nameZh: input.nameZh, nameEn: input.nameEn, userId: actor.userId });
    await audit(tx, ctx, {
      action: 'calendar.day_set',
      entity: 'calendar_day',
      entityId: day,
      detail: { kind: input.kind, nameZh: input.nameZh, nameEn: input.nameEn, before: before ? { kind: before.kind, nameZh: before.name_zh, nameEn: before.name_en } : null },
    });
    return { version, kindBefore: before?.kind ?? null };
  });
  // A new name alone moves no deadline.
  const moved = kindBefore === input.kind ? [] : [day];
  await afterCalendarChange(db, { days: moved, earliest: moved[0] ?? null, version, actorId: actor.userId }, log);
  const row = (await repo.overridesOfYear(db, Number(day.slice(0, 4)))).find((r) => r.day === day)!;
  return present(row);
}

/** Clears one day's override: the day goes back to the default week. */
export async function clearDay(db: Kysely<DB>, actor: Actor, day: string, ctx: AuditContext, log?: Log): Promise<void> {
  const version = await db.transaction().execute(async (tx) => {
    const version = await repo.bumpCalendarVersion(tx);
    const before = await repo.findOverride(tx, day);
    if (!before) throw new AppError(404, 'CALENDAR_DAY_NOT_SET', { day });
    await repo.deleteOverride(tx, day);
    await audit(tx, ctx, {
      action: 'calendar.day_clear',
      entity: 'calendar_day',
      entityId: day,
      detail: { before: { kind: before.kind, nameZh: before.name_zh, nameEn: before.name_en } },
    });
    return version;
  });
  await afterCalendarChange(db, { days: [day], earliest: day, version, actorId: actor.userId }, log);
}

/** Checks a year's list; every problem is reported at once (path days.N.day), nothing is written. */
function yearProblems(year: number, input: CalendarYearInput, locale: Locale) {
  const problems: { path: string; code: ErrorCode; day: string; message: string }[] = [];
  const seen = new Set<string>();
  input.days.forEach((d, i) => {
    const code: ErrorCode | null = !d.day.startsWith(`${year}-`)
      ? 'CALENDAR_DAY_OUTSIDE_YEAR'
      : seen.has(d.day)
        ? 'CALENDAR_DAY_REPEATED'
        : pointlessCode(d.day, d.kind);
    seen.add(d.day);
    if (code) problems.push({ path: `days.${i}.day`, code, day: d.day, message: errorMessage(code, locale, { day: d.day, year }) });
  });
  return problems;
}

/** Replaces a year's overrides with the given list, in one transaction. */
export async function replaceYear(db: Kysely<DB>, actor: Actor, year: number, input: CalendarYearInput, ctx: AuditContext, locale: Locale, log?: Log) {
  const problems = yearProblems(year, input, locale);
  if (problems.length > 0) throw new AppError(400, 'CALENDAR_YEAR_INVALID', { year, count: problems.length }, problems);
  const { version, changed, counts } = await db.transaction().execute(async (tx) => {
    const version = await repo.bumpCalendarVersion(tx);
    const before = new Map((await repo.overridesOfYear(tx, year)).map((r) => [r.day, r]));
    const next = new Map(input.days.map((d) => [d.day, d]));
    const added = [...next.keys()].filter((d) => !before.has(d));
    const removed = [...before.keys()].filter((d) => !next.has(d));
    const renamed = [...next.values()].filter((d) => {
      const b = before.get(d.day);
      return b && (b.kind !== d.kind || b.name_zh !== d.nameZh || b.name_en !== d.nameEn);
    });
    await repo.deleteYearExcept(tx, year, [...next.keys()]);
    for (const d of [...next.values()].filter((d) => !before.has(d.day) || renamed.includes(d))) {
      await repo.upsertOverride(tx, { day: d.day, kind: d.kind, nameZh: d.nameZh, nameEn: d.nameEn, userId: actor.userId });
    }
    const counts = { count: next.size, added: added.length, removed: removed.length, changed: renamed.length };
    await audit(tx, ctx, { action: 'calendar.year_replace', entity: 'calendar_year', entityId: year, detail: { ...counts, addedDays: added.sort(), removedDays: removed.sort(), changedDays: renamed.map((d) => d.day).sort() } });
    // A name change alone does not move any deadline.
    const moved = [...added, ...removed, ...renamed.filter((d) => before.get(d.day)!.kind !== d.kind).map((d) => d.day)].sort();
    return { version, changed: moved, counts };
  });
  await afterCalendarChange(db, { days: changed, earliest: changed[0] ?? null, version, actorId: actor.userId }, log);
  return { ...(await getYear(db, actor, year)), changes: counts };
}
