/** Request schemas of the calendar module: the working-day calendar (工作日历). */
import { z } from 'zod';

export const CALENDAR_YEAR_MIN = 2000;
export const CALENDAR_YEAR_MAX = 2100;
export const CALENDAR_NAME_ZH_MAX = 40;
export const CALENDAR_NAME_EN_MAX = 80;

/** A year the calendar keeps. */
export const calendarYear = z.coerce.number().int().min(CALENDAR_YEAR_MIN).max(CALENDAR_YEAR_MAX);
/** A real calendar day, YYYY-MM-DD, in the years the calendar keeps. */
export const calendarDay = z.iso.date().refine((d) => {
  const y = Number(d.slice(0, 4));
  return y >= CALENDAR_YEAR_MIN && y <= CALENDAR_YEAR_MAX;
}, `a day between ${CALENDAR_YEAR_MIN} and ${CALENDAR_YEAR_MAX}`);
export const dayKind = z.enum(['holiday', 'workday']);

export const calendarQuery = z.object({
  /** Defaults to the current year (China time). */
  year: calendarYear.optional(),
});
export const calendarDayParams = z.object({ day: calendarDay });
export const calendarYearParams = z.object({ year: calendarYear });

/** One override: a holiday on a weekday, or a make-up working day (调休上班) on a weekend. */
export const calendarDayBody = z.object({
  kind: dayKind,
  nameZh: z.string().trim().min(1).max(CALENDAR_NAME_ZH_MAX),
  nameEn: z.string().trim().max(CALENDAR_NAME_EN_MAX).default(''),
});

/** A whole year's overrides, replacing the ones stored (e.g. from the State Council's annual notice). */
export const calendarYearBody = z.object({
  days: z.array(calendarDayBody.extend({ day: calendarDay })).max(366),
});

export type CalendarDayInput = z.infer<typeof calendarDayBody>;
export type CalendarYearInput = z.infer<typeof calendarYearBody>;
