/** Kysely table types of the notifications module. Keep in step with its migration. */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T = unknown> = ColumnType<T, string | T | undefined, string | T>;

export interface NotificationsTables {}

export type { Timestamp, NullableTimestamp, Json, Generated };
