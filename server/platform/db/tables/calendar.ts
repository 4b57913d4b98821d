/** Kysely table types of the calendar module. Keep in step with its migration. */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T = unknown> = ColumnType<T, string | T | undefined, string | T>;

/** One override of the default week: a holiday on a weekday or a make-up working day on a weekend. */
export interface CalendarDayTable {
  /** 'YYYY-MM-DD'. */
  day: string;
  kind: 'holiday' | 'workday';
  name_zh: Generated<string>;
  name_en: Generated<string>;
  updated_by: number | null;
  updated_at: Timestamp;
}

export interface CalendarTables {
  calendar_day: CalendarDayTable;
}

export type { Timestamp, NullableTimestamp, Json, Generated };
